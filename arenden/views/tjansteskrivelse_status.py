"""A tjänsteskrivelse's status: review, comments, approval, reopening.

Each view is a POST from the document page; the domain function decides what is
allowed and writes history and version, and the page shows the outcome.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from arenden.services import granskning as granskningstjanst
from arenden.services import tjansteskrivelser as tjanst
from arenden.views.tjansteskrivelse_redigering import get_skrivelse_att_redigera


def _bas(request) -> int | None:
    try:
        return int(request.POST["bas_version"])
    except (KeyError, ValueError):
        return None


def _utfor(request, skrivelse, atgard, lyckat: str, **kwargs):
    try:
        atgard(skrivelse, anvandare=request.user, bas_version=_bas(request), **kwargs)
    except tjanst.Konflikt:
        messages.error(
            request,
            "Tjänsteskrivelsen hade ändrats sedan du öppnade sidan. Se den nya versionen "
            "och försök igen.",
        )
    except ValidationError as fel:
        for meddelande in fel.messages:
            messages.error(request, meddelande)
    else:
        messages.success(request, lyckat)
    return redirect(skrivelse)


@require_POST
def granskning(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    granskare_pk = request.POST.get("granskare", "")
    granskare = (
        get_user_model().objects.filter(pk=granskare_pk).first() if granskare_pk.isdigit() else None
    )
    return _utfor(
        request,
        skrivelse,
        granskningstjanst.skicka_till_granskning,
        "Tjänsteskrivelsen är skickad till granskning.",
        granskare=granskare,
    )


@require_POST
def kommentera(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    try:
        granskningstjanst.kommentera(
            skrivelse, anvandare=request.user, text=request.POST.get("text", "")
        )
    except ValidationError as fel:
        for meddelande in fel.messages:
            messages.error(request, meddelande)
    else:
        messages.success(request, "Kommentaren är sparad.")
    return redirect(skrivelse.get_absolute_url() + "#granskning")


@require_POST
def godkann(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    return _utfor(
        request,
        skrivelse,
        granskningstjanst.godkann,
        "Tjänsteskrivelsen är godkänd och klar, och registrerad som upprättad handling.",
        kommentar=request.POST.get("kommentar", ""),
    )


@require_POST
def tillbaka(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    return _utfor(
        request,
        skrivelse,
        granskningstjanst.skicka_tillbaka,
        "Tjänsteskrivelsen är skickad tillbaka till handläggaren.",
        kommentar=request.POST.get("kommentar", ""),
    )


@require_POST
def ateroppna(request, slug, pk):
    skrivelse = get_skrivelse_att_redigera(request, slug, pk)
    return _utfor(
        request,
        skrivelse,
        granskningstjanst.ateroppna,
        "Tjänsteskrivelsen är öppnad för ändring. Ändringarna blir en ny version.",
    )
