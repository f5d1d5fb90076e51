from django.urls import path

from arenden.views.sammantraden import dagordning, kallelse, lasrum, moten, protokoll

app_name = "sammantraden"

urlpatterns = [
    path("", moten.lista, name="lista"),
    path("ny/", moten.ny, name="ny"),
    path("organ/<str:forkortning>/", moten.organ, name="organ"),
    path("organ/<str:forkortning>/ko/", moten.ko, name="ko"),
    path("<int:pk>/", moten.sammantrade, name="sammantrade"),
    path("<int:pk>/andra/", moten.andra, name="andra"),
    path("<int:pk>/stall-in/", moten.stall_in, name="stall_in"),
    path("<int:pk>/dagordning/", dagordning.dagordning, name="dagordning"),
    path("<int:pk>/dagordning/arende/", dagordning.lagg_till_arende, name="lagg_till_arende"),
    path(
        "<int:pk>/dagordning/fran-ko/<int:bpk>/",
        dagordning.lagg_till_fran_ko,
        name="lagg_till_fran_ko",
    ),
    path(
        "<int:pk>/dagordning/ny/<str:typ>/",
        dagordning.lagg_till_punkt,
        name="lagg_till_punkt",
    ),
    path("<int:pk>/dagordning/ordning/", dagordning.ordna, name="ordna"),
    path("<int:pk>/dagordning/<int:ppk>/flytta/", dagordning.flytta, name="flytta"),
    path("<int:pk>/dagordning/<int:ppk>/andra/", dagordning.andra_punkt, name="andra_punkt"),
    path("<int:pk>/dagordning/<int:ppk>/ta-bort/", dagordning.ta_bort_punkt, name="ta_bort_punkt"),
    path("<int:pk>/kallelse/skicka/", kallelse.skicka, name="skicka_kallelse"),
    path("<int:pk>/kallelse/bygg/", kallelse.bygg, name="bygg_kallelse"),
    path("<int:pk>/kallelse/status/", kallelse.status, name="kallelse_status"),
    path("<int:pk>/kallelse.pdf", kallelse.pdf, name="kallelse_pdf"),
    path("<int:pk>/punkter/<int:ppk>/", lasrum.punkt, name="punkt"),
    path(
        "<int:pk>/punkter/<int:ppk>/tjansteskrivelse.pdf",
        lasrum.tjansteskrivelse_pdf,
        name="punkt_pdf",
    ),
    path(
        "<int:pk>/punkter/<int:ppk>/underlag/<int:hpk>/",
        lasrum.underlag,
        name="underlag",
    ),
    path("<int:pk>/punkter/<int:ppk>/beslut/", protokoll.beslut, name="beslut"),
    path("<int:pk>/narvaro/", protokoll.narvaro, name="narvaro"),
    path("<int:pk>/justering/", protokoll.justering, name="justering"),
    path("<int:pk>/justeringar/<int:jpk>/anslag/", protokoll.anslag, name="anslag"),
    path("<int:pk>/beslut/<int:bpk>/rattelse/", protokoll.rattelse, name="rattelse"),
    path("<int:pk>/protokoll.pdf", protokoll.pdf, name="protokoll_pdf"),
]
