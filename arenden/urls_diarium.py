from django.urls import path

from arenden.views import diarium

app_name = "diarium"

urlpatterns = [
    path("", diarium.lista, name="lista"),
    path("<str:slug>/", diarium.arende, name="arende"),
]
