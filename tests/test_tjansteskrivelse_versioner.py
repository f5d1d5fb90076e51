"""GET …/versioner/, …/versioner/<nr>/, …/versioner/<nr>/pdf/ and …/jamfor/."""

import pytest

from arenden.services import granskning
from arenden.services import tjansteskrivelser as tjanst
from tests import factories
from tests.pdftext import pdf_till_text
from tests.test_tjansteskrivelse_redigera import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def skrivelse(handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(
        factories.arende(),
        anvandare_=handlaggare,
        avsnitt=[("Bakgrund", "Styrgruppen har haft sex möten.\n\nRapporten bifogas.")],
    )
    data = tjanst.innehall(skrivelse)
    data["avsnitt"][0]["text"] = "Styrgruppen har haft åtta möten.\n\nRapporten bifogas."
    data["attsatser"] = ["Yttrandet antas.", "Rapporten läggs till handlingarna."]
    tjanst.spara(skrivelse, data, anvandare=handlaggare, bas_version=1)
    return skrivelse


def test_it_lists_every_version(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse, "versioner")).text
    assert "Version 1" in sida and "Version 2" in sida
    assert "Påbörjad" in sida and "Sparad" in sida
    assert 'name="fran" value="1" id="fran-1" checked' in sida
    assert 'name="till" value="2" id="till-2" checked' in sida


def test_it_shows_a_version_as_it_was_frozen(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse, "versioner/1")).text
    assert "sex möten" in sida and "åtta möten" not in sida
    assert "Rapporten läggs till handlingarna." not in sida


def test_it_prints_a_version_as_it_was_frozen(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.get(url(skrivelse, "versioner/1/pdf"))
    assert svar["Content-Type"] == "application/pdf"
    assert "version%201.pdf" in svar["Content-Disposition"]
    text = pdf_till_text(svar.content)
    assert "sex möten" in text and "åtta" not in text


def test_it_compares_two_versions_side_by_side_with_changes_marked(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse, "jamfor") + "?fran=1&till=2").text
    assert "Jämför version 1 och 2" in sida
    assert '<del><span class="visuellt-dold">[borttaget: </span>sex' in sida
    assert '<ins><span class="visuellt-dold">[tillagt: </span>åtta' in sida
    assert "Ändrad" in sida and "Tillagd" in sida  # written labels, not colour alone
    assert "Att-sats 2: Rapporten läggs till handlingarna." in sida


def test_comparing_a_version_with_itself_says_so(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    assert "samma innehåll" in client.get(url(skrivelse, "jamfor") + "?fran=2&till=2").text


@pytest.mark.parametrize("fraga", ["", "?fran=1", "?fran=1&till=9", "?fran=x&till=2"])
def test_an_unknown_version_is_404(client, skrivelse, handlaggare, fraga):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, "jamfor") + fraga).status_code == 404


@pytest.mark.parametrize("vad", ["versioner", "versioner/1", "versioner/1/pdf", "jamfor"])
def test_drafts_are_hidden_from_those_who_may_not_see_them(client, skrivelse, vad):
    client.force_login(factories.anvandare("Politiker"))
    assert client.get(url(skrivelse, vad) + "?fran=1&till=2").status_code == 403


@pytest.mark.parametrize("vad", ["versioner", "versioner/1", "versioner/1/pdf", "jamfor"])
def test_reading_views_answer_405_to_post(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    assert client.post(url(skrivelse, vad)).status_code == 405


def test_a_version_of_another_tjansteskrivelse_is_404(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, "versioner/7")).status_code == 404


# --- who may read which version ------------------------------------------------------
# Those who may not see drafts read a version by its own status: the finished ones and
# the one their kallelse carried, never the drafts before, whatever the document's
# status is now.


@pytest.fixture
def skickad(skrivelse, handlaggare, sekreterare):
    """v1 påbörjad, v2 sparad (drafts), v3 granskning, v4 klar and sent with a kallelse."""
    from arenden.services import sammantraden

    granskare = factories.anvandare("Nämndsekreterare")
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skrivelse, anvandare=granskare)
    mote = factories.sammantrade(factories.organ("RS"))
    sammantraden.lagg_till_arende(mote, skrivelse.arende, anvandare=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    assert tjanst.lasta_versionen(skrivelse) == 4
    return skrivelse


def _ateroppna_och_andra(skrivelse, handlaggare):
    """v5 reopened, v6 the change after the kallelse: drafts again."""
    granskning.ateroppna(skrivelse, anvandare=handlaggare)
    skrivelse.refresh_from_db()
    data = tjanst.innehall(skrivelse)
    data["attsatser"] = ["Yttrandet antas med ändringen.", "Rapporten läggs till handlingarna."]
    tjanst.spara(skrivelse, data, anvandare=handlaggare, bas_version=skrivelse.version)


def test_a_politician_reads_the_finished_version_but_not_the_drafts_before_it(
    client, skickad, politiker
):
    client.force_login(politiker)
    sida = client.get(url(skickad, "versioner")).text
    assert "Version 4" in sida and "(skickad med kallelsen)" in sida
    for utkast in ("Version 1", "Version 2", "Version 3"):
        assert utkast not in sida
    assert client.get(url(skickad, "versioner/4")).status_code == 200
    assert "åtta möten" in pdf_till_text(client.get(url(skickad, "versioner/4/pdf")).content)
    for vad in ("versioner/1", "versioner/1/pdf", "versioner/2", "versioner/3/pdf"):
        assert client.get(url(skickad, vad)).status_code == 403, vad
    assert client.get(url(skickad, "jamfor") + "?fran=1&till=4").status_code == 403
    assert "Versioner (1)" in client.get(skickad.get_absolute_url()).text


def test_a_politician_keeps_the_version_sent_after_the_document_is_reopened(
    client, skickad, handlaggare, politiker
):
    _ateroppna_och_andra(skickad, handlaggare)
    client.force_login(politiker)
    # The document as it is now is a draft again ...
    assert client.get(skickad.get_absolute_url()).status_code == 403
    assert client.get(url(skickad, "pdf")).status_code == 403
    # ... but what the kallelse carried is still theirs to read.
    sida = client.get(url(skickad, "versioner")).text
    assert "Version 4" in sida and "Version 6" not in sida
    assert "Yttrandet antas." in client.get(url(skickad, "versioner/4")).text
    text = pdf_till_text(client.get(url(skickad, "versioner/4/pdf")).content)
    assert "Yttrandet antas." in text and "med ändringen" not in text
    for vad in ("versioner/5", "versioner/6", "versioner/6/pdf"):
        assert client.get(url(skickad, vad)).status_code == 403, vad
    assert client.get(url(skickad, "jamfor") + "?fran=4&till=6").status_code == 403


def test_a_politician_compares_only_versions_they_may_read(client, skickad, handlaggare, politiker):
    _ateroppna_och_andra(skickad, handlaggare)
    granskare = factories.anvandare("Handläggare")
    granskning.skicka_till_granskning(skickad, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skickad, anvandare=granskare)  # v7 granskning, v8 klar
    client.force_login(politiker)
    sida = client.get(url(skickad, "jamfor") + "?fran=4&till=8")
    assert sida.status_code == 200
    assert "med ändringen" in sida.text and sida.context["antal_andringar"] == 1
    assert list(sida.context["versioner"]) == [8, 4]
    lista = client.get(url(skickad, "versioner")).text
    assert 'name="fran" value="4" id="fran-4" checked' in lista
    assert 'name="till" value="8" id="till-8" checked' in lista


def test_an_official_still_reads_every_version_of_a_reopened_document(client, skickad, handlaggare):
    _ateroppna_och_andra(skickad, handlaggare)
    client.force_login(factories.anvandare("Registrator"))
    sida = client.get(url(skickad, "versioner")).text
    assert all(f"Version {n}" in sida for n in range(1, 7))
    assert client.get(url(skickad, "versioner/1")).status_code == 200
    assert client.get(url(skickad, "jamfor") + "?fran=1&till=6").status_code == 200


def test_a_secret_marked_document_hides_every_version(client, skickad, politiker):
    skickad.handlingar.update(sekretess_bestammelse="OSL 21 kap 1 §")
    client.force_login(politiker)
    for vad in ("versioner", "versioner/4", "versioner/4/pdf"):
        assert client.get(url(skickad, vad)).status_code == 403, vad
