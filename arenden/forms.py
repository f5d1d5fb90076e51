from django import forms
from django.contrib.auth import get_user_model

from arenden.models import Arende, Diarium, Organ


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
        titel = self.cleaned_data["titel"]
        if not titel:
            raise forms.ValidationError("Ange ärendets titel.")
        return titel


class SokForm(forms.Form):
    q = forms.CharField(required=False, max_length=10_000, label="Sök")
