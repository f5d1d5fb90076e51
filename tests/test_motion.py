"""One motion's page: its facts, its yrkanden, its answer and how far it has come."""

import datetime

import pytest
import time_machine

from arenden.models import Motion
from arenden.services import motioner as motionstjanst
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-05-20 10:00:00+02:00", tick=False):
        yield


def test_it_shows_the_motion(client, politiker):
    motion = factories.motion(
        vackt=D(2026, 4, 2),
        yrkanden=["att regionen utreder saken", "att fullmäktige får en rapport"],
        text="Vården ska **styras** av primärvården.",
    )
    client.force_login(politiker)
    sida = client.get(motion.get_absolute_url()).text
    assert "<h1>Motion om ny hälsoekonomisk budgetmodell</h1>" in sida
    assert "Anna Hildebrand (MP)" in sida
    assert "2026-04-02" in sida and "2027-04-02" in sida
    assert "<li><p>att regionen utreder saken</p>\n</li>" in sida
    assert "<strong>styras</strong>" in sida
    assert "Regionstyrelsen" in sida
    assert "Ingen tjänsteskrivelse påbörjad." in sida
    assert f'href="{motion.arende.get_absolute_url()}"' in sida


def test_it_shows_the_imported_motion_with_what_the_source_lacks(client, politiker, demodata):
    motion = Motion.objects.get(arende__diarienummer="RS/1450/2017")
    client.force_login(politiker)
    sida = client.get(motion.get_absolute_url()).text
    assert "Anna Hildebrand (MP)" in sida
    assert "uppgift saknas i källan" in sida
    frist = sida.split('id="besvaras-senast">')[1].split("</dd>")[0]
    assert "Frist okänd: väckt-datum saknas" in frist
    assert "okänt" not in frist  # said once, not "okänt Frist okänd"
    # Seed 000's memo is the answer, and it is ready.
    assert "Svar på motion från Anna Hildebrand (MP) om ny hälsoekonomisk budgetmodell" in sida
    assert "Tjänsteskrivelse: klar." in sida


@pytest.mark.parametrize("indrag", ["   ", "    ", "\t"])
def test_it_keeps_a_yrkandes_sub_list(client, politiker, indrag):
    motion = factories.motion(
        vackt=D(2026, 4, 2),
        yrkanden=[f"regionen utreder fler vårdplatser i\n{indrag}- Sveg\n{indrag}- Funäsdalen"],
    )
    client.force_login(politiker)
    sida = client.get(motion.get_absolute_url()).text
    yrkanden = sida.split('id="rubrik-yrkanden"')[1].split("</section>")[0]
    assert "<p>regionen utreder fler vårdplatser i</p>" in yrkanden
    assert "<ul>\n<li>Sveg</li>\n<li>Funäsdalen</li>\n</ul>" in yrkanden
    # What was typed is kept as typed; only the page lays it out.
    assert motion.yrkanden.get().text.endswith(f"{indrag}- Funäsdalen")


def test_a_yrkande_is_sanitised_like_every_other_text(client, politiker):
    motion = factories.motion(vackt=D(2026, 4, 2), yrkanden=["att <script>alert(1)</script>"])
    client.force_login(politiker)
    sida = client.get(motion.get_absolute_url()).text
    assert "<script>alert(1)" not in sida
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sida


def test_a_medborgarforslag_handed_to_a_namnd_says_who_decides(client, politiker):
    svom = factories.organ("SVOM", "SVOM")
    forslag = factories.motion(
        "Medborgarförslag om fler laddstolpar",
        typ="medborgarforslag",
        vackt=D(2026, 4, 2),
        motionarer=[motionstjanst.NyPerson("Kalle Karlsson")],
        delegerad_till=svom,
    )
    client.force_login(politiker)
    sida = client.get(forslag.get_absolute_url()).text
    assert "avslutas när beslutet från SVOM eller regionfullmäktige registreras" in sida


def test_the_seed_motions_answer_title_is_rebuilt_exactly(demodata):
    motion = Motion.objects.get(arende__diarienummer="RS/1450/2017")
    assert motionstjanst.svarstitel(motion) == motion.arende.tjansteskrivelser.get().titel


def test_it_marks_an_overdue_motion_in_words(client, politiker):
    motion = factories.motion(vackt=D(2025, 5, 1))
    client.force_login(politiker)
    assert "Försenad 19 dagar" in client.get(motion.get_absolute_url()).text


def test_it_answers_404_for_unknown_and_non_motion_cases(client, politiker):
    client.force_login(politiker)
    assert client.get("/motioner/RS-1-2026/").status_code == 404
    assert client.get(f"/motioner/{factories.arende().slug}/").status_code == 404
    assert client.get("/motioner/inte-ett-nummer/").status_code == 404


def test_it_answers_405_to_writes(client, politiker):
    motion = factories.motion(vackt=D(2026, 4, 2))
    client.force_login(politiker)
    assert client.post(motion.get_absolute_url()).status_code == 405


def test_it_needs_a_login(client):
    motion = factories.motion(vackt=D(2026, 4, 2))
    assert client.get(motion.get_absolute_url()).status_code == 302
