from django.db import models
from django.urls import reverse

from .beslut import MOTION_UTFALL


class MotionTyp(models.TextChoices):
    MOTION = "motion", "Motion"
    MEDBORGARFORSLAG = "medborgarforslag", "Medborgarförslag"


class Motion(models.Model):
    """A councillor's proposal to fullmäktige (or a citizen's), with its one-year deadline.

    `besvaras_senast` is always the legal date, one year after väckt (services.motioner
    computes it, once); an earlier meeting set by the region is kept beside it, so the
    report can say both "inom ett år" and "senast vid regionfullmäktige 2026-06-16".
    """

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
    # Fullmäktige may hand the decision on a medborgarförslag to a nämnd (KL 5 kap 23 §);
    # that nämnd's decision then closes it.
    delegerad_till = models.ForeignKey(
        "arenden.Organ",
        verbose_name="beslut delegerat till",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegerade_motioner",
    )
    utfall = models.CharField(
        max_length=20, choices=[(u.value, u.label) for u in MOTION_UTFALL], blank=True
    )
    beslut = models.ForeignKey(
        "arenden.Beslut", null=True, blank=True, on_delete=models.PROTECT, related_name="motioner"
    )
    avslutad = models.DateField(null=True, blank=True)
    avslut_anteckning = models.TextField("anteckning vid avslut", blank=True)
    # The secretariat's word on the motion in "Redovisning av obesvarade motioner".
    redovisning_kommentar = models.TextField("kommentar i redovisningen", blank=True)
    kalla = models.TextField("källa", blank=True)

    class Meta:
        verbose_name = "motion"
        verbose_name_plural = "motioner"
        ordering = ["besvaras_senast"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vackt__isnull=True)
                | models.Q(besvaras_senast__isnull=True)
                | models.Q(besvaras_senast__gte=models.F("vackt")),
                name="motion_frist_efter_vackt",
                violation_error_message="Sista dag för svar kan inte ligga före väckt-datum.",
            ),
            # Open, or closed with a motion outcome and a date: never half of each.
            models.CheckConstraint(
                condition=models.Q(utfall="", avslutad__isnull=True)
                | models.Q(utfall__in=[u.value for u in MOTION_UTFALL], avslutad__isnull=False),
                name="motion_utfall_och_avslutad_hor_ihop",
                violation_error_message="En avslutad motion har både utfall och datum.",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("motioner:motion", args=[self.arende.slug])

    @property
    def oppen(self) -> bool:
        return not self.utfall

    @property
    def ar_medborgarforslag(self) -> bool:
        return self.typ == MotionTyp.MEDBORGARFORSLAG


class Motionar(models.Model):
    """A motionär, or for a medborgarförslag the förslagsställare (a private person)."""

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
