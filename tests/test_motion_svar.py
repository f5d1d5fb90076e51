"""Starting the answer to a motion: the region's title, lead-in, quoted yrkanden and proposal."""

import datetime

import pytest
from django.urls import reverse

from arenden.markup import render_markdown
from arenden.models import Historik, Person, Tjansteskrivelse
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db
D = datetime.date
NY = motionstjanst.NyPerson


@pytest.fixture
def motion(db):
    return factories.motion(
        vackt=D(2017, 3, 1),
        yrkanden=[
            "Region Jämtland Härjedalen upprättar en budget- och ersättningsmodell som stödjer "
            "och ger incitament till en hälsoorienterad verksamhetsutveckling, så att mer vård "
            "också utförs i primärvården och att primärvården blir styrande i vårdkedjan."
        ],
    )


def url(motion):
    return f"/motioner/{motion.arende.slug}/svar/"


@pytest.mark.parametrize(
    ("personer", "titel"),
    [
        ([NY("Anna Hildebrand", "MP")], "Svar på motion från Anna Hildebrand (MP) om x"),
        (
            [NY("Anna Hildebrand", "MP"), NY("Bo Berg", "S")],
            "Svar på motion från Anna Hildebrand (MP) och Bo Berg (S) om x",
        ),
        (
            [NY("Anna Berg", "S"), NY("Bo Ek", "M"), NY("Cecilia Ås", "V")],
            "Svar på motion från Anna Berg (S), Bo Ek (M) och Cecilia Ås (V) om x",
        ),
    ],
)
def test_it_builds_the_title_from_the_motionarer(personer, titel):
    motion = factories.motion("Motion om x", vackt=D(2026, 1, 5), motionarer=personer)
    assert motionstjanst.svarstitel(motion) == titel


@pytest.mark.parametrize(
    ("motionstitel", "amne"),
    [
        ("Motion om ny hälsoekonomisk budgetmodell", "ny hälsoekonomisk budgetmodell"),
        ("motion om ny hälsoekonomisk budgetmodell", "ny hälsoekonomisk budgetmodell"),
        ("Om ny hälsoekonomisk budgetmodell", "ny hälsoekonomisk budgetmodell"),
        ("Ny hälsoekonomisk budgetmodell", "Ny hälsoekonomisk budgetmodell"),
        ("Motion om fler vårdplatser i Härjedalen", "fler vårdplatser i Härjedalen"),
        ("Motion om Region Jämtland Härjedalens budget", "Region Jämtland Härjedalens budget"),
    ],
)
def test_it_takes_the_subject_from_the_motion_title(motionstitel, amne):
    motion = factories.motion(motionstitel, vackt=D(2026, 1, 5))
    assert motionstjanst.amne(motion) == amne


def test_it_matches_the_title_of_seed_000(motion):
    assert motionstjanst.svarstitel(motion) == (
        "Svar på motion från Anna Hildebrand (MP) om ny hälsoekonomisk budgetmodell"
    )


@pytest.mark.parametrize(
    ("motionstitel", "svarstitel"),
    [
        (
            "Motion om fler vårdplatser i Härjedalen",
            "Svar på motion från Anna Hildebrand (MP) om fler vårdplatser i Härjedalen",
        ),
        (
            "Motion angående Region Jämtland Härjedalens budget",
            "Svar på motion från Anna Hildebrand (MP) angående Region Jämtland Härjedalens budget",
        ),
        (
            "Vårdplatser i Sveg",
            "Svar på motion från Anna Hildebrand (MP) om Vårdplatser i Sveg",
        ),
    ],
)
def test_the_answers_title_keeps_proper_nouns(motionstitel, svarstitel):
    motion = factories.motion(motionstitel, vackt=D(2026, 1, 5))
    assert motionstjanst.svarstitel(motion) == svarstitel


@pytest.mark.parametrize(
    ("motionstitel", "rubrik"),
    [
        (
            "Motion om fler vårdplatser i Härjedalen",
            "<h1>Starta svar på motion om fler vårdplatser i Härjedalen</h1>",
        ),
        (
            "Fler vårdplatser i Härjedalen",
            "<h1>Starta svar på motionen ”Fler vårdplatser i Härjedalen”</h1>",
        ),
    ],
)
def test_the_heading_lowers_only_the_leading_word(client, handlaggare, motionstitel, rubrik):
    motion = factories.motion(motionstitel, vackt=D(2026, 1, 5))
    client.force_login(handlaggare)
    assert rubrik in client.get(url(motion)).text


def test_the_heading_of_a_medborgarforslag(client, handlaggare):
    forslag = factories.motion(
        "Medborgarförslag om laddstolpar i Östersund",
        typ="medborgarforslag",
        vackt=D(2026, 1, 5),
        motionarer=[NY("Kalle Karlsson")],
    )
    client.force_login(handlaggare)
    sida = client.get(url(forslag)).text
    assert "<h1>Starta svar på medborgarförslag om laddstolpar i Östersund</h1>" in sida


@pytest.mark.parametrize(
    ("forslag", "attsats"),
    [
        ("bifalla", "Motionen bifalls."),
        ("avsla", "Motionen avslås."),
        ("anse_besvarad", "Motionen anses besvarad."),
    ],
)
def test_it_starts_the_memo_with_the_chosen_proposal(client, motion, handlaggare, forslag, attsats):
    client.force_login(handlaggare)
    svar = client.post(url(motion), {"titel": motionstjanst.svarstitel(motion), "forslag": forslag})
    skrivelse = Tjansteskrivelse.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == skrivelse.get_absolute_url()
    assert skrivelse.arende == motion.arende
    assert skrivelse.status == Tjansteskrivelse.Status.UTKAST
    assert skrivelse.titel == (
        "Svar på motion från Anna Hildebrand (MP) om ny hälsoekonomisk budgetmodell"
    )
    assert skrivelse.forslag_inledning == "Regionstyrelsen föreslår regionfullmäktige"
    assert skrivelse.forslag_av == "Regiondirektörens förslag"
    assert [a.text for a in skrivelse.attsatser.all()] == [attsats]
    assert skrivelse.handlaggare == handlaggare
    assert skrivelse.versioner.count() == 1


def test_it_quotes_the_yrkande_as_seed_000_does(motion, handlaggare):
    skrivelse = motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="anse_besvarad")
    avsnitt = skrivelse.avsnitt.get()
    assert avsnitt.rubrik == "Ärendebeskrivning"
    assert avsnitt.text == (
        "Anna Hildebrand (MP) yrkar i en motion att ”Region Jämtland Härjedalen upprättar en "
        "budget- och ersättningsmodell som stödjer och ger incitament till en hälsoorienterad "
        "verksamhetsutveckling, så att mer vård också utförs i primärvården och att "
        "primärvården blir styrande i vårdkedjan.”"
    )


def test_it_quotes_several_yrkanden_as_a_numbered_list(handlaggare):
    motion = factories.motion(
        "Motion om x",
        vackt=D(2026, 1, 5),
        motionarer=[NY("Anna Berg", "S"), NY("Bo Ek", "M")],
        yrkanden=["att regionen utreder saken", "Regionen återkommer till fullmäktige."],
    )
    text = motionstjanst.arendebeskrivning(motion)
    assert text == (
        "Anna Berg (S) och Bo Ek (M) yrkar i en motion\n\n"
        "1. att ”regionen utreder saken”.\n"
        "2. att ”Regionen återkommer till fullmäktige.”"
    )


UNDERLISTA = "regionen utreder fler vårdplatser i\n   - Sveg\n   - Funäsdalen"


def test_it_quotes_a_yrkande_with_its_sub_list(handlaggare):
    motion = factories.motion(
        "Motion om fler vårdplatser i Härjedalen", vackt=D(2026, 1, 5), yrkanden=[UNDERLISTA]
    )
    text = motionstjanst.arendebeskrivning(motion)
    assert text == (
        "Anna Hildebrand (MP) yrkar i en motion att ”regionen utreder fler vårdplatser i\n"
        "- Sveg\n"
        "- Funäsdalen”."
    )
    html = render_markdown(text)
    assert "<ul>\n<li>Sveg</li>\n<li>Funäsdalen”.</li>\n</ul>" in html
    assert "i - Sveg" not in html


def test_it_nests_the_sub_list_inside_its_numbered_yrkande(handlaggare):
    motion = factories.motion(
        "Motion om x",
        vackt=D(2026, 1, 5),
        yrkanden=[f"att {UNDERLISTA}", "att fullmäktige får en rapport"],
    )
    text = motionstjanst.arendebeskrivning(motion)
    assert text == (
        "Anna Hildebrand (MP) yrkar i en motion\n\n"
        "1. att ”regionen utreder fler vårdplatser i\n"
        "   - Sveg\n"
        "   - Funäsdalen”.\n"
        "2. att ”fullmäktige får en rapport”."
    )
    html = render_markdown(text)
    forsta_punkten = html.split("<ol>\n<li>")[1].split("</li>\n<li>att ”fullmäktige")[0]
    assert forsta_punkten == (
        "att ”regionen utreder fler vårdplatser i\n"
        "<ul>\n<li>Sveg</li>\n<li>Funäsdalen”.</li>\n</ul>\n"
    )


def test_the_memo_and_its_pdf_keep_the_sub_list(client, handlaggare):
    motion = factories.motion(
        "Motion om fler vårdplatser i Härjedalen", vackt=D(2026, 1, 5), yrkanden=[UNDERLISTA]
    )
    skrivelse = motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="bifalla")
    client.force_login(handlaggare)
    sida = client.get(skrivelse.get_absolute_url()).text
    assert "<li>Sveg</li>" in sida and "<li>Funäsdalen”.</li>" in sida
    pdf = client.get(
        reverse("arenden:tjansteskrivelse_pdf", args=[motion.arende.slug, skrivelse.pk])
    )
    rader = [" ".join(r.split()) for r in pdf_till_text(pdf.content, raw=True).splitlines()]
    # Each item a line of its own (the bullets are written apart from their text).
    assert "Sveg" in rader and "Funäsdalen”." in rader


def test_the_memo_page_shows_what_was_prefilled(client, motion, handlaggare):
    skrivelse = motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="avsla")
    client.force_login(handlaggare)
    sida = client.get(skrivelse.get_absolute_url()).text
    assert "Regionstyrelsen föreslår regionfullmäktige" in sida
    assert "Motionen avslås." in sida
    assert "Ärendebeskrivning" in sida


def test_the_form_is_prefilled_and_offers_three_choices(client, motion, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(motion)).text
    assert (
        'value="Svar på motion från Anna Hildebrand (MP) om ny hälsoekonomisk budgetmodell"'
    ) in sida
    for val in ["Bifalla", "Avslå", "Anse besvarad"]:
        assert f">{val}</label>" in sida
    assert "Regionstyrelsen föreslår regionfullmäktige" in sida


def test_an_edited_title_is_kept(client, motion, handlaggare):
    client.force_login(handlaggare)
    client.post(url(motion), {"titel": "Svar på motion om budgetmodell", "forslag": "bifalla"})
    assert Tjansteskrivelse.objects.get().titel == "Svar på motion om budgetmodell"


def test_it_refuses_without_a_choice(client, motion, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(motion), {"titel": "Svar"})
    assert svar.status_code == 400
    assert "Välj bifalla, avslå eller anse besvarad." in svar.text
    assert not Tjansteskrivelse.objects.exists()


def test_it_refuses_a_second_answer(client, motion, handlaggare):
    forsta = motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="bifalla")
    client.force_login(handlaggare)
    svar = client.post(url(motion), {"titel": "Svar igen", "forslag": "avsla"})
    assert svar.status_code == 400
    assert "har redan ett svar" in svar.text
    assert list(Tjansteskrivelse.objects.all()) == [forsta]


def test_it_refuses_to_answer_a_closed_motion(motion, handlaggare):
    motionsavslut.avsluta(motion, anvandare=handlaggare, utfall="avskriven", anteckning="x")
    motion.refresh_from_db()
    with pytest.raises(Exception, match="redan avslutad"):
        motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="bifalla")
    assert not Tjansteskrivelse.objects.exists()


def test_it_takes_the_officials_details_from_their_person(motion, handlaggare):
    Person.objects.create(
        namn="Annika Jonsson",
        anvandare=handlaggare,
        avdelning="Hälso- och sjukvårdspolitiska avdelningen",
        telefon="063-14 75 00",
        epost="annika.jonsson@regionjh.se",
    )
    skrivelse = motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="bifalla")
    assert skrivelse.handlaggare_namn == "Annika Jonsson"
    assert skrivelse.avdelning == "Hälso- och sjukvårdspolitiska avdelningen"
    assert skrivelse.handlaggare_telefon == "063-14 75 00"
    assert skrivelse.handlaggare_epost == "annika.jonsson@regionjh.se"


def test_it_is_in_the_history(motion, handlaggare):
    skrivelse = motionstjanst.starta_svar(motion, anvandare=handlaggare, forslag="bifalla")
    post = Historik.objects.get(objekt_typ="tjansteskrivelse", objekt_id=str(skrivelse.pk))
    assert post.anvandare == handlaggare
    assert post.efter["attsatser"] == ["Motionen bifalls."]
    post = Historik.objects.get(objekt_typ="motion", handelse="Svar på motionen påbörjades")
    assert post.arende == motion.arende
    assert post.efter == {"tjansteskrivelse": skrivelse.titel, "forslag": "Motionen bifalls."}


@pytest.mark.parametrize("grupp", ["Registrator", "Politiker"])
def test_it_forbids_users_who_may_not_write(client, motion, grupp):
    client.force_login(factories.anvandare(grupp))
    assert client.get(url(motion)).status_code == 403
    assert client.post(url(motion), {"titel": "x", "forslag": "bifalla"}).status_code == 403
    assert not Tjansteskrivelse.objects.exists()


def test_it_answers_404_for_a_case_that_is_not_a_motion(client, handlaggare):
    arende = factories.arende()
    client.force_login(handlaggare)
    assert client.get(f"/motioner/{arende.slug}/svar/").status_code == 404
    assert client.get("/motioner/RS-999-2026/svar/").status_code == 404
    assert client.post("/motioner/inte-ett-nummer/svar/", {"forslag": "x"}).status_code == 404


def test_it_answers_405_to_other_methods(client, motion, handlaggare):
    client.force_login(handlaggare)
    assert client.put(url(motion)).status_code == 405
    assert client.delete(url(motion)).status_code == 405


@pytest.mark.parametrize(
    ("namn", "i_mening"),
    [
        ("Regionfullmäktige", "regionfullmäktige"),
        ("Hälso- och sjukvårdsnämnden", "hälso- och sjukvårdsnämnden"),
        ("SVOM", "SVOM"),
        ("Region Jämtland Härjedalens revisorer", "Region Jämtland Härjedalens revisorer"),
    ],
)
def test_an_organs_name_mid_sentence_keeps_abbreviations_and_proper_nouns(namn, i_mening):
    assert motionstjanst.i_mening(namn) == i_mening
