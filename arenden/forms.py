from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Arende, Diarium, Nummerserie, Organ, Riktning
from arenden.services import filer, sekretess, sokning
from arenden.services.arenden import rensa_titel

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATUMFEL = {"invalid": "Ange ett datum som ÅÅÅÅ-MM-DD."}


def _anvandarnamn(user) -> str:
    return user.get_full_name() or user.username


class HandlaggareField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _anvandarnamn(obj)


class RegistreraArendeForm(forms.Form):
    diarium = forms.ModelChoiceField(
        queryset=Diarium.objects.all(),
        empty_label=None,
        error_messages={
            "required": "Välj det diarium ärendet ska registreras i.",
            "invalid_choice": "Diariet finns inte. Välj ett av diarierna i listan.",
        },
    )
    titel = forms.CharField(
        max_length=500,
        error_messages={
            "required": "Ange ärendets titel.",
            "max_length": "Titeln får vara högst %(limit_value)d tecken.",
        },
    )
    publik_titel = forms.CharField(
        label="Publik titel",
        max_length=500,
        required=False,
        help_text="Visas i det publika e-diariet. Lämna tomt för samma som titeln.",
    )
    typ = forms.ChoiceField(label="Ärendetyp", choices=Arende.Typ.choices, initial="arende")
    organ = forms.ModelChoiceField(
        queryset=Organ.objects.all(),
        required=False,
        label="Beslutande organ",
        empty_label="(inget valt)",
        error_messages={"invalid_choice": "Organet finns inte. Välj ett i listan."},
    )
    handlaggare = HandlaggareField(
        queryset=get_user_model().objects.filter(groups__name="Handläggare").distinct(),
        required=False,
        label="Handläggare",
        empty_label="(ingen ännu)",
        error_messages={"invalid_choice": "Handläggaren finns inte. Välj en i listan."},
    )

    def clean_titel(self):
        # CharField strips, so a title of only spaces arrives here as "".
        titel = rensa_titel(self.cleaned_data["titel"])
        if not titel:
            raise forms.ValidationError("Ange ärendets titel.")
        return titel

    def clean_publik_titel(self):
        return rensa_titel(self.cleaned_data["publik_titel"])


def _handlaggare():
    return (
        get_user_model()
        .objects.filter(groups__name="Handläggare")
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def valdata(falt) -> dict:
    """A select's name, id, label and (value, text, selected) options, for a template loop.

    For selects drawn on busy pages: the widget templates cost a render per option.
    """
    vald = str(falt.value() if falt.value() is not None else "")
    return {
        "namn": falt.html_name,
        "id": falt.id_for_label,
        "etikett": falt.label,
        "falt": falt,
        "alternativ": [
            (str(varde), text, str(varde) == vald) for varde, text in falt.field.choices
        ],
    }


class SokForm(forms.Form):
    """The search box and filters of the case list and the public diary.

    Everything optional; a value that does not validate is simply not applied, so a
    hand-edited or stale URL still answers with a list.
    """

    q = forms.CharField(
        required=False,
        max_length=10_000,
        label="Sök",
        strip=True,
        error_messages={
            "max_length": "Sökningen är för lång: högst %(limit_value)d tecken, du skrev "
            "%(show_value)d. Korta den och sök igen.",
            "null_characters_not_allowed": "Sökningen innehåller ett tecken som inte går att "
            "söka på (ett nolltecken). Ta bort det och sök igen.",
        },
    )
    diarium = forms.ModelChoiceField(
        queryset=Diarium.objects.all(),
        to_field_name="prefix",
        required=False,
        empty_label="Alla diarier",
    )
    ar = forms.TypedChoiceField(label="År", coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(choices=[("", "Alla")] + Arende.Status.choices, required=False)
    typ = forms.ChoiceField(
        label="Ärendetyp", choices=[("", "Alla typer")] + Arende.Typ.choices, required=False
    )
    handlaggare = HandlaggareField(
        label="Handläggare",
        queryset=_handlaggare(),
        to_field_name="username",
        required=False,
        empty_label="Alla handläggare",
    )
    organ = forms.ModelChoiceField(
        label="Beslutande organ",
        queryset=Organ.objects.all(),
        to_field_name="forkortning",
        required=False,
        empty_label="Alla organ",
    )
    ordning = forms.ChoiceField(
        label="Sortera", choices=list(sokning.ORDNINGAR.items()), required=False
    )

    def __init__(self, *args, publik: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlaggare"].queryset = _handlaggare()
        if publik:
            # The public diary names no officials and sorts by what the public sees.
            del self.fields["handlaggare"]
            self.fields["ordning"].choices = [
                (k, v) for k, v in sokning.ORDNINGAR.items() if k != "titel"
            ]
        # The years that have numbers, read from the small table of number series.
        ar = (
            Nummerserie.objects.filter(serie__startswith="diarium:")
            .order_by("-ar")
            .values_list("ar", flat=True)
            .distinct()
        )
        self.fields["ar"].choices = [("", "Alla år")] + [(a, a) for a in ar]

    @property
    def sokfel(self) -> str:
        """Why the search text cannot be searched, or "": then nothing is listed, since
        the whole list would look like an answer to it."""
        self.is_valid()
        fel = self.errors.get("q")
        return fel[0] if fel else ""

    def urval(self) -> tuple[str, "sokning.Filter", str]:
        """(q, filter, ordning) from what validated."""
        self.is_valid()
        data = self.cleaned_data
        return (
            data.get("q") or "",
            sokning.Filter(
                diarium=data.get("diarium"),
                ar=data.get("ar"),
                status=data.get("status") or "",
                typ=data.get("typ") or "",
                handlaggare=data.get("handlaggare"),
                organ=data.get("organ"),
            ),
            data.get("ordning") or "",
        )

    def filterval(self) -> list[dict]:
        """The filter selects as plain data for the template.

        Rendered by a loop rather than by the widgets: the list page draws them on
        every keystroke, and the widget templates cost a render per option.
        """
        return [valdata(self[namn]) for namn in self.fields if namn != "q"]

    @property
    def filtrerad(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(namn) for namn in self.fields if namn not in ("q", "ordning"))


class RegistreraHandlingForm(forms.Form):
    riktning = forms.ChoiceField(
        choices=Riktning.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj om handlingen är inkommande, upprättad eller utgående."},
    )
    datum = forms.DateField(
        widget=DATUM,
        help_text="Dagen handlingen kom in eller upprättades.",
        error_messages={**DATUMFEL, "required": "Ange datum."},
    )
    avsandare_mottagare = forms.CharField(
        label="Avsändare eller mottagare", max_length=300, required=False
    )
    avsandare_privatperson = forms.BooleanField(
        label="Privatperson (namnet visas inte i det publika diariet)",
        required=False,
    )
    beskrivning = forms.CharField(
        label="Kort beskrivning",
        max_length=500,
        error_messages={
            "required": "Ange kort vad handlingen gäller.",
            "max_length": "Beskrivningen får vara högst %(limit_value)d tecken.",
        },
    )
    fil = forms.FileField(
        required=False,
        help_text="PDF, DOCX, ODT, PNG, JPEG eller TIFF.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt,.png,.jpg,.jpeg,.tif,.tiff"}),
        error_messages={
            "empty": "Filen är tom.",
            "invalid": "Det gick inte att läsa filen. Försök igen.",
            "missing": "Filen kom inte fram. Försök igen.",
        },
    )

    # A secret document marked as it is registered is never shown unmarked, not even
    # for the moment between registering and marking it.
    markering_bestammelse = forms.ChoiceField(
        label="Sekretessmarkera med bestämmelse",
        required=False,
        choices=[("", "Ingen sekretessmarkering")]
        + sekretess.BESTAMMELSER
        + [("annan", "Annan bestämmelse")],
        help_text="Välj en bestämmelse om handlingen ska sekretessmarkeras. "
        "Markeringen får dagens datum.",
    )
    markering_annan = forms.CharField(
        label="Annan bestämmelse",
        max_length=200,
        required=False,
        help_text="Fyll i om du valde Annan bestämmelse, t.ex. OSL 30 kap 23 §.",
    )
    markering_myndighet = forms.CharField(
        label="Myndighet som sätter markeringen", max_length=200, required=False
    )
    markering_avsandare = forms.BooleanField(
        label="Dölj också avsändare/mottagare", required=False, initial=True
    )
    markering_beskrivning = forms.BooleanField(
        label="Dölj också beskrivningen", required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grans = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        self.fields["fil"].help_text = f"PDF, DOCX, ODT, PNG, JPEG eller TIFF, högst {grans} MB."
        self.fields["datum"].initial = timezone.localdate()
        self.fields["markering_myndighet"].initial = settings.ORGANISATION

    @property
    def handlingsfalt(self):
        return [f for f in self if not f.name.startswith("markering_")]

    @property
    def sekretessfalt(self):
        return [f for f in self if f.name.startswith("markering_")]

    def clean(self):
        data = super().clean()
        bestammelse = data.get("markering_bestammelse")
        data["sekretess"] = None
        if not bestammelse:
            return data
        if bestammelse == "annan":
            bestammelse = data.get("markering_annan")
            if not bestammelse:
                self.add_error("markering_annan", "Skriv vilken bestämmelse markeringen avser.")
        if not data.get("markering_myndighet"):
            self.add_error("markering_myndighet", "Ange vilken myndighet som sätter markeringen.")
        if bestammelse and data.get("markering_myndighet"):
            data["sekretess"] = {
                "bestammelse": bestammelse,
                "myndighet": data["markering_myndighet"],
                "avsandare": data.get("markering_avsandare", False),
                "beskrivning": data.get("markering_beskrivning", False),
            }
        return data

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise ValidationError("Datumet kan inte ligga i framtiden.")
        return datum

    def clean_fil(self):
        fil = self.cleaned_data.get("fil")
        if fil:
            # By content, not by name: an upload that lies about its type is refused here,
            # before anything is stored.
            filer.kontrollera_fil(fil)
        return fil


class SekretessForm(forms.Form):
    ANNAN = "annan"

    bestammelse = forms.ChoiceField(
        label="Bestämmelse",
        choices=[("", "Välj bestämmelse")]
        + sekretess.BESTAMMELSER
        + [(ANNAN, "Annan bestämmelse")],
        error_messages={"required": "Välj vilken bestämmelse markeringen avser."},
    )
    annan = forms.CharField(
        label="Annan bestämmelse",
        max_length=200,
        required=False,
        help_text="Fyll i om du valde Annan bestämmelse, t.ex. OSL 30 kap 23 §.",
    )
    datum = forms.DateField(widget=DATUM, error_messages={**DATUMFEL, "required": "Ange datum."})
    myndighet = forms.CharField(
        max_length=200,
        error_messages={"required": "Ange vilken myndighet som satte markeringen."},
    )
    omfattar_avsandare = forms.BooleanField(
        label="Dölj också avsändare/mottagare", required=False, initial=True
    )
    omfattar_beskrivning = forms.BooleanField(
        label="Dölj också beskrivningen", required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.fields["myndighet"].initial = settings.ORGANISATION

    def clean(self):
        data = super().clean()
        if data.get("bestammelse") == self.ANNAN:
            if not data.get("annan"):
                self.add_error("annan", "Skriv vilken bestämmelse markeringen avser.")
            else:
                data["bestammelse"] = data["annan"]
        return data


class MakuleraForm(forms.Form):
    orsak = forms.CharField(
        label="Orsak till makuleringen",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Ange varför handlingen makuleras."},
    )


class Arendeatgard(forms.Form):
    """A form of the case page's header. The page carries several forms at once (and the
    handling form below them), so each names its ids after its action: two fields called
    "datum" must not share one id, or a label would point at the other form's field."""

    atgard = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.atgard}_%s")
        super().__init__(*args, **kwargs)


class HandlaggareForm(Arendeatgard):
    atgard = "byt"
    handlaggare = HandlaggareField(
        label="Handläggare",
        queryset=_handlaggare(),
        required=False,
        empty_label="(ingen)",
        error_messages={"invalid_choice": "Handläggaren finns inte. Välj en i listan."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlaggare"].queryset = _handlaggare()

    def val(self) -> dict:
        return valdata(self["handlaggare"])


class StatusForm(Arendeatgard):
    atgard = "andra"
    status = forms.ChoiceField(
        choices=[
            (Arende.Status.PAGAENDE, Arende.Status.PAGAENDE.label),
            (Arende.Status.VILANDE, Arende.Status.VILANDE.label),
        ],
        error_messages={"invalid_choice": "Välj pågående eller vilande."},
    )


class PublikTitelForm(Arendeatgard):
    atgard = "andra"
    publik_titel = forms.CharField(
        label="Publik titel",
        max_length=500,
        help_text="Visas i det publika e-diariet i stället för den interna titeln.",
        error_messages={
            "required": "Ange den publika titeln.",
            "max_length": "Titeln får vara högst %(limit_value)d tecken.",
        },
    )

    def clean_publik_titel(self):
        return rensa_titel(self.cleaned_data["publik_titel"])


class AvslutaForm(Arendeatgard):
    atgard = "avsluta"
    datum = forms.DateField(
        label="Avslutat den",
        widget=DATUM,
        error_messages={**DATUMFEL, "required": "Ange datum."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()


class RattaArendeForm(Arendeatgard):
    """What was registered wrongly; the diarienummer is not among it."""

    atgard = "ratta"
    titel = forms.CharField(
        max_length=500,
        help_text="En publik titel som är densamma som titeln följer med.",
        error_messages={
            "required": "Ange ärendets titel.",
            "max_length": "Titeln får vara högst %(limit_value)d tecken.",
        },
    )
    organ = forms.ModelChoiceField(
        queryset=Organ.objects.all(),
        required=False,
        label="Beslutande organ",
        empty_label="(inget valt)",
        error_messages={"invalid_choice": "Organet finns inte. Välj ett i listan."},
    )
    typ = forms.ChoiceField(
        label="Ärendetyp",
        choices=Arende.Typ.choices,
        error_messages={
            "required": "Välj ärendetyp.",
            "invalid_choice": "Välj en av ärendetyperna i listan.",
        },
    )

    @classmethod
    def for_arende(cls, arende: Arende) -> "RattaArendeForm":
        return cls(initial={"titel": arende.titel, "organ": arende.organ_id, "typ": arende.typ})

    def clean_titel(self):
        titel = rensa_titel(self.cleaned_data["titel"])
        if not titel:
            raise forms.ValidationError("Ange ärendets titel.")
        return titel
