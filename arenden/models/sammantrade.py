from django.conf import settings
from django.db import models
from django.urls import reverse


class Sammantrade(models.Model):
    """A meeting of an organ. Imported meetings may be known only by their month."""

    class Status(models.TextChoices):
        PLANERAT = "planerat", "Planerat"
        KALLELSE_SKICKAD = "kallelse_skickad", "Kallelse skickad"
        GENOMFORT = "genomfort", "Genomfört"
        JUSTERAT = "justerat", "Protokoll justerat"
        ANSLAGET = "anslaget", "Anslaget"
        # Called off before it was held: kept, with its agenda, and shown as such.
        INSTALLT = "installt", "Inställt"

    class Precision(models.TextChoices):
        DAG = "dag", "Dag"
        MANAD = "manad", "Månad"

    organ = models.ForeignKey(
        "arenden.Organ", on_delete=models.PROTECT, related_name="sammantraden"
    )
    datum = models.DateField()
    datum_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.DAG
    )
    starttid = models.TimeField(null=True, blank=True)
    sluttid = models.TimeField(null=True, blank=True)
    plats = models.CharField(max_length=200, blank=True)
    ordforande = models.ForeignKey(
        "arenden.Person",
        verbose_name="ordförande",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sekreterare = models.ForeignKey(
        "arenden.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Chosen at "Val av justerare"; the minutes' header names them with the planned
    # time and place of the justering.
    justerare = models.ManyToManyField(
        "arenden.Person", blank=True, related_name="justerar_sammantraden"
    )
    justering_plats = models.CharField("justeringens plats", max_length=200, blank=True)
    justering_datum = models.DateField("justeringens datum", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANERAT)
    kallelse_skickad = models.DateTimeField(null=True, blank=True)
    # Fullmäktige's meetings are announced on the anslagstavla (KL 5 kap 12 §).
    kungjort = models.DateField("kungjort på anslagstavlan", null=True, blank=True)
    kalla = models.TextField("källa", blank=True)
    installt = models.DateTimeField("inställt", null=True, blank=True)
    installt_anledning = models.TextField("anledning till att sammanträdet ställdes in", blank=True)

    class Meta:
        verbose_name = "sammanträde"
        verbose_name_plural = "sammanträden"
        ordering = ["-datum"]

    def __str__(self):
        return f"{self.organ} {self.datum_text}"

    @property
    def importerat(self) -> bool:
        """Known only from a source document's mention: it has no minutes to print."""
        return bool(self.kalla)

    @property
    def datum_text(self) -> str:
        if self.datum_precision == self.Precision.MANAD:
            return f"{self.datum:%Y-%m} (dag saknas i källan)"
        return f"{self.datum:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("sammantraden:sammantrade", args=[self.pk])


class Dagordningspunkt(models.Model):
    """An item of the föredragningslista: kept in order, shown under a display number."""

    class Typ(models.TextChoices):
        ARENDE = "arende", "Ärende"
        PROCEDUR = "procedur", "Procedurpunkt"
        INFORMATION = "information", "Information"

    sammantrade = models.ForeignKey(
        Sammantrade, on_delete=models.CASCADE, related_name="dagordning"
    )
    ordning = models.PositiveIntegerField()
    nummer = models.CharField(max_length=10, blank=True)
    typ = models.CharField(max_length=20, choices=Typ.choices, default=Typ.ARENDE)
    rubrik = models.CharField(max_length=500)
    arende = models.ForeignKey(
        "arenden.Arende", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tjansteskrivelse = models.ForeignKey(
        "arenden.Tjansteskrivelse",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dagordningspunkter",
    )
    # The version frozen when the kallelse went out: what the politicians read.
    tjansteskrivelse_version = models.ForeignKey(
        "arenden.TjansteskrivelseVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    offentlig = models.BooleanField(default=True)
    notering = models.CharField(max_length=300, blank=True)
    # An information item's text, or what the secretariat adds to a procedural one.
    beskrivning = models.TextField(blank=True)
    # The papers that go with the item: printed in the kallelse, readable by the members.
    underlag = models.ManyToManyField(
        "arenden.Handling", blank=True, related_name="dagordningspunkter"
    )
    # An item sent on by another organ's decision ("Regionstyrelsen föreslår
    # regionfullmäktige"): that decision is part of the beslutsunderlag.
    fran_beslut = models.ForeignKey(
        "arenden.Beslut",
        verbose_name="från beslut",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vidare_till",
    )

    class Meta:
        verbose_name = "dagordningspunkt"
        verbose_name_plural = "dagordningspunkter"
        ordering = ["sammantrade", "ordning"]

    def __str__(self):
        return f"{self.nummer}. {self.rubrik}"

    def get_absolute_url(self):
        return reverse("sammantraden:punkt", args=[self.sammantrade_id, self.pk])


class Justering(models.Model):
    """The justering of minutes, whole or one § at once; the appeal period runs from its anslag."""

    sammantrade = models.ForeignKey(
        Sammantrade, on_delete=models.PROTECT, related_name="justeringar"
    )
    beslut = models.ManyToManyField("arenden.Beslut", related_name="justeringar")
    justerad = models.DateField()
    justerare = models.ManyToManyField("arenden.Person", related_name="+")
    omedelbar = models.BooleanField(default=False)
    anslag_uppsatt = models.DateField(null=True, blank=True)
    anslag_nedtas = models.DateField(null=True, blank=True)
    forvaringsplats = models.CharField(max_length=200, blank=True)
    # Last day of the three-week appeal period, moved past weekends and holidays
    # (lag 1930:173); set when the anslag is posted.
    overklagas_senast = models.DateField("överklagas senast", null=True, blank=True)
    registrerad = models.DateTimeField(db_default=models.functions.Now())
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "justering"
        verbose_name_plural = "justeringar"
        ordering = ["-justerad"]

    def __str__(self):
        return f"Justering {self.sammantrade} {self.justerad:%Y-%m-%d}"
