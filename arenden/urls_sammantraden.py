from django.urls import path

from arenden.views import sammantraden

app_name = "sammantraden"

urlpatterns = [
    path("", sammantraden.lista, name="lista"),
    path("<int:pk>/", sammantraden.sammantrade, name="sammantrade"),
]
