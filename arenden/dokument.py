"""A tjänsteskrivelse's plain data as a reader sees it: the page, the preview and the PDF.

Everything starts from the dict `services.tjansteskrivelser.innehall()` returns (and a
TjansteskrivelseVersion stores), so a frozen version shows and prints exactly as it was
frozen. Markdown goes through `markup.render_markdown`, the one sanitising function;
only the address a reference links to differs between the page and the PDF.

Kept free of WeasyPrint so the web views can import it without the PDF engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from arenden.diarienummer import Diarienummer, Reference
from arenden.markup import render_markdown

SAKNAS = "uppgift saknas i källan"

# Free-text fields of the content; dates, the diarienummer and the status are data the
# app sets and are never masked.
_TEXTFALT = (
    "titel",
    "avdelning",
    "handlaggare_namn",
    "handlaggare_telefon",
    "handlaggare_epost",
    "forslag_av",
    "forslag_inledning",
)


# Statutes by SFS number in Regeringskansliet's legal database; reports (SOU, Ds,
# propositions) through the Riksdag's document search, which finds them by designation.
SFS_URL = "https://rkrattsbaser.gov.se/sfst?bet={}"
UTREDNING_URL = "https://www.riksdagen.se/sv/sok/?q={}"


def referenslank(ref: Reference, *, arendebas: str = "/arenden/") -> str | None:
    """Where a reference in a tjänsteskrivelse links: a diarienummer or a decision to the
    case (`arendebas` + slug: the case page, or the public e-diarium from a PDF), a
    statute to its SFS text, a report to the Riksdag's search for it."""
    if ref.kind in ("diarienummer", "paragraf"):
        dnr = ref.value[1] if isinstance(ref.value, tuple) else ref.value
        if not isinstance(dnr, Diarienummer) or dnr.prefix is None:
            return None
        return f"{arendebas}{dnr.slug}/"
    if ref.kind == "forfattning":
        return SFS_URL.format(quote(str(ref.value), safe=":"))
    if ref.kind == "utredning":
        return UTREDNING_URL.format(quote(str(ref.value)))
    return None


@dataclass(frozen=True)
class Huvudfalt:
    etikett: str
    varde: str
    saknas: bool = False


@dataclass
class Dokument:
    titel: str
    diarienummer: str
    status: str
    datum: Huvudfalt
    avdelning: Huvudfalt
    handlaggare: Huvudfalt
    telefon: Huvudfalt
    epost: Huvudfalt
    avsnitt: list[tuple[str, SafeString]] = field(default_factory=list)
    forslag_rubrik: str = ""
    forslag_inledning: str = ""
    attsatser: list[SafeString] = field(default_factory=list)
    undertecknare: list[tuple[str, str]] = field(default_factory=list)
    utdrag_till: list[str] = field(default_factory=list)
    # The title's heading level: 1 on its own page and in the PDF, 2 inside the editor.
    titelniva: int = 1

    @property
    def avsnittsniva(self) -> int:
        """The level of the section headings, "Förslag", "I tjänsten" and "Utdrag till"."""
        return self.titelniva + 1

    @property
    def huvudfalt(self) -> list[Huvudfalt]:
        return [self.datum, self.avdelning, self.handlaggare, self.telefon, self.epost]

    @property
    def har_forslag(self) -> bool:
        return bool(self.attsatser or self.forslag_inledning)

    @property
    def numrerade_attsatser(self) -> bool:
        # A single att-sats is printed as a plain paragraph, as seed 000 shows.
        return len(self.attsatser) > 1


def maskera(innehall: dict) -> dict:
    """The content with every personnummer masked, as people without the right see it."""
    from arenden.services.sok import maskera_personnummer as m

    data = dict(innehall)
    for falt in _TEXTFALT:
        if data.get(falt):
            data[falt] = m(data[falt])
    data["avsnitt"] = [
        {"rubrik": m(a.get("rubrik") or ""), "text": m(a.get("text") or "")}
        for a in innehall.get("avsnitt") or []
    ]
    data["attsatser"] = [m(t or "") for t in innehall.get("attsatser") or []]
    data["undertecknare"] = [
        {"namn": m(u.get("namn") or ""), "titel": m(u.get("titel") or "")}
        for u in innehall.get("undertecknare") or []
    ]
    data["utdrag_till"] = [m(t or "") for t in innehall.get("utdrag_till") or []]
    return data


def _falt(innehall: dict, namn: str, etikett: str) -> Huvudfalt:
    varde = innehall.get(namn) or ""
    if not varde and namn in (innehall.get("saknas_i_kallan") or []):
        return Huvudfalt(etikett, SAKNAS, saknas=True)
    return Huvudfalt(etikett, str(varde))


def dokument(
    innehall: dict,
    *,
    maskerad: bool = False,
    reference_url: Callable[[Reference], str | None] | None = None,
    titelniva: int = 1,
) -> Dokument:
    """The content ready for a template: header fields, Markdown rendered to safe HTML.

    `reference_url` decides where a recognised reference (RS/554/2019, § 130 (…),
    Lag (1993:1652), SOU 2020:19) links; by default `referenslank` with case pages.
    `titelniva` is the title's heading level; the headings inside a body start one
    level below the heading it stands under (just below the title when it has none).
    """
    if maskerad:
        innehall = maskera(innehall)
    avsnittsniva = titelniva + 1

    def md(text: str, *, under_rubrik: bool = True) -> SafeString:
        html = render_markdown(
            text or "",
            reference_url=reference_url or referenslank,
            rubrikniva=min(6, avsnittsniva + 1 if under_rubrik else avsnittsniva),
        )
        return mark_safe(html)  # noqa: S308 - sanitised by nh3 in render_markdown

    attsatser = [md(t) for t in innehall.get("attsatser") or [] if (t or "").strip()]
    forslag_av = innehall.get("forslag_av") or ""
    return Dokument(
        titel=innehall.get("titel") or "",
        diarienummer=innehall.get("diarienummer") or "",
        status=innehall.get("status") or "",
        datum=_falt(innehall, "datum", "Datum"),
        avdelning=_falt(innehall, "avdelning", "Avdelning"),
        handlaggare=_falt(innehall, "handlaggare_namn", "Handläggare"),
        telefon=_falt(innehall, "handlaggare_telefon", "Tfn"),
        epost=_falt(innehall, "handlaggare_epost", "E-post"),
        avsnitt=[
            (
                a.get("rubrik") or "",
                md(a.get("text") or "", under_rubrik=bool((a.get("rubrik") or "").strip())),
            )
            for a in innehall.get("avsnitt") or []
        ],
        forslag_rubrik=forslag_av or ("Förslag till beslut" if attsatser else ""),
        forslag_inledning=innehall.get("forslag_inledning") or "",
        attsatser=attsatser,
        undertecknare=[
            (u.get("namn") or "", u.get("titel") or "")
            for u in innehall.get("undertecknare") or []
            if (u.get("namn") or "").strip()
        ],
        utdrag_till=[m for m in innehall.get("utdrag_till") or [] if (m or "").strip()],
        titelniva=titelniva,
    )
