from django.urls import include, path

from arenden import urls_tjansteskrivelser
from arenden.views import arenden, handlingar

app_name = "arenden"

urlpatterns = [
    path("", arenden.lista, name="lista"),
    path("ny/", arenden.ny, name="ny"),
    path("<str:slug>/", arenden.arende, name="arende"),
    path("<str:slug>/handlaggare/", arenden.handlaggare, name="handlaggare"),
    path("<str:slug>/status/", arenden.status, name="status"),
    path("<str:slug>/publik-titel/", arenden.publik_titel, name="publik_titel"),
    path("<str:slug>/avsluta/", arenden.avsluta, name="avsluta"),
    path("<str:slug>/ratta/", arenden.ratta, name="ratta"),
    path("<str:slug>/handlingar/", handlingar.registrera, name="registrera_handling"),
    path("<str:slug>/handlingar/<int:nummer>/", handlingar.visa, name="handling"),
    path("<str:slug>/handlingar/<int:nummer>/fil/", handlingar.fil, name="handling_fil"),
    path("<str:slug>/handlingar/<int:nummer>/sekretess/", handlingar.markera, name="markera"),
    path("<str:slug>/handlingar/<int:nummer>/sekretess/hav/", handlingar.hav, name="hav"),
    path("<str:slug>/handlingar/<int:nummer>/makulera/", handlingar.makulera, name="makulera"),
    path("<str:slug>/tjansteskrivelser/", include(urls_tjansteskrivelser.urlpatterns)),
]
