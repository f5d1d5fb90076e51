from django.conf import settings
from django.db import models


def paket_fil_path(instance, filename):
    return f"kallelser/{instance.sammantrade_id}/{filename}"


class KallelsePaket(models.Model):
    """One build of the kallelse bundle (a reading copy): its parts and its progress.

    `manifest` lists, as plain data taken when the build started, every part the
    tasks render and merge, so a change made during the build cannot mix versions.
    """

    class Status(models.TextChoices):
        PAGAR = "pagar", "Byggs"
        KLAR = "klar", "Klar"
        MISSLYCKAD = "misslyckad", "Misslyckades"

    sammantrade = models.ForeignKey(
        "arenden.Sammantrade", on_delete=models.CASCADE, related_name="kallelsepaket"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PAGAR)
    manifest = models.JSONField(default=dict)
    antal_delar = models.PositiveIntegerField(default=0)
    klara_delar = models.PositiveIntegerField(default=0)
    sidor = models.PositiveIntegerField(null=True, blank=True)
    fil = models.FileField(upload_to=paket_fil_path, blank=True, max_length=300)
    # Made only when some underlag is secret: the copy for readers who may not see it.
    fil_utan_sekretess = models.FileField(upload_to=paket_fil_path, blank=True, max_length=300)
    fel = models.TextField(blank=True)
    startad = models.DateTimeField(db_default=models.functions.Now())
    klar_tid = models.DateTimeField(null=True, blank=True)
    startad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "kallelsepaket"
        verbose_name_plural = "kallelsepaket"
        ordering = ["-startad", "-id"]

    def __str__(self):
        return f"Kallelse {self.sammantrade} ({self.startad:%Y-%m-%d %H:%M})"

    @property
    def procent(self) -> int:
        # The merge is one step more than the parts.
        steg = self.antal_delar + 1
        klara = self.klara_delar + (1 if self.status == self.Status.KLAR else 0)
        return round(100 * klara / steg) if steg else 0
