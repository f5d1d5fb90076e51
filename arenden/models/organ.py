from django.conf import settings
from django.db import models


class Organ(models.Model):
    """A body that decides: Regionfullmäktige, Regionstyrelsen, an utskott, SVOM, a styrgrupp."""

    class Typ(models.TextChoices):
        FULLMAKTIGE = "fullmaktige", "Fullmäktige"
        STYRELSE = "styrelse", "Styrelse"
        NAMND = "namnd", "Nämnd"
        UTSKOTT = "utskott", "Utskott"
        SAMVERKANSORGAN = "samverkansorgan", "Samverkansorgan"
        STYRGRUPP = "styrgrupp", "Styrgrupp"

    namn = models.CharField(max_length=200, unique=True)
    forkortning = models.CharField("förkortning", max_length=20, unique=True)
    typ = models.CharField(max_length=20, choices=Typ.choices)
    overordnat = models.ForeignKey(
        "self",
        verbose_name="överordnat organ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="underordnade",
    )

    class Meta:
        verbose_name = "organ"
        verbose_name_plural = "organ"
        ordering = ["namn"]

    def __str__(self):
        return self.namn


class Person(models.Model):
    """Someone the documents name: an official, a politician, a förslagsställare."""

    namn = models.CharField(max_length=200)
    titel = models.CharField(max_length=200, blank=True)
    parti = models.CharField(max_length=20, blank=True, help_text="Förkortning, t.ex. MP.")
    avdelning = models.CharField(max_length=200, blank=True)
    telefon = models.CharField(max_length=50, blank=True)
    epost = models.EmailField("e-post", blank=True)
    # A private person (a förslagsställare) is never named on the public pages.
    privatperson = models.BooleanField(default=False)
    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["namn"]

    def __str__(self):
        return f"{self.namn} ({self.parti})" if self.parti else self.namn


class Uppdrag(models.Model):
    """A seat in an organ for a term: ledamot or ersättare."""

    class Roll(models.TextChoices):
        LEDAMOT = "ledamot", "Ledamot"
        ERSATTARE = "ersattare", "Ersättare"

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="uppdrag")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="uppdrag")
    roll = models.CharField(max_length=20, choices=Roll.choices)
    funktion = models.CharField(
        max_length=100, blank=True, help_text="T.ex. ordförande eller vice ordförande."
    )
    fran = models.DateField("från")
    till = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "uppdrag"
        verbose_name_plural = "uppdrag"
        ordering = ["organ", "roll", "person__namn"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(till__isnull=True) | models.Q(till__gte=models.F("fran")),
                name="uppdrag_till_efter_fran",
                violation_error_message="Mandatperioden kan inte sluta innan den börjar.",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_roll_display()} i {self.organ}"

    def galler(self, dag) -> bool:
        return self.fran <= dag and (self.till is None or dag <= self.till)
