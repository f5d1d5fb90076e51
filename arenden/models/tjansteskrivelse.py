from django.conf import settings
from django.db import models
from django.urls import reverse


class Tjansteskrivelse(models.Model):
    """The official memo; its förslag becomes the board's decision proposal.

    Header values are stored as written in this document: titles change and
    spellings differ between documents, so nothing is derived from a Person.
    """

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        GRANSKNING = "granskning", "Granskning"
        KLAR = "klar", "Klar"

    arende = models.ForeignKey(
        "arenden.Arende", on_delete=models.PROTECT, related_name="tjansteskrivelser"
    )
    titel = models.CharField(max_length=500)
    datum = models.DateField(null=True, blank=True)
    avdelning = models.CharField(max_length=200, blank=True)
    handlaggare_namn = models.CharField("handläggare", max_length=200, blank=True)
    handlaggare_telefon = models.CharField("telefon", max_length=50, blank=True)
    handlaggare_epost = models.CharField("e-post", max_length=200, blank=True)
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="handläggare (användare)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tjansteskrivelser",
    )
    # Header fields the source document lacked; printed as "uppgift saknas i källan".
    saknas_i_kallan = models.JSONField(default=list, blank=True)
    forslag_av = models.CharField("förslag av", max_length=200, blank=True)
    forslag_inledning = models.CharField("inledning till förslaget", max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UTKAST)
    granskare = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Bumped on every save, so a second editor cannot silently overwrite the first.
    version = models.PositiveIntegerField(default=1)
    skapad = models.DateTimeField(db_default=models.functions.Now())
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    andrad = models.DateTimeField(auto_now=True)
    kalla = models.TextField("källa", blank=True)

    class Meta:
        verbose_name = "tjänsteskrivelse"
        verbose_name_plural = "tjänsteskrivelser"
        ordering = ["arende", "skapad"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("arenden:tjansteskrivelse", args=[self.arende.slug, self.pk])


class Avsnitt(models.Model):
    """One section: a heading and a Markdown body. Sections are an ordered list."""

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.CASCADE, related_name="avsnitt"
    )
    ordning = models.PositiveIntegerField()
    rubrik = models.CharField(max_length=300)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "avsnitt"
        verbose_name_plural = "avsnitt"
        ordering = ["tjansteskrivelse", "ordning"]

    def __str__(self):
        return self.rubrik


class Attsats(models.Model):
    """One numbered point of the beslutsförslag; Markdown, so it may hold a sub-list."""

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.CASCADE, related_name="attsatser"
    )
    ordning = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        verbose_name = "att-sats"
        verbose_name_plural = "att-satser"
        ordering = ["tjansteskrivelse", "ordning"]

    def __str__(self):
        return self.text[:80]


class Undertecknare(models.Model):
    """A signatory under "I tjänsten", as written in this document."""

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.CASCADE, related_name="undertecknare"
    )
    ordning = models.PositiveIntegerField()
    namn = models.CharField(max_length=200)
    titel = models.CharField(max_length=300, blank=True)
    person = models.ForeignKey(
        "arenden.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "undertecknare"
        verbose_name_plural = "undertecknare"
        ordering = ["tjansteskrivelse", "ordning"]

    def __str__(self):
        return f"{self.namn}, {self.titel}" if self.titel else self.namn


class UtdragMottagare(models.Model):
    """One entry of "Utdrag till", as written in this document."""

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.CASCADE, related_name="utdrag_till"
    )
    ordning = models.PositiveIntegerField()
    mottagare = models.CharField(max_length=300)
    person = models.ForeignKey(
        "arenden.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "mottagare av utdrag"
        verbose_name_plural = "utdrag till"
        ordering = ["tjansteskrivelse", "ordning"]

    def __str__(self):
        return self.mottagare


class TjansteskrivelseVersion(models.Model):
    """A frozen copy of the whole document, made on explicit save and status change."""

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.PROTECT, related_name="versioner"
    )
    nummer = models.PositiveIntegerField()
    innehall = models.JSONField("innehåll")
    anledning = models.CharField(max_length=200)
    skapad = models.DateTimeField(db_default=models.functions.Now())
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "version av tjänsteskrivelse"
        verbose_name_plural = "versioner av tjänsteskrivelser"
        ordering = ["tjansteskrivelse", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjansteskrivelse", "nummer"], name="tjansteskrivelse_version_unik"
            )
        ]

    def __str__(self):
        return f"{self.tjansteskrivelse} v{self.nummer}"


class Arbetskopia(models.Model):
    """One user's unsaved edits of a tjänsteskrivelse, kept by autosave.

    Nothing typed is lost to a network error or a closed tab; the next visit offers it
    back. `bas_version` is the Tjansteskrivelse.version the edits started from, so a
    restored copy still meets the conflict check when it is saved.
    """

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.CASCADE, related_name="arbetskopior"
    )
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    innehall = models.JSONField("innehåll")
    bas_version = models.PositiveIntegerField()
    uppdaterad = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "arbetskopia"
        verbose_name_plural = "arbetskopior"
        constraints = [
            models.UniqueConstraint(
                fields=["tjansteskrivelse", "anvandare"], name="arbetskopia_en_per_anvandare"
            )
        ]

    def __str__(self):
        return f"Arbetskopia av {self.tjansteskrivelse} ({self.anvandare})"


class Granskningskommentar(models.Model):
    """What the reviewer said, and what they decided, about one version."""

    class Typ(models.TextChoices):
        KOMMENTAR = "kommentar", "Kommentar"
        GODKAND = "godkand", "Godkänd"
        TILLBAKA = "tillbaka", "Skickad tillbaka"

    tjansteskrivelse = models.ForeignKey(
        Tjansteskrivelse, on_delete=models.PROTECT, related_name="kommentarer"
    )
    forfattare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="författare",
        on_delete=models.PROTECT,
        related_name="+",
    )
    typ = models.CharField(max_length=20, choices=Typ.choices, default=Typ.KOMMENTAR)
    text = models.TextField(blank=True)
    # The document version the comment was made on: later edits do not move it.
    version = models.PositiveIntegerField()
    skapad = models.DateTimeField(db_default=models.functions.Now())

    class Meta:
        verbose_name = "granskningskommentar"
        verbose_name_plural = "granskningskommentarer"
        ordering = ["tjansteskrivelse", "skapad", "id"]

    def __str__(self):
        return f"{self.get_typ_display()}: {self.text[:60]}"
