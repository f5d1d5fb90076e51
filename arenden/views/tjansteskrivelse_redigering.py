"""Drafting a tjänsteskrivelse: start one, the editor, autosave, preview, paste, status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from arenden import redigering
from arenden.dokument import dokument
from arenden.markup import MAX_BODY_CHARS, BodyTooLong, html_to_markdown
from arenden.models import Person, Tjansteskrivelse
from arenden.services import behorighet, jamforelse
from arenden.services import tjansteskrivelser as tjanst
from arenden.views.helpers import get_arende

# Set only when the working copy was really stored (static/js/redigerare.js reads it).
AUTOSPARAD = "X-Autosparad"


def get_skrivelse_att_redigera(request, slug, pk) -> Tjansteskrivelse:
    """404 unless the case has this tjänsteskrivelse; 403 unless the user writes them."""
    arende = get_arende(slug)
    skrivelse = get_object_or_404(
        Tjansteskrivelse.objects.select_related("arende", "granskare"), arende=arende, pk=pk
    )
    if not behorighet.kan_skriva(request.user) or not tjanst.far_se(skrivelse, request.user):
        raise PermissionDenied
    return skrivelse


def _bas_version(request) -> int:
    try:
        return int(request.POST.get("bas_version", ""))
    except ValueError:
        raise redigering.FelaktigtFormular("Formuläret saknar versionsnummer.") from None


# --- starting ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def ny(request, slug):
    arende = get_arende(slug)
    if not behorighet.kan_skriva(request.user):
        raise PermissionDenied
    fel = {}
    titel = arende.titel
    if request.method == "POST":
        titel = request.POST.get("titel", "").strip()
        try:
            skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=request.user, titel=titel)
        except ValidationError as e:
            fel = {k: v[0] for k, v in e.message_dict.items()}
        else:
            messages.success(request, "Tjänsteskrivelsen är påbörjad. Fyll i den och spara.")
            return redirect("arenden:tjansteskrivelse_redigera", arende.slug, skrivelse.pk)
    return render(
        request,
        "tjansteskrivelser/ny.html",
        {
            "arende": arende,
            "titel": titel,
            "fel": fel,
            "huvud": tjanst.forifyllt_huvud(arende, request.user),
        },
        status=400 if fel else 200,
    )


# --- the editor ----------------------------------------------------------------------


def _felrubrik(nyckel: str) -> str:
    namn = {
        "titel": "Titel",
        "datum": "Datum",
        "avdelning": "Avdelning",
        "handlaggare_namn": "Handläggare",
        "handlaggare_telefon": "Telefon",
        "handlaggare_epost": "E-post",
        "forslag_av": "Förslag av",
        "forslag_inledning": "Inledning till förslaget",
        "avsnitt": "Avsnitt",
        "attsatser": "Att-satser",
        "undertecknare": "I tjänsten",
        "utdrag_till": "Utdrag till",
    }
    if nyckel in namn:
        return namn[nyckel]
    delar = nyckel.split("-")
    plats = int(delar[1]) + 1 if len(delar) > 1 and delar[1].isdigit() else ""
    rubrik = {
        "avsnitt": f"Avsnitt {plats}",
        "attsats": f"Att-sats {plats}",
        "undertecknare": f"Undertecknare {plats}",
        "utdrag": f"Utdrag till, rad {plats}",
    }.get(delar[0], nyckel)
    falt = {"rubrik": "rubrik", "text": "text", "namn": "namn", "titel": "titel"}.get(
        delar[-1] if len(delar) > 2 else ""
    )
    return f"{rubrik}, {falt}" if falt else rubrik


def _felfalt(nyckel: str) -> str:
    # The list-level keys point at the list's add button, which exists even when empty.
    return {
        "avsnitt": "lagg-till-avsnitt",
        "attsatser": "lagg-till-attsats",
        "undertecknare": "lagg-till-undertecknare",
        "utdrag_till": "lagg-till-utdrag",
    }.get(nyckel, nyckel)


def _redigerare(
    request,
    skrivelse,
    data,
    bas_version,
    *,
    fel=None,
    fokus="",
    meddelande="",
    extra=None,
    status=200,
):
    fel = fel or {}

    def rader(lista, nyckel):
        delar = data[nyckel]
        return [
            {
                "i": i,
                "id": f"{lista}-{i}",
                "varde": varde,
                "forsta": i == 0,
                "sista": i == len(delar) - 1,
                # Errors of this part by field ("text", "namn"), or of the part itself.
                "fel": {
                    k.removeprefix(f"{lista}-{i}-"): v
                    for k, v in fel.items()
                    if k.startswith(f"{lista}-{i}-")
                },
                "fel_del": fel.get(f"{lista}-{i}"),
            }
            for i, varde in enumerate(delar)
        ]

    sammanhang = {
        "arende": skrivelse.arende,
        "skrivelse": skrivelse,
        "data": data,
        "bas_version": bas_version,
        "fel": fel,
        "felsammanfattning": [(_felfalt(k), _felrubrik(k), v) for k, v in fel.items()],
        "fokus": fokus,
        "meddelande": meddelande,
        "avsnitt": rader("avsnitt", "avsnitt"),
        "attsatser": rader("attsats", "attsatser"),
        "undertecknare": rader("undertecknare", "undertecknare"),
        "utdrag": rader("utdrag", "utdrag_till"),
        "vanliga_rubriker": tjanst.VANLIGA_RUBRIKER,
        "forslag_av_val": tjanst.FORSLAG_AV,
        "inledningar": tjanst.FORSLAG_INLEDNINGAR,
        "personer": Person.objects.filter(privatperson=False).order_by("namn"),
        "last": tjanst.ar_last(skrivelse),
        "max_tecken": MAX_BODY_CHARS,
        "forhandsgranskning": _forhandsgranskning(skrivelse, data),
        # The editor shows text the browser posted, not the stored document.
        "postat": request.method == "POST",
        **(extra or {}),
    }
    template = "tjansteskrivelser/redigera.html"
    if request.htmx:
        template += "#redigerare"
    return render(request, template, sammanhang, status=status)


def _forhandsgranskning(skrivelse, data) -> dict:
    try:
        # Inside the editor, whose own h1 names the page, the document's title is an h2.
        innehall = {**data, "diarienummer": skrivelse.arende.diarienummer}
        return {"dok": dokument(innehall, titelniva=2)}
    except BodyTooLong as fel:
        return {"fel": str(fel)}


@require_http_methods(["GET", "POST"])
def redigera(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    if not tjanst.far_redigera(skrivelse, request.user):
        messages.info(
            request,
            f"Tjänsteskrivelsen har status {skrivelse.get_status_display().lower()} och kan "
            "inte ändras just nu.",
        )
        return redirect(skrivelse)
    if request.method == "GET":
        tjanst.logga_lasning(
            skrivelse, request.user, vad="öppnade tjänsteskrivelsen för redigering"
        )
        data, bas, extra = tjanst.innehall(skrivelse), skrivelse.version, {}
        kopia = tjanst.arbetskopia(skrivelse, request.user)
        if kopia is not None and request.GET.get("arbetskopia") == "aterstall":
            data, bas = redigering.fran_dict(kopia.innehall), kopia.bas_version
            extra["meddelande"] = "Dina osparade ändringar är återställda. Spara när du är klar."
        elif kopia is not None:
            extra = {
                "kopia": kopia,
                "kopia_rader": jamforelse.jamfor(tjanst.innehall(skrivelse), kopia.innehall),
            }
        extra["sparad_version"] = _sparad_version(request, skrivelse)
        return _redigerare(
            request, skrivelse, data, bas, meddelande=extra.pop("meddelande", ""), extra=extra
        )
    try:
        data = redigering.fran_post(request.POST)
        bas = _bas_version(request)
    except redigering.FelaktigtFormular as fel:
        return HttpResponseBadRequest(str(fel))
    atgard = request.POST.get("atgard", "")
    if atgard == "spara":
        return _spara(request, skrivelse, data, bas)
    extra = {}
    if request.POST.get("sammanfoga"):
        # Merging by hand after a conflict: the saved version stays in view beside the
        # user's own text until they save.
        extra = {
            "sammanfoga": True,
            "sammanfoga_rader": jamforelse.jamfor(tjanst.innehall(skrivelse), data),
        }
    utfall = redigering.tillampa(atgard, data)
    if utfall is None:
        return _redigerare(request, skrivelse, data, bas, fokus="titel", extra=extra)
    svar = _redigerare(
        request,
        skrivelse,
        utfall.data,
        bas,
        fokus=utfall.fokus,
        meddelande=utfall.meddelande,
        extra=extra,
    )
    svar["HX-Trigger"] = "forhandsgranska"
    return svar


def _spara(request, skrivelse, data, bas):
    try:
        version = tjanst.spara(skrivelse, data, anvandare=request.user, bas_version=bas)
    except ValidationError as e:
        fel = {k: v[0] for k, v in e.message_dict.items()}
        return _redigerare(request, skrivelse, data, bas, fel=fel, fokus="fel", status=400)
    except tjanst.Konflikt as konflikt:
        # Nothing typed is lost: the user's text is kept as their working copy too.
        tjanst.autospara(skrivelse, data, anvandare=request.user, bas_version=bas)
        return _konflikt(request, konflikt.skrivelse, data)
    except PermissionDenied:
        messages.error(request, "Tjänsteskrivelsen kan inte längre ändras här.")
        return redirect(skrivelse)
    messages.success(request, f"Sparad som version {version.nummer}.")
    # The page after the save says which version was stored, so the editor's script
    # forgets the browser's copy only once the server has the text (not on submit).
    adress = reverse(
        "arenden:tjansteskrivelse_redigera", args=[skrivelse.arende.slug, skrivelse.pk]
    )
    return redirect(f"{adress}?sparad={version.nummer}")


def _sparad_version(request, skrivelse) -> int | None:
    """The version `?sparad=` names, if it is still the latest the server holds."""
    nummer = request.GET.get("sparad", "")
    if not (nummer.isascii() and nummer.isdigit()):
        return None
    senaste = skrivelse.versioner.order_by("-nummer").values_list("nummer", flat=True).first()
    # An unchanged save makes no version and answers with the latest one.
    return int(nummer) if senaste == int(nummer) else None


def _konflikt(request, sparad, mina):
    deras = tjanst.innehall(sparad)
    senaste = sparad.versioner.select_related("skapad_av").order_by("-nummer").first()
    return render(
        request,
        "tjansteskrivelser/konflikt.html",
        {
            "arende": sparad.arende,
            "skrivelse": sparad,
            "senaste": senaste,
            "rader": jamforelse.jamfor(deras, mina),
            "mina_json": redigering.till_json(mina),
            "deras_version": sparad.version,
        },
        status=409,
    )


# --- autosave, preview, paste --------------------------------------------------------


@require_POST
def autospara(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    if not tjanst.far_redigera(skrivelse, request.user):
        raise PermissionDenied
    try:
        data = redigering.fran_post(request.POST)
        bas = _bas_version(request)
    except redigering.FelaktigtFormular as fel:
        return HttpResponseBadRequest(str(fel))
    fel = {k: v for k, v in tjanst.kontrollera_innehall(data).items() if "för lång" in v}
    if fel:
        return render(
            request,
            "tjansteskrivelser/redigera.html#autosparstatus",
            {"autospar_fel": next(iter(fel.values()))},
            status=400,
        )
    tjanst.autospara(skrivelse, data, anvandare=request.user, bas_version=bas)
    svar = render(
        request,
        "tjansteskrivelser/redigera.html#autosparstatus",
        {"autosparad": timezone.localtime()},
    )
    # The editor's script forgets the browser's copy only on this mark: a 200 alone may
    # be the login page an expired session was redirected to.
    svar[AUTOSPARAD] = "1"
    return svar


@require_POST
def forhandsgranska(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    try:
        data = redigering.fran_post(request.POST)
    except redigering.FelaktigtFormular as fel:
        return HttpResponseBadRequest(str(fel))
    return render(
        request,
        "tjansteskrivelser/redigera.html#forhandsgranskning",
        {"forhandsgranskning": _forhandsgranskning(skrivelse, data)},
    )


@require_POST
def klistra_in(request, slug, pk):
    get_skrivelse_att_redigera(request, slug, pk)
    try:
        markdown = html_to_markdown(request.POST.get("html", ""))
    except BodyTooLong as fel:
        return JsonResponse({"fel": str(fel)}, status=400)
    return JsonResponse({"markdown": markdown})


@require_POST
def slang_arbetskopia(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    tjanst.slang_arbetskopia(skrivelse, request.user)
    messages.info(request, "De osparade ändringarna är borttagna; du ser den sparade versionen.")
    return redirect("arenden:tjansteskrivelse_redigera", skrivelse.arende.slug, skrivelse.pk)
