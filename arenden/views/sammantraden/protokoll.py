"""At the meeting and after it: attendance, decisions, justering, anslag, rättelse and
the minutes as PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arenden.models import Beslut
from arenden.pdf.protokoll import justerat_protokoll_pdf, protokoll_pdf
from arenden.services import anslag as anslagstjanst
from arenden.services import behorighet, lasrum
from arenden.services import beslut as tjanst
from arenden.views.helpers import postdata
from arenden.views.sammantraden.formular import (
    AnslagForm,
    BeslutForm,
    JusteringForm,
    NarvaroForm,
    RattelseForm,
)
from arenden.views.sammantraden.hjalp import (
    fel_text,
    get_beslut,
    get_sammantrade,
    get_sammantrade_att_hantera,
    tjanstefel,
)


@require_http_methods(["GET", "POST"])
def narvaro(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    uppdrag = list(tjanst.ledamoter(sammantrade))
    form = NarvaroForm(postdata(request), uppdrag=uppdrag, narvaro=list(sammantrade.narvaro.all()))
    if request.method == "POST" and form.is_valid():
        try:
            tjanst.registrera_narvaro(sammantrade, form.till_rader(), anvandare=request.user)
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            messages.success(request, "Närvaron är sparad.")
            return redirect(sammantrade)
    return render(
        request,
        "sammantraden/narvaro.html",
        {"sammantrade": sammantrade, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def beslut(request, pk, ppk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    punkt = _get_punkt(sammantrade, ppk)
    befintligt = Beslut.objects.filter(dagordningspunkt=punkt).first()
    innehall = punkt.tjansteskrivelse_version.innehall if punkt.tjansteskrivelse_version else {}
    # The rule up front: before the meeting day (or once justerat) the page says why no
    # decision can be recorded, and offers no form to fill in for nothing.
    hinder = tjanst.hinder_for_beslut(sammantrade)
    if not hinder and befintligt is not None and befintligt.justerad:
        hinder = (
            f"§ {befintligt.paragraf} är justerad och kan inte ändras. "
            "Registrera en rättelse i stället."
        )
    if hinder:
        sammanhang = {
            "sammantrade": sammantrade,
            "punkt": punkt,
            "befintligt": befintligt,
            "hinder": hinder,
            "forslag": innehall,
        }
        status = 400 if request.method == "POST" else 200
        return render(request, "sammantraden/beslut.html", sammanhang, status=status)
    uppdrag = list(tjanst.ledamoter(sammantrade))
    if befintligt is not None:
        initial = {
            "utfall": befintligt.utfall,
            "beslutstext": befintligt.beslutstext,
            "propositionsordning": befintligt.propositionsordning,
            "beslutsunderlag": befintligt.beslutsunderlag,
            "utdrag_till": "\n".join(befintligt.utdrag_till),
            "jav": [j.person_id for j in befintligt.jav.all()],
        }
    else:
        # Prefilled from the frozen proposal: what was proposed is the first draft of
        # what is decided, and every line of it can be changed.
        initial = {
            "utfall": "",
            "beslutstext": tjanst.forslagstext(innehall),
            "beslutsunderlag": tjanst.standardunderlag_text(punkt),
            "utdrag_till": "\n".join(innehall.get("utdrag_till") or []),
        }
        narvaro = sammantrade.narvaro.filter(tjanstgor_for__isnull=False)
        for i, n in enumerate(narvaro):
            initial[f"tjanstgoring_{i}_ersattare"] = n.person_id
            initial[f"tjanstgoring_{i}_ersatter"] = n.tjanstgor_for_id
    form = BeslutForm(
        postdata(request),
        initial=initial,
        uppdrag=uppdrag,
        beslut=befintligt,
        **tjanst.utfall_for(punkt, sammantrade.organ, befintligt),
    )
    if request.method == "POST" and form.is_valid():
        try:
            nytt = tjanst.registrera_beslut(punkt, anvandare=request.user, **form.till_tjanst())
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            messages.success(request, f"Beslutet är protokollfört som § {nytt.paragraf}.")
            return redirect(reverse("sammantraden:sammantrade", args=[pk]) + f"#beslut-{nytt.pk}")
    return render(
        request,
        "sammantraden/beslut.html",
        {
            "sammantrade": sammantrade,
            "punkt": punkt,
            "befintligt": befintligt,
            "form": form,
            "forslag": innehall,
        },
        status=400 if form.errors else 200,
    )


def _get_punkt(sammantrade, ppk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        sammantrade.dagordning.select_related(
            "arende", "tjansteskrivelse_version", "fran_beslut__organ", "fran_beslut__sammantrade"
        ),
        pk=ppk,
    )


@require_http_methods(["GET", "POST"])
def justering(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    senaste = sammantrade.justeringar.exclude(forvaringsplats="").order_by("-pk").first()
    initial = {
        "beslut": list(sammantrade.beslut.filter(justerad=False)),
        "justerare": list(sammantrade.justerare.all()),
        "forvaringsplats": senaste.forvaringsplats if senaste else sammantrade.justering_plats,
    }
    form = JusteringForm(postdata(request), initial=initial, sammantrade=sammantrade)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            justering = tjanst.registrera_justering(
                sammantrade,
                anvandare=request.user,
                beslut=list(d["beslut"]),
                justerad=d["justerad"],
                justerare=d["justerare"],
                forvaringsplats=d["forvaringsplats"],
                omedelbar=d["omedelbar"],
                anslag_uppsatt=d["anslag_uppsatt"],
            )
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            paragrafer = tjanst.paragraf_text(b.paragraf for b in justering.beslut.all())
            messages.success(request, f"{paragrafer} är justerade och låsta.")
            return redirect(sammantrade)
    return render(
        request,
        "sammantraden/justering.html",
        {"sammantrade": sammantrade, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def anslag(request, pk, jpk):
    from django.shortcuts import get_object_or_404

    sammantrade = get_sammantrade_att_hantera(request, pk)
    justering = get_object_or_404(sammantrade.justeringar, pk=jpk)
    form = AnslagForm(request.POST)
    if form.is_valid():
        try:
            anslagstjanst.anslaa(
                justering, uppsatt=form.cleaned_data["uppsatt"], anvandare=request.user
            )
        except ValidationError as fel:
            for text in fel_text(fel):
                messages.error(request, text)
        else:
            messages.success(request, "Justeringen är anslagen på anslagstavlan.")
    else:
        for fel in form.errors.values():
            for text in fel:
                messages.error(request, text)
    return redirect(sammantrade)


@require_http_methods(["GET", "POST"])
def rattelse(request, pk, bpk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    beslutet = get_beslut(sammantrade, bpk)
    form = RattelseForm(postdata(request))
    if request.method == "POST" and form.is_valid():
        try:
            tjanst.registrera_rattelse(
                beslutet,
                anvandare=request.user,
                text=form.cleaned_data["text"],
                skal=form.cleaned_data["skal"],
            )
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            messages.success(request, f"Rättelsen av § {beslutet.paragraf} är registrerad.")
            return redirect(
                reverse("sammantraden:sammantrade", args=[pk]) + f"#beslut-{beslutet.pk}"
            )
    return render(
        request,
        "sammantraden/rattelse.html",
        {"sammantrade": sammantrade, "beslut": beslutet, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def pdf(request, pk):
    """The secretariat's working copy; every other reader the justerade §§ they may see."""
    sammantrade = get_sammantrade(request, pk)
    user = request.user
    try:
        if behorighet.kan_hantera_sammantraden(user):
            data = protokoll_pdf(sammantrade)
        else:
            data = justerat_protokoll_pdf(
                sammantrade,
                slutna=lasrum.ser_slutna_punkter(user, sammantrade),
                maskerad=not behorighet.kan_se_sekretess(user),
            )
    except ValidationError as fel:
        for text in fel_text(fel):
            messages.error(request, text)
        return redirect(sammantrade)
    svar = HttpResponse(data, content_type="application/pdf")
    namn = f"protokoll-{sammantrade.organ.forkortning}-{sammantrade.datum:%Y-%m-%d}.pdf"
    svar["Content-Disposition"] = f'inline; filename="{namn}"'
    svar["Cache-Control"] = "private, no-store"
    return svar
