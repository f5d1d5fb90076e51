"""A handling's file: only through the permission-checked view, as an attachment of its type."""

import hashlib
import os
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from arenden.models import Handling, Sekretessatkomst
from tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _handling(filnamn="beslut.pdf", innehall=PDF, *, sekretess=False):
    arende = factories.arende()
    fil = SimpleUploadedFile(filnamn, innehall, content_type="application/octet-stream")
    handling = factories.handling(arende, fil=fil)
    if sekretess:
        handling.sekretess_bestammelse = "OSL 21 kap 1 §"
        handling.save()
    return handling


def test_it_serves_the_file_as_an_attachment_of_its_real_type(client, registrator):
    handling = _handling()
    client.force_login(registrator)
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    assert svar["Content-Disposition"] == 'attachment; filename="beslut.pdf"'
    assert svar["Cache-Control"] == "private, no-store"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert b"".join(svar.streaming_content) == PDF


def test_a_swedish_file_name_survives_in_the_header(client, registrator):
    handling = _handling("Yttrande över remiss.pdf")
    client.force_login(registrator)
    svar = client.get(handling.get_fil_url())
    assert "filename*=utf-8''Yttrande%20%C3%B6ver%20remiss.pdf" in svar["Content-Disposition"]


@pytest.mark.parametrize(
    "namn,visas",
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system.ini.pdf", "system.ini.pdf"),
        ("/etc/shadow.pdf", "shadow.pdf"),
        ('C:\\Users\\rut\\brev "utkast".pdf', "brev utkast.pdf"),
        ("rad\nbrytning\r.pdf", "radbrytning.pdf"),
    ],
)
def test_an_uploaded_file_name_never_becomes_a_path(client, registrator, namn, visas):
    handling = _handling(namn)
    assert handling.filnamn == visas
    # Stored under a random name inside the storage, whatever the uploader called it.
    lagrad = Path(default_storage.path(handling.fil.name)).resolve()
    rot = Path(default_storage.location).resolve()
    assert lagrad.is_relative_to(rot)
    assert lagrad.name == str(handling.fil_uuid)
    assert hashlib.sha256(lagrad.read_bytes()).hexdigest() == handling.sha256
    client.force_login(registrator)
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 200
    assert "/" not in svar["Content-Disposition"] and "\\" not in svar["Content-Disposition"]
    assert "\n" not in svar["Content-Disposition"]


def test_a_stored_name_pointing_outside_the_storage_is_refused(client, registrator):
    # Should a row ever be tampered with, the storage API refuses to leave its root.
    handling = _handling()
    utanfor = Path(default_storage.location).parent / "utanfor.txt"
    utanfor.write_text("hemligt utanför lagringen")
    Handling.objects.filter(pk=handling.pk).update(fil=os.path.join("..", "utanfor.txt"))
    client.raise_request_exception = False
    client.force_login(registrator)
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 400
    assert b"hemligt" not in svar.content


def test_a_secret_file_is_refused_without_the_right(client, registrator):
    handling = _handling(sekretess=True)
    client.force_login(registrator)
    assert client.get(handling.get_fil_url()).status_code == 403
    assert not Sekretessatkomst.objects.exists()


def test_a_secret_file_is_served_to_the_granted_and_the_opening_logged(client):
    handling = _handling(sekretess=True)
    behorig = factories.anvandare("Registrator", se_sekretess=True)
    client.force_login(behorig)
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 200
    atkomst = Sekretessatkomst.objects.get()
    assert (atkomst.anvandare, atkomst.handling) == (behorig, handling)


def test_the_public_cannot_download_a_file(client):
    handling = _handling()
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_it_answers_404_for_a_handling_without_a_file(client, registrator):
    handling = factories.handling(factories.arende())
    client.force_login(registrator)
    assert client.get(handling.get_fil_url()).status_code == 404


def test_it_answers_405_to_post(client, registrator):
    handling = _handling()
    client.force_login(registrator)
    assert client.post(handling.get_fil_url()).status_code == 405
