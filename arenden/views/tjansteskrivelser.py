from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from arenden.models import Tjansteskrivelse
from arenden.services import behorighet
from arenden.views.helpers import get_arende


def visa(request, slug, pk):
    arende = get_arende(slug)
    skrivelse = get_object_or_404(
        arende.tjansteskrivelser.prefetch_related(
            "avsnitt", "attsatser", "undertecknare", "utdrag_till"
        ),
        pk=pk,
    )
    if skrivelse.status != Tjansteskrivelse.Status.KLAR and not behorighet.kan_se_utkast(
        request.user
    ):
        raise PermissionDenied
    return render(
        request, "tjansteskrivelser/visa.html", {"arende": arende, "skrivelse": skrivelse}
    )
