"""Redovisning av obesvarade motioner: the page, the PDF, the comments, when it is next due."""

import datetime
import io

import pypdf
import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from arenden.models import Beslut, Dagordningspunkt, Historik, Sammantrade, Tjansteskrivelse
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut, motionsredovisning, sammantraden
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db
D = datetime.date
NY = motionstjanst.NyPerson
URL = "/motioner/redovisning/"


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-05-20 10:00:00+02:00", tick=False):
        yield


@pytest.fixture
def oppen(db):
    return factories.motion(
        "Motion om ny hälsoekonomisk budgetmodell",
        vackt=D(2025, 5, 2),
        motionarer=[NY("Anna Hildebrand", "MP"), NY("Bo Berg", "S")],
    )


@pytest.fixture
def stangd(db):
    motion = factories.motion("Motion om avgjord sak", vackt=D(2025, 9, 1))
    return motionsavslut.avsluta(motion, anvandare=None, utfall="avslagen", anteckning="x")


def test_the_page_lists_each_open_motion(client, politiker, oppen, stangd):
    client.force_login(politiker)
    sida = client.get(URL).text
    assert "Redovisning av obesvarade motioner" in sida
    assert oppen.arende.diarienummer in sida
    assert "Anna Hildebrand (MP) och Bo Berg (S)" in sida
    assert "2025-05-02" in sida and "2026-05-02" in sida
    assert "Försenad 18 dagar" in sida
    assert "Ingen tjänsteskrivelse påbörjad" in sida
    assert "Motion om avgjord sak" not in sida


@pytest.mark.parametrize(
    ("per_ar", "idag", "nasta"),
    [
        (2, D(2026, 5, 20), D(2026, 6, 30)),
        (2, D(2026, 6, 30), D(2026, 6, 30)),
        (2, D(2026, 7, 1), D(2026, 12, 31)),
        (1, D(2026, 1, 1), D(2026, 12, 31)),
        (4, D(2026, 4, 1), D(2026, 6, 30)),
        (3, D(2026, 2, 28), D(2026, 4, 30)),
        (12, D(2028, 2, 3), D(2028, 2, 29)),
    ],
)
def test_it_computes_when_the_next_report_is_due(per_ar, idag, nasta):
    assert motionsredovisning.nasta_redovisning(idag, per_ar) == nasta


def test_the_setting_decides_how_often(client, politiker, settings):
    client.force_login(politiker)
    assert "senast <strong>2026-06-30</strong> (arbetsordningen: 2 gånger per år)" in (
        client.get(URL).text
    )
    settings.MOTION_REDOVISNINGAR_PER_AR = 4
    assert "senast <strong>2026-06-30</strong> (arbetsordningen: 4 gånger per år)" in (
        client.get(URL).text
    )
    settings.MOTION_REDOVISNINGAR_PER_AR = 1
    assert "senast <strong>2026-12-31</strong> (arbetsordningen: 1 gång per år)" in (
        client.get(URL).text
    )


@pytest.mark.parametrize("per_ar", [0, 5, 7, 24])
def test_a_setting_that_does_not_divide_the_year_fails_loudly(per_ar):
    with pytest.raises(ImproperlyConfigured, match="MOTION_REDOVISNINGAR_PER_AR"):
        motionsredovisning.nasta_redovisning(D(2026, 1, 1), per_ar)


def test_the_app_refuses_to_start_with_such_a_setting():
    from tests.test_settings import _starta

    resultat = _starta(SECRET_KEY="x", MOTION_REDOVISNINGAR_PER_AR="5")
    assert resultat.returncode != 0
    assert "MOTION_REDOVISNINGAR_PER_AR=5" in resultat.stderr


def test_the_beredning_is_derived_step_by_step(oppen, handlaggare):
    def lage():
        return motionsredovisning.beredningslage(oppen).text

    assert lage() == "Ingen tjänsteskrivelse påbörjad"
    skrivelse = motionstjanst.starta_svar(oppen, anvandare=handlaggare, forslag="bifalla")
    assert lage() == "Tjänsteskrivelse: utkast"
    Tjansteskrivelse.objects.filter(pk=skrivelse.pk).update(status="granskning")
    assert lage() == "Tjänsteskrivelse: granskning"
    Tjansteskrivelse.objects.filter(pk=skrivelse.pk).update(status="klar")
    assert lage() == "Tjänsteskrivelse: klar"
    rf, rs = factories.motionsorgan()
    rs_mote = Sammantrade.objects.create(organ=rs, datum=D(2026, 5, 12))
    Dagordningspunkt.objects.create(
        sammantrade=rs_mote, ordning=1, rubrik="Svar på motion", arende=oppen.arende
    )
    assert lage() == "På dagordningen för regionstyrelsen 2026-05-12"
    Beslut.objects.create(organ=rs, ar=2026, paragraf=88, sammantrade=rs_mote, arende=oppen.arende)
    assert lage() == "Beslutad av regionstyrelsen 2026-05-12 § 88"
    rf_mote = Sammantrade.objects.create(organ=rf, datum=D(2026, 6, 16))
    Dagordningspunkt.objects.create(
        sammantrade=rf_mote, ordning=4, rubrik="Svar på motion", arende=oppen.arende
    )
    assert lage() == "På dagordningen för regionfullmäktige 2026-06-16"


def test_the_pdf_is_in_the_regions_layout_and_lists_the_motions(client, politiker, oppen):
    motionstjanst.satt_kommentar(oppen, text="Svar planeras till juni.", anvandare=None)
    client.force_login(politiker)
    svar = client.get("/motioner/redovisning/pdf/")
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    assert (
        'filename="redovisning-obesvarade-motioner-2026-05-20.pdf"' in (svar["Content-Disposition"])
    )
    lasare = pypdf.PdfReader(io.BytesIO(svar.content))
    assert lasare.metadata.title == "Redovisning av obesvarade motioner"
    assert lasare.trailer["/Root"]["/Lang"] == "sv"
    assert "/StructTreeRoot" in lasare.trailer["/Root"]
    text = " ".join(pdf_till_text(svar.content).split())
    assert "Region Jämtland Härjedalen" in text
    assert "Redovisning av obesvarade motioner" in text
    assert oppen.arende.diarienummer in text
    assert "Anna Hildebrand (MP) och Bo Berg (S)" in text
    assert "2025-05-02" in text and "2026-05-02" in text
    assert "Ingen tjänsteskrivelse påbörjad" in text
    assert "Svar planeras till juni." in text
    assert "Försenad 18 dagar" in text
    assert "senast 2026-06-30" in text
    assert "Sida 1 (1)" in text


def test_an_unknown_deadline_is_said_once_on_the_page_and_in_the_pdf(client, politiker, demodata):
    client.force_login(politiker)
    sida = client.get(URL).text
    rad = sida.split('id="motion-RS-1450-2017"')[1].split("</tr>")[0]
    assert "Frist okänd: väckt-datum saknas" in rad
    assert "okänt" not in rad
    pdf = client.get("/motioner/redovisning/pdf/").content
    # The narrow column may break the line after "väckt-".
    text = " ".join(pdf_till_text(pdf, raw=True).split()).replace("väckt- datum", "väckt-datum")
    assert "Frist okänd: väckt-datum saknas" in text
    assert "okänt" not in text


def test_the_beredning_keeps_an_abbreviated_organs_name(handlaggare):
    svom = factories.organ("SVOM", "SVOM")
    forslag = factories.motion(
        "Medborgarförslag om laddstolpar",
        typ="medborgarforslag",
        vackt=D(2026, 3, 1),
        motionarer=[NY("Kalle Karlsson")],
        delegerad_till=svom,
    )
    mote = Sammantrade.objects.create(organ=svom, datum=D(2026, 6, 2))
    Dagordningspunkt.objects.create(
        sammantrade=mote, ordning=1, rubrik="Medborgarförslag", arende=forslag.arende
    )
    assert motionsredovisning.beredningslage(forslag).text == "På dagordningen för SVOM 2026-06-02"


def test_the_pdf_with_nothing_open_says_so(client, politiker, stangd):
    client.force_login(politiker)
    text = pdf_till_text(client.get("/motioner/redovisning/pdf/").content)
    assert "Inga obesvarade motioner." in text
    assert "Inga obesvarade medborgarförslag." in text


def test_the_report_answers_405_to_writes(client, politiker):
    client.force_login(politiker)
    assert client.post(URL).status_code == 405
    assert client.post("/motioner/redovisning/pdf/").status_code == 405


# --- Comments ---------------------------------------------------------------------------


def kommentar_url(motion):
    return f"/motioner/{motion.arende.slug}/kommentar/"


def test_the_secretariat_writes_a_comment_and_it_is_logged(client, sekreterare, oppen):
    client.force_login(sekreterare)
    svar = client.post(kommentar_url(oppen), {"kommentar": "Svar till RF i juni."})
    assert svar.status_code == 302
    assert svar["Location"] == f"{URL}#motion-{oppen.arende.slug}"
    oppen.refresh_from_db()
    assert oppen.redovisning_kommentar == "Svar till RF i juni."
    client.post(kommentar_url(oppen), {"kommentar": "Svar till RF i september."})
    poster = Historik.objects.filter(handelse="Kommentaren i redovisningen ändrades").order_by("id")
    assert [(p.fore, p.efter) for p in poster] == [
        ({"redovisning_kommentar": ""}, {"redovisning_kommentar": "Svar till RF i juni."}),
        (
            {"redovisning_kommentar": "Svar till RF i juni."},
            {"redovisning_kommentar": "Svar till RF i september."},
        ),
    ]
    assert all(p.anvandare == sekreterare and p.arende == oppen.arende for p in poster)
    assert "Svar till RF i september." in client.get(URL).text


def test_an_unchanged_comment_writes_no_history(client, sekreterare, oppen):
    client.force_login(sekreterare)
    client.post(kommentar_url(oppen), {"kommentar": "Samma."})
    client.post(kommentar_url(oppen), {"kommentar": "Samma."})
    assert Historik.objects.filter(handelse__startswith="Kommentaren").count() == 1


def test_htmx_gets_the_row_back(client, sekreterare, oppen):
    client.force_login(sekreterare)
    svar = client.post(
        kommentar_url(oppen), {"kommentar": "Via htmx."}, headers={"HX-Request": "true"}
    )
    assert svar.status_code == 200
    assert svar.text.lstrip().startswith(f'<tr id="motion-{oppen.arende.slug}"')
    assert "Via htmx." in svar.text and "Sparad." in svar.text


def test_a_too_long_comment_is_refused(client, sekreterare, oppen):
    client.force_login(sekreterare)
    svar = client.post(
        kommentar_url(oppen), {"kommentar": "y" * 2001}, headers={"HX-Request": "true"}
    )
    # htmx swaps only 2xx answers: the row with its error comes back as 200.
    assert svar.status_code == 200
    assert "Kommentaren får vara högst 2000 tecken." in svar.text
    assert "y" * 2001 in svar.text  # what was typed is kept
    assert 'aria-invalid="true"' in svar.text and "Sparad." not in svar.text
    oppen.refresh_from_db()
    assert oppen.redovisning_kommentar == ""
    svar = client.post(kommentar_url(oppen), {"kommentar": "y" * 2001}, follow=True)
    assert "Kommentaren får vara högst 2000 tecken." in svar.text
    oppen.refresh_from_db()
    assert oppen.redovisning_kommentar == ""


@pytest.mark.parametrize("grupp", ["Registrator", "Handläggare", "Politiker"])
def test_comments_are_for_the_secretariat_only(client, oppen, grupp):
    client.force_login(factories.anvandare(grupp))
    assert client.post(kommentar_url(oppen), {"kommentar": "x"}).status_code == 403
    oppen.refresh_from_db()
    assert oppen.redovisning_kommentar == ""
    assert 'name="kommentar"' not in client.get(URL).text


def test_comments_answer_404_and_405(client, sekreterare, oppen):
    client.force_login(sekreterare)
    assert client.post("/motioner/RS-999-2026/kommentar/", {"kommentar": "x"}).status_code == 404
    assert client.get(kommentar_url(oppen)).status_code == 405


def test_a_cancelled_meeting_takes_the_beredning_no_further(oppen, handlaggare, sekreterare):
    motionstjanst.starta_svar(oppen, anvandare=handlaggare, forslag="bifalla")
    rf, rs = factories.motionsorgan()
    rs_mote = Sammantrade.objects.create(organ=rs, datum=D(2026, 5, 12))
    Dagordningspunkt.objects.create(
        sammantrade=rs_mote, ordning=1, rubrik="Svar på motion", arende=oppen.arende
    )
    assert motionsredovisning.beredningslage(oppen).text.startswith("På dagordningen")
    sammantraden.stall_in(rs_mote, anvandare=sekreterare, anledning="Ordföranden är sjuk.")
    assert motionsredovisning.beredningslage(oppen).text == "Tjänsteskrivelse: utkast"
