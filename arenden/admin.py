"""Admin in Swedish: reference data is edited here; registered data is read-only.

The admin would bypass numbering, history and masking, so cases, handlingar,
decisions and the history are only changed through the app's domain functions.
"""

from django.contrib import admin

from arenden import models


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


@admin.register(models.Handling)
class HandlingAdmin(EndastLasbar):
    list_display = ["__str__", "riktning", "datum", "makulerad"]
    list_select_related = ["arende"]


@admin.register(models.Tjansteskrivelse)
class TjansteskrivelseAdmin(EndastLasbar):
    list_display = ["titel", "arende", "status", "datum"]
    list_select_related = ["arende"]


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


@admin.register(models.Sekretessatkomst)
class SekretessatkomstAdmin(EndastLasbar):
    list_display = ["tidpunkt", "anvandare", "vad", "handling", "grund"]
