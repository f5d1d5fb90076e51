"""The kallelse bundle as PDF: parts rendered separately, merged with pypdf, page numbers
stamped on the merged whole.

The bundle is a reading copy. Merging separately rendered PDFs drops the PDF/A and
PDF/UA marks, the structure tree and /Lang (DESIGN §7), so nothing here pretends
otherwise: the archival copies stay the individual PDF/A documents.

Every function takes and returns plain bytes and data, so the tasks can run them in
any worker process and cache what they return.
"""

import io
from functools import cache

import pypdf
from django.contrib.staticfiles import finders
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from arenden.pdf.render import render_pdf

STAMPELTYPSNITT = "/DiarietSidnummer"
STAMPELSTORLEK = 8  # pt
STAMPELMARGINAL = 20 * 72 / 25.4  # 20 mm from the right edge, as the print layout's margin
STAMPELHOJD = 8 * 72 / 25.4  # 8 mm above the bottom edge, below the page's own footer


def tjansteskrivelse_pdf(innehall: dict, *, maskerad: bool = True) -> bytes:
    """A frozen tjänsteskrivelse version as its PDF/A: the one place the bundle asks for it.

    Through the tjänsteskrivelse PDF's own shared cache, so the reading room's single
    PDF and the bundle's part come from one rendering.
    """
    from arenden.pdf.tjansteskrivelse import pdf_for_innehall

    return pdf_for_innehall(innehall, maskerad=maskerad)


def meddelandesida(rubrik: str, text: str) -> bytes:
    """One page standing in for a document the bundle cannot or may not carry."""
    return render_pdf(
        "pdf/kallelse_meddelande.html", {"rubrik": rubrik, "text": text}, titel=rubrik
    )


def antal_sidor(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def las_pdf(pdf: bytes) -> pypdf.PdfReader | None:
    """The PDF if pypdf can read every page of it; None for a broken or locked file."""
    try:
        lasare = pypdf.PdfReader(io.BytesIO(pdf))
        if lasare.is_encrypted:
            return None
        if len(lasare.pages) == 0:
            return None
        return lasare
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError):
        return None


def sammanfoga_del(dokument: list[tuple[str, bytes]]) -> tuple[bytes, list[tuple[str, int]]]:
    """Documents (title, pdf) as one flat part: its bytes and a bookmark per document.

    A part written by pypdf has no object streams and no structure tree, so the final
    merge reads it cheaply: the expensive parsing happens here, once per part, in
    parallel, and is cached with the part.
    """
    skrivare = pypdf.PdfWriter()
    bokmarken = []
    for titel, pdf in dokument:
        lasare = las_pdf(pdf)
        if lasare is None:
            lasare = pypdf.PdfReader(
                io.BytesIO(
                    meddelandesida(
                        titel,
                        "Filen kunde inte läsas in i kallelsen (skadad eller lösenordsskyddad). "
                        "Den finns i ärendet.",
                    )
                )
            )
        bokmarken.append((titel, len(skrivare.pages)))
        for sida in lasare.pages:
            skrivare.add_page(sida)
    ut = io.BytesIO()
    skrivare.write(ut)
    return ut.getvalue(), bokmarken


def sammanfoga(
    framsida: bytes,
    punkter: list[dict],
    *,
    titel: str,
    sidfot: str,
) -> tuple[bytes, int]:
    """The bundle: the front pages, then each item's part, with bookmarks and page numbers.

    `punkter` holds, per item with papers, {"titel", "pdf", "bokmarken": [(title, page)]}.
    Returns the PDF and its number of pages.
    """
    skrivare = pypdf.PdfWriter()
    fram = pypdf.PdfReader(io.BytesIO(framsida))
    for sida in fram.pages:
        skrivare.add_page(sida)
    skrivare.add_outline_item(title="Kallelse", page_number=0)
    if len(fram.pages) > 1:
        skrivare.add_outline_item(title="Föredragningslista", page_number=1)
    for punkt in punkter:
        start = len(skrivare.pages)
        for sida in pypdf.PdfReader(io.BytesIO(punkt["pdf"])).pages:
            skrivare.add_page(sida)
        huvud = skrivare.add_outline_item(title=punkt["titel"], page_number=start)
        for rubrik, forsta in punkt["bokmarken"]:
            skrivare.add_outline_item(title=rubrik, page_number=start + forsta, parent=huvud)
    totalt = len(skrivare.pages)
    stampla_sidnummer(skrivare, lambda nr: f"{sidfot} · Sida {nr} ({totalt})")
    skrivare.add_metadata({"/Title": titel, "/Creator": "Diariet"})
    # Open with the bookmarks showing: they are the bundle's table of contents.
    skrivare.page_mode = "/UseOutlines"
    ut = io.BytesIO()
    skrivare.write(ut)
    return ut.getvalue(), totalt


# --- page numbers ------------------------------------------------------------------


@cache
def _bredder() -> tuple[dict[int, int], int]:
    # Liberation Sans has Helvetica's metrics, so its advance widths right-align text
    # set in the standard Helvetica that every PDF reader has.
    from fontTools.ttLib import TTFont

    typsnitt = TTFont(finders.find("fonts/LiberationSans-Regular.ttf"), lazy=True)
    cmap = typsnitt.getBestCmap()
    hmtx = typsnitt["hmtx"]
    bredder = {kod: hmtx[glyf][0] for kod, glyf in cmap.items() if kod < 0x2100}
    return bredder, typsnitt["head"].unitsPerEm


def textbredd(text: str, storlek: float) -> float:
    bredder, em = _bredder()
    return sum(bredder.get(ord(t), em // 2) for t in text) * storlek / em


def _pdfstrang(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


# For a page shown rotated clockwise by /Rotate: the text's x and y axes in the page's
# own coordinates, and where the shown page's (u, v) point lies in them.
_ROTATION = {
    0: ((1, 0), (0, 1), lambda u, v, b, h: (u, v)),
    90: ((0, 1), (-1, 0), lambda u, v, b, h: (b - v, u)),
    180: ((-1, 0), (0, -1), lambda u, v, b, h: (b - u, h - v)),
    270: ((0, -1), (1, 0), lambda u, v, b, h: (v, h - u)),
}


def stampla_sidnummer(skrivare: pypdf.PdfWriter, text_for) -> None:
    """Stamp each page's running number at its bottom right, as the reader sees the page.

    The page's own content is wrapped in q/Q so whatever graphics state it leaves
    behind cannot move or recolour the stamp; nothing is parsed or re-encoded, which
    keeps this cheap for a bundle of a hundred pages.
    """
    typsnitt = skrivare._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    spara = DecodedStreamObject()
    spara.set_data(b"q\n")
    spara_ref = skrivare._add_object(spara)
    for nummer, sida in enumerate(skrivare.pages, start=1):
        ruta = sida.mediabox
        x0, y0 = float(ruta.left), float(ruta.bottom)
        bredd, hojd = float(ruta.width), float(ruta.height)
        rotation = int(sida.get("/Rotate", 0) or 0) % 360
        if rotation not in _ROTATION:
            rotation = 0
        xaxel, yaxel, plats = _ROTATION[rotation]
        visad_bredd = bredd if rotation in (0, 180) else hojd
        text = text_for(nummer)
        u = visad_bredd - STAMPELMARGINAL - textbredd(text, STAMPELSTORLEK)
        x, y = plats(u, STAMPELHOJD, bredd, hojd)
        matris = " ".join(f"{t:.3f}" for t in (*xaxel, *yaxel, x0 + x, y0 + y))
        stampel = DecodedStreamObject()
        stampel.set_data(
            b"Q\nq BT "
            + STAMPELTYPSNITT.encode()
            + f" {STAMPELSTORLEK} Tf 0.2 g {matris} Tm ".encode()
            + _pdfstrang(text)
            + b" Tj ET Q\n"
        )
        innehall = sida.get("/Contents")
        if innehall is None:
            delar = []
        elif isinstance(innehall.get_object(), ArrayObject):
            delar = list(innehall.get_object())
        else:
            delar = [innehall]
        sida[NameObject("/Contents")] = ArrayObject(
            [spara_ref, *delar, skrivare._add_object(stampel)]
        )
        resurser = sida.get("/Resources")
        if resurser is None:
            resurser = DictionaryObject()
            sida[NameObject("/Resources")] = resurser
        resurser = resurser.get_object()
        if "/Font" not in resurser:
            resurser[NameObject("/Font")] = DictionaryObject()
        resurser["/Font"].get_object()[NameObject(STAMPELTYPSNITT)] = typsnitt
