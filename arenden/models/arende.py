from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from arenden.diarienummer import PREFIX_RE, Diarienummer


class Diarium(models.Model):
    """A register with a prefix, one per board: "RS"."""

    prefix = models.CharField(max_length=10, unique=True)
    namn = models.CharField(max_length=200)
    organ = models.ForeignKey(
        "arenden.Organ", null=True, blank=True, on_delete=models.PROTECT, related_name="diarier"
    )

    class Meta:
        verbose_name = "diarium"
        verbose_name_plural = "diarier"
        ordering = ["prefix"]

    def __str__(self):
        return f"{self.prefix} – {self.namn}"

    def clean(self):
        # A prefix the parser cannot read would make its cases unsearchable and unlinkable.
        if not PREFIX_RE.fullmatch(self.prefix or ""):
            raise ValidationError(
                {"prefix": "Prefixet ska vara 1–8 versaler, eventuellt följda av 1–2 siffror."}
            )


class Arende(models.Model):
    """A case. Its diarienummer is given once, at registration, and never changes."""

    class Status(models.TextChoices):
        PAGAENDE = "pagaende", "Pågående"
        VILANDE = "vilande", "Vilande"
        AVSLUTAT = "avslutat", "Avslutat"

    class Typ(models.TextChoices):
        ARENDE = "arende", "Ärende"
        MOTION = "motion", "Motion"
        MEDBORGARFORSLAG = "medborgarforslag", "Medborgarförslag"
        REMISS = "remiss", "Remiss"
        ANMALAN = "anmalan", "Anmälningsärende"

    diarium = models.ForeignKey(Diarium, on_delete=models.PROTECT, related_name="arenden")
    ar = models.PositiveIntegerField("år")
    lopnummer = models.PositiveIntegerField("löpnummer")
    # Kept as text as well, set once at registration, so search and lookups need no join.
    diarienummer = models.CharField(max_length=40, unique=True, editable=False)
    titel = models.CharField(max_length=500)
    publik_titel = models.CharField(
        "publik titel",
        max_length=500,
        help_text="Titeln i det publika e-diariet; kan skilja sig från den interna.",
    )
    typ = models.CharField("ärendetyp", max_length=20, choices=Typ.choices, default=Typ.ARENDE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PAGAENDE)
    organ = models.ForeignKey(
        "arenden.Organ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arenden",
        help_text="Organet som ska besluta.",
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="handläggare",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arenden",
    )
    registrerad = models.DateTimeField(db_default=models.functions.Now())
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    avslutad = models.DateField(null=True, blank=True)
    anteckning = models.TextField(blank=True)
    # Records imported from the source documents are marked as such; what the source
    # does not say stays unknown rather than invented.
    kalla = models.TextField("källa", blank=True)
    relaterade = models.ManyToManyField("self", blank=True, verbose_name="relaterade ärenden")

    class Meta:
        verbose_name = "ärende"
        verbose_name_plural = "ärenden"
        ordering = ["-ar", "-lopnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["diarium", "ar", "lopnummer"], name="arende_unikt_diarienummer"
            )
        ]
        indexes = [
            models.Index(fields=["-registrerad"], name="arende_registrerad"),
            # The list's default order, newest number first, read straight off an index.
            models.Index(fields=["-ar", "-lopnummer"], name="arende_nyast"),
        ]
        permissions = [
            ("registrera", "Får registrera ärenden, handlingar och sekretessmarkeringar"),
            ("se_utkast", "Får se utkast till tjänsteskrivelser"),
            ("skriva_tjansteskrivelse", "Får skriva och ändra tjänsteskrivelser"),
            ("se_sekretess", "Får se innehållet i sekretessmarkerade handlingar"),
            ("hantera_sammantraden", "Får bygga dagordningar, skicka kallelser och protokollföra"),
            ("lasa_beslut", "Får läsa förslag på skickade kallelser och beslut"),
        ]

    def __str__(self):
        return f"{self.diarienummer} {self.titel}"

    @property
    def nummer(self) -> Diarienummer:
        return Diarienummer(self.diarium.prefix, self.lopnummer, self.ar)

    @property
    def slug(self) -> str:
        return self.diarienummer.replace("/", "-")

    def get_absolute_url(self):
        return reverse("arenden:arende", args=[self.slug])

    def get_public_url(self):
        return reverse("diarium:arende", args=[self.slug])


class Sokdokument(models.Model):
    """The text a search reads for one case: one full, one public and masked.

    Kept up to date by the domain functions (services.sok), never by signals,
    so bulk writes cannot leave it stale without the code saying so. The heading
    (diarienummer and title) is kept apart from the body so that a match there
    ranks higher and a snippet shows the body; drafts are kept apart so that only
    readers who may see drafts find them. The vectors are filled on PostgreSQL
    only; SQLite searches the text.
    """

    arende = models.OneToOneField(Arende, on_delete=models.CASCADE, related_name="sokdokument")
    rubrik = models.TextField(blank=True)
    fulltext = models.TextField(blank=True)
    utkasttext = models.TextField(blank=True)
    publik_rubrik = models.TextField("publik rubrik", blank=True)
    publiktext = models.TextField(blank=True)
    full_sv = SearchVectorField(null=True, editable=False)
    publik_sv = SearchVectorField(null=True, editable=False)
    uppdaterad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sökdokument"
        verbose_name_plural = "sökdokument"

    def __str__(self):
        return f"Sökdokument för {self.arende.diarienummer}"
