"""Meetings: the list, one meeting (the reading room's first page), planning, the
organ's members and fullmäktige's queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from arenden.models import Beslut, KallelsePaket, Organ, Sammantrade
from arenden.services import behorighet, lasrum
from arenden.services import beslut as beslutstjanst
from arenden.services import kallelse as kallelsetjanst
from arenden.services import motioner as motionsregler
from arenden.services import sammantraden as tjanst
from arenden.views.helpers import postdata
from arenden.views.sammantraden.formular import InstallaForm, SammantradeForm
from arenden.views.sammantraden.hjalp import (
    get_sammantrade,
    get_sammantrade_att_hantera,
    tjanstefel,
)


def lista(request):
    sammantraden = lasrum.synliga_sammantraden(request.user).select_related(
        "organ", "ordforande", "sekreterare"
    )
    organ = Organ.objects.order_by("namn")
    valt = request.GET.get("organ", "")
    if valt:
        sammantraden = sammantraden.filter(organ__forkortning=valt)
    idag = timezone.localdate()
    return render(
        request,
        "sammantraden/lista.html",
        {
            "kommande": sammantraden.filter(datum__gte=idag).order_by("datum"),
            "tidigare": sammantraden.filter(datum__lt=idag).order_by("-datum")[:100],
            "organ": organ,
            "valt": valt,
        },
    )


def sammantrade(request, pk):
    sammantrade = get_sammantrade(request, pk)
    user = request.user
    hantera = behorighet.kan_hantera_sammantraden(user)
    punkter = lasrum.synliga_punkter(user, sammantrade).select_related("arende").order_by("ordning")
    beslut = (
        sammantrade.beslut.select_related("arende", "utdrag__arende", "dagordningspunkt")
        .prefetch_related("rattelser")
        .order_by("paragraf")
    )
    if not lasrum.ser_slutna_punkter(user, sammantrade):
        # Decisions on closed items stay out of the view of those who cannot see them.
        beslut = beslut.exclude(dagordningspunkt__offentlig=False)
    # Before the meeting there is nothing decided or justerat to ask for: the reading
    # room's busiest page saves the queries.
    fore_motet = sammantrade.status in (
        Sammantrade.Status.PLANERAT,
        Sammantrade.Status.KALLELSE_SKICKAD,
        Sammantrade.Status.INSTALLT,
    )
    beslut = [] if fore_motet else list(beslut)
    beslut_per_punkt = {b.dagordningspunkt_id: b for b in beslut if b.dagordningspunkt_id}
    for punkt in punkter:
        punkt.beslutet = beslut_per_punkt.get(punkt.pk)
    sammanhang = {
        "sammantrade": sammantrade,
        "punkter": punkter,
        "beslut": beslut,
        "hantera": hantera,
        "justeringar": []
        if fore_motet
        else sammantrade.justeringar.prefetch_related(
            Prefetch("beslut", Beslut.objects.order_by("paragraf"))
        ).order_by("justerad", "pk"),
        "ledamot": lasrum.ar_ledamot(user, sammantrade.organ, sammantrade.datum),
        # Decisions are recorded from the meeting day until the minutes are justerade;
        # after that a correction is a rättelse.
        "kan_protokollfora": hantera and not beslutstjanst.hinder_for_beslut(sammantrade),
        "kan_installas": hantera and not tjanst.kan_installas(sammantrade),
        # Every reader may have the justerade §§ they may see; the secretariat has the
        # working copy in its tools.
        "justerat_protokoll": not hantera
        and not fore_motet
        and not sammantrade.importerat
        and any(b.justerad for b in beslut),
    }
    if sammantrade.status != Sammantrade.Status.PLANERAT and not sammantrade.importerat:
        sammanhang |= kallelsestatus(request, sammantrade)
    if hantera:
        sammanhang["historik"] = sammantrade_historik(sammantrade)
    return render(request, "sammantraden/sammantrade.html", sammanhang)


def kallelsestatus(request, sammantrade) -> dict:
    """What the kallelse section shows: the build's progress and the copy this user gets."""
    paket = kallelsetjanst.senaste(sammantrade, med_manifest=False)
    klart = paket
    if paket is not None and paket.status != KallelsePaket.Status.KLAR:
        klart = kallelsetjanst.senaste_klara(sammantrade, med_manifest=False)
    return {
        "paket": paket,
        "klart_paket": klart,
        "far_hamta_kallelse": far_hamta_kallelse(request.user, sammantrade),
        # For the secretariat: the agenda changed after the build (a move, a new item,
        # a secrecy mark), so the members' copy is out of date.
        "byggs_om": behorighet.kan_hantera_sammantraden(request.user)
        and kallelsetjanst.behover_byggas_om(sammantrade),
    }


def far_hamta_kallelse(user, sammantrade) -> bool:
    # The bundle carries every item, closed ones too.
    return (
        lasrum.ser_slutna_punkter(user, sammantrade)
        or not sammantrade.dagordning.filter(offentlig=False).exists()
    )


def sammantrade_historik(sammantrade):
    from arenden.models import Historik

    return Historik.objects.filter(
        objekt_typ="sammantrade", objekt_id=str(sammantrade.pk)
    ).select_related("anvandare")[:100]


@require_http_methods(["GET", "POST"])
def ny(request):
    if not behorighet.kan_hantera_sammantraden(request.user):
        raise PermissionDenied
    form = SammantradeForm(postdata(request), initial={"organ": _organ_i_url(request)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sammantrade = tjanst.skapa_sammantrade(
                organ=d["organ"],
                datum=d["datum"],
                starttid=d["starttid"],
                sluttid=d["sluttid"],
                plats=d["plats"],
                ordforande=d["ordforande"],
                sekreterare=d["sekreterare"],
                justering_plats=d["justering_plats"],
                justering_datum=d["justering_datum"],
                justerare=d["justerare"],
                anvandare=request.user,
            )
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            messages.success(request, f"Sammanträdet {sammantrade} är planerat.")
            return redirect("sammantraden:dagordning", sammantrade.pk)
    return render(
        request, "sammantraden/ny.html", {"form": form}, status=400 if form.errors else 200
    )


def _organ_i_url(request):
    """The organ the list was filtered by, else the board whose diarium this is."""
    valt = Organ.objects.filter(forkortning=request.GET.get("organ", "")).first()
    return valt or Organ.objects.filter(diarier__prefix=motionsregler.DIARIUM).first()


@require_http_methods(["GET", "POST"])
def andra(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    initial = {
        f: getattr(sammantrade, f)
        for f in [
            "organ", "datum", "starttid", "sluttid", "plats", "ordforande", "sekreterare",
            "justering_plats", "justering_datum",
        ]
    }  # fmt: skip
    initial["justerare"] = list(sammantrade.justerare.all())
    form = SammantradeForm(postdata(request), initial=initial, organ=sammantrade.organ)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            tjanst.andra_sammantrade(
                sammantrade,
                anvandare=request.user,
                justerare=d["justerare"],
                **{k: d[k] for k in initial if k not in ("organ", "justerare")},
            )
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            messages.success(request, "Sammanträdets uppgifter är sparade.")
            return redirect(sammantrade)
    return render(
        request,
        "sammantraden/andra.html",
        {
            "form": form,
            "sammantrade": sammantrade,
            # A sent meeting keeps its day; the way to another day is to call it off.
            "kan_installas": sammantrade.status != Sammantrade.Status.PLANERAT
            and not tjanst.kan_installas(sammantrade),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def stall_in(request, pk):
    """Call the meeting off before it is held, with the reason."""
    sammantrade = get_sammantrade_att_hantera(request, pk)
    form = InstallaForm(postdata(request))
    hinder = tjanst.kan_installas(sammantrade)
    if request.method == "POST" and form.is_valid():
        try:
            tjanst.stall_in(
                sammantrade, anvandare=request.user, anledning=form.cleaned_data["anledning"]
            )
        except ValidationError as fel:
            tjanstefel(form, fel)
        else:
            messages.success(
                request,
                f"Sammanträdet {sammantrade} är inställt. Ärendena på dagordningen kan "
                "läggas på ett senare sammanträde.",
            )
            return redirect(sammantrade)
    return render(
        request,
        "sammantraden/stall_in.html",
        {
            "sammantrade": sammantrade,
            "form": form,
            "hinder": hinder,
            "arenden": sammantrade.dagordning.exclude(arende=None)
            .select_related("arende")
            .order_by("ordning"),
        },
        status=400 if form.errors else 200,
    )


def organ(request, forkortning):
    """The organ's members: ledamöter and ersättare, with their terms."""
    organ = get_object_or_404(Organ, forkortning=forkortning)
    if not request.user.has_perm("arenden.lasa_beslut"):
        raise PermissionDenied
    idag = timezone.localdate()
    uppdrag = organ.uppdrag.select_related("person").order_by("roll", "person__namn")
    return render(
        request,
        "sammantraden/organ.html",
        {
            "organ": organ,
            "nuvarande": [u for u in uppdrag if u.galler(idag)],
            "tidigare": [u for u in uppdrag if u.till and u.till < idag],
            "kommande_uppdrag": [u for u in uppdrag if u.fran > idag],
            "sammantraden": lasrum.synliga_sammantraden(request.user)
            .filter(organ=organ, datum__gte=idag)
            .order_by("datum")[:10],
        },
    )


def ko(request, forkortning):
    """Cases another organ has proposed to this one, waiting for one of its agendas."""
    if not behorighet.kan_hantera_sammantraden(request.user):
        raise PermissionDenied
    organ = get_object_or_404(Organ, forkortning=forkortning)
    return render(
        request,
        "sammantraden/ko.html",
        {
            "organ": organ,
            "ko": beslutstjanst.ko(organ),
            "nasta": beslutstjanst.nasta_sammantrade(organ),
        },
    )
