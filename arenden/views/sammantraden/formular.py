"""The meeting forms. They read and check input; the rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from arenden.models import Dagordningspunkt, Narvaro, Organ, Person, Rost, Utfall
from arenden.services import sammantraden as tjanst

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TID = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
FEL_DATUM = "Ange datumet som ÅÅÅÅ-MM-DD."


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PersonerField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return str(obj)


def _ledamoter_i(organ=None):
    personer = Person.objects.filter(uppdrag__isnull=False)
    if organ is not None:
        personer = personer.filter(uppdrag__organ=organ)
    return personer.distinct().order_by("namn")


class SammantradeForm(forms.Form):
    organ = forms.ModelChoiceField(
        queryset=Organ.objects.all(),
        empty_label=None,
        error_messages={"invalid_choice": "Organet finns inte. Välj ett i listan."},
    )
    datum = forms.DateField(
        widget=DATUM,
        error_messages={
            "required": "Ange sammanträdets datum.",
            "invalid": FEL_DATUM,
        },
    )
    starttid = forms.TimeField(
        label="Starttid",
        widget=TID,
        required=False,
        error_messages={"invalid": "Ange tiden som TT:MM."},
    )
    sluttid = forms.TimeField(
        label="Sluttid",
        widget=TID,
        required=False,
        error_messages={"invalid": "Ange tiden som TT:MM."},
    )
    plats = forms.CharField(max_length=200, required=False)
    ordforande = PersonField(
        label="Ordförande",
        queryset=Person.objects.none(),
        required=False,
        empty_label="(ingen vald)",
    )
    sekreterare = PersonField(
        queryset=Person.objects.none(), required=False, empty_label="(ingen vald)"
    )
    justerare = PersonerField(
        label="Justerare",
        queryset=Person.objects.none(),
        required=False,
        help_text="Väljs under ”Val av justerare”; kan fyllas i i förväg.",
    )
    justering_plats = forms.CharField(label="Justeringens plats", max_length=200, required=False)
    justering_datum = forms.DateField(
        label="Justeringens datum",
        widget=DATUM,
        required=False,
        error_messages={"invalid": FEL_DATUM},
    )

    def __init__(self, *args, organ=None, **kwargs):
        super().__init__(*args, **kwargs)
        ledamoter = _ledamoter_i(organ)
        self.fields["ordforande"].queryset = ledamoter
        self.fields["justerare"].queryset = ledamoter
        sekreterare = Person.objects.filter(
            anvandare__in=get_user_model().objects.filter(groups__name="Nämndsekreterare")
        )
        initial = self.initial.get("sekreterare")
        if initial:
            sekreterare = sekreterare | Person.objects.filter(pk=getattr(initial, "pk", initial))
        self.fields["sekreterare"].queryset = sekreterare.distinct().order_by("namn")
        if organ is not None:
            # An organ is fixed once its meeting exists: the § numbers run per organ.
            self.fields["organ"].disabled = True


class ArendepunktForm(forms.Form):
    arende = forms.ModelChoiceField(
        label="Ärende",
        queryset=None,
        empty_label="(välj ärende)",
        error_messages={
            "required": "Välj ett ärende.",
            "invalid_choice": "Ärendet kan inte läggas till: det har ingen klar tjänsteskrivelse "
            "eller finns redan på dagordningen.",
        },
    )
    offentlig = forms.BooleanField(label="Offentlig punkt", required=False, initial=True)
    notering = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, sammantrade, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arende"].queryset = tjanst.arenden_att_lagga_till(sammantrade)
        self.fields["arende"].label_from_instance = lambda a: f"{a.diarienummer} {a.titel}"


class ProcedurpunktForm(forms.Form):
    rubrik = forms.ChoiceField(
        label="Procedurpunkt",
        choices=[(r, r) for r in tjanst.PROCEDURPUNKTER],
        error_messages={"invalid_choice": "Välj en av de fasta procedurpunkterna."},
    )


class InformationspunktForm(forms.Form):
    rubrik = forms.CharField(
        label="Rubrik", max_length=500, error_messages={"required": "Ange informationens rubrik."}
    )
    beskrivning = forms.CharField(label="Beskrivning", widget=forms.Textarea, required=False)
    offentlig = forms.BooleanField(label="Offentlig punkt", required=False, initial=True)


class AndraPunktForm(forms.Form):
    nummer = forms.CharField(
        label="Nummer",
        max_length=10,
        required=False,
        help_text="Lämna tomt för löpnummer efter platsen. Ett eget nummer som ”7a” behålls "
        "när punkterna flyttas.",
    )
    rubrik = forms.CharField(max_length=500, error_messages={"required": "Ange punktens rubrik."})
    offentlig = forms.BooleanField(label="Offentlig punkt", required=False)
    notering = forms.CharField(
        max_length=300, required=False, help_text="T.ex. ”Bordlagt 12 december”."
    )
    beskrivning = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    underlag = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Underlag"
    )

    def __init__(self, *args, punkt: Dagordningspunkt, **kwargs):
        super().__init__(*args, **kwargs)
        if punkt.arende_id:
            self.fields["underlag"].queryset = punkt.arende.handlingar.filter(
                makulerad=False
            ).exclude(fil="")
            self.fields["underlag"].label_from_instance = lambda h: (
                f"{h.beteckning} {h.beskrivning}"
            )
        else:
            del self.fields["underlag"]


class NarvaroForm(forms.Form):
    """One row per member of the organ on the meeting day."""

    def __init__(self, *args, uppdrag, narvaro, **kwargs):
        super().__init__(*args, **kwargs)
        befintlig = {n.person_id: n for n in narvaro}
        ledamoter = [u.person for u in uppdrag if u.roll == Narvaro.Roll.LEDAMOT]
        self.rader = []
        for u in uppdrag:
            pid = u.person_id
            n = befintlig.get(pid)
            self.fields[f"narvarande_{pid}"] = forms.BooleanField(
                label=f"{u.person} närvarande",
                required=False,
                initial=n.narvarande if n else u.roll == Narvaro.Roll.LEDAMOT,
            )
            falt = {"narvarande": self[f"narvarande_{pid}"]}
            if u.roll == Narvaro.Roll.ERSATTARE:
                self.fields[f"tjanstgor_{pid}"] = PersonField(
                    label=f"{u.person} tjänstgör för",
                    queryset=Person.objects.filter(pk__in=[p.pk for p in ledamoter]),
                    required=False,
                    empty_label="(tjänstgör inte)",
                    initial=n.tjanstgor_for_id if n else None,
                )
                falt["tjanstgor"] = self[f"tjanstgor_{pid}"]
            self.fields[f"anteckning_{pid}"] = forms.CharField(
                label=f"Anteckning för {u.person}",
                max_length=200,
                required=False,
                initial=n.anteckning if n else "",
            )
            falt["anteckning"] = self[f"anteckning_{pid}"]
            self.rader.append((u, falt))

    def till_rader(self) -> list[dict]:
        return [
            {
                "person": u.person,
                "narvarande": self.cleaned_data[f"narvarande_{u.person_id}"],
                "tjanstgor_for": self.cleaned_data.get(f"tjanstgor_{u.person_id}"),
                "anteckning": self.cleaned_data[f"anteckning_{u.person_id}"],
            }
            for u, _ in self.rader
        ]


def _valfri_person(label, queryset):
    return PersonField(label=label, queryset=queryset, required=False, empty_label="(ingen vald)")


def _valfri_text(label):
    return forms.CharField(label=label, max_length=4000, required=False)


class BeslutForm(forms.Form):
    utfall = forms.ChoiceField(
        choices=[("", "(välj utfall)"), *Utfall.choices],
        error_messages={"required": "Välj beslutets utfall."},
    )
    beslutstext = forms.CharField(
        label="Beslut",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Skriv beslutet."},
        help_text="Förifyllt med förslagets att-satser; skriv det som beslutades.",
    )
    propositionsordning = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    beslutsunderlag = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="En handling per rad."
    )
    utdrag_till = forms.CharField(
        label="Utdrag till",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="En mottagare per rad.",
    )
    jav = PersonerField(
        label="Jäv (deltar inte i paragrafen)", queryset=Person.objects.none(), required=False
    )

    RADER = 3  # empty rows per list; saving gives three more
    MAX_VOTERINGAR = 20

    # A decision that is its text alone, with no outcome (a procedural item's).
    UTAN_UTFALL = "beslut"

    def __init__(
        self,
        *args,
        uppdrag,
        beslut=None,
        utfall=None,
        utfall_fel="",
        utfall_hjalp="",
        utan_utfall=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if utan_utfall and beslut is not None and not beslut.utfall and not self.is_bound:
            self.initial["utfall"] = self.UTAN_UTFALL
        if utfall is not None:
            # Only the outcomes the service accepts for this item (a motion at fullmäktige
            # is closed with a motion outcome, an ordinary case never is).
            self.fields["utfall"].choices = (
                [("", "(välj utfall)")]
                + ([(self.UTAN_UTFALL, "Beslut enligt beslutstexten")] if utan_utfall else [])
                + [(u.value, u.label) for u in utfall]
            )
            self.fields["utfall"].error_messages["invalid_choice"] = utfall_fel
            self.fields["utfall"].help_text = utfall_hjalp
        personer = Person.objects.filter(pk__in=[u.person_id for u in uppdrag]).order_by("namn")
        ersattare = Person.objects.filter(
            pk__in=[u.person_id for u in uppdrag if u.roll == Narvaro.Roll.ERSATTARE]
        )
        ledamoter = Person.objects.filter(
            pk__in=[u.person_id for u in uppdrag if u.roll == Narvaro.Roll.LEDAMOT]
        )
        self.fields["jav"].queryset = personer
        befintliga_voteringar = (
            list(beslut.voteringar.prefetch_related("roster")) if beslut is not None else []
        )
        # One vote per block, in the order they were taken (a vote on återremiss first,
        # then on the matter): two to start with, and saving gives one empty block more.
        antal_voteringar = max(len(befintliga_voteringar) + 1, 2, self._postade_voteringar())
        self.voteringar = [self._votering(i, uppdrag) for i in range(antal_voteringar)]

        def lista(namn, antal, **falt):
            rader = []
            for i in range(antal):
                rad = {}
                for faltnamn, skapa in falt.items():
                    self.fields[f"{namn}_{i}_{faltnamn}"] = skapa(i)
                    rad[faltnamn] = self[f"{namn}_{i}_{faltnamn}"]
                rader.append(rad)
            return rader

        befintliga = {
            "yrkanden": list(beslut.yrkanden.all()) if beslut else [],
            "reservationer": list(beslut.reservationer.all()) if beslut else [],
            "tjanstgoring": list(beslut.tjanstgoring.all()) if beslut else [],
            "anteckningar": list(beslut.protokollsanteckningar.all()) if beslut else [],
        }
        antal = {k: len(v) + self.RADER for k, v in befintliga.items()}
        self.yrkanden = lista(
            "yrkande",
            antal["yrkanden"],
            person=lambda i: _valfri_person(f"Yrkande {i + 1} av", personer),
            text=lambda i: _valfri_text(f"Yrkande {i + 1}"),
        )
        self.reservationer = lista(
            "reservation",
            antal["reservationer"],
            person=lambda i: _valfri_person(f"Reservation {i + 1} av", personer),
            motivering=lambda i: _valfri_text(f"Motivering {i + 1}"),
        )
        self.tjanstgoring = lista(
            "tjanstgoring",
            antal["tjanstgoring"],
            ersattare=lambda i: _valfri_person(f"Tjänstgörande ersättare {i + 1}", ersattare),
            ersatter=lambda i: _valfri_person(f"Ersätter {i + 1}", ledamoter),
        )
        self.anteckningar = lista(
            "anteckning",
            antal["anteckningar"],
            person=lambda i: _valfri_person(f"Protokollsanteckning {i + 1} av", personer),
            text=lambda i: _valfri_text(f"Protokollsanteckning {i + 1}"),
        )
        if beslut is not None and not self.is_bound:
            for i, y in enumerate(befintliga["yrkanden"]):
                self.initial |= {f"yrkande_{i}_person": y.person_id, f"yrkande_{i}_text": y.text}
            for i, r in enumerate(befintliga["reservationer"]):
                self.initial |= {
                    f"reservation_{i}_person": r.person_id,
                    f"reservation_{i}_motivering": r.motivering,
                }
            for i, t in enumerate(befintliga["tjanstgoring"]):
                self.initial |= {
                    f"tjanstgoring_{i}_ersattare": t.ersattare_id,
                    f"tjanstgoring_{i}_ersatter": t.ersatter_id,
                }
            for i, a in enumerate(befintliga["anteckningar"]):
                self.initial |= {
                    f"anteckning_{i}_person": a.person_id,
                    f"anteckning_{i}_text": a.text,
                }
            for i, votering in enumerate(befintliga_voteringar, start=1):
                self.initial |= {
                    f"votering_{i}": True,
                    f"votering_{i}_fraga": votering.fraga,
                    f"votering_{i}_ja": votering.ja,
                    f"votering_{i}_nej": votering.nej,
                    f"votering_{i}_avstar": votering.avstar,
                }
                for r in votering.roster.all():
                    self.initial[f"votering_{i}_rost_{r.person_id}"] = r.rost

    def _postade_voteringar(self) -> int:
        # A page with more blocks than this form would make (one was added since) keeps
        # what was typed in all of them.
        nummer = [0]
        for nyckel in self.data if self.is_bound else ():
            delar = nyckel.split("_")
            if len(delar) >= 2 and delar[0] == "votering" and delar[1].isdigit():
                nummer.append(int(delar[1]))
        return min(max(nummer), self.MAX_VOTERINGAR)

    def _votering(self, index, uppdrag) -> dict:
        nummer = index + 1
        namn = f"votering_{nummer}"
        falt = {
            "": forms.BooleanField(label=f"Votering {nummer} genomfördes", required=False),
            "_fraga": forms.CharField(
                label=f"Voteringsproposition {nummer}", max_length=500, required=False
            ),
            "_ja": forms.IntegerField(label="Ja", min_value=0, required=False),
            "_nej": forms.IntegerField(label="Nej", min_value=0, required=False),
            "_avstar": forms.IntegerField(label="Avstår", min_value=0, required=False),
        }
        for suffix, f in falt.items():
            self.fields[namn + suffix] = f
        roster = []
        for u in uppdrag:
            faltnamn = f"{namn}_rost_{u.person_id}"
            self.fields[faltnamn] = forms.ChoiceField(
                label=str(u.person), required=False, choices=[("", "–"), *Rost.Val.choices]
            )
            roster.append((u.person, self[faltnamn]))
        return {
            "nummer": nummer,
            "genomford": self[namn],
            "fraga": self[namn + "_fraga"],
            "ja": self[namn + "_ja"],
            "nej": self[namn + "_nej"],
            "avstar": self[namn + "_avstar"],
            "roster": roster,
        }

    def clean(self):
        data = super().clean()
        for i, rad in enumerate(self.yrkanden):
            if self._varde(rad, "person") and not self._varde(rad, "text"):
                self.add_error(f"yrkande_{i}_text", "Skriv yrkandet.")
        for i, rad in enumerate(self.reservationer):
            if self._varde(rad, "motivering") and not self._varde(rad, "person"):
                self.add_error(f"reservation_{i}_person", "Välj vem som reserverar sig.")
        for i, rad in enumerate(self.tjanstgoring):
            if self._varde(rad, "ersatter") and not self._varde(rad, "ersattare"):
                self.add_error(f"tjanstgoring_{i}_ersattare", "Välj den ersättare som tjänstgör.")
        for i, rad in enumerate(self.anteckningar):
            if self._varde(rad, "person") and not self._varde(rad, "text"):
                self.add_error(f"anteckning_{i}_text", "Skriv protokollsanteckningen.")
        return data

    def _varde(self, rad, falt):
        return self.cleaned_data.get(rad[falt].name)

    def till_tjanst(self) -> dict:
        from arenden.services.beslut import Votes

        d = self.cleaned_data
        voteringar = []
        for v in self.voteringar:
            if not d.get(v["genomford"].name):
                continue
            roster = {p: d[f.name] for p, f in v["roster"] if d.get(f.name)}
            voteringar.append(
                Votes(
                    fraga=d[v["fraga"].name],
                    ja=d[v["ja"].name] or 0,
                    nej=d[v["nej"].name] or 0,
                    avstar=d[v["avstar"].name] or 0,
                    roster=roster,
                )
            )
        return {
            "beslutstext": d["beslutstext"],
            "utfall": "" if d["utfall"] == self.UTAN_UTFALL else d["utfall"],
            "propositionsordning": d["propositionsordning"],
            "beslutsunderlag": d["beslutsunderlag"],
            "utdrag_till": d["utdrag_till"].splitlines(),
            "jav": list(d["jav"]),
            "voteringar": voteringar,
            "yrkanden": [
                (self._varde(r, "person"), self._varde(r, "text"))
                for r in self.yrkanden
                if self._varde(r, "text")
            ],
            "reservationer": [
                (self._varde(r, "person"), self._varde(r, "motivering"))
                for r in self.reservationer
                if self._varde(r, "person")
            ],
            "tjanstgoring": [
                (self._varde(r, "ersattare"), self._varde(r, "ersatter"))
                for r in self.tjanstgoring
                if self._varde(r, "ersattare")
            ],
            "protokollsanteckningar": [
                (self._varde(r, "person"), self._varde(r, "text"))
                for r in self.anteckningar
                if self._varde(r, "text")
            ],
        }


class JusteringForm(forms.Form):
    beslut = forms.ModelMultipleChoiceField(
        label="Paragrafer som justeras",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Välj minst en paragraf."},
    )
    justerad = forms.DateField(
        label="Justerad",
        widget=DATUM,
        initial=timezone.localdate,
        error_messages={"required": "Ange dagen för justeringen.", "invalid": FEL_DATUM},
    )
    justerare = PersonerField(
        queryset=Person.objects.none(), error_messages={"required": "Välj minst en justerare."}
    )
    forvaringsplats = forms.CharField(
        label="Protokollet förvaras",
        max_length=200,
        error_messages={"required": "Ange var protokollet förvaras."},
    )
    omedelbar = forms.BooleanField(label="Omedelbar justering", required=False)
    anslag_uppsatt = forms.DateField(
        label="Anslaget sätts upp",
        widget=DATUM,
        required=False,
        initial=timezone.localdate,
        help_text="Senast andra dagen efter justeringen. Lämna tomt för att anslå senare.",
        error_messages={"invalid": FEL_DATUM},
    )

    def __init__(self, *args, sammantrade, **kwargs):
        super().__init__(*args, **kwargs)
        ojusterade = sammantrade.beslut.filter(justerad=False).order_by("paragraf")
        self.fields["beslut"].queryset = ojusterade
        self.fields["beslut"].label_from_instance = lambda b: f"§ {b.paragraf} {b.rubrik}"
        self.fields["justerare"].queryset = _ledamoter_i(sammantrade.organ)


class AnslagForm(forms.Form):
    uppsatt = forms.DateField(
        label="Anslaget sätts upp",
        widget=DATUM,
        initial=timezone.localdate,
        error_messages={"required": "Ange dagen anslaget sätts upp.", "invalid": FEL_DATUM},
    )


class RattelseForm(forms.Form):
    text = forms.CharField(
        label="Rättelse",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Skriv vad som rättas."},
    )
    skal = forms.CharField(
        label="Skäl",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Ange skälet till rättelsen."},
    )


class InstallaForm(forms.Form):
    anledning = forms.CharField(
        label="Varför ställs sammanträdet in?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Ange varför sammanträdet ställs in."},
        help_text="Visas för ledamöterna och, för regionfullmäktige, på anslagstavlan.",
    )
