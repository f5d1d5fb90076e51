"""Plain factory functions: each makes one valid object and takes overrides."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from arenden.models import Diarium, Organ, Riktning
from arenden.services import arenden as arendetjanst

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
