"""services.tjansteskrivelser: creating, saving with conflicts, locks, review and registration."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arenden.models import Arende, Handling, Historik, Person, Sammantrade, Tjansteskrivelse
from arenden.services import granskning
from arenden.services import tjansteskrivelser as tjanst
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def arende(rs):
    return factories.arende("Motion om ny hälsoekonomisk budgetmodell")


def test_it_creates_a_draft_prefilled_from_the_case_and_the_authors_profile(arende, handlaggare):
    Person.objects.create(
        namn="Annika Jonsson",
        avdelning="Hälso- och sjukvårdspolitiska avdelningen",
        telefon="063-14 75 00",
        epost="annika.jonsson@regionjh.se",
        anvandare=handlaggare,
    )
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    assert skrivelse.status == Tjansteskrivelse.Status.UTKAST
    assert skrivelse.titel == arende.titel
    assert skrivelse.handlaggare_namn == "Annika Jonsson"
    assert skrivelse.avdelning == "Hälso- och sjukvårdspolitiska avdelningen"
    assert skrivelse.handlaggare_telefon == "063-14 75 00"
    assert skrivelse.handlaggare_epost == "annika.jonsson@regionjh.se"
    assert skrivelse.datum is not None
    assert [a.rubrik for a in skrivelse.avsnitt.all()] == ["Ärendebeskrivning"]
    assert skrivelse.versioner.get().anledning == "Påbörjad"
    assert Historik.objects.filter(objekt_typ="tjansteskrivelse", objekt_id=str(skrivelse.pk))


def test_it_prefills_an_answer_for_the_motions_helper(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(
        arende,
        anvandare=handlaggare,
        titel="Svar på motion om ny hälsoekonomisk budgetmodell",
        forslag_inledning="Regionstyrelsen föreslår regionfullmäktige",
        attsatser=["Motionen anses besvarad."],
        avsnitt=[("Ärendebeskrivning", "Anna Hildebrand (MP) yrkar …"), ("Bakgrund", "")],
    )
    data = tjanst.innehall(skrivelse)
    assert data["titel"] == "Svar på motion om ny hälsoekonomisk budgetmodell"
    assert data["forslag_av"] == "Regiondirektörens förslag"
    assert data["attsatser"] == ["Motionen anses besvarad."]
    assert [a["rubrik"] for a in data["avsnitt"]] == ["Ärendebeskrivning", "Bakgrund"]


def test_a_user_without_a_profile_gets_their_name(arende):
    user = factories.anvandare("Handläggare", first_name="Kerstin", last_name="Lejonklou")
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=user)
    assert skrivelse.handlaggare_namn == "Kerstin Lejonklou"
    assert skrivelse.avdelning == ""


def test_saving_refuses_a_stale_base_version(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    data = tjanst.innehall(skrivelse)
    tjanst.spara(skrivelse, {**data, "titel": "Först"}, anvandare=handlaggare, bas_version=1)
    with pytest.raises(tjanst.Konflikt) as fel:
        tjanst.spara(skrivelse, {**data, "titel": "Sedan"}, anvandare=handlaggare, bas_version=1)
    assert fel.value.skrivelse.version == 2
    assert Tjansteskrivelse.objects.get(pk=skrivelse.pk).titel == "Först"


def test_saving_unchanged_content_makes_no_version(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    tjanst.spara(skrivelse, tjanst.innehall(skrivelse), anvandare=handlaggare, bas_version=1)
    assert skrivelse.versioner.count() == 1
    assert Tjansteskrivelse.objects.get(pk=skrivelse.pk).version == 1


def test_filling_in_a_missing_header_value_clears_its_mark(demodata):
    user = factories.anvandare("Handläggare")
    skrivelse = Tjansteskrivelse.objects.get(kalla__startswith="002_")
    granskning.ateroppna(skrivelse, anvandare=user)
    skrivelse.refresh_from_db()
    data = {**tjanst.innehall(skrivelse), "avdelning": "Regionstaben"}
    tjanst.spara(skrivelse, data, anvandare=user, bas_version=skrivelse.version)
    skrivelse.refresh_from_db()
    assert "avdelning" not in skrivelse.saknas_i_kallan
    assert "datum" in skrivelse.saknas_i_kallan
    assert "diarienummer" in skrivelse.saknas_i_kallan  # a fact about the source, kept


def test_the_review_flow_ends_registered_in_the_case(arende, handlaggare):
    granskare = factories.anvandare("Nämndsekreterare")
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    with pytest.raises(ValidationError):
        granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=handlaggare)
    with pytest.raises(ValidationError):
        politiker = factories.anvandare("Politiker")
        granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=politiker)
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    with pytest.raises(PermissionDenied):
        granskning.godkann(skrivelse, anvandare=handlaggare)  # only the reviewer
    granskning.kommentera(skrivelse, anvandare=granskare, text="Lägg till barnrättsperspektivet.")
    granskning.skicka_tillbaka(skrivelse, anvandare=granskare, kommentar="Se kommentaren.")
    skrivelse.refresh_from_db()
    assert skrivelse.status == "utkast"
    assert not Handling.objects.filter(tjansteskrivelse=skrivelse).exists()
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skrivelse, anvandare=granskare, kommentar="Bra.")
    skrivelse.refresh_from_db()
    assert skrivelse.status == "klar"
    handling = Handling.objects.get(tjansteskrivelse=skrivelse)
    assert handling.riktning == "upprattad"
    assert handling.beskrivning == f"Tjänsteskrivelse: {skrivelse.titel}"
    assert [k.typ for k in skrivelse.kommentarer.all()] == ["kommentar", "tillbaka", "godkand"]
    # Every status change is a version.
    assert list(skrivelse.versioner.values_list("anledning", flat=True)) == [
        "Påbörjad",
        f"Skickad till granskning hos {granskare.get_full_name()}",
        "Skickad tillbaka från granskning",
        f"Skickad till granskning hos {granskare.get_full_name()}",
        "Godkänd vid granskning och klar",
    ]
    handelser = set(
        Historik.objects.filter(objekt_typ="tjansteskrivelse").values_list("handelse", flat=True)
    )
    assert "Godkänd vid granskning och klar" in handelser
    assert "Skickad tillbaka från granskning" in handelser


def test_sending_back_needs_a_reason(arende, handlaggare):
    granskare = factories.anvandare("Handläggare")
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    with pytest.raises(ValidationError):
        granskning.skicka_tillbaka(skrivelse, anvandare=granskare, kommentar=" ")


def test_a_status_change_from_a_stale_page_is_refused(arende, handlaggare):
    granskare = factories.anvandare("Handläggare")
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    tjanst.spara(
        skrivelse,
        {**tjanst.innehall(skrivelse), "titel": "Ny"},
        anvandare=handlaggare,
        bas_version=1,
    )
    with pytest.raises(tjanst.Konflikt):
        granskning.skicka_till_granskning(
            skrivelse, anvandare=handlaggare, granskare=granskare, bas_version=1
        )


def test_a_revised_version_finished_later_is_registered_again(arende, handlaggare):
    granskare = factories.anvandare("Handläggare")
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skrivelse, anvandare=granskare)
    granskning.ateroppna(skrivelse, anvandare=handlaggare)
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skrivelse, anvandare=granskare)
    beskrivningar = list(
        Handling.objects.filter(tjansteskrivelse=skrivelse)
        .order_by("lopnummer")
        .values_list("beskrivning", flat=True)
    )
    assert beskrivningar[0].startswith("Tjänsteskrivelse:")
    assert beskrivningar[1].startswith("Reviderad tjänsteskrivelse (version")


def test_a_draft_saved_after_its_version_was_sent_is_marked_as_changed_after(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    mote = Sammantrade.objects.create(organ=arende.diarium.organ, datum="2026-03-01")
    version = skrivelse.versioner.get()
    punkt = mote.dagordning.create(
        ordning=1,
        rubrik=skrivelse.titel,
        arende=arende,
        tjansteskrivelse=skrivelse,
        tjansteskrivelse_version=version,
    )
    assert not tjanst.ar_last(skrivelse)  # a planned meeting sends nothing
    mote.status = Sammantrade.Status.KALLELSE_SKICKAD
    mote.save()
    assert tjanst.ar_last(skrivelse)
    assert tjanst.lasta_versionen(skrivelse) == 1
    ny = tjanst.spara(
        skrivelse,
        {**tjanst.innehall(skrivelse), "titel": "Ändrad titel"},
        anvandare=handlaggare,
        bas_version=skrivelse.version,
    )
    assert ny.anledning == "Ändrad efter utskick eller beslut"
    assert ny.nummer == 2
    punkt.refresh_from_db()
    assert punkt.tjansteskrivelse_version.innehall["titel"] == arende.titel  # what was sent


@pytest.fixture
def klar_och_skickad(arende, handlaggare, sekreterare):
    from arenden.services import sammantraden

    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    granskare = factories.anvandare("Nämndsekreterare")
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skrivelse, anvandare=granskare)
    mote = factories.sammantrade(arende.diarium.organ)
    punkt = sammantraden.lagg_till_arende(mote, arende, anvandare=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    skrivelse.refresh_from_db()
    punkt.refresh_from_db()
    return skrivelse, punkt


def test_a_finished_document_on_a_sent_kallelse_cannot_be_edited_until_reopened(
    client, klar_och_skickad, handlaggare
):
    skrivelse, punkt = klar_och_skickad
    assert tjanst.ar_last(skrivelse)
    assert not tjanst.far_redigera(skrivelse, handlaggare)
    with pytest.raises(PermissionDenied):
        tjanst.spara(
            skrivelse,
            {**tjanst.innehall(skrivelse), "titel": "Ändrad i smyg"},
            anvandare=handlaggare,
            bas_version=skrivelse.version,
        )
    client.force_login(handlaggare)
    adress = f"/arenden/{skrivelse.arende.slug}/tjansteskrivelser/{skrivelse.pk}/redigera/"
    svar = client.get(adress, follow=True)
    assert "kan inte ändras just nu" in svar.text
    skrivelse.refresh_from_db()
    assert skrivelse.titel != "Ändrad i smyg"
    assert skrivelse.versioner.count() == 3  # påbörjad, granskning, klar: nothing new
    # Reopened, it is a draft again; the change is a new version, and what the
    # politicians were sent is untouched.
    granskning.ateroppna(skrivelse, anvandare=handlaggare)
    skrivelse.refresh_from_db()
    ny = tjanst.spara(
        skrivelse,
        {**tjanst.innehall(skrivelse), "titel": "Ändrad öppet"},
        anvandare=handlaggare,
        bas_version=skrivelse.version,
    )
    assert ny.anledning == "Ändrad efter utskick eller beslut"
    punkt.refresh_from_db()
    assert punkt.tjansteskrivelse_version.innehall["titel"] != "Ändrad öppet"


def test_reopening_a_document_behind_a_decision_is_recorded_for_all_to_see(
    client, klar_och_skickad, handlaggare
):
    from arenden.models import Beslut

    skrivelse, punkt = klar_och_skickad
    punkt.sammantrade.status = Sammantrade.Status.GENOMFORT
    punkt.sammantrade.save()
    Beslut.objects.create(
        organ=punkt.sammantrade.organ,
        ar=punkt.sammantrade.datum.year,
        paragraf=130,
        sammantrade=punkt.sammantrade,
        dagordningspunkt=punkt,
        arende=skrivelse.arende,
        beslutstext="Regionstyrelsen antar yttrandet.",
    )
    granskning.ateroppna(skrivelse, anvandare=handlaggare)
    senaste = skrivelse.versioner.order_by("-nummer").first()
    assert senaste.anledning == "Öppnad för ändring efter utskick eller beslut"
    assert Historik.objects.filter(
        objekt_typ="tjansteskrivelse",
        objekt_id=str(skrivelse.pk),
        handelse="Öppnad för ändring efter utskick eller beslut",
    ).exists()
    client.force_login(handlaggare)
    sidor = f"/arenden/{skrivelse.arende.slug}/tjansteskrivelser/{skrivelse.pk}/"
    assert "Öppnad för ändring efter utskick eller beslut" in client.get(sidor + "versioner/").text
    assert "Skickad med kallelsen" in client.get(sidor).text


def test_the_search_document_follows_the_text(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    data = tjanst.innehall(skrivelse)
    data["avsnitt"][0]["text"] = "Glesbygdsersättningen bygger på antal listade."
    tjanst.spara(skrivelse, data, anvandare=handlaggare, bas_version=1)
    # Still a draft: searchable in the draft part, which only draft readers match.
    assert "Glesbygdsersättningen" in Arende.objects.get(pk=arende.pk).sokdokument.utkasttext


def test_a_picked_signatory_is_linked_to_the_person(arende, handlaggare):
    hans = Person.objects.create(namn="Hans Svensson", titel="Regiondirektör")
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    data = {
        **tjanst.innehall(skrivelse),
        "undertecknare": [
            {"namn": "Hans Svensson", "titel": "Regiondirektör"},
            {"namn": "Okänd Person", "titel": ""},
        ],
    }
    tjanst.spara(skrivelse, data, anvandare=handlaggare, bas_version=1)
    assert [u.person for u in skrivelse.undertecknare.all()] == [hans, None]


def test_the_working_copy_is_offered_only_when_it_differs(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    data = tjanst.innehall(skrivelse)
    tjanst.autospara(skrivelse, data, anvandare=handlaggare, bas_version=1)
    assert tjanst.arbetskopia(skrivelse, handlaggare) is None
    tjanst.autospara(skrivelse, {**data, "titel": "Ändrad"}, anvandare=handlaggare, bas_version=1)
    kopia = tjanst.arbetskopia(skrivelse, handlaggare)
    assert kopia.innehall["titel"] == "Ändrad" and kopia.bas_version == 1
    assert tjanst.arbetskopia(skrivelse, factories.anvandare("Handläggare")) is None


# --- the reviewer is never the author ------------------------------------------------


def test_the_author_is_never_offered_as_reviewer_whoever_sends_it(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    kollega = factories.anvandare("Handläggare")
    annan = factories.anvandare("Nämndsekreterare")
    erbjudna = set(granskning.mojliga_granskare(skrivelse, kollega))
    assert handlaggare not in erbjudna and kollega not in erbjudna
    assert annan in erbjudna
    with pytest.raises(ValidationError) as fel:
        granskning.skicka_till_granskning(skrivelse, anvandare=kollega, granskare=handlaggare)
    assert "kan inte granska den själv" in str(fel.value)
    skrivelse.refresh_from_db()
    assert skrivelse.status == "utkast"


def test_the_author_cannot_approve_their_own_document(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    granskning.skicka_till_granskning(
        skrivelse, anvandare=handlaggare, granskare=factories.anvandare("Handläggare")
    )
    # A review assigned before the author was excluded, or written in directly.
    Tjansteskrivelse.objects.filter(pk=skrivelse.pk).update(granskare=handlaggare)
    with pytest.raises(ValidationError) as fel:
        granskning.godkann(skrivelse, anvandare=handlaggare)
    assert "kan inte godkänna den själv" in str(fel.value)
    skrivelse.refresh_from_db()
    assert skrivelse.status == "granskning"
    assert not Handling.objects.filter(tjansteskrivelse=skrivelse).exists()
    # Sending it back is still open, so the document is not stuck.
    granskning.skicka_tillbaka(skrivelse, anvandare=handlaggare, kommentar="Ny granskare behövs.")
    skrivelse.refresh_from_db()
    assert skrivelse.status == "utkast"


def test_comments_are_written_under_review_by_the_reviewer_and_the_author(arende, handlaggare):
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=handlaggare)
    granskare = factories.anvandare("Nämndsekreterare")
    with pytest.raises(ValidationError) as fel:
        granskning.kommentera(skrivelse, anvandare=handlaggare, text="För tidigt.")
    assert "medan tjänsteskrivelsen granskas" in str(fel.value)
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    with pytest.raises(PermissionDenied):
        granskning.kommentera(skrivelse, anvandare=factories.anvandare("Handläggare"), text="Hej")
    granskning.kommentera(skrivelse, anvandare=granskare, text="Lägg till barnrättsperspektivet.")
    granskning.kommentera(skrivelse, anvandare=handlaggare, text="Det finns i avsnitt 2.")
    granskning.godkann(skrivelse, anvandare=granskare)
    with pytest.raises(ValidationError):
        granskning.kommentera(skrivelse, anvandare=granskare, text="Efteråt.")
    assert [k.text for k in skrivelse.kommentarer.filter(typ="kommentar")] == [
        "Lägg till barnrättsperspektivet.",
        "Det finns i avsnitt 2.",
    ]


# --- the header names the case's handläggare -----------------------------------------


def test_the_header_names_the_cases_handlaggare_whoever_starts_the_memo(rs):
    ansvarig = factories.anvandare("Handläggare")
    Person.objects.create(
        namn="Karin Eriksson",
        avdelning="Regionstaben",
        telefon="063-14 70 00",
        epost="karin.eriksson@regionjh.se",
        anvandare=ansvarig,
    )
    forfattare = factories.anvandare("Handläggare")
    Person.objects.create(
        namn="Annika Jonsson", avdelning="Hälso- och sjukvård", anvandare=forfattare
    )
    arende = factories.arende("Remiss om nära vård", handlaggare=ansvarig)
    skrivelse = tjanst.skapa_tjansteskrivelse(arende, anvandare=forfattare)
    assert skrivelse.handlaggare_namn == "Karin Eriksson"
    assert skrivelse.avdelning == "Regionstaben"
    assert skrivelse.handlaggare_telefon == "063-14 70 00"
    assert skrivelse.handlaggare_epost == "karin.eriksson@regionjh.se"


def test_without_a_profile_for_the_cases_handlaggare_the_authors_is_used(rs):
    forfattare = factories.anvandare("Handläggare")
    Person.objects.create(
        namn="Annika Jonsson", telefon="063-14 75 00", avdelning="Staben", anvandare=forfattare
    )
    arende = factories.arende("Remiss", handlaggare=factories.anvandare("Handläggare"))
    huvud = tjanst.forifyllt_huvud(arende, forfattare)
    assert huvud["handlaggare_namn"] == "Annika Jonsson"
    assert huvud["handlaggare_telefon"] == "063-14 75 00"
    assert huvud["avdelning"] == "Staben"
