"""The shared PDF cache: rendered files kept in the default storage under a content key.

Every app process and task worker shares the storage, so a file may be read while
another process is still writing it, and two processes may render the same content
at once. One set of rules for every cached PDF (tjänsteskrivelser, kallelsens delar,
the public protokoll).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)

# A write of a few hundred kilobytes takes milliseconds; a partial file older than this
# was left by a process that died and is replaced.
PAGAENDE_SEKUNDER = 60


def hel_pdf(data: bytes) -> bool:
    """Whether the bytes are a whole PDF: its header, and the end-of-file mark last.

    A file another process is still writing is cut short, and its end mark is missing.
    """
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def las(namn: str) -> bytes | None:
    """The cached PDF, or None when it is missing or not (yet) whole."""
    try:
        with default_storage.open(namn, "rb") as fil:
            data = fil.read()
    except (FileNotFoundError, OSError):
        return None
    if hel_pdf(data):
        return data
    # Still being written by another process, or left broken by one that died; the
    # caller renders its own, and a broken file is removed so the next save replaces it.
    logger.warning("PDF-cachen hade en ofullständig fil %s; den görs om", namn)
    if not _kan_vara_pagaende(namn):
        ta_bort(namn)
    return None


def spara(namn: str, data: bytes) -> None:
    """Store the bytes under the name unless they are there already.

    The content decides the name, so two processes rendering at once store the same
    bytes and whichever stores first wins. The storage never overwrites: the loser's
    copy gets another name, which nothing would ever read, so it is removed again.
    """
    if default_storage.exists(namn):
        return
    try:
        sparad = default_storage.save(namn, ContentFile(data))
    except FileExistsError:
        return
    except OSError:
        logger.warning("PDF-cachen kunde inte spara %s", namn, exc_info=True)
        return
    if sparad != namn:
        ta_bort(sparad)


def hamta_eller_rendera(namn: str, rendera: Callable[[], bytes]) -> bytes:
    """The PDF from the cache, or rendered now and stored for the next reader."""
    data = las(namn)
    if data is not None:
        return data
    data = rendera()
    spara(namn, data)
    return data


def ta_bort(namn: str) -> None:
    try:
        default_storage.delete(namn)
    except OSError:
        logger.warning("PDF-cachen kunde inte ta bort %s", namn, exc_info=True)


def _kan_vara_pagaende(namn: str) -> bool:
    try:
        andrad = default_storage.get_modified_time(namn)
    except (NotImplementedError, OSError):
        return True
    return (timezone.now() - andrad).total_seconds() < PAGAENDE_SEKUNDER
