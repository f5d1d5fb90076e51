"""The tjänsteskrivelse as the region's PDF: A4, PDF/A-3a and tagged, cached once rendered.

`render_tjansteskrivelse(innehall)` prints the plain-data dict that
`services.tjansteskrivelser.innehall()` returns and a TjansteskrivelseVersion stores,
so a frozen version prints exactly as frozen (the meeting bundle relies on that).
`pdf_for_innehall()` and `pdf_for_skrivelse()` put a cache in front of it.

The cache lives in the default storage under "pdfcache/", which every app process
shares (a shared disk or object storage in production), never in process memory.
Its key covers everything the bytes depend on: the content (which names the people),
whether it is masked, the organisation printed in the header, the templates, the
stylesheet, the fonts, the code that turns Markdown into HTML and decides which
references link (markup, dokument, diarienummer), the code that renders (render: the
variant, tagging, the fetcher), the WeasyPrint version and the address references link
to. A change to any of them is a new key; old entries are simply never read again.

The shared storage may write a file in place, so a reader can meet one half written:
an entry is served only when it is a whole PDF, and otherwise rendered anew.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import get_template

from arenden import diarienummer, markup
from arenden import dokument as dokumentmodul
from arenden.diarienummer import Reference
from arenden.pdf import cache as pdfcache
from arenden.pdf import render as rendermodul
from arenden.pdf.render import mallversion, render_pdf

MALL = "pdf/tjansteskrivelse.html"
BASMALL = "pdf/bas.html"
TYPSNITT = (
    "fonts/LiberationSans-Regular.ttf",
    "fonts/LiberationSans-Bold.ttf",
    "fonts/LiberationSans-Italic.ttf",
    "fonts/LiberationSans-BoldItalic.ttf",
)
CACHEMAPP = "pdfcache/tjansteskrivelser"
JSONBILAGA = "tjansteskrivelse.json"


def _publik_lank(ref: Reference) -> str | None:
    # A PDF is read away from the site, often by people without an account: cases are
    # linked in the public e-diarium, absolutely, or left as plain text when the app's
    # address is not configured; statutes and reports link to their public sources.
    if ref.kind in ("diarienummer", "paragraf") and not settings.WEBBADRESS:
        return None
    return dokumentmodul.referenslank(ref, arendebas=f"{settings.WEBBADRESS}/diarium/")


def innehall_som_json(innehall: dict) -> bytes:
    return json.dumps(innehall, ensure_ascii=False, indent=2, sort_keys=True).encode()


def render_tjansteskrivelse(innehall: dict, *, maskerad: bool = False) -> bytes:
    """The tjänsteskrivelse as a tagged PDF/A-3a, its content embedded as JSON.

    With `maskerad` every personnummer is masked, in the printed text and in the
    embedded JSON alike.
    """
    if maskerad:
        innehall = dokumentmodul.maskera(innehall)
    dok = dokumentmodul.dokument(innehall, reference_url=_publik_lank)
    titel = dok.titel or "Tjänsteskrivelse"
    return render_pdf(
        MALL,
        {"dok": dok, "organisation": settings.ORGANISATION},
        titel=titel,
        amne=dok.diarienummer,
        bilagor=[
            (
                JSONBILAGA,
                innehall_som_json(innehall),
                "Tjänsteskrivelsens innehåll som strukturerad data (JSON)",
            )
        ],
    )


@cache
def _kodversion() -> str:
    """Templates, stylesheet, fonts and the code that shapes the output, hashed once.

    They only change on deploy, and a deploy starts new processes.
    """
    h = hashlib.sha256()
    h.update(mallversion(*TYPSNITT).encode())
    for namn in (BASMALL, MALL):
        h.update(get_template(namn).template.source.encode())
    for modul in (markup, dokumentmodul, diarienummer, rendermodul):
        h.update(Path(modul.__file__).read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(weasyprint.__version__.encode())
    return h.hexdigest()


def cachenyckel(innehall: dict, *, maskerad: bool) -> str:
    h = hashlib.sha256()
    h.update(_kodversion().encode())
    h.update(settings.WEBBADRESS.encode() + b"\0")
    h.update(str(settings.ORGANISATION).encode() + b"\0")
    h.update(b"maskerad\0" if maskerad else b"full\0")
    h.update(innehall_som_json(innehall))
    return h.hexdigest()


def cachenamn(innehall: dict, *, maskerad: bool) -> str:
    return f"{CACHEMAPP}/{cachenyckel(innehall, maskerad=maskerad)}.pdf"


def pdf_for_innehall(innehall: dict, *, maskerad: bool = False) -> bytes:
    """The PDF of this content, from the shared cache or rendered and stored there."""
    return pdfcache.hamta_eller_rendera(
        cachenamn(innehall, maskerad=maskerad),
        lambda: render_tjansteskrivelse(innehall, maskerad=maskerad),
    )


def pdf_for_skrivelse(skrivelse, *, anvandare) -> bytes:
    """The PDF of the tjänsteskrivelse as it is now, as `anvandare` may see it.

    The caller has checked that the user may see the document at all
    (services.tjansteskrivelser.far_se); whether it is masked is decided here.
    """
    from arenden.services import tjansteskrivelser

    return pdf_for_innehall(
        tjansteskrivelser.innehall(skrivelse),
        maskerad=tjansteskrivelser.maskeras_for(skrivelse, anvandare),
    )


_OTILLATET_I_FILNAMN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def filnamn(skrivelse, version: int | None = None) -> str:
    """The PDF's file name: "RS-1450-2017 Tjänsteskrivelse <titel>[ version N].pdf"."""
    titel = " ".join(_OTILLATET_I_FILNAMN.sub(" ", skrivelse.titel).split())[:100].strip()
    tillagg = f" version {version}" if version else ""
    return f"{skrivelse.arende.slug} Tjänsteskrivelse {titel}{tillagg}".strip() + ".pdf"


def arkivexemplar(skrivelse, version) -> ContentFile:
    """A frozen version's PDF/A as the file of the handling that registers it.

    The full text, never masked: it is the registered document itself, and the
    handling's own secrecy mark guards it as it guards any handling's file.
    """
    return ContentFile(pdf_for_innehall(version.innehall), name=filnamn(skrivelse, version.nummer))
