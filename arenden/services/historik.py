"""The append-only history, written by the domain functions that change registered data."""

import datetime
import decimal
import uuid

from django.db import models

from arenden.models import Historik


def _json(varde):
    if isinstance(varde, datetime.datetime | datetime.date | datetime.time):
        return varde.isoformat()
    if isinstance(varde, decimal.Decimal | uuid.UUID):
        return str(varde)
    if isinstance(varde, models.Model):
        return str(varde)
    if isinstance(varde, models.fields.files.FieldFile):
        return varde.name or ""
    return varde


def ogonblicksbild(obj: models.Model, falt: list[str] | None = None) -> dict:
    """The values a person would recognise, by field name: foreign keys as their text."""
    resultat = {}
    for field in obj._meta.concrete_fields:
        if falt is not None and field.name not in falt:
            continue
        if field.name in ("id",):
            continue
        if field.is_relation:
            relaterad = getattr(obj, field.name)
            resultat[field.name] = str(relaterad) if relaterad is not None else None
        else:
            resultat[field.name] = _json(getattr(obj, field.attname))
    return resultat


def logga(*, anvandare, objekt: models.Model, handelse: str, fore=None, efter=None, arende=None):
    if anvandare is not None and not getattr(anvandare, "is_authenticated", False):
        anvandare = None
    return Historik.objects.create(
        anvandare=anvandare,
        arende=arende,
        objekt_typ=objekt._meta.model_name,
        objekt_id=str(objekt.pk),
        handelse=_kortad(handelse, Historik._meta.get_field("handelse").max_length),
        fore=fore,
        efter=efter,
    )


def _kortad(text: str, langd: int) -> str:
    # An event names what changed, often by a title that may be long; PostgreSQL refuses
    # a value longer than the column, so the name is shortened (the full values are in
    # före/efter) rather than the change being lost.
    return text if len(text) <= langd else text[: langd - 1].rstrip() + "…"
