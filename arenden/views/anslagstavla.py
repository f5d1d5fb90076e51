"""The digital anslagstavla: public, no login. Notices of justeringar while their appeal
period runs, and announcements of fullmäktige's coming meetings."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from arenden.models import Justering
from arenden.pdf.protokoll import protokoll_pdf_for_justering
from arenden.services import anslag, beslut


@login_not_required
@require_GET
def lista(request):
    idag = timezone.localdate()
    anslagen = list(anslag.aktuella(idag))
    for j in anslagen:
        j.paragrafer = beslut.paragraf_text(b.paragraf for b in j.beslut.all())
    kungorelser = anslag.kungorelser(idag).prefetch_related("dagordning")
    return render(
        request,
        "anslagstavla/lista.html",
        {"anslagen": anslagen, "kungorelser": kungorelser, "idag": idag},
    )


@login_not_required
@require_GET
def protokoll(request, jpk):
    """The justerade minutes a notice covers: the public copy, personnummer masked."""
    justering = get_object_or_404(
        Justering.objects.select_related("sammantrade__organ"),
        pk=jpk,
        anslag_uppsatt__lte=timezone.localdate(),
    )
    try:
        data = protokoll_pdf_for_justering(justering)
    except ValidationError as fel:
        raise Http404("Protokollet finns inte.") from fel
    svar = HttpResponse(data, content_type="application/pdf")
    s = justering.sammantrade
    svar["Content-Disposition"] = (
        f'inline; filename="protokoll-{s.organ.forkortning}-{s.datum:%Y-%m-%d}.pdf"'
    )
    return svar
