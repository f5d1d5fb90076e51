from django.conf import settings
from django.db import models


class Historik(models.Model):
    """Append-only history of every change to registered data: who, when, before, after.

    Written by the domain functions themselves (services.historik.logga), not by
    signals, so bulk writes cannot slip past it. On PostgreSQL a trigger refuses
    UPDATE and DELETE on this table (migration 0002).
    """

    tidpunkt = models.DateTimeField(db_default=models.functions.Now())
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    arende = models.ForeignKey(
        "arenden.Arende",
        verbose_name="ärende",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="historik",
    )
    objekt_typ = models.CharField(max_length=50)
    objekt_id = models.CharField(max_length=50)
    handelse = models.CharField("händelse", max_length=100)
    fore = models.JSONField("före", null=True, blank=True)
    efter = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "historikpost"
        verbose_name_plural = "historik"
        ordering = ["-tidpunkt", "-id"]
        indexes = [models.Index(fields=["objekt_typ", "objekt_id"], name="historik_objekt")]

    def __str__(self):
        return f"{self.tidpunkt:%Y-%m-%d %H:%M} {self.handelse} {self.objekt_typ} {self.objekt_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Historiken kan inte ändras i efterhand.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Historiken kan inte raderas.")

    @property
    def andringar(self) -> list[tuple[str, object, object]]:
        """The fields that changed, as (field, before, after)."""
        fore, efter = self.fore or {}, self.efter or {}
        return [
            (falt, fore.get(falt), efter.get(falt))
            for falt in sorted(set(fore) | set(efter))
            if fore.get(falt) != efter.get(falt)
        ]
