"""Admin in Swedish: reference data is edited here; registered data is read-only.

The admin would bypass numbering, history and masking, so cases, handlingar,
decisions and the history are only changed through the app's domain functions.
"""

from django.contrib import admin

from arenden import models
from arenden.services import behorighet, sekretess, tjansteskrivelser


class UppdragInline(admin.TabularInline):
    model = models.Uppdrag
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(models.Organ)
class OrganAdmin(admin.ModelAdmin):
    list_display = ["namn", "forkortning", "typ"]
    search_fields = ["namn", "forkortning"]
    inlines = [UppdragInline]


@admin.register(models.Diarium)
class DiariumAdmin(admin.ModelAdmin):
    list_display = ["prefix", "namn", "organ"]

    def get_readonly_fields(self, request, obj=None):
        # A prefix in use is part of every diarienummer given under it.
        if obj is not None and obj.arenden.exists():
            return ["prefix"]
        return []

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.arenden.exists()


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["namn", "titel", "parti", "avdelning", "anvandare"]
    search_fields = ["namn", "titel", "parti"]
    list_filter = ["parti", "privatperson"]


@admin.register(models.Uppdrag)
class UppdragAdmin(admin.ModelAdmin):
    list_display = ["person", "organ", "roll", "funktion", "fran", "till"]
    list_filter = ["organ", "roll"]
    autocomplete_fields = ["person"]


class EndastLasbar(admin.ModelAdmin):
    """Registered data: visible for support, never changed or deleted from here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Arende)
class ArendeAdmin(EndastLasbar):
    list_display = ["diarienummer", "titel", "status", "typ", "registrerad"]
    search_fields = ["diarienummer", "titel"]
    list_filter = ["diarium", "status", "typ", "ar"]


# What a secrecy mark may cover, beyond what it always does (the file and its details).
SEKRETESS_DOLT = ["fil", "fil_uuid", "filnamn", "filtyp", "filstorlek", "sha256"]


def _hemlig_for(request, handling) -> bool:
    return (
        handling is not None
        and handling.sekretessmarkerad
        and not (behorighet.kan_se_sekretess(request.user, handling))
    )


@admin.register(models.Handling)
class HandlingAdmin(EndastLasbar):
    """The admin honours secrecy like every page: what the mark covers is left out for
    a user without the right, and an opening by someone with it is logged."""

    # The beteckning only: a description may be what the mark covers.
    list_display = ["__str__", "riktning", "datum", "makulerad"]
    list_select_related = ["arende"]

    def get_fields(self, request, obj=None):
        falt = super().get_fields(request, obj)
        if not _hemlig_for(request, obj):
            return falt
        dolt = set(SEKRETESS_DOLT)
        if obj.sekretess_beskrivning:
            dolt |= {"beskrivning", "makulerad_orsak", "tjansteskrivelse"}
        if obj.sekretess_avsandare:
            dolt.add("avsandare_mottagare")
        return [f for f in falt if f not in dolt]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        handling = self.get_object(request, object_id)
        if handling is not None and handling.sekretessmarkerad:
            sekretess.logga_atkomst(request.user, handling, vad="visade handlingen i admin")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(models.Tjansteskrivelse)
class TjansteskrivelseAdmin(EndastLasbar):
    list_display = ["titel", "arende", "status", "datum"]
    list_select_related = ["arende"]

    # A draft's or a secret one's title may say what it holds: such rows are not shown
    # to a user who may not read them, as on every page.
    def get_queryset(self, request):
        qs = tjansteskrivelser.med_sekretess(super().get_queryset(request))
        if not behorighet.kan_se_utkast(request.user):
            qs = qs.filter(status=models.Tjansteskrivelse.Status.KLAR)
        if not behorighet.kan_se_sekretess(request.user):
            qs = qs.filter(hemlig_handling=False)
        return qs

    def has_view_permission(self, request, obj=None):
        ok = super().has_view_permission(request, obj)
        return ok and (obj is None or tjansteskrivelser.far_se(obj, request.user))


@admin.register(models.Beslut)
class BeslutAdmin(EndastLasbar):
    list_display = ["__str__", "arende", "utfall"]
    list_select_related = ["organ", "arende"]


@admin.register(models.Motion)
class MotionAdmin(EndastLasbar):
    list_display = ["titel", "vackt", "besvaras_senast", "utfall"]


@admin.register(models.Sammantrade)
class SammantradeAdmin(EndastLasbar):
    list_display = ["organ", "datum", "status"]


@admin.register(models.Historik)
class HistorikAdmin(EndastLasbar):
    list_display = ["tidpunkt", "anvandare", "handelse", "objekt_typ", "objekt_id"]
    list_filter = ["objekt_typ"]

    def get_fields(self, request, obj=None):
        falt = super().get_fields(request, obj)
        # Before and after hold full values: a draft's text, a description before it
        # was marked. The case page filters them per reader; here only those who may
        # see both drafts and secret material read them.
        if not (
            behorighet.kan_se_sekretess(request.user) and behorighet.kan_se_utkast(request.user)
        ):
            return [f for f in falt if f not in ("fore", "efter")]
        return falt


@admin.register(models.Sekretessatkomst)
class SekretessatkomstAdmin(EndastLasbar):
    list_display = ["tidpunkt", "anvandare", "vad", "handling", "grund"]
