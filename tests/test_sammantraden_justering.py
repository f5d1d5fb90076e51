"""Justering (whole minutes or one § at once), the lock it sets, the anslag that starts
the appeal period, the protokollsutdrag it sends, and rättelser afterwards."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Beslut, Handling, Justering, Riktning, Sammantrade
from arenden.services import anslag, sammantraden, utdrag
from arenden.services import beslut as tjanst
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote(sekreterare):
    mote = factories.sammantrade(
        factories.organ("RS", "Regionstyrelsen"), datum=timezone.localdate()
    )
    for titel in ("Rapport om primärvården", "Remiss om nära vård"):
        factories.arendepunkt(mote, titel=titel, anvandare_=sekreterare)
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.KALLELSE_SKICKAD)
    for punkt in mote.dagordning.all():
        sammantraden._frys(punkt, sekreterare)
    mote.justerare_ = factories.ledamot(mote.organ, namn="Jonas Justerare").person
    mote.refresh_from_db()
    mote.beslut_ = [
        tjanst.registrera_beslut(
            p,
            anvandare=sekreterare,
            beslutstext=f"Beslut om {p.rubrik.lower()}.",
            utfall="bifall",
            utdrag_till=["Hälso- och sjukvårdsdirektören", "SVOM"],
        )
        for p in mote.dagordning.order_by("ordning")
    ]
    return mote


def _justera(mote, sekreterare, **falt):
    falt.setdefault("justerad", timezone.localdate())
    falt.setdefault("justerare", [mote.justerare_])
    falt.setdefault("forvaringsplats", "Regionkansliet, Östersund")
    return tjanst.registrera_justering(mote, anvandare=sekreterare, **falt)


def test_justering_locks_the_minutes_and_posts_the_anslag(
    client, sekreterare, mote, omedelbara_uppgifter
):
    idag = timezone.localdate()
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/justering/",
        {
            "beslut": [b.pk for b in mote.beslut_],
            "justerad": f"{idag:%Y-%m-%d}",
            "justerare": [mote.justerare_.pk],
            "forvaringsplats": "Regionkansliet, Östersund",
            "anslag_uppsatt": f"{idag:%Y-%m-%d}",
        },
    )
    assert svar.status_code == 302
    justering = Justering.objects.get()
    assert not justering.omedelbar
    assert list(justering.justerare.all()) == [mote.justerare_]
    assert all(b.justerad for b in Beslut.objects.all())
    assert justering.anslag_uppsatt == idag
    assert justering.overklagas_senast == anslag.overklagas_senast(idag)
    assert justering.anslag_nedtas == justering.overklagas_senast + datetime.timedelta(days=1)
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.ANSLAGET
    # Each § with "Utdrag till" gets its protokollsutdrag, registered in its case.
    for beslut in Beslut.objects.all():
        handling = beslut.utdrag
        assert handling.riktning == Riktning.UTGAENDE
        assert handling.avsandare_mottagare == "Hälso- och sjukvårdsdirektören, SVOM"
        assert handling.beskrivning == (
            f"Protokollsutdrag Regionstyrelsen {mote.datum:%Y-%m-%d} § {beslut.paragraf}"
        )
        assert handling.filtyp == "application/pdf" and handling.arende == beslut.arende
        text = pdf_till_text(handling.fil.read())
        assert "Protokollsutdrag" in text and f"§ {beslut.paragraf}" in text
        assert "Utdrag till" in text and "Utdragsbestyrkande" in text
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    forsta = Beslut.objects.get(pk=mote.beslut_[0].pk)
    assert "Protokollsutdrag:" in html and forsta.utdrag.beteckning in html


def test_a_single_paragraph_is_justerad_at_once(sekreterare, mote):
    forsta, andra = mote.beslut_
    justering = _justera(mote, sekreterare, beslut=[forsta])
    assert justering.omedelbar
    forsta.refresh_from_db()
    andra.refresh_from_db()
    assert forsta.justerad and not andra.justerad
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.GENOMFORT
    # The locked § cannot be recorded again; the other one still can.
    with pytest.raises(ValidationError, match="Registrera en rättelse i stället"):
        tjanst.registrera_beslut(
            forsta.dagordningspunkt, anvandare=sekreterare, beslutstext="Nytt", utfall="avslag"
        )
    tjanst.registrera_beslut(
        andra.dagordningspunkt, anvandare=sekreterare, beslutstext="Nytt", utfall="avslag"
    )
    _justera(mote, sekreterare)
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.JUSTERAT


def test_justering_refuses_bad_input_and_saves_nothing(sekreterare, mote):
    idag = timezone.localdate()
    fall = [
        ({"justerad": idag + datetime.timedelta(days=1)}, "kan inte ligga i framtiden."),
        ({"justerad": idag - datetime.timedelta(days=1)}, "kan inte justeras före sammanträdet."),
        ({"justerare": []}, "Ange vem eller vilka som justerade protokollet."),
        ({"forvaringsplats": " "}, "Ange var protokollet förvaras."),
        (
            {"anslag_uppsatt": idag + datetime.timedelta(days=5)},
            "Anslaget ska sättas upp senast andra dagen efter justeringen",
        ),
    ]  # fmt: skip
    for falt, text in fall:
        with pytest.raises(ValidationError) as fel:
            _justera(mote, sekreterare, **falt)
        assert any(text in m for m in fel.value.messages), (falt, fel.value.messages)
    assert not Justering.objects.exists()
    assert not Beslut.objects.filter(justerad=True).exists()
    _justera(mote, sekreterare)
    with pytest.raises(ValidationError, match="inga ojusterade beslut"):
        _justera(mote, sekreterare)


def test_the_anslag_goes_up_within_two_days_and_only_once(client, sekreterare, mote):
    justering = _justera(mote, sekreterare)
    client.force_login(sekreterare)
    url = f"/sammantraden/{mote.pk}/justeringar/{justering.pk}/anslag/"
    sent = anslag.anslag_senast(justering.justerad) + datetime.timedelta(days=1)
    svar = client.post(url, {"uppsatt": f"{sent:%Y-%m-%d}"}, follow=True)
    assert "Anslaget ska sättas upp senast andra dagen efter justeringen" in svar.content.decode()
    justering.refresh_from_db()
    assert justering.anslag_uppsatt is None
    svar = client.post(url, {"uppsatt": f"{justering.justerad:%Y-%m-%d}"})
    assert svar.status_code == 302
    justering.refresh_from_db()
    assert justering.anslag_uppsatt == justering.justerad
    svar = client.post(url, {"uppsatt": f"{justering.justerad:%Y-%m-%d}"}, follow=True)
    assert "överklagandetiden räknas redan från den dagen" in svar.content.decode()


def test_a_rattelse_is_shown_beside_the_paragraph_not_over_it(client, sekreterare, mote):
    beslut = mote.beslut_[0]
    client.force_login(sekreterare)
    url = f"/sammantraden/{mote.pk}/beslut/{beslut.pk}/rattelse/"
    svar = client.post(url, {"text": "Rätt belopp är 2 miljoner.", "skal": "Skrivfel"})
    assert svar.status_code == 400
    assert f"§ {beslut.paragraf} är inte justerad ännu" in svar.content.decode()
    _justera(mote, sekreterare)
    svar = client.post(url, {"text": "", "skal": ""})
    assert svar.status_code == 400 and "Skriv vad som rättas." in svar.content.decode()
    svar = client.post(url, {"text": "Rätt belopp är 2 miljoner.", "skal": "Skrivfel"})
    assert svar.status_code == 302
    beslut.refresh_from_db()
    assert beslut.beslutstext == "Beslut om rapport om primärvården."
    rattelse = beslut.rattelser.get()
    assert (rattelse.text, rattelse.skal, rattelse.registrerad_av) == (
        "Rätt belopp är 2 miljoner.",
        "Skrivfel",
        sekreterare,
    )
    for sida in (f"/sammantraden/{mote.pk}/", beslut.arende.get_absolute_url()):
        html = client.get(sida).content.decode()
        assert "Rätt belopp är 2 miljoner." in html, sida
    assert "Rättelse" in pdf_till_text(client.get(f"/sammantraden/{mote.pk}/protokoll.pdf").content)


def test_the_extract_is_made_once(sekreterare, mote):
    _justera(mote, sekreterare)
    beslut = mote.beslut_[0]
    forsta = utdrag.skapa(beslut.pk, anvandare_id=sekreterare.pk)
    assert utdrag.skapa(beslut.pk, anvandare_id=sekreterare.pk) == forsta
    assert Handling.objects.filter(beskrivning__startswith="Protokollsutdrag").count() == 1


@pytest.mark.parametrize("rest", ["justering/", "justeringar/{j}/anslag/", "beslut/{b}/rattelse/"])
def test_justering_views_are_403_404_and_405(client, sekreterare, politiker, mote, rest):
    justering = _justera(mote, sekreterare)
    url = f"/sammantraden/{mote.pk}/" + rest.format(j=justering.pk, b=mote.beslut_[0].pk)
    client.force_login(politiker)
    assert client.post(url, {}).status_code == 403
    client.force_login(sekreterare)
    assert client.post(url.replace(f"/{mote.pk}/", "/99999/"), {}).status_code == 404
    if "{" in rest:
        assert (
            client.post(
                url.replace(
                    str(justering.pk) if "{j}" in rest else str(mote.beslut_[0].pk), "99999"
                ),
                {},
            ).status_code
            == 404
        )
    assert client.put(url).status_code == 405


def test_the_anslag_deadline_moves_past_a_weekend():
    # Justerad on a Friday: "the second day after" is a Sunday, so Monday is in time.
    fredag = datetime.date(2030, 5, 17)
    assert anslag.anslag_senast(fredag) == datetime.date(2030, 5, 20)
    # A Wednesday's justering: Friday is the second day, and no later.
    assert anslag.anslag_senast(datetime.date(2030, 5, 15)) == datetime.date(2030, 5, 17)


def _moteshistorik(mote):
    from arenden.models import Historik

    return list(
        Historik.objects.filter(objekt_typ="sammantrade", objekt_id=str(mote.pk))
        .order_by("pk")
        .values_list("handelse", flat=True)
    )


def test_justering_and_anslag_are_each_one_entry_in_the_history(client, sekreterare, mote):
    idag = timezone.localdate()
    client.force_login(sekreterare)
    client.post(
        f"/sammantraden/{mote.pk}/justering/",
        {
            "beslut": [b.pk for b in mote.beslut_],
            "justerad": f"{idag:%Y-%m-%d}",
            "justerare": [mote.justerare_.pk],
            "forvaringsplats": "Regionkansliet, Östersund",
            "anslag_uppsatt": f"{idag:%Y-%m-%d}",
        },
    )
    historik = _moteshistorik(mote)
    assert historik.count("Protokollet justerades") == 1
    assert len([h for h in historik if "anslogs" in h]) == 1
    from arenden.models import Historik

    justerat = Historik.objects.get(objekt_typ="sammantrade", handelse="Protokollet justerades")
    assert justerat.fore == {"status": "Genomfört"}
    assert justerat.efter["status"] == "Protokoll justerat"
    assert justerat.efter["paragrafer"] == "§§ 1–2"
    anslaget = Historik.objects.get(objekt_typ="sammantrade", handelse__contains="anslogs")
    assert anslaget.efter["status"] == "Anslaget"
    assert anslaget.efter["anslag_uppsatt"] == f"{idag:%Y-%m-%d}"
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert html.count("Protokollet justerades") == 1


def test_an_omedelbar_justering_and_the_rest_are_one_entry_each(sekreterare, mote):
    forsta, _andra = mote.beslut_
    anslag.anslaa(_justera(mote, sekreterare, beslut=[forsta]), uppsatt=timezone.localdate(),
                  anvandare=sekreterare)  # fmt: skip
    anslag.anslaa(_justera(mote, sekreterare), uppsatt=timezone.localdate(), anvandare=sekreterare)
    historik = _moteshistorik(mote)
    assert historik.count("Omedelbar justering") == 1
    assert historik.count("Protokollet justerades") == 1
    assert historik.count("Justeringen anslogs på anslagstavlan") == 1
    assert historik.count("Protokollet anslogs på anslagstavlan") == 1


def test_the_meeting_page_says_what_becomes_of_each_extract(client, sekreterare, mote):
    upprop = sammantraden.lagg_till_punkt(
        mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop"
    )
    tjanst.registrera_beslut(
        upprop, anvandare=sekreterare, beslutstext="Uppropet förrättades.", utfall="",
        utdrag_till=["Kansliet"],
    )  # fmt: skip
    client.force_login(sekreterare)
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert (
        "Utdrag till Hälso- och sjukvårdsdirektören, SVOM skapas när paragrafen justeras." in html
    )
    assert "Paragrafen hör inte till något ärende, så inget protokollsutdrag registreras" in html
    # Justerad, with the extracts still to be made by the worker: not "when justerad".
    _justera(mote, sekreterare)
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert "skapas när paragrafen justeras" not in html
    assert "Protokollsutdraget till Hälso- och sjukvårdsdirektören, SVOM skapas" in html
    # Once made, the page names the registered extract.
    for b in mote.beslut_:
        utdrag.skapa(b.pk, anvandare_id=sekreterare.pk)
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert "Protokollsutdraget till" not in html
    assert html.count("Protokollsutdrag: <a") == 2
