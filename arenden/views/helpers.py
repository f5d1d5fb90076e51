from django.http import Http404
from django.shortcuts import get_object_or_404

from arenden.diarienummer import parse_slug
from arenden.models import Arende


def get_arende(slug: str, queryset=None) -> Arende:
    """The case a URL names, or 404: an unknown or malformed diarienummer is not found."""
    nummer = parse_slug(slug)
    if nummer is None or nummer.prefix is None:
        raise Http404("Okänt diarienummer.")
    queryset = queryset if queryset is not None else Arende.objects.all()
    return get_object_or_404(queryset.select_related("diarium"), diarienummer=str(nummer))
