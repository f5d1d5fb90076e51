from django.urls import path

from arenden.views import anslagstavla

app_name = "anslagstavla"

urlpatterns = [
    path("", anslagstavla.lista, name="lista"),
    path("<int:jpk>/protokoll.pdf", anslagstavla.protokoll, name="protokoll"),
]
