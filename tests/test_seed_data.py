"""The five seed documents as data: every paragraph of each source is in the stored case."""

import pytest

from arenden.models import Arende, Beslut, Motion, Tjansteskrivelse
from arenden.services import tjansteskrivelser
from tests import seedtext

pytestmark = pytest.mark.django_db

SEEDS = [0, 1, 2, 3, 4]


def lagrad_text(skrivelse: Tjansteskrivelse) -> str:
    data = tjansteskrivelser.innehall(skrivelse)
    data["handlaggare_namn"] = skrivelse.handlaggare_namn
    return seedtext.fixture_text({"diarienummer": data["diarienummer"], "tjansteskrivelse": data})


@pytest.mark.parametrize("seed", SEEDS)
def test_every_source_paragraph_is_stored(demodata, seed):
    fixture = seedtext.load_seed(seed)
    skrivelse = Tjansteskrivelse.objects.get(kalla__startswith=fixture["kallfil"])
    text = lagrad_text(skrivelse)
    kalla = seedtext.source_path(fixture)
    assert seedtext.missing_paragraphs(kalla, text) == []
    # The header's field order varies between sources; from the title on, order is kept.
    assert seedtext.first_out_of_order(seedtext.read_source(kalla).body, text) is None


def test_demodata_is_idempotent(demodata):
    from arenden import demodata as loader

    fore = (Arende.objects.count(), Tjansteskrivelse.objects.count(), Beslut.objects.count())
    loader.ladda()
    assert (
        Arende.objects.count(),
        Tjansteskrivelse.objects.count(),
        Beslut.objects.count(),
    ) == fore


def test_the_seed_cases_keep_their_source_numbers(demodata):
    for nummer in ["RS/1450/2017", "RS/554/2019", "RS/2771/2017", "RS/203/2021"]:
        assert Arende.objects.filter(diarienummer=nummer).exists()


def test_seed_002_is_registered_with_a_new_number_and_says_the_source_had_none(demodata):
    skrivelse = Tjansteskrivelse.objects.get(kalla__startswith="002_")
    arende = skrivelse.arende
    assert arende.lopnummer == 1  # the first number of this year's series
    assert "saknar" in arende.anteckning
    assert "diarienummer" in arende.anteckning
    assert skrivelse.datum is None
    assert "datum" in skrivelse.saknas_i_kallan


def test_seed_001_has_no_email_and_says_so(client, demodata, registrator):
    skrivelse = Tjansteskrivelse.objects.get(kalla__startswith="001_")
    assert skrivelse.handlaggare_epost == ""
    client.force_login(registrator)
    sida = client.get(skrivelse.get_absolute_url()).text
    assert "uppgift saknas i källan" in sida


def test_the_cited_decisions_are_recorded_as_the_sources_say(demodata):
    rs = {(b.ar, b.paragraf) for b in Beslut.objects.filter(organ__forkortning="RS")}
    assert {(2019, 130), (2019, 143), (2019, 218)} <= rs
    svom = {
        (b.sammantrade.datum.isoformat(), b.paragraf)
        for b in Beslut.objects.filter(organ__forkortning="SVOM")
    }
    assert svom == {("2020-11-06", 46), ("2021-02-26", 9)}
    paragraf_130 = Beslut.objects.get(organ__forkortning="RS", ar=2019, paragraf=130)
    assert paragraf_130.arende.diarienummer == "RS/554/2019"
    assert paragraf_130.sammantrade.datum_precision == "manad"
    assert paragraf_130.kalla  # marked as taken from the source
    assert Beslut.objects.get(paragraf=218).arende.diarienummer == "RS/722/2019"


def test_the_motion_answered_by_rs_1450_2017(demodata):
    motion = Motion.objects.get(arende__diarienummer="RS/1450/2017")
    assert [str(m.person) for m in motion.motionarer.all()] == ["Anna Hildebrand (MP)"]
    assert motion.vackt is None  # the sources do not say when it was väckt
    assert motion.yrkanden.count() == 1


def test_a_new_paragraph_number_continues_after_the_imported_ones(demodata):
    from django.db import transaction

    from arenden.services import numrering

    with transaction.atomic():
        assert numrering.nasta_nummer(numrering.paragrafserie("RS"), 2019) == 219


def test_the_case_page_shows_the_seed_with_its_decisions(client, demodata, registrator):
    client.force_login(registrator)
    sida = client.get("/arenden/RS-554-2019/").text
    assert "Styrgrupp Hälsoval 2021 - Rapport" in sida
    assert "§ 130" in sida and "§ 143" in sida


def test_the_svom_decisions_are_not_put_in_the_case_that_only_cites_them(
    client, demodata, handlaggare
):
    from django.utils.html import strip_tags

    for beslut in Beslut.objects.filter(organ__forkortning="SVOM"):
        assert beslut.arende is None  # the sources do not say which case
        assert beslut.sammantrade.organ.forkortning == "SVOM"  # found on its meeting
        assert "citeras i RS/203/2021" in beslut.kalla
        assert "uppgift saknas i källan" in beslut.kalla
    client.force_login(handlaggare)
    sida = " ".join(strip_tags(client.get("/arenden/RS-203-2021/").text).split())
    assert "SVOM 2020-11-06 § 46" not in sida


def test_cases_without_a_source_text_say_so_in_the_projects_words(demodata):
    for nummer in ["RS/722/2019", "RS/730/2017"]:
        arende = Arende.objects.get(diarienummer=nummer)
        assert arende.titel == "Uppgift saknas i källan"
        assert "Ärendets titel: uppgift saknas i källan." in arende.anteckning
    assert not Arende.objects.filter(titel__icontains="titel saknas").exists()


def test_loading_again_corrects_an_earlier_load_and_says_so(demodata):
    from arenden import demodata as loader
    from arenden.models import Historik

    # As an earlier version of the demo data loaded them.
    gammal = Arende.objects.get(diarienummer="RS/722/2019")
    Arende.objects.filter(pk=gammal.pk).update(titel="Titel saknas i källan")
    rs203 = Arende.objects.get(diarienummer="RS/203/2021")
    Beslut.objects.filter(organ__forkortning="SVOM").update(arende=rs203)
    antal = Beslut.objects.count()

    loader.ladda()
    loader.ladda()

    assert Beslut.objects.count() == antal
    assert not Beslut.objects.filter(organ__forkortning="SVOM", arende__isnull=False).exists()
    assert Arende.objects.get(pk=gammal.pk).titel == "Uppgift saknas i källan"
    rattelser = Historik.objects.filter(handelse__contains="rättades efter källan")
    assert rattelser.filter(arende=rs203).count() == 2
    assert rattelser.filter(arende=gammal).count() == 1
