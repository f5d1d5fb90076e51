"""The letter that tells a medborgarförslag's förslagsställare the outcome, as PDF/A.

Registered as the outgoing handling of the case (services.motioner); it names the
private person, so it is never published: the public diary lists the handling as
"Privatperson" and offers no files.
"""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from arenden.pdf.render import render_pdf

MALL = "pdf/medborgarforslag_meddelande.html"

# What the deciding body decided, after "… beslutade <datum> § <nr> att …".
_BESLUTADE = {
    "bifallen": "bifalla medborgarförslaget",
    "avslagen": "avslå medborgarförslaget",
    "anses_besvarad": "medborgarförslaget ska anses besvarat",
    "avskriven": "skriva av medborgarförslaget från vidare handläggning",
}
# The same when no decision is registered (closed by hand): what happened to it.
_HAR = {
    "bifallen": "har bifallits",
    "avslagen": "har avslagits",
    "anses_besvarad": "anses besvarat",
    "avskriven": "har skrivits av från vidare handläggning",
}
UTFALL = {
    "bifallen": "Bifallet",
    "avslagen": "Avslaget",
    "anses_besvarad": "Anses besvarat",
    "avskriven": "Avskrivet",
}


def meddelande_pdf(
    motion,
    *,
    utfall: str,
    beslut=None,
    datum: datetime.date | None,
    anteckning: str = "",
    avsandare=None,
) -> bytes:
    """The letter: to the förslagsställare, the outcome, the decision (organ, date, §),
    the case's diarienummer and title, and how to appeal a registered decision."""
    arende = motion.arende
    beslutsdatum = beslut.sammantrade.datum if beslut and beslut.sammantrade_id else datum
    mottagare = [m.person for m in motion.motionarer.select_related("person")]
    sammanhang = {
        "organisation": settings.ORGANISATION,
        "motion": motion,
        "arende": arende,
        "mottagare": mottagare,
        "datum": timezone.localdate(),
        "utfall": UTFALL[utfall],
        "beslutade": _BESLUTADE[utfall],
        "har": _HAR[utfall],
        "beslut": beslut,
        "beslutsdatum": beslutsdatum,
        "anteckning": anteckning,
        "avsandare": avsandare,
    }
    return render_pdf(
        MALL,
        sammanhang,
        titel=f"Meddelande om beslut: {motion.titel}",
        amne=arende.diarienummer,
    )


def meddelandefil(motion, *, utfall, beslut, datum, anteckning, anvandare) -> ContentFile:
    """The letter as a file to register, signed by the official's person if known."""
    from arenden.models import Person

    avsandare = Person.objects.filter(anvandare=anvandare).first() if anvandare else None
    pdf = meddelande_pdf(
        motion,
        utfall=utfall,
        beslut=beslut,
        datum=datum,
        anteckning=anteckning,
        avsandare=avsandare,
    )
    return ContentFile(pdf, name=f"meddelande-om-beslut-{motion.arende.slug}.pdf")
