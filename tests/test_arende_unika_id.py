"""Every id on the case page is unique, so each label points at its own form's field.

The page carries the header's action forms and the handling form at once; two fields
named "datum" once shared an id, and the handling form's Datum label pointed at the
closing form's field.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


class _Id(HTMLParser):
    def __init__(self):
        super().__init__()
        self.id = Counter()
        self.etiketter = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.id[attrs["id"]] += 1
        if tag == "label" and attrs.get("for"):
            self.etiketter.append(attrs["for"])


def _las(html: str) -> _Id:
    parser = _Id()
    parser.feed(html)
    return parser


def _dubbletter(html: str) -> list[str]:
    return [i for i, antal in _las(html).id.items() if antal > 1]


@pytest.fixture
def arende():
    arende = factories.arende("Översyn av primärvården")
    factories.handling(arende)
    factories.handling(arende, beskrivning="Remissvar")
    return arende


def test_it_has_no_duplicate_ids_for_a_registrator(client, arende):
    client.force_login(factories.anvandare("Registrator", "Handläggare", se_sekretess=True))
    sida = client.get(arende.get_absolute_url()).text
    assert "Avsluta ärendet" in sida and "Registrera handling" in sida and "Rätta ärendet" in sida
    assert _dubbletter(sida) == []


def test_every_label_points_at_a_field_of_its_own(client, arende, registrator):
    client.force_login(registrator)
    dokument = _las(client.get(arende.get_absolute_url()).text)
    assert dokument.etiketter
    assert [e for e in dokument.etiketter if dokument.id[e] != 1] == []
    # The two dates are two fields: the handling's and the closing's.
    assert dokument.id["id_datum"] == 1 and dokument.id["id_avsluta_datum"] == 1


def test_it_has_no_duplicate_ids_on_a_closed_case(client, arende, registrator):
    client.force_login(registrator)
    client.post(f"{arende.get_absolute_url()}avsluta/", {"datum": timezone.localdate()})
    sida = client.get(arende.get_absolute_url()).text
    assert "Återuppta ärendet" in sida
    assert _dubbletter(sida) == []


@pytest.mark.parametrize(
    ("slut", "data"),
    [
        ("avsluta/", {"datum": "inte ett datum"}),
        ("ratta/", {"titel": " ", "typ": "arende"}),
        ("publik-titel/", {"publik_titel": ""}),
        ("handlingar/", {"riktning": "inkommande", "datum": "2020-01-01"}),
    ],
)
def test_a_page_answering_with_errors_has_no_duplicate_ids(client, arende, registrator, slut, data):
    client.force_login(registrator)
    svar = client.post(arende.get_absolute_url() + slut, data)
    assert svar.status_code == 400
    assert "Formuläret innehåller fel" in svar.text
    assert _dubbletter(svar.text) == []


def test_the_handling_actions_loaded_into_the_page_add_no_duplicate_ids(
    client, arende, registrator
):
    client.force_login(registrator)
    sida = client.get(arende.get_absolute_url()).text
    for nummer in (1, 2):
        sida += client.get(f"{arende.get_absolute_url()}handlingar/{nummer}/", headers=HX).text
    assert _dubbletter(sida) == []


def test_the_seed_cases_pages_have_no_duplicate_ids(client, demodata):
    from arenden.models import Arende

    client.force_login(
        factories.anvandare("Registrator", "Handläggare", "Nämndsekreterare", se_sekretess=True)
    )
    arenden = list(Arende.objects.all())
    assert len(arenden) >= 5
    for arende in arenden:
        sida = client.get(arende.get_absolute_url()).text
        assert _dubbletter(sida) == [], arende.diarienummer
