from django.conf import settings
from django.db import models


class Utfall(models.TextChoices):
    """One set of outcomes shared by decisions and motions."""

    BIFALL = "bifall", "Bifall"
    AVSLAG = "avslag", "Avslag"
    ATERREMISS = "aterremiss", "Återremiss"
    BORDLAGGNING = "bordlaggning", "Bordläggning"
    ANTECKNING = "anteckning", "Lades till handlingarna"
    BIFALLEN = "bifallen", "Bifallen"
    AVSLAGEN = "avslagen", "Avslagen"
    ANSES_BESVARAD = "anses_besvarad", "Anses besvarad"
    AVSKRIVEN = "avskriven", "Avskriven"


MOTION_UTFALL = [
    Utfall.BIFALLEN,
    Utfall.AVSLAGEN,
    Utfall.ANSES_BESVARAD,
    Utfall.AVSKRIVEN,
]


class Beslut(models.Model):
    """A decision under a § number that runs per organ and year.

    The proposal and the decision text are kept apart: what was proposed is not
    always what was decided.
    """

    organ = models.ForeignKey("arenden.Organ", on_delete=models.PROTECT, related_name="beslut")
    ar = models.PositiveIntegerField("år")
    # Unknown only for decisions imported from sources that cite none.
    paragraf = models.PositiveIntegerField("§", null=True, blank=True)
    sammantrade = models.ForeignKey(
        "arenden.Sammantrade",
        verbose_name="sammanträde",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beslut",
    )
    dagordningspunkt = models.OneToOneField(
        "arenden.Dagordningspunkt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beslut",
    )
    arende = models.ForeignKey(
        "arenden.Arende",
        verbose_name="ärende",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beslut",
    )
    rubrik = models.CharField(max_length=500, blank=True)
    forslag = models.TextField("förslag till beslut", blank=True)
    beslutstext = models.TextField(blank=True)
    utfall = models.CharField(max_length=20, choices=Utfall.choices, blank=True)
    # The order in which the chair put the yrkanden, as the minutes word it.
    propositionsordning = models.TextField(blank=True)
    beslutsunderlag = models.TextField(blank=True, help_text="En handling per rad.")
    utdrag_till = models.JSONField("utdrag till", default=list, blank=True)
    # "Regionstyrelsen föreslår regionfullmäktige": the case goes on to that organ.
    forslag_till = models.ForeignKey(
        "arenden.Organ",
        verbose_name="förslag till",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inkommande_forslag",
    )
    # The protokollsutdrag, registered in the case as an utgående handling.
    utdrag = models.OneToOneField(
        "arenden.Handling",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="utdrag_av",
    )
    registrerad = models.DateTimeField(db_default=models.functions.Now())
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    justerad = models.BooleanField(default=False)
    # Imported from a source document: what the source says, and where.
    kalla = models.TextField("källa", blank=True)

    class Meta:
        verbose_name = "beslut"
        verbose_name_plural = "beslut"
        ordering = ["organ", "-ar", "-paragraf"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "ar", "paragraf"], name="beslut_unik_paragraf_per_organ_och_ar"
            )
        ]

    def __str__(self):
        return f"{self.organ.forkortning} {self.ar} § {self.paragraf}"

    def get_absolute_url(self):
        if self.sammantrade_id:
            return f"{self.sammantrade.get_absolute_url()}#beslut-{self.pk}"
        return self.arende.get_absolute_url() if self.arende_id else ""

    @property
    def importerad(self) -> bool:
        return bool(self.kalla)
