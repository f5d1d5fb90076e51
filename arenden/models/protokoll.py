"""What the minutes record besides the decision text: who was there and took part,
what was proposed and voted, reservations, jäv, notes, and later corrections."""

from django.conf import settings
from django.db import models


class Narvaro(models.Model):
    """A member's attendance at a meeting; an ersättare may serve for a ledamot."""

    class Roll(models.TextChoices):
        LEDAMOT = "ledamot", "Ledamot"
        ERSATTARE = "ersattare", "Ersättare"

    sammantrade = models.ForeignKey(
        "arenden.Sammantrade", on_delete=models.CASCADE, related_name="narvaro"
    )
    person = models.ForeignKey("arenden.Person", on_delete=models.PROTECT, related_name="+")
    roll = models.CharField(max_length=20, choices=Roll.choices)
    funktion = models.CharField(max_length=100, blank=True)
    narvarande = models.BooleanField("närvarande", default=True)
    tjanstgor_for = models.ForeignKey(
        "arenden.Person",
        verbose_name="tjänstgör för",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    anteckning = models.CharField(max_length=200, blank=True, help_text="T.ex. ”§§ 1–5”.")

    class Meta:
        verbose_name = "närvaro"
        verbose_name_plural = "närvaro"
        ordering = ["sammantrade", "roll", "person__namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["sammantrade", "person"], name="narvaro_en_rad_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_roll_display()})"


class Tjanstgoring(models.Model):
    """An ersättare serving at one §, in place of a ledamot (absent or jävig)."""

    beslut = models.ForeignKey(
        "arenden.Beslut", on_delete=models.CASCADE, related_name="tjanstgoring"
    )
    ersattare = models.ForeignKey("arenden.Person", on_delete=models.PROTECT, related_name="+")
    ersatter = models.ForeignKey(
        "arenden.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "tjänstgörande ersättare"
        verbose_name_plural = "tjänstgörande ersättare"
        constraints = [
            models.UniqueConstraint(
                fields=["beslut", "ersattare"], name="tjanstgoring_en_gang_per_paragraf"
            )
        ]

    def __str__(self):
        return f"{self.ersattare} för {self.ersatter}" if self.ersatter else str(self.ersattare)


class Beslutsyrkande(models.Model):
    """A yrkande made at the meeting, in the order it was made."""

    beslut = models.ForeignKey("arenden.Beslut", on_delete=models.CASCADE, related_name="yrkanden")
    ordning = models.PositiveIntegerField()
    person = models.ForeignKey(
        "arenden.Person",
        verbose_name="yrkande av",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField()

    class Meta:
        verbose_name = "yrkande vid sammanträde"
        verbose_name_plural = "yrkanden vid sammanträde"
        ordering = ["beslut", "ordning"]

    def __str__(self):
        return f"{self.person}: {self.text[:60]}" if self.person else self.text[:60]


class Votering(models.Model):
    """A vote: the totals, and per member when the roll was called."""

    beslut = models.ForeignKey(
        "arenden.Beslut", on_delete=models.CASCADE, related_name="voteringar"
    )
    ordning = models.PositiveIntegerField(default=1)
    fraga = models.CharField("voteringsproposition", max_length=500, blank=True)
    ja = models.PositiveIntegerField(default=0)
    nej = models.PositiveIntegerField(default=0)
    avstar = models.PositiveIntegerField("avstår", default=0)

    class Meta:
        verbose_name = "votering"
        verbose_name_plural = "voteringar"
        ordering = ["beslut", "ordning"]

    def __str__(self):
        return f"Votering: {self.ja} ja, {self.nej} nej, {self.avstar} avstår"


class Rost(models.Model):
    class Val(models.TextChoices):
        JA = "ja", "Ja"
        NEJ = "nej", "Nej"
        AVSTAR = "avstar", "Avstår"

    votering = models.ForeignKey(Votering, on_delete=models.CASCADE, related_name="roster")
    person = models.ForeignKey("arenden.Person", on_delete=models.PROTECT, related_name="+")
    rost = models.CharField("röst", max_length=10, choices=Val.choices)

    class Meta:
        verbose_name = "röst"
        verbose_name_plural = "röster"
        ordering = ["votering", "person__namn"]
        constraints = [
            models.UniqueConstraint(fields=["votering", "person"], name="rost_en_per_person")
        ]

    def __str__(self):
        return f"{self.person}: {self.get_rost_display()}"


class Reservation(models.Model):
    beslut = models.ForeignKey(
        "arenden.Beslut", on_delete=models.CASCADE, related_name="reservationer"
    )
    person = models.ForeignKey("arenden.Person", on_delete=models.PROTECT, related_name="+")
    motivering = models.TextField(blank=True)

    class Meta:
        verbose_name = "reservation"
        verbose_name_plural = "reservationer"
        ordering = ["beslut", "person__namn"]

    def __str__(self):
        return f"Reservation av {self.person}"


class Jav(models.Model):
    """A member who declared jäv: recorded as not taking part in the §."""

    beslut = models.ForeignKey("arenden.Beslut", on_delete=models.CASCADE, related_name="jav")
    person = models.ForeignKey("arenden.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "jäv"
        verbose_name_plural = "jäv"
        constraints = [
            models.UniqueConstraint(fields=["beslut", "person"], name="jav_en_gang_per_paragraf")
        ]

    def __str__(self):
        return f"{self.person} (jäv)"


class Protokollsanteckning(models.Model):
    beslut = models.ForeignKey(
        "arenden.Beslut", on_delete=models.CASCADE, related_name="protokollsanteckningar"
    )
    ordning = models.PositiveIntegerField(default=1)
    person = models.ForeignKey(
        "arenden.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()

    class Meta:
        verbose_name = "protokollsanteckning"
        verbose_name_plural = "protokollsanteckningar"
        ordering = ["beslut", "ordning"]

    def __str__(self):
        return self.text[:60]


class Rattelse(models.Model):
    """A correction of a justerad §: shown beside it, never written over it."""

    beslut = models.ForeignKey("arenden.Beslut", on_delete=models.PROTECT, related_name="rattelser")
    text = models.TextField("rättelse")
    skal = models.TextField("skäl")
    registrerad = models.DateTimeField(db_default=models.functions.Now())
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "rättelse"
        verbose_name_plural = "rättelser"
        ordering = ["beslut", "registrerad", "id"]

    def __str__(self):
        return f"Rättelse av {self.beslut}"
