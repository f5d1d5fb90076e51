"""backup and restore: one archive, back into an empty database, nothing lost."""

import hashlib
import io
import json
import stat
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from arenden.models import Arende, Handling, Historik
from arenden.services import sakerhetskopia
from tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


@pytest.fixture
def arende_med_filer(demodata):
    behorig = factories.anvandare("Registrator", se_sekretess=True, username="behorig")
    arende = factories.arende("Ärende med bilagor", anvandare_=behorig)
    factories.handling(
        arende, anvandare_=behorig, fil=SimpleUploadedFile("Yttrande över remiss.pdf", PDF)
    )
    hemlig = factories.handling(
        arende, anvandare_=behorig, fil=SimpleUploadedFile("journal.png", PNG + b"\0" * 64)
    )
    hemlig.sekretess_bestammelse = "OSL 25 kap 1 §"
    hemlig.save()
    return arende


def _allt():
    """Every row of every table the backup covers, and every stored file's bytes."""
    rader = {}
    for modell in apps.get_models(include_auto_created=True):
        if modell._meta.label_lower in sakerhetskopia.UTESLUTNA or modell._meta.proxy:
            continue
        varden = list(modell._base_manager.order_by("pk").values())
        if modell._meta.auto_created:
            # A many-to-many row's own id is referred to by nothing; the pairs are the data.
            varden = sorted(
                tuple(sorted((k, v) for k, v in r.items() if k != "id")) for r in varden
            )
        rader[modell._meta.label_lower] = varden
    filer = {
        namn: hashlib.sha256(default_storage.open(namn).read()).hexdigest()
        for namn in sakerhetskopia._alla_filer(default_storage)
    }
    return rader, filer


def _tom_migrerad_databas(settings, tmp_path):
    """What a new database looks like after `migrate`, with a new, empty file storage."""
    if connection.vendor == "postgresql":
        # TRUNCATE refuses while deferred foreign-key checks are pending in the transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # post_migrate brings back the content types, permissions and groups, as migrate would.
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as in a transaction of its own
    assert Group.objects.count() == 4
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "ny-lagring"},
        },
    }


def test_it_round_trips_the_seed_data_and_a_case_with_files(arende_med_filer, settings, tmp_path):
    fore_rader, fore_filer = _allt()
    assert len(fore_filer) == 2 and Historik.objects.count() > 10
    arkiv = tmp_path / "kopia.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())

    _tom_migrerad_databas(settings, tmp_path)
    assert not Arende.objects.exists() and not list(sakerhetskopia._alla_filer(default_storage))
    ut = io.StringIO()
    call_command("restore", str(arkiv), stdout=ut)

    efter_rader, efter_filer = _allt()
    assert efter_filer == fore_filer
    for label, rader in fore_rader.items():
        assert efter_rader[label] == rader, label
    assert "alla kontrollsummor stämmer" in ut.getvalue()
    for handling in Handling.objects.exclude(fil=""):
        innehall = default_storage.open(handling.fil.name).read()
        assert hashlib.sha256(innehall).hexdigest() == handling.sha256


def test_the_restored_register_goes_on_numbering(arende_med_filer, settings, tmp_path):
    hogsta = max(Arende.objects.filter(ar=arende_med_filer.ar).values_list("lopnummer", flat=True))
    historik = Historik.objects.count()
    arkiv = tmp_path / "kopia.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())
    _tom_migrerad_databas(settings, tmp_path)
    call_command("restore", str(arkiv), stdout=io.StringIO())
    nytt = factories.arende("Registrerat efter återställningen")
    assert nytt.lopnummer == hogsta + 1
    assert Historik.objects.count() == historik + 1


def test_the_manifest_counts_and_hashes_everything(arende_med_filer, tmp_path):
    arkiv = tmp_path / "kopia.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())
    manifest = sakerhetskopia.las_manifest(arkiv)
    assert manifest["antal"]["arenden.arende"] == Arende.objects.count()
    assert manifest["antal"]["arenden.historik"] == Historik.objects.count()
    assert "sessions.session" not in manifest["antal"]
    for handling in Handling.objects.exclude(fil=""):
        assert manifest["filer"][handling.fil.name]["sha256"] == handling.sha256
    assert "0002_grupper_och_historikskydd" in manifest["migreringar"]["arenden"]
    assert manifest["app"]["version"]


def test_the_archive_is_readable_by_its_owner_only(arende_med_filer, tmp_path):
    arkiv = tmp_path / "kopia.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())
    assert stat.S_IMODE(arkiv.stat().st_mode) == 0o600


def test_a_directory_gets_a_dated_archive_and_nothing_is_overwritten(demodata, tmp_path):
    call_command("backup", str(tmp_path), stdout=io.StringIO())
    (arkiv,) = tmp_path.glob("diariet-*.tar.gz")
    with pytest.raises(CommandError, match="skrivs aldrig över"):
        call_command("backup", str(arkiv), stdout=io.StringIO())


def test_it_refuses_to_restore_into_a_database_that_is_not_empty(demodata, tmp_path):
    arkiv = tmp_path / "kopia.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())
    antal = Historik.objects.count()
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("restore", str(arkiv), stdout=io.StringIO())
    assert Historik.objects.count() == antal


def test_it_refuses_a_backup_when_a_referenced_file_is_gone(arende_med_filer, tmp_path):
    default_storage.delete(Handling.objects.exclude(fil="").first().fil.name)
    with pytest.raises(CommandError, match="saknas i lagringen"):
        call_command("backup", str(tmp_path / "kopia.tar.gz"), stdout=io.StringIO())
    assert not list(tmp_path.glob("*kopia*"))


def _andra_arkiv(kalla, mal, *, andra):
    """Copy an archive, letting `andra(namn, data)` change any member's bytes."""
    with tarfile.open(kalla) as ut, tarfile.open(mal, "w:gz") as in_:
        for medlem in ut.getmembers():
            data = andra(medlem.name, ut.extractfile(medlem).read())
            medlem.size = len(data)
            in_.addfile(medlem, io.BytesIO(data))


@pytest.mark.parametrize(
    "skada,fel",
    [
        (lambda namn, d: d + b"\n" if namn == "data.jsonl" else d, "skadad"),
        (lambda namn, d: b"X" + d[1:] if namn.startswith("filer/") else d, "stämmer inte"),
        (
            lambda namn, d: (
                d.replace(b'"0001_initial"', b'"0001_annan"') if namn == "manifest.json" else d
            ),
            "migreringar stämmer inte",
        ),
        (
            lambda namn, d: (
                d.replace(b'"handlingar/', b'"../../handlingar/') if namn == "manifest.json" else d
            ),
            "Otillåtet filnamn",
        ),
    ],
    ids=["data", "fil", "migreringar", "sokvag"],
)
def test_it_refuses_a_damaged_archive_and_restores_nothing(
    arende_med_filer, settings, tmp_path, skada, fel
):
    arkiv, skadat = tmp_path / "kopia.tar.gz", tmp_path / "skadad.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())
    _andra_arkiv(arkiv, skadat, andra=skada)
    _tom_migrerad_databas(settings, tmp_path)
    with pytest.raises(CommandError, match=fel):
        call_command("restore", str(skadat), stdout=io.StringIO())
    assert not Arende.objects.exists()
    assert not Historik.objects.exists()


def test_it_refuses_an_archive_without_a_manifest(demodata, tmp_path):
    arkiv = tmp_path / "annat.tar.gz"
    with tarfile.open(arkiv, "w:gz") as tar:
        innehall = json.dumps({"x": 1}).encode()
        info = tarfile.TarInfo("data.jsonl")
        info.size = len(innehall)
        tar.addfile(info, io.BytesIO(innehall))
    with pytest.raises(CommandError, match="saknar manifest.json"):
        call_command("restore", str(arkiv), stdout=io.StringIO())


@pytest.mark.parametrize(
    "cachad",
    [
        "pdfcache/tjansteskrivelser/abc.pdf",  # arenden/pdf/tjansteskrivelse.py
        "pdf-cache/kallelse/ab/abc.pdf",  # arenden/services/kallelse.py
        "pdf-cache/protokoll/abc.pdf",  # arenden/pdf/protokoll.py
    ],
)
def test_rendered_pdfs_in_the_cache_are_left_out(arende_med_filer, tmp_path, cachad):
    # They are made again from the records on first use; the records are what is kept.
    from django.core.files.base import ContentFile

    default_storage.save(cachad, ContentFile(PDF))
    arkiv = tmp_path / "kopia.tar.gz"
    call_command("backup", str(arkiv), stdout=io.StringIO())
    filer = sakerhetskopia.las_manifest(arkiv)["filer"]
    assert len(filer) == 2
    assert not [namn for namn in filer if namn.startswith(("pdfcache/", "pdf-cache/"))]


def test_every_pdf_cache_folder_is_one_the_backup_leaves_out():
    from arenden.pdf import tjansteskrivelse
    from arenden.services import kallelse

    for mapp in (tjansteskrivelse.CACHEMAPP, kallelse.CACHE):
        assert mapp.split("/")[0] in sakerhetskopia.CACHEKATALOGER
