"""The minutes (protokoll) and the protokollsutdrag as PDF/A, from the recorded decisions.

Imported meetings have no minutes: the sources cite decisions, they hold no protokoll,
so nothing is printed for them.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from arenden.models import Beslut, Narvaro, Rost, Sammantrade, Votering
from arenden.pdf.render import render_pdf
from arenden.services.beslut import paragraf_text
from arenden.services.sok import maskera_personnummer

TEXTFALT = ["beslutstext", "propositionsordning", "beslutsunderlag", "rubrik"]
INLAST = (
    "Inget protokoll skrivs ut för ett inläst sammanträde: källorna innehåller inget "
    "protokoll, bara de beslut som citeras."
)


def _beslut(sammantrade: Sammantrade, urval=None):
    beslut = (
        sammantrade.beslut.select_related("arende", "organ")
        .prefetch_related(
            "yrkanden__person",
            Prefetch(
                "voteringar",
                Votering.objects.prefetch_related(
                    Prefetch("roster", Rost.objects.select_related("person"))
                ),
            ),
            "reservationer__person",
            "jav__person",
            "tjanstgoring__ersattare",
            "tjanstgoring__ersatter",
            "protokollsanteckningar__person",
            "rattelser",
        )
        .order_by("paragraf")
    )
    if urval is not None:
        beslut = beslut.filter(pk__in=[b.pk for b in urval])
    return list(beslut)


def protokollsdata(sammantrade: Sammantrade, urval=None, *, maskerad: bool = False) -> dict:
    if sammantrade.importerat:
        raise ValidationError(INLAST)
    beslut = _beslut(sammantrade, urval)
    if maskerad:
        # The public copy: anything that looks like a personnummer is masked.
        for b in beslut:
            for falt in TEXTFALT:
                setattr(b, falt, maskera_personnummer(getattr(b, falt)))
    narvaro = list(sammantrade.narvaro.select_related("person", "tjanstgor_for"))
    justeringar = list(
        sammantrade.justeringar.prefetch_related("justerare", "beslut").order_by("justerad")
    )
    justerare = []
    for j in justeringar:
        justerare += [p for p in j.justerare.all() if p not in justerare]
    if not justerare:
        justerare = list(sammantrade.justerare.all())
    return {
        "sammantrade": sammantrade,
        "paragrafer": paragraf_text(b.paragraf for b in beslut),
        "beslut": beslut,
        "beslutande": [n for n in narvaro if n.narvarande and n.roll == Narvaro.Roll.LEDAMOT],
        "tjanstgorande": [n for n in narvaro if n.narvarande and n.tjanstgor_for_id],
        "ovriga": [
            n
            for n in narvaro
            if n.narvarande and n.roll == Narvaro.Roll.ERSATTARE and not n.tjanstgor_for_id
        ],
        "justerare": justerare,
        "justeringar": justeringar,
        "justerat": bool(beslut) and all(b.justerad for b in beslut),
    }


def protokoll_pdf(sammantrade: Sammantrade, *, maskerad: bool = False) -> bytes:
    data = protokollsdata(sammantrade, maskerad=maskerad)
    if not data["beslut"]:
        raise ValidationError("Inga beslut är protokollförda ännu.")
    titel = f"Protokoll {sammantrade.organ.namn} {sammantrade.datum:%Y-%m-%d}"
    return render_pdf("pdf/protokoll.html", data, titel=titel, amne=data["paragrafer"])


def utdrag_pdf(beslut: Beslut) -> bytes:
    data = protokollsdata(beslut.sammantrade, [beslut])
    datum = beslut.sammantrade.datum
    titel = f"Protokollsutdrag {beslut.organ.namn} {datum:%Y-%m-%d} § {beslut.paragraf}"
    amne = beslut.arende.diarienummer if beslut.arende_id else ""
    return render_pdf("pdf/utdrag.html", {**data, "b": beslut}, titel=titel, amne=amne)


def protokoll_pdf_for_justering(justering) -> bytes:
    """The public copy of what one justering covers, for the anslagstavla."""
    urval = [b for b in justering.beslut.all() if not _stangd(b)]
    if not urval:
        raise ValidationError("Inga offentliga paragrafer.")
    return _cachad(justering.sammantrade, urval, maskerad=True)


def justerat_protokoll_pdf(sammantrade: Sammantrade, *, slutna: bool, maskerad: bool) -> bytes:
    """The justerade §§ of the minutes, for a reader of the meeting who is not its
    secretary: closed §§ only for those who may see closed items (otherwise left out, as
    on the anslagstavla), personnummer masked for those without the right to see them."""
    if sammantrade.importerat:
        raise ValidationError(INLAST)
    urval = [
        b
        for b in sammantrade.beslut.filter(justerad=True).select_related("dagordningspunkt")
        if slutna or not _stangd(b)
    ]
    if not urval:
        raise ValidationError("Protokollet är inte justerat ännu.")
    return _cachad(sammantrade, urval, maskerad=maskerad)


def _cachad(sammantrade: Sammantrade, urval, *, maskerad: bool) -> bytes:
    """Rendered once per content and then read from the file storage: rendering on
    every request would let anyone (the anslagstavla is public) keep the workers busy."""
    import hashlib

    from django.template.loader import render_to_string

    from arenden.pdf import cache as pdfcache

    data = protokollsdata(sammantrade, urval, maskerad=maskerad)
    titel = f"Protokoll {sammantrade.organ.namn} {sammantrade.datum:%Y-%m-%d}"
    html = render_to_string("pdf/protokoll.html", {**data, "pdf_titel": titel})
    sokvag = f"pdf-cache/protokoll/{hashlib.sha256(html.encode()).hexdigest()}.pdf"
    return pdfcache.hamta_eller_rendera(
        sokvag, lambda: render_pdf("pdf/protokoll.html", data, titel=titel, amne=data["paragrafer"])
    )


def _stangd(beslut: Beslut) -> bool:
    return beslut.dagordningspunkt_id is not None and not beslut.dagordningspunkt.offentlig
