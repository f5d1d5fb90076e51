"""The list at /motioner/: what it shows, its filters, its HTMX table and its pages."""

import datetime

import pytest
import time_machine

from arenden.models import Sammantrade
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
NY = motionstjanst.NyPerson
URL = "/motioner/"


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-06-01 10:00:00+02:00", tick=False):
        yield


@pytest.fixture
def motioner(db):
    # Overdue, due within 60 days, due later, and one closed.
    return {
        "forsenad": factories.motion(
            "Motion om försenad sak", vackt=D(2025, 5, 2), motionarer=[NY("Anna Hildebrand", "MP")]
        ),
        "snart": factories.motion(
            "Motion om snar sak", vackt=D(2025, 7, 1), motionarer=[NY("Bo Berg", "S")]
        ),
        "senare": factories.motion(
            "Motion om senare sak",
            vackt=D(2026, 3, 1),
            motionarer=[NY("Cecilia Ek", "M"), NY("Bo Berg", "S")],
        ),
        "stangd": motionsavslut.avsluta(
            factories.motion("Motion om avgjord sak", vackt=D(2025, 4, 1)),
            anvandare=None,
            utfall="bifallen",
            datum=D(2026, 2, 10),
        ),
    }


def rader(svar):
    return [rad for rad in svar.text.split("<tr") if "/motioner/RS-" in rad]


def titel(rad):
    return rad.split("Motion om ")[1].split("<")[0]


def test_it_lists_every_motion_with_its_facts(client, politiker, motioner):
    client.force_login(politiker)
    svar = client.get(URL)
    assert svar.status_code == 200
    sida = svar.text
    senare = motioner["senare"]
    assert senare.arende.diarienummer in sida
    assert "Motion om senare sak" in sida
    assert "Cecilia Ek (M), Bo Berg (S)" in sida
    assert "2026-03-01" in sida and "2027-03-01" in sida
    assert "Under beredning" in sida
    assert "Bifallen 2026-02-10" in sida


def test_it_sorts_by_deadline_earliest_first_and_can_reverse(client, politiker, motioner):
    client.force_login(politiker)
    ordning = [titel(r) for r in rader(client.get(URL))]
    assert ordning == ["avgjord sak", "försenad sak", "snar sak", "senare sak"]
    ordning = [titel(r) for r in rader(client.get(URL, {"ordning": "-frist"}))]
    assert ordning == ["senare sak", "snar sak", "försenad sak", "avgjord sak"]


def test_overdue_and_due_soon_stand_out_in_words(client, politiker, motioner):
    client.force_login(politiker)
    rad = {titel(r): r for r in rader(client.get(URL))}
    assert 'class="rad-forsenad"' in rad["försenad sak"]
    assert "Försenad 30 dagar" in rad["försenad sak"]
    assert 'class="rad-snart"' in rad["snar sak"]
    assert "Frist om 30 dagar" in rad["snar sak"]
    assert "etikett" not in rad["senare sak"]
    assert "etikett" not in rad["avgjord sak"]  # closed motions are never late


@pytest.mark.parametrize(
    ("filter", "vantade"),
    [
        ({"status": "oppna"}, {"försenad sak", "snar sak", "senare sak"}),
        ({"status": "avslutade"}, {"avgjord sak"}),
        ({"status": "bifallen"}, {"avgjord sak"}),
        ({"status": "avslagen"}, set()),
        ({"frist": "forsenade"}, {"försenad sak"}),
        ({"frist": "snart"}, {"snar sak"}),
        ({"parti": "S"}, {"snar sak", "senare sak"}),
        ({"parti": "MP"}, {"försenad sak", "avgjord sak"}),
        ({"ar": "2025"}, {"försenad sak", "snar sak", "avgjord sak"}),
        ({"ar": "2026"}, {"senare sak"}),
        ({"typ": "medborgarforslag"}, set()),
        ({"parti": "S", "frist": "snart"}, {"snar sak"}),
    ],
)
def test_it_filters(client, politiker, motioner, filter, vantade):
    client.force_login(politiker)
    svar = client.get(URL, filter)
    assert {titel(r) for r in rader(svar)} == vantade


def test_the_filter_offers_the_parties_and_years_in_use(client, politiker, motioner):
    client.force_login(politiker)
    sida = client.get(URL).text
    for parti in ["MP", "S", "M"]:
        assert f'<option value="{parti}">{parti}</option>' in sida
    assert '<option value="2025">2025</option>' in sida
    assert '<option value="2024">' not in sida


def test_an_unknown_filter_value_shows_everything_rather_than_failing(client, politiker, motioner):
    client.force_login(politiker)
    svar = client.get(URL, {"status": "påhittad", "ar": "inte-ett-år"})
    assert svar.status_code == 200
    assert len(rader(svar)) == 4


def test_the_imported_motion_without_vackt_sorts_last_and_filters_by_its_case_year(
    client, politiker, demodata, motioner
):
    client.force_login(politiker)
    alla = rader(client.get(URL))
    assert "RS/1450/2017" in alla[-1]
    assert "uppgift saknas" in alla[-1]
    svar = client.get(URL, {"ar": "2017"})
    assert [r for r in rader(svar)] and all("RS/1450/2017" in r for r in rader(svar))


def test_an_unknown_deadline_is_said_once_with_its_reason(client, politiker, demodata):
    client.force_login(politiker)
    rad = next(r for r in rader(client.get(URL)) if "RS/1450/2017" in r)
    frist = rad.split("<td>")[5]
    assert "Frist okänd: väckt-datum saknas" in frist
    assert frist.lower().count("okänd") == 1


def test_a_decision_handed_to_an_abbreviated_organ_keeps_its_name(client, politiker):
    svom = factories.organ("SVOM", "SVOM")
    factories.motion(
        "Medborgarförslag om fler laddstolpar",
        typ="medborgarforslag",
        vackt=D(2026, 5, 3),
        motionarer=[NY("Kalle Karlsson")],
        delegerad_till=svom,
    )
    client.force_login(politiker)
    assert "beslut hos SVOM" in client.get(URL).text


def test_a_closed_medborgarforslag_agrees_with_its_noun(client, politiker):
    forslag = factories.motion(
        "Medborgarförslag om fler laddstolpar",
        typ="medborgarforslag",
        vackt=D(2026, 3, 3),
        motionarer=[NY("Kalle Karlsson")],
    )
    motionsavslut.avsluta(forslag, anvandare=None, utfall="bifallen", datum=D(2026, 5, 10))
    client.force_login(politiker)
    rad = next(r for r in rader(client.get(URL)) if "laddstolpar" in r)
    assert "Bifallet 2026-05-10" in rad
    assert "Bifallen" not in rad


def test_the_count_names_what_was_filtered(client, politiker, motioner):
    factories.motion(
        "Medborgarförslag om laddstolpar",
        typ="medborgarforslag",
        vackt=D(2026, 5, 3),
        motionarer=[NY("Kalle Karlsson")],
    )
    client.force_login(politiker)
    assert '<p role="status">1 medborgarförslag.</p>' in (
        client.get(URL, {"typ": "medborgarforslag"}).text
    )
    assert '<p role="status">1 motion.</p>' in client.get(URL, {"frist": "snart"}).text


def test_htmx_gets_only_the_table(client, politiker, motioner):
    client.force_login(politiker)
    svar = client.get(URL, {"frist": "forsenade"}, headers={"HX-Request": "true"})
    assert svar.status_code == 200
    assert svar.text.lstrip().startswith('<div id="tabell">')
    assert "<html" not in svar.text and "<form" not in svar.text
    assert "försenad sak" in svar.text and "snar sak" not in svar.text


def test_the_filter_form_pushes_its_url(client, politiker, motioner):
    client.force_login(politiker)
    sida = client.get(URL).text
    assert 'hx-push-url="true"' in sida
    assert 'hx-target="#tabell"' in sida
    assert 'method="get"' in sida


def test_it_pages_and_keeps_the_filters_in_the_links(client, politiker):
    for i in range(52):
        factories.motion(f"Motion om sak {i}", vackt=D(2026, 1, 1), motionarer=[NY("Bo Berg", "S")])
    client.force_login(politiker)
    svar = client.get(URL, {"parti": "S"})
    assert len(rader(svar)) == 50
    assert "Sida 1 av 2" in svar.text
    assert 'href="?parti=S&amp;sida=2"' in svar.text
    assert len(rader(client.get(URL, {"parti": "S", "sida": "2"}))) == 2


def test_it_shows_the_earlier_meeting(client, politiker, motioner):
    rf = factories.organ("RF")
    mote = Sammantrade.objects.create(organ=rf, datum=D(2026, 9, 15))
    motion = motioner["senare"]
    motion.besvaras_senast_sammantrade = mote
    motion.save()
    client.force_login(politiker)
    rad = next(r for r in rader(client.get(URL)) if "senare sak" in r)
    assert "2026-09-15" in rad and "senast vid RF 2026-09-15" in rad


def test_it_links_the_answer(client, handlaggare, motioner):
    skrivelse = motionstjanst.starta_svar(
        motioner["senare"], anvandare=handlaggare, forslag="bifalla"
    )
    client.force_login(handlaggare)
    rad = next(r for r in rader(client.get(URL)) if "senare sak" in r)
    assert f'href="{skrivelse.get_absolute_url()}"' in rad
    assert "(utkast)" in rad


def test_it_needs_a_login(client):
    assert client.get(URL).status_code == 302


def test_it_answers_405_to_writes(client, politiker):
    client.force_login(politiker)
    assert client.post(URL).status_code == 405
