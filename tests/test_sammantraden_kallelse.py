"""Sending the kallelse (freezing each tjänsteskrivelse, publishing to the organ) and
the kallelse bundle: front pages, each item's papers, bookmarks, page numbers, built
in background tasks with reuse of what is already rendered."""

import datetime
import io
import json

import pypdf
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from arenden.models import (
    Historik,
    KallelsePaket,
    Organ,
    Sammantrade,
    Sekretessatkomst,
    Tjansteskrivelse,
    TjansteskrivelseVersion,
)
from arenden.pdf import kallelse as kallelsepdf
from arenden.services import kallelse, sammantraden
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote():
    return factories.sammantrade(
        factories.organ("RS", "Regionstyrelsen"),
        datum=timezone.localdate() + datetime.timedelta(days=7),
        sluttid=datetime.time(15, 30),
    )


def _skicka(client, mote):
    return client.post(f"/sammantraden/{mote.pk}/kallelse/skicka/")


def _outline(lasare):
    def titlar(poster):
        ut = []
        for post in poster:
            if isinstance(post, list):
                ut.append(titlar(post))
            else:
                ut.append(post.title)
        return ut

    return titlar(lasare.outline)


# --- sending -----------------------------------------------------------------------------


def test_sending_freezes_each_tjansteskrivelse_and_publishes(client, sekreterare, mote):
    punkt = factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    client.force_login(sekreterare)
    svar = _skicka(client, mote)
    assert svar.status_code == 302 and svar["Location"] == f"/sammantraden/{mote.pk}/"
    mote.refresh_from_db()
    punkt.refresh_from_db()
    assert mote.status == Sammantrade.Status.KALLELSE_SKICKAD
    assert mote.kallelse_skickad is not None
    version = punkt.tjansteskrivelse_version
    assert version.innehall["attsatser"] == ["Regionstyrelsen godkänner rapporten."]
    assert Historik.objects.filter(handelse="Kallelsen skickades", objekt_id=str(mote.pk)).exists()
    # The build is queued, one task per part: the front pages and the one item with papers.
    assert KallelsePaket.objects.get(sammantrade=mote).antal_delar == 2


def test_what_was_sent_stays_as_sent_when_the_memo_changes(sekreterare, mote):
    punkt = factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    punkt.refresh_from_db()
    skickad = punkt.tjansteskrivelse_version
    skrivelse = punkt.tjansteskrivelse
    skrivelse.attsatser.update(text="Regionstyrelsen avslår rapporten.")
    punkt.refresh_from_db()
    assert punkt.tjansteskrivelse_version == skickad
    assert skickad.innehall["attsatser"] == ["Regionstyrelsen godkänner rapporten."]
    # Sending again freezes the change as a new version; an unchanged memo keeps its own.
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    punkt.refresh_from_db()
    assert punkt.tjansteskrivelse_version.nummer == skickad.nummer + 1
    assert punkt.tjansteskrivelse_version.innehall["attsatser"] == [
        "Regionstyrelsen avslår rapporten."
    ]
    antal = TjansteskrivelseVersion.objects.count()
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    assert TjansteskrivelseVersion.objects.count() == antal


def test_it_refuses_a_kallelse_for_a_meeting_in_the_past(client, sekreterare, mote):
    factories.arendepunkt(mote, anvandare_=sekreterare)
    with time_machine.travel(mote.datum + datetime.timedelta(days=1), tick=False):
        client.force_login(sekreterare)
        svar = _skicka(client, mote)
        assert svar["Location"] == f"/sammantraden/{mote.pk}/dagordning/"
        sida = client.get(svar["Location"]).content.decode()
    assert (
        f"Sammanträdet {mote.datum:%Y-%m-%d} har redan varit. "
        "En ny kallelse kan inte skickas till det."
    ) in sida
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.PLANERAT
    assert not KallelsePaket.objects.exists()


def test_it_refuses_an_item_without_a_ready_tjansteskrivelse_and_saves_nothing(
    client, sekreterare, mote
):
    klar = factories.arendepunkt(mote, anvandare_=sekreterare)
    andra = factories.arendepunkt(mote, titel="Remiss om nära vård", anvandare_=sekreterare)
    Tjansteskrivelse.objects.filter(pk=andra.tjansteskrivelse_id).update(
        status=Tjansteskrivelse.Status.GRANSKNING
    )
    versioner = TjansteskrivelseVersion.objects.count()
    client.force_login(sekreterare)
    svar = _skicka(client, mote)
    meddelanden = [str(m) for m in svar.wsgi_request._messages]
    assert meddelanden == [
        "Kallelsen skickades inte.",
        f"Punkt 2 ({andra.arende.diarienummer}): tjänsteskrivelsen är inte klar (granskning).",
    ]
    mote.refresh_from_db()
    klar.refresh_from_db()
    assert mote.status == Sammantrade.Status.PLANERAT
    assert klar.tjansteskrivelse_version is None
    assert TjansteskrivelseVersion.objects.count() == versioner


def test_it_refuses_an_empty_agenda(sekreterare, mote):
    with pytest.raises(ValidationError, match="Dagordningen är tom"):
        sammantraden.skicka_kallelse(mote, anvandare=sekreterare)


def test_an_item_put_on_a_sent_kallelse_is_frozen_at_once(sekreterare, mote):
    factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    extra = factories.arendepunkt(mote, titel="Extra ärende", anvandare_=sekreterare)
    assert extra.tjansteskrivelse_version is not None
    utkast = factories.arende("Utkast", organ=mote.organ)
    factories.tjansteskrivelse(utkast)
    with pytest.raises(ValidationError, match="ingen klar tjänsteskrivelse"):
        sammantraden.lagg_till_arende(mote, utkast, anvandare=sekreterare)


def test_fullmaktiges_kallelse_is_announced_on_the_anslagstavla(sekreterare):
    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = factories.sammantrade(rf)
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    mote.refresh_from_db()
    assert mote.kungjort == timezone.localdate()


@pytest.mark.parametrize("rest", ["kallelse/skicka/", "kallelse/bygg/"])
def test_kallelse_actions_are_403_404_and_405(client, sekreterare, politiker, mote, rest):
    client.force_login(politiker)
    assert client.post(f"/sammantraden/{mote.pk}/{rest}").status_code == 403
    client.force_login(sekreterare)
    assert client.post(f"/sammantraden/99999/{rest}").status_code == 404
    assert client.get(f"/sammantraden/{mote.pk}/{rest}").status_code == 405


# --- the bundle ------------------------------------------------------------------------------


@pytest.fixture
def byggd(sekreterare, mote, omedelbara_uppgifter):
    """A sent kallelse with two items, one of them with a two-page PDF attachment."""
    forsta = factories.arendepunkt(mote, titel="Rapport om primärvården", anvandare_=sekreterare)
    bilaga = factories.pdf_handling(forsta.arende, beskrivning="Styrgruppens rapport", sidor=2)
    forsta.underlag.set([bilaga])
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    andra = factories.arendepunkt(
        mote, titel="Motion om hälsoekonomi", anvandare_=sekreterare, attsatser=["Avslå."]
    )
    sammantraden.andra_punkt(
        andra,
        anvandare=sekreterare,
        rubrik=andra.rubrik,
        nummer="3",
        offentlig=True,
        notering="Bordlagt 12 december",
    )
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    return {"forsta": forsta, "andra": andra, "bilaga": bilaga}


def test_the_bundle_has_kallelse_agenda_papers_and_bookmarks(mote, byggd):
    paket = kallelse.senaste(mote)
    assert paket.status == KallelsePaket.Status.KLAR, paket.fel
    pdf = paket.fil.read()
    lasare = pypdf.PdfReader(io.BytesIO(pdf))
    text = pdf_till_text(pdf)
    # The kallelse page: organ, day, time, place, send-out date.
    assert "Kallelse till sammanträde" in text
    assert f"{mote.datum:%-d}" in text and "kl. 09.00–15.30" in text
    assert "Regionens hus, sal Storsjön" in text
    assert f"{timezone.localdate():%Y-%m-%d}" in text
    # The föredragningslista as a table with Nr, Ärende, Dnr, Noteringar.
    lista = pdf_till_text(pdf, layout=True)
    assert "Föredragningslista" in lista
    for rubrik in ("Nr", "Ärende", "Dnr", "Noteringar"):
        assert rubrik in lista
    assert "Bordlagt 12 december" in lista
    assert byggd["forsta"].arende.diarienummer in lista
    # Each item's tjänsteskrivelse and its attached PDF, bookmarked per item.
    forsta, andra = byggd["forsta"], byggd["andra"]
    assert _outline(lasare) == [
        "Kallelse",
        "Föredragningslista",
        f"1. Rapport om primärvården ({forsta.arende.diarienummer})",
        [
            "Tjänsteskrivelse: Rapport om primärvården",
            f"{byggd['bilaga'].beteckning} Styrgruppens rapport",
        ],
        f"3. Motion om hälsoekonomi ({andra.arende.diarienummer})",
        ["Tjänsteskrivelse: Motion om hälsoekonomi"],
    ]
    assert paket.sidor == len(lasare.pages)
    # The reading copy says what it is: merged pages are no longer PDF/A.
    assert lasare.metadata.title == f"Kallelse Regionstyrelsen {mote.datum:%Y-%m-%d}"


def test_every_page_carries_the_running_page_number(mote, byggd):
    pdf = kallelse.senaste(mote).fil.read()
    lasare = pypdf.PdfReader(io.BytesIO(pdf))
    totalt = len(lasare.pages)
    for nummer, sida in enumerate(lasare.pages, start=1):
        text = sida.extract_text()
        assert f"Kallelse Regionstyrelsen {mote.datum:%Y-%m-%d} · Sida {nummer} ({totalt})" in text
    # The attachment's blank pages got their number too.
    assert totalt >= 6


def test_a_rebuild_after_one_change_renders_only_that_item(monkeypatch, sekreterare, mote, byggd):
    delar = []
    verklig = kallelsepdf.sammanfoga_del
    monkeypatch.setattr(
        kallelsepdf, "sammanfoga_del", lambda dok: delar.append(dok) or verklig(dok)
    )
    paket = kallelse.starta_bygge(mote, anvandare=sekreterare)
    paket.refresh_from_db()
    assert paket.status == KallelsePaket.Status.KLAR
    assert delar == []  # nothing changed: every part came from the cache

    andra = byggd["andra"]
    andra.tjansteskrivelse.attsatser.update(text="Bifalla motionen.")
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    paket = kallelse.senaste(mote)
    assert paket.status == KallelsePaket.Status.KLAR
    assert len(delar) == 1 and delar[0][0][0] == "Tjänsteskrivelse: Motion om hälsoekonomi"
    assert "Bifalla motionen." in pdf_till_text(paket.fil.read())


def test_secret_underlag_is_only_in_the_members_copy(client, sekreterare, mote, byggd):
    hemlig = factories.pdf_handling(
        byggd["forsta"].arende, beskrivning="Patientuppgifter", sekretess="OSL 25 kap 1 §"
    )
    byggd["forsta"].underlag.add(hemlig)
    paket = kallelse.starta_bygge(mote, anvandare=sekreterare)
    paket.refresh_from_db()
    assert paket.fil and paket.fil_utan_sekretess
    utan = pdf_till_text(paket.fil_utan_sekretess.read())
    assert "Sekretessmarkerad handling" in utan and "OSL 25 kap 1 §" in utan

    # The secretary without the right to see secret material gets the copy without it.
    client.force_login(sekreterare)
    svar = client.get(f"/sammantraden/{mote.pk}/kallelse.pdf")
    assert svar.status_code == 200
    assert b"".join(svar.streaming_content) == paket.fil_utan_sekretess.open("rb").read()
    assert not Sekretessatkomst.objects.exists()

    # A member gets all of it, and the opening of the secret paper is logged.
    ledamot = factories.ledamot(mote.organ)
    client.force_login(ledamot)
    svar = client.get(f"/sammantraden/{mote.pk}/kallelse.pdf")
    assert b"".join(svar.streaming_content) == paket.fil.open("rb").read()
    atkomst = Sekretessatkomst.objects.get()
    assert (atkomst.anvandare, atkomst.handling, atkomst.grund) == (
        ledamot,
        hemlig,
        Sekretessatkomst.Grund.LEDAMOT,
    )


def test_the_bundle_of_a_meeting_with_closed_items_is_for_members(client, mote, byggd):
    byggd["andra"].offentlig = False
    byggd["andra"].save()
    utanfor = factories.ledamot(factories.organ("SVOM"))
    client.force_login(utanfor)
    assert client.get(f"/sammantraden/{mote.pk}/kallelse.pdf").status_code == 403
    client.force_login(factories.ledamot(mote.organ))
    assert client.get(f"/sammantraden/{mote.pk}/kallelse.pdf").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_progress_fragment_polls_until_the_bundle_is_done(client, sekreterare, mote):
    factories.arendepunkt(mote, anvandare_=sekreterare)
    # The default backend queues the tasks in the database: nothing runs yet.
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    client.force_login(sekreterare)
    url = f"/sammantraden/{mote.pk}/kallelse/status/"
    svar = client.get(url + "?kand=pagar", HTTP_HX_REQUEST="true")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert '<progress id="kallelse-framsteg" max="100" value="0">0 %</progress>' in html
    assert "0 av 2 delar klara" in html
    assert 'hx-trigger="load delay:1s"' in html
    assert "hx-swap-oob" not in html  # the live region speaks only on a change

    # The worker runs the queued tasks: the same task code, on the database backend.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    svar = client.get(url + "?kand=pagar", HTTP_HX_REQUEST="true")
    assert svar.status_code == 286  # htmx stops polling
    html = svar.content.decode()
    assert "hx-trigger" not in html
    assert "Kallelsen är klar" in html and "Kallelsen som PDF" in html


def test_the_tasks_are_queued_with_plain_json_arguments(sekreterare, mote):
    from django_tasks_db.models import DBTaskResult

    factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    paket = kallelse.senaste(mote)
    uppgifter = DBTaskResult.objects.order_by("enqueued_at")
    assert [u.task_path for u in uppgifter] == ["arenden.tasks.rendera_kallelsedel"] * 2
    assert sorted(u.args_kwargs["args"][1] for u in uppgifter) == [-1, 0]
    for u in uppgifter:
        assert json.loads(json.dumps(u.args_kwargs)) == {
            "args": [paket.pk, u.args_kwargs["args"][1]],
            "kwargs": {},
        }


def test_a_failing_part_marks_the_build_failed(
    monkeypatch, sekreterare, mote, omedelbara_uppgifter
):
    factories.arendepunkt(mote, anvandare_=sekreterare)

    def trasig(_dokument):
        raise RuntimeError("disken är full")

    monkeypatch.setattr(kallelsepdf, "sammanfoga_del", trasig)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    paket = kallelse.senaste(mote)
    assert paket.status == KallelsePaket.Status.MISSLYCKAD
    assert "disken är full" in paket.fel


def test_an_unreadable_attachment_is_replaced_by_a_notice(sekreterare, mote, omedelbara_uppgifter):
    from django.core.files.base import ContentFile

    punkt = factories.arendepunkt(mote, anvandare_=sekreterare)
    trasig = factories.pdf_handling(punkt.arende, beskrivning="Trasig bilaga")
    trasig.fil.save(str(trasig.fil_uuid), ContentFile(b"%PDF-1.7\ntrasig"), save=True)
    punkt.underlag.set([trasig])
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    paket = kallelse.senaste(mote)
    assert paket.status == KallelsePaket.Status.KLAR
    assert "Filen kunde inte läsas in i kallelsen" in pdf_till_text(paket.fil.read())


def test_the_bundle_download_is_404_before_it_is_built_and_405_for_post(client, sekreterare, mote):
    factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    client.force_login(sekreterare)
    assert client.get(f"/sammantraden/{mote.pk}/kallelse.pdf").status_code == 404
    assert client.post(f"/sammantraden/{mote.pk}/kallelse.pdf").status_code == 405
    assert client.post(f"/sammantraden/{mote.pk}/kallelse/status/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_parts_finishing_at_once_merge_the_bundle_exactly_once(monkeypatch):
    import threading

    from django.db import connections

    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    paket = KallelsePaket.objects.create(sammantrade=mote, antal_delar=2, klara_delar=0)
    sammanfogningar = []
    monkeypatch.setattr(kallelse, "sammanfoga", lambda pk: sammanfogningar.append(pk))
    start = threading.Barrier(2)
    fel = []

    def klar():
        try:
            start.wait()
            kallelse.del_klar(paket.pk)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            fel.append(exc)
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=klar) for _ in range(2)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert fel == []
    assert sammanfogningar == [paket.pk]
    paket.refresh_from_db()
    assert paket.klara_delar == 2
