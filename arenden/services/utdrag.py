"""Protokollsutdrag: the extract of one justerad § for its "Utdrag till", registered in
the case as an utgående handling."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from arenden.models import Beslut, Riktning
from arenden.pdf.protokoll import utdrag_pdf
from arenden.services import arenden as arendetjanst


def skapa(beslut_id: int, *, anvandare_id: int | None = None):
    """Make and register the extract once; a second call finds it made."""
    beslut = Beslut.objects.select_related("sammantrade__organ", "arende", "organ").get(
        pk=beslut_id
    )
    if beslut.utdrag_id or not beslut.arende_id or not beslut.justerad:
        return beslut.utdrag
    # Rendered before the transaction: a slow PDF must not hold the case's lock.
    pdf = utdrag_pdf(beslut)
    anvandare = get_user_model().objects.filter(pk=anvandare_id).first() if anvandare_id else None
    datum = beslut.sammantrade.datum
    with transaction.atomic():
        beslut = Beslut.objects.select_for_update().get(pk=beslut_id)
        if beslut.utdrag_id:
            return beslut.utdrag
        fil = ContentFile(
            pdf,
            name=f"protokollsutdrag-{beslut.organ.forkortning}-{datum:%Y-%m-%d}-{beslut.paragraf}.pdf",
        )
        handling = arendetjanst.registrera_handling(
            beslut.arende,
            anvandare=anvandare,
            riktning=Riktning.UTGAENDE,
            datum=timezone.localdate(),
            beskrivning=(
                f"Protokollsutdrag {beslut.organ.namn} {datum:%Y-%m-%d} § {beslut.paragraf}"
            ),
            avsandare_mottagare=", ".join(beslut.utdrag_till)[:300],
            fil=fil,
        )
        beslut.utdrag = handling
        beslut.save(update_fields=["utdrag"])
    return handling
