"""Backup and restore: the database and the stored files in one archive, and back.

The database is written with Django's own serialisation (JSON Lines, one object a
line), so a copy taken on PostgreSQL restores on PostgreSQL or SQLite alike and
needs no pg_dump of the same version. It is read in one transaction: on PostgreSQL
a REPEATABLE READ snapshot, so registrations going on meanwhile are either wholly
in the copy or wholly out of it, and numbering stays consistent with the cases.

The archive (tar.gz) holds data.jsonl, the files under filer/ and, last,
manifest.json: counts per model, sha256 and size of every file and of the data,
the app version and the migration state. Restore checks all of it.
"""

import datetime
import hashlib
import io
import json
import os
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
DATA = "data.jsonl"
MANIFEST = "manifest.json"
FILER = "filer/"
# Logins in progress are not records: a restored copy starts with everyone logged out.
UTESLUTNA = {"sessions.session"}
# What `migrate` itself puts in a new database. Restore replaces these rows with the
# copy's own, so every reference to them keeps its key.
SKAPAS_AV_MIGRATE = {"contenttypes.contenttype", "auth.permission", "auth.group"}
BATCH = 500
# Folders in the storage that hold what can be made again, not records: rendered
# PDFs are cached under a key of their content and the code's version, and are made
# again on first use after a restore. Two names for historical reasons: the
# tjänsteskrivelse PDFs (arenden/pdf/tjansteskrivelse.py) use pdfcache/, the
# kallelse parts and the protokoll (services/kallelse.py, pdf/protokoll.py) pdf-cache/.
# A finished kallelse bundle is a record (KallelsePaket.fil, under kallelser/) and is kept.
CACHEKATALOGER = {"pdfcache", "pdf-cache"}


class Sakerhetskopiefel(Exception):
    """Why a backup or a restore was refused, in Swedish."""


def _modeller():
    # Concrete tables only, in a stable order; auto-created many-to-many tables
    # travel as lists on their model, as Django's serialisation writes them.
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in UTESLUTNA
    ]


def _migreringar(using) -> dict[str, list[str]]:
    tillampade = MigrationRecorder(connections[using]).applied_migrations()
    resultat = defaultdict(list)
    for app, namn in sorted(tillampade):
        resultat[app].append(namn)
    return dict(resultat)


def _version() -> dict:
    pyproject = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text("utf-8"))
    try:
        git = shutil.which("git")
        if git is None:
            raise OSError("git saknas")
        commit = subprocess.run(  # noqa: S603 - a fixed command, no user input
            [git, "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"version": pyproject["project"]["version"], "git": commit, "django": django.__version__}


@contextmanager
def _ogonblick(using):
    conn = connections[using]
    if conn.in_atomic_block:
        # Already inside the caller's transaction (the test suite's, say): its
        # snapshot is the one we read.
        with transaction.atomic(using=using):
            yield
        return
    with transaction.atomic(using=using):
        if conn.vendor == "postgresql":
            with conn.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _alla_filer(storage, katalog=""):
    try:
        kataloger, filer = storage.listdir(katalog)
    except FileNotFoundError:
        return
    for namn in sorted(filer):
        yield posixpath.join(katalog, namn) if katalog else namn
    for namn in sorted(kataloger):
        if not katalog and namn in CACHEKATALOGER:
            continue
        yield from _alla_filer(storage, posixpath.join(katalog, namn) if katalog else namn)


def _refererade_filer(using) -> set[str]:
    namn = set()
    for modell in _modeller():
        for falt in modell._meta.concrete_fields:
            if isinstance(falt, models.FileField):
                namn.update(
                    modell._base_manager.using(using)
                    .exclude(**{falt.attname: ""})
                    .exclude(**{f"{falt.attname}__isnull": True})
                    .values_list(falt.attname, flat=True)
                )
    return namn


class _Hashare(io.RawIOBase):
    """Reads through to a file while hashing what passes."""

    def __init__(self, fil):
        self.fil, self.sha, self.antal = fil, hashlib.sha256(), 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.fil.read(len(buffer))
        buffer[: len(data)] = data
        self.sha.update(data)
        self.antal += len(data)
        return len(data)


def _tarinfo(namn: str, storlek: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(namn)
    info.size = storlek
    info.mode = 0o600
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    return info


def skapa(mal: Path, *, using=DEFAULT_DB_ALIAS, storage=default_storage) -> dict:
    """Write a backup archive to `mal` (a directory gets a dated file name); the manifest."""
    mal = Path(mal)
    if mal.is_dir():
        mal = mal / f"diariet-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar.gz"
    if mal.exists():
        raise Sakerhetskopiefel(f"{mal} finns redan; en säkerhetskopia skrivs aldrig över.")
    tillfallig = mal.with_name(f".{mal.name}.{os.getpid()}.ofullstandig")
    # The archive holds password hashes and secret handlingar: readable by the owner only.
    fd = os.open(tillfallig, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as ut, tarfile.open(fileobj=ut, mode="w:gz") as tar:
            manifest = _skriv(tar, using, storage)
            innehall = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            tar.addfile(_tarinfo(MANIFEST, len(innehall)), io.BytesIO(innehall))
            ut.flush()
            os.fsync(ut.fileno())
        os.replace(tillfallig, mal)
    except BaseException:
        tillfallig.unlink(missing_ok=True)
        raise
    manifest["arkiv"] = str(mal)
    return manifest


class _ExaktEncoder(DjangoJSONEncoder):
    # Django's encoder cuts times to milliseconds (as JavaScript reads them); a backup
    # keeps every microsecond the database holds.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _Textut:
    """Where the serialiser writes: UTF-8 into the data file, hashed on the way."""

    def __init__(self, fil):
        self.fil, self.sha = fil, hashlib.sha256()

    def write(self, text):
        data = text.encode("utf-8")
        self.fil.write(data)
        self.sha.update(data)


def _rakna(iterator, antal, label):
    for objekt in iterator:
        antal[label] += 1
        yield objekt


def _skriv(tar, using, storage) -> dict:
    antal = Counter()
    with _ogonblick(using), tempfile.TemporaryFile() as data:
        migreringar = _migreringar(using)
        refererade = _refererade_filer(using)
        ut = _Textut(data)
        for modell in _modeller():
            label = modell._meta.label_lower
            antal[label] = 0
            qs = modell._base_manager.using(using).order_by("pk")
            serializers.serialize(
                "jsonl",
                _rakna(qs.iterator(chunk_size=2000), antal, label),
                stream=ut,
                cls=_ExaktEncoder,
            )
        storlek = data.tell()
        data.seek(0)
        tar.addfile(_tarinfo(DATA, storlek), data)
    filer = {}
    for namn in _alla_filer(storage):
        with storage.open(namn, "rb") as fil:
            lasare = _Hashare(fil)
            tar.addfile(_tarinfo(FILER + namn, storage.size(namn)), io.BufferedReader(lasare))
        filer[namn] = {"sha256": lasare.sha.hexdigest(), "storlek": lasare.antal}
    saknas = sorted(refererade - set(filer))
    if saknas:
        raise Sakerhetskopiefel(
            f"{len(saknas)} filer som databasen hänvisar till saknas i lagringen, "
            f"t.ex. {saknas[0]}. Säkerhetskopian avbröts."
        )
    return {
        "format": FORMAT,
        "skapad": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "app": _version(),
        "databas": connections[using].vendor,
        "migreringar": migreringar,
        "antal": dict(sorted(antal.items())),
        "data": {"namn": DATA, "sha256": ut.sha.hexdigest(), "storlek": storlek},
        "filer": filer,
        "refererade_filer": sorted(refererade),
    }


def las_manifest(kalla: Path) -> dict:
    with tarfile.open(kalla, mode="r:*") as tar:
        return _manifest(tar)


def _manifest(tar) -> dict:
    try:
        medlem = tar.getmember(MANIFEST)
    except KeyError:
        raise Sakerhetskopiefel(
            "Arkivet saknar manifest.json: det är ingen säkerhetskopia av Diariet, "
            "eller så är det ofullständigt."
        ) from None
    manifest = json.loads(tar.extractfile(medlem).read().decode("utf-8"))
    if manifest.get("format") != FORMAT:
        raise Sakerhetskopiefel(f"Okänt format på säkerhetskopian: {manifest.get('format')!r}.")
    return manifest


def aterstall(kalla: Path, *, using=DEFAULT_DB_ALIAS, storage=default_storage) -> dict:
    """Bring a backup into an empty, migrated database and its files into the storage.

    Checks everything before it writes: the archive's own hashes, the migration
    state, that the database is empty and that no stored file would be replaced by
    different content. The database part is one transaction; it is committed only
    when every count matches and every file has been written and verified.
    """
    with tarfile.open(Path(kalla), mode="r:*") as tar:
        manifest = _manifest(tar)
        data = _medlem(tar, DATA)
        if _sha256(tar.extractfile(data)) != manifest["data"]["sha256"]:
            raise Sakerhetskopiefel("Databasdelen av arkivet är skadad (fel kontrollsumma).")
        _kontrollera_migreringar(manifest, using)
        _kontrollera_tom(using)
        nya_filer = _kontrollera_filer(manifest, storage)
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                # Django makes every foreign key DEFERRABLE: checked at commit, the
                # order in which tables are filled does not matter.
                with connections[using].cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            _tom_det_migrate_skapade(using)
            _las_in(tar.extractfile(data), using)
            _kontrollera_antal(manifest, using)
            for namn in nya_filer:
                _aterstall_fil(tar, namn, manifest["filer"][namn], storage)
    ContentType.objects.clear_cache()
    return manifest


def _medlem(tar, namn):
    try:
        medlem = tar.getmember(namn)
    except KeyError:
        raise Sakerhetskopiefel(f"Arkivet saknar {namn}.") from None
    if not medlem.isfile():
        raise Sakerhetskopiefel(f"{namn} i arkivet är ingen vanlig fil.")
    return medlem


def _sha256(fil) -> str:
    sha = hashlib.sha256()
    while bit := fil.read(1024 * 1024):
        sha.update(bit)
    return sha.hexdigest()


def _kontrollera_migreringar(manifest, using):
    har = {(app, namn) for app, namnen in _migreringar(using).items() for namn in namnen}
    vill = {(app, namn) for app, namnen in manifest["migreringar"].items() for namn in namnen}
    if har != vill:
        saknas = ", ".join(f"{a}.{n}" for a, n in sorted(vill - har)) or "inga"
        extra = ", ".join(f"{a}.{n}" for a, n in sorted(har - vill)) or "inga"
        raise Sakerhetskopiefel(
            "Databasens migreringar stämmer inte med säkerhetskopians "
            f"(Diariet {manifest['app']['version']}, "
            f"commit {manifest['app'].get('git') or 'okänd'}). "
            f"Saknas: {saknas}. Finns utöver kopian: {extra}. Återställ med samma version "
            "av Diariet som tog kopian, och uppgradera sedan med manage.py migrate."
        )


def _kontrollera_tom(using):
    fyllda = []
    for modell in _modeller():
        if modell._meta.label_lower in SKAPAS_AV_MIGRATE:
            continue
        antal = modell._base_manager.using(using).count()
        if antal:
            fyllda.append(f"{modell._meta.label_lower}: {antal}")
    if fyllda:
        raise Sakerhetskopiefel(
            "Databasen är inte tom, så inget återställdes ("
            + ", ".join(fyllda[:5])
            + (" …" if len(fyllda) > 5 else "")
            + "). Återställ till en ny databas som bara har migrerats."
        )


def _kontrollera_filer(manifest, storage) -> list[str]:
    nya = []
    for namn, uppgift in sorted(manifest["filer"].items()):
        _giltigt_namn(namn)
        if storage.exists(namn):
            with storage.open(namn, "rb") as fil:
                if _sha256(fil) != uppgift["sha256"]:
                    raise Sakerhetskopiefel(
                        f"Filen {namn} finns redan i lagringen med annat innehåll; "
                        "inget återställdes."
                    )
        else:
            nya.append(namn)
    return nya


def _giltigt_namn(namn: str) -> None:
    delar = namn.split("/")
    if namn.startswith("/") or "\\" in namn or any(d in {"", ".", ".."} for d in delar):
        raise Sakerhetskopiefel(
            f"Otillåtet filnamn i säkerhetskopian: {namn!r}; inget återställdes."
        )


def _tom_det_migrate_skapade(using):
    # The new database's own content types, permissions and groups make way for the
    # copy's, which every permission, group membership and history row refers to.
    Group.objects.using(using).all().delete()
    Permission.objects.using(using).all().delete()
    ContentType.objects.using(using).all().delete()
    ContentType.objects.clear_cache()


def _las_in(rader, using):
    per_modell = defaultdict(list)
    m2m = []
    for objekt in serializers.deserialize(
        "jsonl", io.TextIOWrapper(rader, encoding="utf-8"), using=using
    ):
        per_modell[type(objekt.object)].append(objekt.object)
        if objekt.m2m_data:
            m2m.append((objekt.object, objekt.m2m_data))
    # Inserts only, in batches: the history's trigger refuses UPDATE, and foreign
    # keys are checked at commit (deferred), so the order of models does not matter.
    for modell, objekt in per_modell.items():
        _infoga(modell, objekt, using)
    for modell, rader_ in _m2m_rader(m2m).items():
        modell._base_manager.using(using).bulk_create(rader_, batch_size=BATCH)
    conn = connections[using]
    with conn.cursor() as cursor:
        for sql in conn.ops.sequence_reset_sql(no_style(), list(per_modell)):
            cursor.execute(sql)


def _infoga(modell, objekt, using):
    # A raw insert, as loaddata's save does, only batched: values go in exactly as
    # stored, so auto_now fields keep their times instead of taking the restore's.
    falt = [f for f in modell._meta.local_concrete_fields if not f.generated]
    ops = connections[using].ops
    storlek = max(1, min(BATCH, ops.bulk_batch_size(falt, objekt) or BATCH))
    for start in range(0, len(objekt), storlek):
        modell._base_manager.using(using)._insert(
            objekt[start : start + storlek], fields=falt, raw=True, using=using
        )


def _m2m_rader(m2m):
    rader = defaultdict(list)
    for objekt, data in m2m:
        for faltnamn, pks in data.items():
            falt = objekt._meta.get_field(faltnamn)
            genom = falt.remote_field.through
            kalla = falt.m2m_field_name() + "_id"
            mal = falt.m2m_reverse_field_name() + "_id"
            rader[genom].extend(genom(**{kalla: objekt.pk, mal: pk}) for pk in pks)
    return rader


def _kontrollera_antal(manifest, using):
    for label, vantat in manifest["antal"].items():
        modell = apps.get_model(label)
        faktiskt = modell._base_manager.using(using).count()
        if faktiskt != vantat:
            raise Sakerhetskopiefel(
                f"{label}: {faktiskt} rader efter återställningen, {vantat} i kopian. "
                "Inget återställdes."
            )


def _aterstall_fil(tar, namn, uppgift, storage):
    medlem = _medlem(tar, FILER + namn)
    lasare = _Hashare(tar.extractfile(medlem))
    sparad = storage.save(namn, File(io.BufferedReader(lasare), name=posixpath.basename(namn)))
    if sparad != namn or lasare.sha.hexdigest() != uppgift["sha256"]:
        storage.delete(sparad)
        raise Sakerhetskopiefel(
            f"Filen {namn} i arkivet stämmer inte med manifestet; inget återställdes."
        )
