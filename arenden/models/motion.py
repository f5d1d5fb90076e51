from django.db import models

from .beslut import Utfall


class MotionTyp(models.TextChoices):
    MOTION = "motion", "Motion"
    MEDBORGARFORSLAG = "medborgarforslag", "Medborgarförslag"


class Motion(models.Model):
    """A councillor's proposal to fullmäktige (or a citizen's), with its one-year deadline."""

    arende = models.OneToOneField(
        "arenden.Arende", verbose_name="ärende", on_delete=models.PROTECT, related_name="motion"
    )
    typ = models.CharField(max_length=20, choices=MotionTyp.choices, default=MotionTyp.MOTION)
    titel = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    # Imported motions may lack a väckt date; new ones are validated strictly by the form.
    vackt = models.DateField("väckt", null=True, blank=True)
    besvaras_senast = models.DateField("ska besvaras senast", null=True, blank=True)
    besvaras_senast_sammantrade = models.ForeignKey(
        "arenden.Sammantrade",
        verbose_name="ska besvaras senast vid",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    remitterad_till = models.ForeignKey(
        "arenden.Organ",
        verbose_name="remitterad till",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="remitterade_motioner",
    )
    utfall = models.CharField(max_length=20, choices=Utfall.choices, blank=True)
    beslut = models.ForeignKey(
        "arenden.Beslut", null=True, blank=True, on_delete=models.PROTECT, related_name="motioner"
    )
    avslutad = models.DateField(null=True, blank=True)
    kalla = models.TextField("källa", blank=True)

    class Meta:
        verbose_name = "motion"
        verbose_name_plural = "motioner"
        ordering = ["besvaras_senast"]

    def __str__(self):
        return self.titel


class Motionar(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="motionarer")
    person = models.ForeignKey("arenden.Person", on_delete=models.PROTECT, related_name="+")
    ordning = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "motionär"
        verbose_name_plural = "motionärer"
        ordering = ["motion", "ordning"]

    def __str__(self):
        return str(self.person)


class Yrkande(models.Model):
    """One att-sats of what the motion asks for."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="yrkanden")
    ordning = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        verbose_name = "yrkande"
        verbose_name_plural = "yrkanden"
        ordering = ["motion", "ordning"]

    def __str__(self):
        return self.text[:80]
