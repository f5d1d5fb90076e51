"""Registering a handling on the case page: POST /arenden/<slug>/handlingar/."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from arenden.models import Handling, Historik
from tests import factories

pytestmark = pytest.mark.django_db


def url(arende):
    return f"{arende.get_absolute_url()}handlingar/"


def data(**falt):
    return {
        "riktning": "inkommande",
        "datum": timezone.localdate().isoformat(),
        "avsandare_mottagare": "Socialstyrelsen",
        "beskrivning": "Remiss om nationella riktlinjer",
        **falt,
    }


def fil(namn, innehall, typ="application/pdf"):
    return SimpleUploadedFile(namn, innehall, content_type=typ)


def test_it_registers_a_handling_under_the_next_number(client, registrator):
    arende = factories.arende()
    factories.handling(arende)
    client.force_login(registrator)
    svar = client.post(url(arende), data())
    assert svar.status_code == 302
    assert svar["Location"] == f"{arende.get_absolute_url()}#handling-2"
    handling = arende.handlingar.get(lopnummer=2)
    assert handling.beskrivning == "Remiss om nationella riktlinjer"
    assert handling.registrerad_av == registrator
    sida = client.get(svar["Location"]).text
    assert f"Handling {arende.diarienummer}:2 är registrerad." in sida
    assert Historik.objects.filter(handelse=f"Handling {arende.diarienummer}:2 registrerades")


def test_it_answers_htmx_with_the_handlingar_part_and_the_history(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    svar = client.post(url(arende), data(), headers={"HX-Request": "true"})
    assert svar.status_code == 200
    assert svar.text.lstrip().startswith('<div id="handlingar">')
    assert "Remiss om nationella riktlinjer" in svar.text
    assert 'id="historik" aria-labelledby="rubrik-historik" hx-swap-oob="true"' in svar.text
    assert "<html" not in svar.text


@pytest.mark.parametrize(
    ("namn", "innehall"),
    [
        ("remissvar.pdf", factories.pdf()),
        ("skiss.png", factories.png()),
        ("yttrande.docx", factories.docx()),
        ("yttrande.odt", factories.odt()),
    ],
)
def test_it_keeps_an_allowed_file_checked_by_content(client, registrator, namn, innehall):
    arende = factories.arende()
    client.force_login(registrator)
    svar = client.post(url(arende), data(fil=fil(namn, innehall)))
    assert svar.status_code == 302
    handling = arende.handlingar.get()
    assert handling.filnamn == namn
    assert handling.fil.read() == innehall
    nedladdning = client.get(handling.get_fil_url())
    assert nedladdning.status_code == 200
    assert b"".join(nedladdning.streaming_content) == innehall


@pytest.mark.parametrize(
    ("namn", "innehall", "meddelande"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is an exe", "Filtypen tillåts inte"),
        ("tom.pdf", b"", "Filen är tom."),
        ("skript.pdf", b"<script>alert(1)</script>", "Filtypen tillåts inte"),
        ("arkiv.docx", b"PK\x03\x04 not really a zip", "Filtypen tillåts inte"),
    ],
)
def test_it_refuses_a_file_that_lies_or_is_empty_and_stores_nothing(
    client, registrator, settings, tmp_path, namn, innehall, meddelande
):
    arende = factories.arende()
    client.force_login(registrator)
    svar = client.post(url(arende), data(fil=fil(namn, innehall)))
    assert svar.status_code == 400
    assert meddelande in svar.text
    assert "Remiss om nationella riktlinjer" in svar.text  # what the user typed is kept
    assert not Handling.objects.exists()
    assert not [p for p in (tmp_path / "filer").rglob("*") if p.is_file()]


def test_it_refuses_a_file_over_the_limit_without_keeping_it(client, registrator, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    arende = factories.arende()
    client.force_login(registrator)
    stor = factories.pdf(b"x" * 4096)
    svar = client.post(url(arende), data(fil=fil("stor.pdf", stor)))
    assert svar.status_code == 400
    assert "Filen är för stor" in svar.text
    assert 'value="Socialstyrelsen"' in svar.text
    assert not Handling.objects.exists()


def test_it_shows_errors_in_the_htmx_fragment_and_keeps_the_input(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    svar = client.post(
        url(arende), data(beskrivning="", datum="2020-13-45"), headers={"HX-Request": "true"}
    )
    assert svar.status_code == 400
    assert "Formuläret innehåller fel" in svar.text
    assert '<a href="#id_beskrivning">' in svar.text
    assert "Ange kort vad handlingen gäller." in svar.text
    assert "Ange ett datum som ÅÅÅÅ-MM-DD." in svar.text
    assert 'value="Socialstyrelsen"' in svar.text
    assert "<html" not in svar.text


def test_it_refuses_a_date_in_the_future(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    imorgon = timezone.localdate() + timezone.timedelta(days=1)
    svar = client.post(url(arende), data(datum=imorgon.isoformat()))
    assert svar.status_code == 400
    assert "Datumet kan inte ligga i framtiden." in svar.text


def test_it_records_a_private_person(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    client.post(
        url(arende), data(avsandare_mottagare="Kalle Karlsson", avsandare_privatperson="on")
    )
    assert arende.handlingar.get().avsandare_privatperson


@pytest.mark.parametrize("grupp", ["Politiker", None])
def test_it_forbids_users_without_the_right(client, grupp):
    arende = factories.arende()
    client.force_login(factories.anvandare(grupp) if grupp else factories.anvandare())
    assert client.post(url(arende), data()).status_code == 403
    assert not Handling.objects.exists()


def test_it_answers_404_for_an_unknown_case(client, registrator):
    client.force_login(registrator)
    assert client.post("/arenden/RS-4242-2020/handlingar/", data()).status_code == 404


def test_it_answers_405_to_other_methods(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    assert client.get(url(arende)).status_code == 405
    assert client.put(url(arende)).status_code == 405


def test_it_redirects_anonymous_users_to_login(client):
    arende = factories.arende()
    svar = client.post(url(arende), data())
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_it_still_checks_csrf(registrator):
    from django.test import Client

    arende = factories.arende()
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(registrator)
    assert klient.post(url(arende), data()).status_code == 403
    assert not Handling.objects.exists()


def test_it_marks_a_secret_handling_as_it_is_registered(client, registrator, politiker):
    arende = factories.arende("Klagomål", publik_titel="Klagomål på vården")
    client.force_login(registrator)
    svar = client.post(
        url(arende),
        data(
            beskrivning="Journalkopia för Kalle Karlsson",
            avsandare_mottagare="Doktor Ek",
            markering_bestammelse="OSL 25 kap 1 §",
            markering_myndighet="Region Jämtland Härjedalen",
            markering_avsandare="on",
            markering_beskrivning="on",
            fil=fil("journal.pdf", factories.pdf(b"journal")),
        ),
    )
    assert svar.status_code == 302
    handling = arende.handlingar.get()
    assert handling.sekretess_bestammelse == "OSL 25 kap 1 §"
    assert handling.sekretess_datum == timezone.localdate()
    assert handling.sekretess_satt_av == registrator
    assert Historik.objects.filter(handelse=f"Handling {handling.beteckning} sekretessmarkerades")
    # The public diary: only the date and the diarienummer.
    publik = client.get(arende.get_public_url()).text
    assert handling.beteckning in publik and handling.datum.isoformat() in publik
    assert "Sekretessmarkerad handling" in publik
    assert "Journalkopia" not in publik and "Doktor Ek" not in publik
    assert "Klagomål" not in client.get("/diarium/", {"q": "Journalkopia"}).text
    client.force_login(politiker)
    sida = client.get(arende.get_absolute_url()).text
    assert "Journalkopia" not in sida and "Doktor Ek" not in sida
    assert client.get(handling.get_fil_url()).status_code == 403
    assert "Klagomål" not in client.get("/arenden/", {"q": "Journalkopia"}).text


def test_without_a_provision_it_registers_unmarked(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    client.post(url(arende), data(markering_myndighet="Region Jämtland Härjedalen"))
    assert not arende.handlingar.get().sekretessmarkerad


def test_a_mark_in_free_text_needs_its_provision_and_keeps_the_input(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    svar = client.post(
        url(arende),
        data(beskrivning="Journalkopia", markering_bestammelse="annan", markering_myndighet=""),
    )
    assert svar.status_code == 400
    assert "Skriv vilken bestämmelse markeringen avser." in svar.text
    assert "Ange vilken myndighet som sätter markeringen." in svar.text
    assert 'value="Journalkopia"' in svar.text
    assert not arende.handlingar.exists()
    svar = client.post(
        url(arende),
        data(
            markering_bestammelse="annan",
            markering_annan="OSL 30 kap 23 §",
            markering_myndighet="Regionstyrelsen",
        ),
    )
    handling = arende.handlingar.get()
    assert handling.sekretess_bestammelse == "OSL 30 kap 23 §"
    assert not handling.sekretess_avsandare  # unticked: the sender stays visible


@pytest.mark.parametrize(
    ("namn", "innehall", "typ"),
    [
        ("remissvar.pdf", factories.png(), "PNG-bild"),
        ("skiss.png", factories.pdf(), "PDF"),
        ("yttrande.docx", factories.odt(), "OpenDocument-text (ODT)"),
        ("sida.html", factories.pdf(), "PDF"),
    ],
)
def test_it_refuses_a_file_whose_name_claims_another_type(
    client, registrator, tmp_path, namn, innehall, typ
):
    arende = factories.arende()
    client.force_login(registrator)
    svar = client.post(url(arende), data(fil=fil(namn, innehall)))
    assert svar.status_code == 400
    andelse = "." + namn.rsplit(".", 1)[1]
    assert f"Filnamnet slutar på {andelse} men filen är en {typ}." in svar.text
    assert "Remiss om nationella riktlinjer" in svar.text
    assert not Handling.objects.exists()
    assert not [p for p in (tmp_path / "filer").rglob("*") if p.is_file()]


def test_a_file_name_in_capitals_is_the_same_type(client, registrator):
    arende = factories.arende()
    client.force_login(registrator)
    assert (
        client.post(url(arende), data(fil=fil("SKANNAD.PDF", factories.pdf()))).status_code == 302
    )


def test_a_failed_save_leaves_no_orphan_file(client, registrator, tmp_path, monkeypatch):
    from arenden.services import historik

    def trasig(**kwargs):
        raise RuntimeError("databasen svarade inte")

    arende = factories.arende()
    monkeypatch.setattr(historik, "logga", trasig)
    with pytest.raises(RuntimeError):
        factories.handling(arende, fil=fil("remissvar.pdf", factories.pdf()))
    assert not Handling.objects.exists()
    assert not [p for p in (tmp_path / "filer").rglob("*") if p.is_file()]
