from django.db import models


class Nummerserie(models.Model):
    """The last number handed out in one series: a diarium's year or an organ's year of §§.

    One row per series and year; allocation locks the row (see services.numrering),
    so numbers are consecutive and never reused even when requests race.
    """

    serie = models.CharField(max_length=40)
    ar = models.PositiveIntegerField("år")
    senaste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "nummerserie"
        verbose_name_plural = "nummerserier"
        constraints = [
            models.UniqueConstraint(fields=["serie", "ar"], name="nummerserie_unik_per_ar"),
        ]

    def __str__(self):
        return f"{self.serie} {self.ar}: {self.senaste}"
