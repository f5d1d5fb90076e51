"""Search documents per case: one full, one public and masked."""

import re

from arenden.models import Arende, Sokdokument

PERSONNUMMER = re.compile(r"(?<!\d)(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")


def maskera_personnummer(text: str) -> str:
    """Anything that looks like a personnummer is masked on public pages."""
    return PERSONNUMMER.sub("ÅÅMMDD-XXXX", text or "")


def uppdatera(arende: Arende) -> Sokdokument:
    from arenden.markup import plain_text

    full = [arende.diarienummer, arende.titel, arende.publik_titel]
    publik = [arende.diarienummer, arende.publik_titel]
    for handling in arende.handlingar.all():
        if handling.sekretessmarkerad:
            # Secret fields stay out of every search document: a snippet must not leak them.
            continue
        full += [handling.beskrivning, handling.avsandare_mottagare]
        if not handling.makulerad:
            publik.append(handling.beskrivning)
            if not handling.avsandare_privatperson:
                publik.append(handling.avsandare_mottagare)
    for skrivelse in arende.tjansteskrivelser.prefetch_related("avsnitt", "attsatser"):
        full.append(skrivelse.titel)
        full += [plain_text(avsnitt.text) for avsnitt in skrivelse.avsnitt.all()]
        full += [plain_text(attsats.text) for attsats in skrivelse.attsatser.all()]
    dokument, _ = Sokdokument.objects.update_or_create(
        arende=arende,
        defaults={
            "fulltext": "\n".join(filter(None, full)),
            "publiktext": maskera_personnummer("\n".join(filter(None, publik))),
        },
    )
    return dokument
