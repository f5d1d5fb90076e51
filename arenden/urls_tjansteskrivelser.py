"""URLs under /arenden/<slug>/tjansteskrivelser/, in the arenden namespace."""

from django.urls import path

from arenden.views import tjansteskrivelse_redigering as redigering
from arenden.views import tjansteskrivelse_status as status
from arenden.views import tjansteskrivelser as lasning

urlpatterns = [
    path("ny/", redigering.ny, name="tjansteskrivelse_ny"),
    path("<int:pk>/", lasning.visa, name="tjansteskrivelse"),
    path("<int:pk>/pdf/", lasning.pdf, name="tjansteskrivelse_pdf"),
    path("<int:pk>/versioner/", lasning.versioner, name="tjansteskrivelse_versioner"),
    path("<int:pk>/versioner/<int:nummer>/", lasning.version, name="tjansteskrivelse_version"),
    path(
        "<int:pk>/versioner/<int:nummer>/pdf/",
        lasning.version_pdf,
        name="tjansteskrivelse_version_pdf",
    ),
    path("<int:pk>/jamfor/", lasning.jamfor, name="tjansteskrivelse_jamfor"),
    path("<int:pk>/redigera/", redigering.redigera, name="tjansteskrivelse_redigera"),
    path("<int:pk>/autospara/", redigering.autospara, name="tjansteskrivelse_autospara"),
    path(
        "<int:pk>/forhandsgranska/",
        redigering.forhandsgranska,
        name="tjansteskrivelse_forhandsgranska",
    ),
    path("<int:pk>/klistra-in/", redigering.klistra_in, name="tjansteskrivelse_klistra_in"),
    path(
        "<int:pk>/arbetskopia/slang/",
        redigering.slang_arbetskopia,
        name="tjansteskrivelse_slang_arbetskopia",
    ),
    path("<int:pk>/granskning/", status.granskning, name="tjansteskrivelse_granskning"),
    path("<int:pk>/kommentera/", status.kommentera, name="tjansteskrivelse_kommentera"),
    path("<int:pk>/godkann/", status.godkann, name="tjansteskrivelse_godkann"),
    path("<int:pk>/tillbaka/", status.tillbaka, name="tjansteskrivelse_tillbaka"),
    path("<int:pk>/ateroppna/", status.ateroppna, name="tjansteskrivelse_ateroppna"),
]
