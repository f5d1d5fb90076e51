"""Plain factory functions: each makes one valid object and takes overrides."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from arenden.models import Diarium, Organ, Riktning
from arenden.services import arenden as arendetjanst
from arenden.services import motioner as motionstjanst

_rakna = itertools.count(1)


def anvandare(*grupper: str, se_sekretess: bool = False, **falt):
    nummer = next(_rakna)
    falt.setdefault("username", f"anvandare{nummer}")
    falt.setdefault("first_name", "Test")
    falt.setdefault("last_name", f"Person {nummer}")
    user = get_user_model().objects.create_user(password="ett-langt-losenord-123", **falt)
    for namn in grupper:
        user.groups.add(Group.objects.get(name=namn))
    if se_sekretess:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="arenden", codename="se_sekretess")
        )
    return user


def organ(forkortning="RS", namn=None, typ=Organ.Typ.STYRELSE):
    return Organ.objects.get_or_create(
        forkortning=forkortning, defaults={"namn": namn or f"Organ {forkortning}", "typ": typ}
    )[0]


def diarium(prefix="RS", namn=None):
    return Diarium.objects.get_or_create(
        prefix=prefix, defaults={"namn": namn or f"Diarium {prefix}", "organ": organ(prefix)}
    )[0]


def arende(titel="Ett ärende om primärvården", *, anvandare_=None, prefix="RS", **falt):
    return arendetjanst.registrera_arende(
        diarium=diarium(prefix), titel=titel, anvandare=anvandare_, **falt
    )


def handling(arende_, *, anvandare_=None, **falt):
    falt.setdefault("riktning", Riktning.INKOMMANDE)
    falt.setdefault("datum", None)
    falt.setdefault("beskrivning", "Skrivelse om vårdgarantin")
    falt.setdefault("avsandare_mottagare", "Socialstyrelsen")
    return arendetjanst.registrera_handling(arende_, anvandare=anvandare_, **falt)


def motionsorgan():
    """Regionfullmäktige, Regionstyrelsen and its diarium: what a motion needs to exist."""
    rf = organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    rs = organ("RS", "Regionstyrelsen", Organ.Typ.STYRELSE)
    diarium("RS", "Regionstyrelsens diarium")
    return rf, rs


def motion(
    titel="Motion om ny hälsoekonomisk budgetmodell",
    *,
    anvandare_=None,
    vackt: datetime.date | None = None,
    motionarer=None,
    yrkanden=None,
    **falt,
):
    motionsorgan()
    falt.setdefault("text", "Motionens text.")
    return motionstjanst.registrera_motion(
        anvandare=anvandare_,
        titel=titel,
        vackt=vackt or timezone.localdate(),
        motionarer=motionarer or [motionstjanst.NyPerson("Anna Hildebrand", "MP")],
        yrkanden=yrkanden
        or [
            "Region Jämtland Härjedalen upprättar en budget- och ersättningsmodell som "
            "stödjer en hälsoorienterad verksamhetsutveckling."
        ],
        **falt,
    )


def sekretessmarkera(handling_, *, anvandare_=None, **falt):
    from arenden.services import sekretess

    falt.setdefault("bestammelse", "OSL 25 kap 1 §")
    falt.setdefault("myndighet", "Region Jämtland Härjedalen")
    return sekretess.markera(handling_, anvandare=anvandare_, **falt)


def pdf(innehall: bytes = b"Remissvar") -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n" + innehall + b"\n%%EOF\n"


def png() -> bytes:
    import base64

    # A 1x1 transparent PNG.
    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )


def docx() -> bytes:
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as arkiv:
        arkiv.writestr("[Content_Types].xml", "<Types/>")
        arkiv.writestr("word/document.xml", "<w:document/>")
    return data.getvalue()


def odt() -> bytes:
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as arkiv:
        arkiv.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        arkiv.writestr("content.xml", "<office:document-content/>")
    return data.getvalue()


def tjansteskrivelse(arende_, *, anvandare_=None, **falt):
    from arenden.services import tjansteskrivelser

    falt.setdefault("titel", "Yttrande över remiss om nära vård")
    falt.setdefault("attsatser", ["Regionstyrelsen antar yttrandet."])
    falt.setdefault("avsnitt", [("Ärendebeskrivning", "Remissen gäller **nära vård**.")])
    return tjansteskrivelser.skapa_tjansteskrivelse(arende_, anvandare=anvandare_, **falt)


# --- meetings ---------------------------------------------------------------------------


def person(namn=None, *, anvandare_=None, **falt):
    from arenden.models import Person

    return Person.objects.create(
        namn=namn or f"Person {next(_rakna)}", anvandare=anvandare_, **falt
    )


def uppdrag(organ_, person_, roll="ledamot", *, fran=None, till=None, funktion=""):
    import datetime

    from arenden.models import Uppdrag

    return Uppdrag.objects.create(
        organ=organ_,
        person=person_,
        roll=roll,
        funktion=funktion,
        fran=fran or datetime.date(2023, 1, 1),
        till=till,
    )


def ledamot(organ_, roll="ledamot", *, namn=None, **falt):
    """A politician with a login, a Person and a seat in the organ."""
    user = anvandare("Politiker")
    p = person(namn or f"Ledamot {user.pk}", anvandare_=user, parti="S")
    uppdrag(organ_, p, roll, **falt)
    return user


def klar_tjansteskrivelse(
    arende_,
    *,
    attsatser=("Regionstyrelsen godkänner rapporten.",),
    forslag_inledning="",
    utdrag_till=("Hälso- och sjukvårdsdirektören",),
    avsnitt=(("Ärendebeskrivning", "Ett ärende om **primärvården**."),),
    **falt,
):
    """A tjänsteskrivelse that is klar, as after review, with its "Utdrag till"."""
    from arenden.models import Tjansteskrivelse, UtdragMottagare
    from arenden.services import tjansteskrivelser

    skrivelse = tjansteskrivelse(
        arende_,
        titel=falt.pop("titel", arende_.titel),
        attsatser=list(attsatser),
        forslag_inledning=forslag_inledning,
        avsnitt=list(avsnitt),
        **falt,
    )
    for i, mottagare in enumerate(utdrag_till, start=1):
        UtdragMottagare.objects.create(tjansteskrivelse=skrivelse, ordning=i, mottagare=mottagare)
    skrivelse.status = Tjansteskrivelse.Status.KLAR
    skrivelse.save()
    tjansteskrivelser.skapa_version(skrivelse, anvandare=None, anledning="Klar")
    return skrivelse


def pdf_bytes(sidor=1) -> bytes:
    import io

    import pypdf

    skrivare = pypdf.PdfWriter()
    for _ in range(sidor):
        skrivare.add_blank_page(width=595, height=842)
    ut = io.BytesIO()
    skrivare.write(ut)
    return ut.getvalue()


def pdf_handling(arende_, *, beskrivning="Bilaga: rapport", sekretess="", sidor=1, **falt):
    from django.core.files.base import ContentFile

    h = handling(
        arende_,
        beskrivning=beskrivning,
        fil=ContentFile(pdf_bytes(sidor), name="bilaga.pdf"),
        **falt,
    )
    if sekretess:
        import datetime

        h.sekretess_bestammelse = sekretess
        h.sekretess_datum = datetime.date(2026, 3, 1)
        h.sekretess_myndighet = "Regionstyrelsen"
        h.save()
    return h


def sammantrade(organ_=None, *, datum=None, **falt):
    import datetime

    from django.utils import timezone

    from arenden.models import Sammantrade

    falt.setdefault("starttid", datetime.time(9, 0))
    falt.setdefault("plats", "Regionens hus, sal Storsjön")
    return Sammantrade.objects.create(
        organ=organ_ or organ("RS", "Regionstyrelsen"),
        datum=datum or timezone.localdate() + datetime.timedelta(days=7),
        **falt,
    )


def arendepunkt(sammantrade_, *, titel="Rapport om primärvården", anvandare_=None, **ts):
    """A case with a ready tjänsteskrivelse, put on the meeting's agenda."""
    from arenden.services import sammantraden

    a = arende(titel, organ=sammantrade_.organ)
    klar_tjansteskrivelse(a, **ts)
    return sammantraden.lagg_till_arende(sammantrade_, a, anvandare=anvandare_)
