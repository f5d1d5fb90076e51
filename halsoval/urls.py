from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from arenden.views import start
from halsoval import views
from halsoval.middleware import utan_roll

admin.site.site_header = "Diariet – administration"
admin.site.site_title = "Diariet"
admin.site.index_title = "Referensdata"

urlpatterns = [
    path("", utan_roll(start.start), name="start"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", utan_roll(auth_views.LogoutView.as_view()), name="logout"),
    path("arenden/", include("arenden.urls")),
    path("diarium/", include("arenden.urls_diarium")),
    path("sammantraden/", include("arenden.urls_sammantraden")),
    path("motioner/", include("arenden.urls_motioner")),
    path("health/", views.health, name="health"),
    path("tillganglighet/", views.tillganglighet, name="tillganglighet"),
    path("anslagstavla/", include("arenden.urls_anslagstavla")),
    path("admin/", admin.site.urls),
]

handler400 = views.felaktig_forfragan
handler403 = views.atkomst_nekad
handler404 = views.hittades_inte
handler500 = views.serverfel
