"""The agenda builder: cases, procedural and information items, order and numbers.

Every action answers with the agenda fragment for HTMX, or a redirect back for a
plain form post, so the builder works with and without JavaScript. Items move by
the keyboard (the up and down buttons keep their focus) and by dragging.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from arenden.models import Dagordningspunkt
from arenden.services import beslut as beslutstjanst
from arenden.services import kallelse as kallelsetjanst
from arenden.services import sammantraden as tjanst
from arenden.views.helpers import postdata
from arenden.views.sammantraden.formular import (
    AndraPunktForm,
    ArendepunktForm,
    InformationspunktForm,
    ProcedurpunktForm,
)
from arenden.views.sammantraden.hjalp import (
    fel_text,
    get_sammantrade_att_hantera,
    htmx_fragment,
    tjanstefel,
)


def _sammanhang(sammantrade, **formular) -> dict:
    punkter = list(
        sammantrade.dagordning.select_related("arende", "tjansteskrivelse").order_by("ordning")
    )
    sammanhang = {
        "sammantrade": sammantrade,
        "punkter": punkter,
        "arende_form": ArendepunktForm(sammantrade=sammantrade),
        "procedur_form": ProcedurpunktForm(),
        "information_form": InformationspunktForm(),
        "andras": None,
        "kan_andras": tjanst.fore(sammantrade.status, sammantrade.Status.JUSTERAT)
        and not sammantrade.importerat,
    }
    sammanhang["kan_ordnas"] = sammanhang["kan_andras"] and tjanst.kan_ordnas_om(sammantrade)
    if sammantrade.organ.typ == sammantrade.organ.Typ.FULLMAKTIGE:
        sammanhang["ko"] = beslutstjanst.ko(sammantrade.organ)
    if sammantrade.status != sammantrade.Status.PLANERAT and not sammantrade.importerat:
        sammanhang["byggs_om"] = kallelsetjanst.behover_byggas_om(sammantrade)
    return sammanhang | formular


def _svar(request, sammantrade, *, besked="", fel=None, status=200, **formular):
    """The agenda again: its fragment for HTMX, the whole page otherwise."""
    sammanhang = _sammanhang(sammantrade, **formular)
    sammanhang["besked"] = besked
    sammanhang["fel"] = fel or []
    if htmx_fragment(request):
        return render(request, "sammantraden/dagordning.html#dagordning", sammanhang, status=status)
    if status == 200:
        if besked:
            messages.success(request, besked)
        return redirect(reverse("sammantraden:dagordning", args=[sammantrade.pk]) + "#dagordning")
    return render(request, "sammantraden/dagordning.html", sammanhang, status=status)


def dagordning(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    return render(request, "sammantraden/dagordning.html", _sammanhang(sammantrade))


@require_POST
def lagg_till_arende(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    form = ArendepunktForm(request.POST, sammantrade=sammantrade)
    if not form.is_valid():
        return _svar(request, sammantrade, status=400, arende_form=form)
    try:
        punkt = tjanst.lagg_till_arende(
            sammantrade,
            form.cleaned_data["arende"],
            anvandare=request.user,
            offentlig=form.cleaned_data["offentlig"],
            notering=form.cleaned_data["notering"],
        )
    except ValidationError as fel:
        tjanstefel(form, fel)
        return _svar(request, sammantrade, status=400, arende_form=form)
    return _svar(
        request,
        sammantrade,
        besked=f"{punkt.arende.diarienummer} lades till som punkt {punkt.nummer}.",
    )


@require_POST
def lagg_till_fran_ko(request, pk, bpk):
    """A case another organ proposed to this one, from the queue."""
    sammantrade = get_sammantrade_att_hantera(request, pk)
    beslut = get_object_or_404(beslutstjanst.ko(sammantrade.organ), pk=bpk)
    try:
        punkt = tjanst.lagg_till_arende(
            sammantrade, beslut.arende, anvandare=request.user, fran_beslut=beslut
        )
    except ValidationError as fel:
        return _svar(request, sammantrade, fel=fel_text(fel), status=400)
    return _svar(
        request,
        sammantrade,
        besked=f"{punkt.arende.diarienummer} lades till som punkt {punkt.nummer}.",
    )


@require_POST
def lagg_till_punkt(request, pk, typ):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    if typ == Dagordningspunkt.Typ.PROCEDUR:
        form, namn = ProcedurpunktForm(request.POST), "procedur_form"
    else:
        form, namn = InformationspunktForm(request.POST), "information_form"
    if not form.is_valid():
        return _svar(request, sammantrade, status=400, **{namn: form})
    try:
        punkt = tjanst.lagg_till_punkt(
            sammantrade,
            anvandare=request.user,
            typ=typ,
            rubrik=form.cleaned_data["rubrik"],
            beskrivning=form.cleaned_data.get("beskrivning", ""),
            offentlig=form.cleaned_data.get("offentlig", True),
        )
    except ValidationError as fel:
        tjanstefel(form, fel)
        return _svar(request, sammantrade, status=400, **{namn: form})
    return _svar(
        request, sammantrade, besked=f"”{punkt.rubrik}” lades till som punkt {punkt.nummer}."
    )


def _get_punkt(sammantrade, ppk) -> Dagordningspunkt:
    return get_object_or_404(sammantrade.dagordning.select_related("arende"), pk=ppk)


@require_POST
def flytta(request, pk, ppk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    punkt = _get_punkt(sammantrade, ppk)
    riktning = request.POST.get("riktning")
    if riktning not in ("upp", "ned"):
        return _svar(
            request, sammantrade, fel=["Ange om punkten ska flyttas upp eller ned."], status=400
        )
    try:
        tjanst.flytta(punkt, -1 if riktning == "upp" else 1, anvandare=request.user)
    except ValidationError as fel:
        return _svar(request, sammantrade, fel=fel_text(fel), status=400)
    punkt.refresh_from_db()
    besked = f"”{punkt.rubrik}” är nu punkt {punkt.nummer}."
    return _svar(request, sammantrade, besked=besked + _efter_utskick(sammantrade))


@require_POST
def ordna(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    try:
        ordning = [int(p) for p in request.POST.get("ordning", "").split(",") if p]
    except ValueError:
        ordning = []
    try:
        tjanst.ordna(sammantrade, ordning, anvandare=request.user)
    except ValidationError as fel:
        return _svar(request, sammantrade, fel=fel_text(fel), status=400)
    return _svar(
        request, sammantrade, besked="Dagordningen är omordnad." + _efter_utskick(sammantrade)
    )


def _efter_utskick(sammantrade) -> str:
    if sammantrade.status == sammantrade.Status.PLANERAT:
        return ""
    return (
        " Kallelsen är redan skickad: skicka den på nytt så att ledamöterna får den nya ordningen."
    )


@require_http_methods(["GET", "POST"])
def andra_punkt(request, pk, ppk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    punkt = _get_punkt(sammantrade, ppk)
    initial = {
        "nummer": punkt.nummer,
        "rubrik": punkt.rubrik,
        "offentlig": punkt.offentlig,
        "notering": punkt.notering,
        "beskrivning": punkt.beskrivning,
        "underlag": list(punkt.underlag.all()),
    }
    form = AndraPunktForm(postdata(request), initial=initial, punkt=punkt, prefix=f"p{punkt.pk}")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            tjanst.andra_punkt(
                punkt,
                anvandare=request.user,
                rubrik=d["rubrik"],
                nummer=d["nummer"],
                offentlig=d["offentlig"],
                notering=d["notering"],
                beskrivning=d["beskrivning"],
                underlag=list(d["underlag"]) if "underlag" in d else None,
            )
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            return _svar(request, sammantrade, besked=f"Punkt {punkt.nummer} är sparad.")
    status = 400 if form.errors else 200
    if request.method == "GET" and not htmx_fragment(request):
        return render(
            request, "sammantraden/dagordning.html", _sammanhang(sammantrade, andras=(punkt, form))
        )
    sammanhang = _sammanhang(sammantrade, andras=(punkt, form))
    mall = "sammantraden/dagordning.html"
    if htmx_fragment(request):
        mall += "#dagordning"
    return render(request, mall, sammanhang, status=status)


@require_POST
def ta_bort_punkt(request, pk, ppk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    punkt = _get_punkt(sammantrade, ppk)
    try:
        tjanst.ta_bort_punkt(punkt, anvandare=request.user)
    except ValidationError as fel:
        return _svar(request, sammantrade, fel=fel_text(fel), status=400)
    return _svar(request, sammantrade, besked=f"”{punkt.rubrik}” togs bort från dagordningen.")
