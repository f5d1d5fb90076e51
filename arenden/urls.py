from django.urls import path

from arenden.views import arenden, handlingar, tjansteskrivelser

app_name = "arenden"

urlpatterns = [
    path("", arenden.lista, name="lista"),
    path("ny/", arenden.ny, name="ny"),
    path("<str:slug>/", arenden.arende, name="arende"),
    path("<str:slug>/handlingar/<int:nummer>/fil/", handlingar.fil, name="handling_fil"),
    path(
        "<str:slug>/tjansteskrivelser/<int:pk>/",
        tjansteskrivelser.visa,
        name="tjansteskrivelse",
    ),
    path(
        "<str:slug>/tjansteskrivelser/<int:pk>/pdf/",
        tjansteskrivelser.pdf,
        name="tjansteskrivelse_pdf",
    ),
]
