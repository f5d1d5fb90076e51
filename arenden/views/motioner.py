"""Motions and medborgarförslag: the list, registration, the motion, its answer and closing,
and the report of unanswered motions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arenden import forms_motioner as formular
from arenden.models import Motion
from arenden.pdf import render_pdf
from arenden.services import behorighet, motionsavslut, motionsredovisning
from arenden.services import motioner as motionstjanst
from arenden.views.helpers import get_arende, postdata


def _get_motion(slug: str) -> Motion:
    """The motion a URL names by its case's diarienummer, or 404."""
    arende = get_arende(slug)
    return get_object_or_404(motionsredovisning.motioner(), arende=arende)


@require_GET
def lista(request):
    form = formular.FilterForm(
        request.GET, partier=motionsredovisning.partier(), ar=motionsredovisning.ar()
    )
    villkor = form.cleaned_data if form.is_valid() else {}
    urval = motionsredovisning.filtrera(
        status=villkor.get("status", ""),
        typ=villkor.get("typ", ""),
        parti=villkor.get("parti", ""),
        ar=villkor.get("ar"),
        frist=villkor.get("frist", ""),
        ordning=villkor.get("ordning") or "frist",
    )
    sida = Paginator(urval, 50).get_page(request.GET.get("sida"))
    idag = timezone.localdate()
    rader = [(m, motionstjanst.fristlage(m, idag), motionstjanst.svar(m)) for m in sida]
    template_name = "motioner/lista.html"
    if request.htmx:
        template_name += "#tabell"
    return render(request, template_name, {"form": form, "sida": sida, "rader": rader})


@require_http_methods(["GET", "POST"])
def ny(request):
    if not behorighet.kan_registrera(request.user):
        raise PermissionDenied
    sammanhang = {"fel_motionarer": [], "fel_yrkanden": []}
    if request.method == "GET":
        form = formular.MotionForm()
        motionarer = formular.MotionarFormSet(prefix="motionarer")
        yrkanden = formular.YrkandeFormSet(prefix="yrkanden")
        return render(request, "motioner/ny.html", _ny_sammanhang(form, motionarer, yrkanden))

    form = formular.MotionForm(request.POST, request.FILES)
    motionarer = formular.MotionarFormSet(request.POST, prefix="motionarer")
    yrkanden = formular.YrkandeFormSet(request.POST, prefix="yrkanden")
    atgard = request.POST.get("atgard", "")
    if atgard in ("fler_motionarer", "fler_yrkanden"):
        # Without script, "add another" posts the form: it comes back with one more row,
        # what was typed kept and no errors shown for a form not yet sent.
        form, motionarer, yrkanden = _med_en_rad_till(form, motionarer, yrkanden, atgard)
        sammanhang = _ny_sammanhang(form, motionarer, yrkanden, fil_forlorad="fil" in request.FILES)
        return render(request, "motioner/ny.html", sammanhang)

    giltig = all([form.is_valid(), motionarer.is_valid(), yrkanden.is_valid()])
    if giltig:
        data = form.cleaned_data
        try:
            motion = motionstjanst.registrera_motion(
                anvandare=request.user,
                typ=data["typ"],
                titel=data["titel"],
                vackt=data["vackt"],
                motionarer=[m for m in (f.motionar() for f in motionarer) if m is not None],
                yrkanden=[f.cleaned_data.get("text", "") for f in yrkanden],
                text=data["text"],
                fil=data["fil"],
                besvaras_senast_sammantrade=data["besvaras_senast_sammantrade"],
                delegerad_till=data.get("delegerad_till"),
            )
        except ValidationError as fel:
            sammanhang = _fordela_fel(fel, form)
        else:
            messages.success(
                request,
                f"{motion.arende.diarienummer} registrerades och remitterades till "
                f"regionstyrelsen. Sista dag för svar: {motion.besvaras_senast:%Y-%m-%d}.",
            )
            return redirect(motion)
    return render(
        request,
        "motioner/ny.html",
        _ny_sammanhang(
            form, motionarer, yrkanden, fil_forlorad="fil" in request.FILES, **sammanhang
        ),
        status=400,
    )


def _ny_sammanhang(form, motionarer, yrkanden, **extra):
    return {
        "form": form,
        "motionarer": motionarer,
        "yrkanden": yrkanden,
        "medborgarforslag": motionstjanst.tar_emot_medborgarforslag(),
        **extra,
    }


def _fordela_fel(fel: ValidationError, form) -> dict:
    """The service's errors onto the fields they name; the rows' under their fieldset."""
    rader = {"fel_motionarer": [], "fel_yrkanden": []}
    per_falt = fel.message_dict if hasattr(fel, "error_dict") else {None: fel.messages}
    for falt, meddelanden in per_falt.items():
        if falt in form.fields:
            form.add_error(falt, meddelanden)
        elif f"fel_{falt}" in rader:
            rader[f"fel_{falt}"] += meddelanden
        else:
            form.add_error(None, meddelanden)
    return rader


def _som_initial(form) -> dict:
    return {namn: form[namn].value() for namn in form.fields if namn != "fil"}


def _med_en_rad_till(form, motionarer, yrkanden, atgard):
    ny_form = formular.MotionForm(initial=_som_initial(form))
    mangder = []
    for formset, prefix, klass in [
        (motionarer, "motionarer", formular.MotionarForm),
        (yrkanden, "yrkanden", formular.YrkandeForm),
    ]:
        rader = [_som_initial(f) for f in formset.forms]
        ny_rad = atgard == f"fler_{prefix}" and len(rader) < formset.max_num
        if ny_rad:
            rader.append({})
        fabrik = forms.formset_factory(klass, extra=0, max_num=formset.max_num)
        ny = fabrik(initial=rader or [{}], prefix=prefix)
        if ny_rad:
            # Focus lands in the new row, where the keyboard user meant to go.
            forsta = next(iter(ny.forms[-1].fields.values()))
            forsta.widget.attrs["autofocus"] = True
        mangder.append(ny)
    return ny_form, *mangder


@require_GET
def motion(request, slug):
    return render(request, "motioner/motion.html", _motion_sammanhang(request, _get_motion(slug)))


def _motion_sammanhang(request, motion, *, frist_form=None) -> dict:
    user = request.user
    sammanhang = {
        "motion": motion,
        "fristlage": motionstjanst.fristlage(motion),
        "beredning": motionsredovisning.beredningslage(motion),
        "svar": motionstjanst.svar(motion),
        "yrkanden": [motionstjanst.yrkande_markdown(y.text) for y in motion.yrkanden.all()],
        "meddelanden": motionsavslut.meddelanden(motion) if motion.ar_medborgarforslag else [],
        "kan_svara": behorighet.kan_skriva(user),
        "kan_hantera": behorighet.kan_hantera_sammantraden(user),
    }
    if sammanhang["kan_hantera"] and motion.ar_medborgarforslag and motion.oppen:
        sammanhang["delegera_form"] = formular.DelegeraForm(
            initial={"organ": motion.delegerad_till_id}
        )
    if frist_form is not None:
        sammanhang["frist_form"] = frist_form  # a refused change comes back with its reason
    elif _kan_satta_frist(user) and motion.oppen:
        sammanhang["frist_form"] = formular.BesvarasSenastForm(
            initial={"besvaras_senast_sammantrade": motion.besvaras_senast_sammantrade_id}
        )
    return sammanhang


def _kan_satta_frist(user) -> bool:
    # Whoever may register a motion may set the meeting it is due by, as at registration;
    # the presidium's choice usually comes later, and the secretariat records it.
    return behorighet.kan_registrera(user) or behorighet.kan_hantera_sammantraden(user)


@require_POST
def besvaras_senast(request, slug):
    if not _kan_satta_frist(request.user):
        raise PermissionDenied
    motion = _get_motion(slug)
    form = formular.BesvarasSenastForm(request.POST)
    if form.is_valid():
        try:
            motion = motionstjanst.satt_besvaras_senast_sammantrade(
                motion,
                sammantrade=form.cleaned_data["besvaras_senast_sammantrade"],
                anvandare=request.user,
            )
        except ValidationError as fel:
            _fordela_fel(fel, form)
        else:
            messages.success(request, _fristbesked(motion))
            return redirect(motion)
    motion = _get_motion(slug)
    return render(
        request,
        "motioner/motion.html",
        _motion_sammanhang(request, motion, frist_form=form),
        status=400,
    )


def _fristbesked(motion) -> str:
    dnr = motion.arende.diarienummer
    mote = motion.besvaras_senast_sammantrade
    if mote:
        organ = motionstjanst.i_mening(mote.organ.namn)
        return f"{dnr} ska besvaras senast vid {organ} {mote.datum_text}."
    if motion.besvaras_senast:
        return (
            f"{dnr} ska besvaras inom ett år från väckt, senast {motion.besvaras_senast:%Y-%m-%d}."
        )
    return f"{dnr} ska besvaras inom ett år från väckt."


@require_http_methods(["GET", "POST"])
def svar(request, slug):
    if not behorighet.kan_skriva(request.user):
        raise PermissionDenied
    motion = _get_motion(slug)
    form = formular.SvarForm(postdata(request), initial={"titel": motionstjanst.svarstitel(motion)})
    if request.method == "POST" and form.is_valid():
        try:
            skrivelse = motionstjanst.starta_svar(
                motion,
                anvandare=request.user,
                forslag=form.cleaned_data["forslag"],
                titel=form.cleaned_data["titel"],
            )
        except ValidationError as fel:
            _fordela_fel(fel, form)
        else:
            messages.success(request, "Tjänsteskrivelsen med svaret skapades som utkast.")
            return redirect(skrivelse)
    return render(
        request,
        "motioner/svar.html",
        {
            "motion": motion,
            "titel_i_mening": motionstjanst.titel_i_mening(motion),
            "form": form,
            "inledning": motionstjanst.INLEDNING,
            "arendebeskrivning": motionstjanst.arendebeskrivning(motion),
            "befintligt": motionstjanst.svar(motion),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def avsluta(request, slug):
    if not behorighet.kan_hantera_sammantraden(request.user):
        raise PermissionDenied
    motion = _get_motion(slug)
    form = formular.AvslutaForm(
        postdata(request), motion=motion, initial={"datum": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            motionsavslut.avsluta(
                motion,
                anvandare=request.user,
                utfall=data["utfall"],
                beslut=data["beslut"],
                datum=data["datum"],
                anteckning=data["anteckning"],
            )
        except ValidationError as fel:
            _fordela_fel(fel, form)
        else:
            messages.success(request, f"{motionstjanst.bestamd(motion)} avslutades.")
            return redirect(motion)
    return render(
        request,
        "motioner/avsluta.html",
        {"motion": motion, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def delegera(request, slug):
    if not behorighet.kan_hantera_sammantraden(request.user):
        raise PermissionDenied
    motion = _get_motion(slug)
    form = formular.DelegeraForm(request.POST)
    if form.is_valid():
        try:
            motionstjanst.delegera(motion, organ=form.cleaned_data["organ"], anvandare=request.user)
        except ValidationError as fel:
            messages.error(request, " ".join(fel.messages))
        else:
            messages.success(request, "Uppgiften om vem som beslutar sparades.")
    else:
        messages.error(request, " ".join(form.errors.get("organ", ["Välj ett organ."])))
    return redirect(motion)


def _antal_avsnitt(sammanhang) -> int:
    # A region without medborgarförslag reports none, unless some were registered before.
    if motionstjanst.tar_emot_medborgarforslag() or sammanhang["medborgarforslag"]:
        return 2
    return 1


@require_GET
def redovisning(request):
    sammanhang = motionsredovisning.redovisning()
    sammanhang["avsnitt"] = [
        ("Motioner", sammanhang["motioner"]),
        ("Medborgarförslag", sammanhang["medborgarforslag"]),
    ][: _antal_avsnitt(sammanhang)]
    sammanhang["kan_hantera"] = behorighet.kan_hantera_sammantraden(request.user)
    return render(request, "motioner/redovisning.html", sammanhang)


@require_GET
def redovisning_pdf(request):
    sammanhang = motionsredovisning.redovisning()
    sammanhang["avsnitt"] = [
        ("Motioner", sammanhang["motioner"], "Motionärer"),
        ("Medborgarförslag", sammanhang["medborgarforslag"], "Förslagsställare"),
    ][: _antal_avsnitt(sammanhang)]
    datum = sammanhang["datum"]
    pdf = render_pdf(
        "pdf/motioner_redovisning.html",
        sammanhang,
        titel="Redovisning av obesvarade motioner",
        amne=f"Regionstyrelsen {datum:%Y-%m-%d}",
    )
    svar = HttpResponse(pdf, content_type="application/pdf")
    svar["Content-Disposition"] = (
        f'attachment; filename="redovisning-obesvarade-motioner-{datum:%Y-%m-%d}.pdf"'
    )
    svar["Cache-Control"] = "private, no-store"
    return svar


@require_POST
def kommentar(request, slug):
    if not behorighet.kan_hantera_sammantraden(request.user):
        raise PermissionDenied
    motion = _get_motion(slug)
    form = formular.KommentarForm(request.POST)
    sparad = form.is_valid()
    if sparad:
        motion = motionstjanst.satt_kommentar(
            motion, text=form.cleaned_data["kommentar"], anvandare=request.user
        )
    if request.htmx:
        # The row comes back in place. An error comes back as 200 too: htmx does not
        # swap a 4xx answer, and the message must reach the reader in the row.
        rad = motionsredovisning.redovisningsrad(_get_motion(slug))
        return render(
            request,
            "motioner/redovisning.html#rad",
            {
                "rad": rad,
                "kan_hantera": True,
                "sparad": sparad,
                "kommentarfel": form.errors.get("kommentar", []),
                "skriven": None if sparad else request.POST.get("kommentar", ""),
            },
        )
    if sparad:
        messages.success(request, f"Kommentaren för {motion.arende.diarienummer} sparades.")
    else:
        messages.error(request, " ".join(form.errors.get("kommentar", [])))
    return redirect(f"{reverse('motioner:redovisning')}#motion-{motion.arende.slug}")
