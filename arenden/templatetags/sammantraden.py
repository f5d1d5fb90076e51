"""The case page's view of its meetings and decisions, without the case view knowing them."""

from django import template

from arenden.models import Beslut, Dagordningspunkt
from arenden.services import lasrum

register = template.Library()


@register.inclusion_tag("sammantraden/arendets_beslut.html", takes_context=True)
def arendets_beslut(context, arende):
    """Every decision in the case (an RS proposal and fullmäktige's decision alike) and
    the agendas it is on, as far as the reader may see them."""
    user = context["request"].user
    beslut = (
        Beslut.objects.filter(arende=arende)
        .select_related("organ", "sammantrade__organ", "dagordningspunkt", "forslag_till", "utdrag")
        .prefetch_related("rattelser")
        .order_by("ar", "sammantrade__datum", "paragraf")
    )
    punkter = (
        Dagordningspunkt.objects.filter(arende=arende)
        .select_related("sammantrade__organ")
        .order_by("sammantrade__datum")
    )
    synliga_moten = {}

    def far_se(sammantrade, offentlig) -> bool:
        if sammantrade.pk not in synliga_moten:
            synliga_moten[sammantrade.pk] = (
                lasrum.kan_se_sammantrade(user, sammantrade),
                lasrum.ser_slutna_punkter(user, sammantrade),
            )
        ser, slutna = synliga_moten[sammantrade.pk]
        return ser and (offentlig or slutna)

    return {
        "beslut": [
            b
            for b in beslut
            if b.sammantrade is None
            or b.dagordningspunkt is None
            or far_se(b.sammantrade, b.dagordningspunkt.offentlig)
        ],
        "punkter": [p for p in punkter if far_se(p.sammantrade, p.offentlig)],
    }
