"""Forms for motions. They parse what was typed; the rules live in services.motioner."""

from django import forms
from django.db.models import Q

from arenden.models import Beslut, Motion, MotionTyp, Organ, Person, Sammantrade
from arenden.models.beslut import MOTION_UTFALL
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut

DATUMFEL = {"invalid": "Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-15."}


class Datumfalt(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", DATUMFEL)
        super().__init__(**kwargs)


class SammantradeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organ.namn} {obj.datum_text}"


class MotionForm(forms.Form):
    typ = forms.ChoiceField(
        label="Slag",
        choices=MotionTyp.choices,
        initial=MotionTyp.MOTION,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj motion eller medborgarförslag."},
    )
    titel = forms.CharField(
        max_length=500,
        required=False,
        help_text="Som på motionen, t.ex. ”Motion om ny hälsoekonomisk budgetmodell”.",
        error_messages={"max_length": "Titeln får vara högst %(limit_value)d tecken."},
    )
    vackt = Datumfalt(
        label="Väckt",
        required=False,
        help_text="Dagen motionen väcktes. Sista dag för svar blir ett år senare.",
    )
    besvaras_senast_sammantrade = SammantradeField(
        queryset=Sammantrade.objects.none(),
        required=False,
        label="Ska besvaras senast vid",
        empty_label="(inom ett år från väckt)",
        help_text="Ett tidigare sammanträde i regionfullmäktige, om regionen bestämt det.",
        error_messages={"invalid_choice": "Sammanträdet finns inte. Välj ett i listan."},
    )
    delegerad_till = forms.ModelChoiceField(
        queryset=Organ.objects.none(),
        required=False,
        label="Beslutet överlämnat till",
        empty_label="(regionfullmäktige beslutar)",
        help_text="Bara medborgarförslag: den nämnd fullmäktige lämnat beslutet till.",
        error_messages={"invalid_choice": "Organet finns inte. Välj ett i listan."},
    )
    text = forms.CharField(
        label="Motionstext",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=100_000,
        help_text="Skriv in texten eller bifoga motionen som fil nedan.",
    )
    fil = forms.FileField(
        label="Motionen som fil",
        required=False,
        help_text="PDF, DOCX, ODT eller inskannad bild.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required by the rules in services.motioner, which report every missing part at
        # once; the form only marks them for the reader.
        for namn in ("titel", "vackt"):
            self.fields[namn].obligatorisk = True
            self.fields[namn].widget.attrs["aria-required"] = "true"
        self.fields["besvaras_senast_sammantrade"].queryset = fullmaktiges_sammantraden()
        self.fields["delegerad_till"].queryset = Organ.objects.exclude(
            forkortning=motionstjanst.FULLMAKTIGE
        )
        if not motionstjanst.tar_emot_medborgarforslag():
            # Not offered at all; a posted "medborgarforslag" gets the service's reason.
            typ = self.fields["typ"]
            typ.choices = [(MotionTyp.MOTION, MotionTyp.MOTION.label)]
            typ.error_messages["invalid_choice"] = motionstjanst.EJ_MEDBORGARFORSLAG
            typ.widget = forms.HiddenInput()
            del self.fields["delegerad_till"]

    def clean(self):
        data = super().clean()
        data.setdefault("delegerad_till", None)
        return data


def fullmaktiges_sammantraden():
    return (
        Sammantrade.objects.filter(organ__forkortning=motionstjanst.FULLMAKTIGE)
        .select_related("organ")
        .order_by("datum")
    )


class BesvarasSenastForm(forms.Form):
    """The earlier meeting by which the motion is to be answered, set after registration."""

    besvaras_senast_sammantrade = SammantradeField(
        queryset=Sammantrade.objects.none(),
        required=False,
        label="Ska besvaras senast vid",
        empty_label="(inom ett år från väckt)",
        help_text="Ett sammanträde i regionfullmäktige före ettårsgränsen, t.ex. det "
        "presidiet bestämt vid fördelningen. Välj den tomma raden för att ta bort det.",
        error_messages={"invalid_choice": "Sammanträdet finns inte. Välj ett i listan."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besvaras_senast_sammantrade"].queryset = fullmaktiges_sammantraden()


class MotionarForm(forms.Form):
    """One motionär: someone already in the register, or a new name with party."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Förtroendevald i registret",
        empty_label="(välj, eller skriv ett nytt namn)",
        error_messages={"invalid_choice": "Personen finns inte. Välj en i listan."},
    )
    namn = forms.CharField(label="Nytt namn", max_length=200, required=False)
    parti = forms.CharField(
        label="Parti", max_length=20, required=False, help_text="Förkortning, t.ex. MP."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(privatperson=False).exclude(parti="")

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("namn"):
            raise forms.ValidationError(
                "Välj en person i listan eller skriv ett nytt namn, inte båda."
            )
        return data

    def motionar(self):
        """The motionär this row names, or None for a row left empty."""
        data = getattr(self, "cleaned_data", {})
        if data.get("person"):
            return data["person"]
        if data.get("namn") or data.get("parti"):
            return motionstjanst.NyPerson(namn=data.get("namn", ""), parti=data.get("parti", ""))
        return None


class YrkandeForm(forms.Form):
    text = forms.CharField(
        label="Att-sats",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


MotionarFormSet = forms.formset_factory(MotionarForm, extra=1, max_num=30, absolute_max=30)
YrkandeFormSet = forms.formset_factory(YrkandeForm, extra=1, max_num=50, absolute_max=50)


class FilterForm(forms.Form):
    STATUS = [
        ("", "Alla"),
        ("oppna", "Obesvarade"),
        ("avslutade", "Avslutade"),
        *[(u.value, u.label) for u in MOTION_UTFALL],
    ]
    FRIST = [
        ("", "Alla"),
        ("forsenade", "Försenade"),
        ("snart", f"Frist inom {motionstjanst.VARNING_DAGAR} dagar"),
    ]
    ORDNING = [("frist", "Frist, tidigast först"), ("-frist", "Frist, senast först")]

    status = forms.ChoiceField(choices=STATUS, required=False, label="Status")
    typ = forms.ChoiceField(
        choices=[("", "Alla"), *MotionTyp.choices], required=False, label="Slag"
    )
    parti = forms.ChoiceField(choices=[("", "Alla")], required=False, label="Parti")
    ar = forms.TypedChoiceField(
        choices=[("", "Alla")], coerce=int, empty_value=None, required=False, label="År"
    )
    frist = forms.ChoiceField(choices=FRIST, required=False, label="Frist")
    ordning = forms.ChoiceField(choices=ORDNING, required=False, label="Sortera")

    def __init__(self, *args, partier=(), ar=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parti"].choices = [("", "Alla"), *[(p, p) for p in partier]]
        self.fields["ar"].choices = [("", "Alla"), *[(str(a), str(a)) for a in ar]]


class SvarForm(forms.Form):
    titel = forms.CharField(
        label="Titel",
        max_length=500,
        error_messages={"required": "Ange tjänsteskrivelsens titel."},
    )
    forslag = forms.ChoiceField(
        label="Förslag till beslut",
        choices=motionstjanst.Forslag.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Välj bifalla, avslå eller anse besvarad.",
            "invalid_choice": "Välj bifalla, avslå eller anse besvarad.",
        },
    )


class AvslutaForm(forms.Form):
    utfall = forms.ChoiceField(
        label="Utfall",
        choices=[(u.value, u.label) for u in MOTION_UTFALL],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Välj bifallen, avslagen, anses besvarad eller avskriven.",
            "invalid_choice": "Välj bifallen, avslagen, anses besvarad eller avskriven.",
        },
    )
    datum = Datumfalt(
        label="Beslutsdatum", error_messages={**DATUMFEL, "required": "Ange beslutsdatum."}
    )
    beslut = forms.ModelChoiceField(
        queryset=Beslut.objects.none(),
        required=False,
        label="Beslut",
        empty_label="(inget registrerat beslut)",
        error_messages={"invalid_choice": "Beslutet finns inte i ärendet. Välj ett i listan."},
    )
    anteckning = forms.CharField(
        label="Anteckning",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Varför och på vilken grund, t.ex. ”Avskriven, motionären har lämnat "
        "fullmäktige (RF 2026-02-12 § 14)”.",
        error_messages={"required": "Skriv en anteckning om avslutet."},
    )

    def __init__(self, *args, motion: Motion, **kwargs):
        super().__init__(*args, **kwargs)
        if motion.ar_medborgarforslag:
            # "förslaget" is neuter: "bifallet", not "bifallen".
            utfall = self.fields["utfall"]
            utfall.choices = [
                (u.value, motionsavslut.utfall_text(motion, u.value).capitalize())
                for u in MOTION_UTFALL
            ]
            fel = "Välj bifallet, avslaget, anses besvarat eller avskrivet."
            utfall.error_messages = {
                **utfall.error_messages,
                "required": fel,
                "invalid_choice": fel,
            }
        beslutande = Q(organ__forkortning=motionstjanst.FULLMAKTIGE)
        if motion.delegerad_till_id:
            beslutande |= Q(organ=motion.delegerad_till_id)
        self.fields["beslut"].queryset = (
            Beslut.objects.filter(beslutande, arende=motion.arende_id)
            .select_related("organ")
            .order_by("-ar", "-paragraf")
        )


class KommentarForm(forms.Form):
    kommentar = forms.CharField(
        label="Kommentar",
        max_length=2000,
        required=False,
        error_messages={"max_length": "Kommentaren får vara högst %(limit_value)d tecken."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DelegeraForm(forms.Form):
    organ = forms.ModelChoiceField(
        queryset=Organ.objects.none(),
        required=False,
        label="Beslutet överlämnat till",
        empty_label="(regionfullmäktige beslutar)",
        error_messages={"invalid_choice": "Organet finns inte. Välj ett i listan."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = Organ.objects.exclude(forkortning=motionstjanst.FULLMAKTIGE)
