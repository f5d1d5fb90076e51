from django.urls import include, path

from arenden import urls_tjansteskrivelser
from arenden.views import arenden, handlingar

app_name = "arenden"

urlpatterns = [
    path("", arenden.lista, name="lista"),
    path("ny/", arenden.ny, name="ny"),
    path("<str:slug>/", arenden.arende, name="arende"),
    path("<str:slug>/handlingar/<int:nummer>/fil/", handlingar.fil, name="handling_fil"),
    path("<str:slug>/tjansteskrivelser/", include(urls_tjansteskrivelser.urlpatterns)),
]
