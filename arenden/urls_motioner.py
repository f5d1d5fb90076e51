from django.urls import path

from arenden.views import motioner

app_name = "motioner"

urlpatterns = [
    path("", motioner.lista, name="lista"),
    path("ny/", motioner.ny, name="ny"),
    path("redovisning/", motioner.redovisning, name="redovisning"),
    path("redovisning/pdf/", motioner.redovisning_pdf, name="redovisning_pdf"),
    path("<str:slug>/", motioner.motion, name="motion"),
    path("<str:slug>/svar/", motioner.svar, name="svar"),
    path("<str:slug>/avsluta/", motioner.avsluta, name="avsluta"),
    path("<str:slug>/besvaras-senast/", motioner.besvaras_senast, name="besvaras_senast"),
    path("<str:slug>/delegera/", motioner.delegera, name="delegera"),
    path("<str:slug>/kommentar/", motioner.kommentar, name="kommentar"),
]
