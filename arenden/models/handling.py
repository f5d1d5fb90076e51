from django.conf import settings
from django.db import models
from django.urls import reverse


class Riktning(models.TextChoices):
    INKOMMANDE = "inkommande", "Inkommande"
    UPPRATTAD = "upprattad", "Upprättad"
    UTGAENDE = "utgaende", "Utgående"


def handling_fil_path(instance, filename):
    # The stored name never contains the uploader's file name: no traversal, no guessing.
    return f"handlingar/{instance.arende.ar}/{instance.arende_id}/{instance.fil_uuid}"


class Handling(models.Model):
    """A registered document in a case, numbered within it (RS/554/2019:3)."""

    arende = models.ForeignKey(
        "arenden.Arende", on_delete=models.PROTECT, related_name="handlingar"
    )
    lopnummer = models.PositiveIntegerField("nummer i ärendet")
    riktning = models.CharField(max_length=20, choices=Riktning.choices)
    datum = models.DateField(help_text="Dag då handlingen kom in eller upprättades.")
    avsandare_mottagare = models.CharField("avsändare/mottagare", max_length=300, blank=True)
    # Publishing on the web is not releasing on request: a private person's name
    # stays off the public diary.
    avsandare_privatperson = models.BooleanField(
        "avsändare/mottagare är privatperson", default=False
    )
    beskrivning = models.CharField("kort beskrivning", max_length=500)
    registrerad = models.DateTimeField(db_default=models.functions.Now())
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fil = models.FileField(upload_to=handling_fil_path, blank=True, max_length=300)
    fil_uuid = models.UUIDField(null=True, blank=True, editable=False)
    filnamn = models.CharField(max_length=255, blank=True)
    filtyp = models.CharField(max_length=100, blank=True)
    filstorlek = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    tjansteskrivelse = models.ForeignKey(
        "arenden.Tjansteskrivelse",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handlingar",
    )

    # The secrecy mark (OSL 5 kap 5 §) is a warning, not a decision: it names the
    # provision, the date and the authority, and who set it.
    sekretess_bestammelse = models.CharField("sekretessbestämmelse", max_length=200, blank=True)
    sekretess_datum = models.DateField(null=True, blank=True)
    sekretess_myndighet = models.CharField(max_length=200, blank=True)
    sekretess_satt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The contents (the file) are always covered; OSL 5 kap 2 § lets the registrator
    # also leave out sender/recipient and description, each when needed.
    sekretess_avsandare = models.BooleanField(
        "markeringen omfattar avsändare/mottagare", default=True
    )
    sekretess_beskrivning = models.BooleanField("markeringen omfattar beskrivningen", default=True)

    makulerad = models.BooleanField(default=False)
    makulerad_orsak = models.TextField(blank=True)
    makulerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    makulerad_tid = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "handling"
        verbose_name_plural = "handlingar"
        ordering = ["arende", "lopnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["arende", "lopnummer"], name="handling_unikt_nummer_i_arende"
            ),
            models.CheckConstraint(
                condition=models.Q(makulerad=False) | ~models.Q(makulerad_orsak=""),
                name="handling_makulering_har_orsak",
                violation_error_message="En makulering måste ha en orsak.",
            ),
        ]

    def __str__(self):
        # Not the description: a secrecy mark may cover it, and lists (the access log,
        # the admin, a history entry naming the handling) show this text to anyone.
        return self.beteckning

    @property
    def beteckning(self) -> str:
        return f"{self.arende.diarienummer}:{self.lopnummer}"

    @property
    def sekretessmarkerad(self) -> bool:
        return bool(self.sekretess_bestammelse)

    def get_absolute_url(self):
        return reverse("arenden:handling", args=[self.arende.slug, self.lopnummer])

    def get_fil_url(self):
        return reverse("arenden:handling_fil", args=[self.arende.slug, self.lopnummer])


class Sekretessatkomst(models.Model):
    """Every opening of secret material: who, when, what, and on what ground."""

    class Grund(models.TextChoices):
        BEHORIGHET = "behorighet", "Behörighet att se sekretessmarkerat"
        LEDAMOT = "ledamot", "Ledamot i organet, underlag på dess dagordning"

    tidpunkt = models.DateTimeField(db_default=models.functions.Now())
    anvandare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    handling = models.ForeignKey(Handling, on_delete=models.PROTECT, related_name="atkomster")
    vad = models.CharField(max_length=100)
    grund = models.CharField(max_length=20, choices=Grund.choices)

    class Meta:
        verbose_name = "åtkomst till sekretessmarkerat"
        verbose_name_plural = "åtkomster till sekretessmarkerat"
        ordering = ["-tidpunkt"]

    def __str__(self):
        return f"{self.tidpunkt:%Y-%m-%d %H:%M} {self.anvandare} {self.vad} {self.handling}"
