"""scripts/setup.sh: production needs only the runtime packages and, once installed, no network.

Run in a copy of the repository's setup files with stand-ins for dpkg-query, apt-get,
id, npm and .venv's pip that only write down that they were called.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROT = Path(settings.BASE_DIR)
RUNTIME = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]

INSTALLERAT = """#!/bin/sh
# dpkg-query -W -f=... PAKET: installed unless named in $FATTAS
for paket in $FATTAS; do [ "$paket" = "$3" ] && exit 1; done
printf 'install ok installed'
"""
ANROP = """#!/bin/sh
echo "$(basename "$0") $*" >> "$ANROPSLOGG"
"""


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    for namn in ("requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROT / namn, tmp_path / namn)
    bin_ = tmp_path / ".venv" / "bin"
    bin_.mkdir(parents=True)
    (bin_ / "python").symlink_to(sys.executable)
    (bin_ / "pip").write_text(ANROP)
    axe = tmp_path / "node_modules" / "axe-core" / "axe.min.js"
    axe.parent.mkdir(parents=True)
    axe.write_text("")
    ersattare = tmp_path / "ersattare"
    ersattare.mkdir()
    (ersattare / "dpkg-query").write_text(INSTALLERAT)
    for namn in ("apt-get", "npm", "curl", "wget"):
        (ersattare / namn).write_text(ANROP)
    (ersattare / "id").write_text("#!/bin/sh\necho 0\n")  # as root: apt-get would be allowed
    for fil in [*ersattare.iterdir(), bin_ / "pip"]:
        fil.chmod(0o755)
    # .venv installed from the current requirements (by `make test`: the dev stamp).
    # Explicit times: a file system's clock may not tell two quick writes apart.
    stamp = tmp_path / ".venv" / ".installed-requirements-dev.txt"
    stamp.touch()
    _andrad(stamp, 1_500_000_000)
    _andrad(tmp_path / "requirements.txt", 1_000_000_000)
    _andrad(tmp_path / "requirements-dev.txt", 1_000_000_000)
    return tmp_path


def _andrad(fil, tid):
    os.utime(fil, (tid, tid))


def _kor(repo, *args, fattas=()):
    env = {
        "PATH": f"{repo / 'ersattare'}:/usr/bin:/bin",
        "PYTHON": sys.executable,
        "FATTAS": " ".join(fattas),
        "ANROPSLOGG": str(repo / "anrop.log"),
        "HOME": str(repo),
    }
    resultat = subprocess.run(
        [str(repo / "scripts" / "setup.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    logg = repo / "anrop.log"
    return resultat, logg.read_text().splitlines() if logg.exists() else []


def test_production_mode_needs_neither_the_test_packages_nor_the_network(repo):
    resultat, anrop = _kor(repo, "--produktion", fattas=["poppler-utils", "chromium"])
    assert resultat.returncode == 0, resultat.stderr
    assert anrop == []


def test_production_mode_names_a_missing_runtime_package_and_installs_nothing(repo):
    resultat, anrop = _kor(repo, "--produktion", fattas=["libharfbuzz-subset0"])
    assert resultat.returncode == 1
    assert "Systempaket saknas: libharfbuzz-subset0" in resultat.stderr
    assert anrop == []


def test_production_mode_brings_a_stale_venv_up_to_date(repo):
    _andrad(repo / "requirements.txt", 1_600_000_000)  # newer than what .venv was installed from
    resultat, anrop = _kor(repo, "--produktion")
    assert resultat.returncode == 0, resultat.stderr
    assert anrop == ["pip install -q --disable-pip-version-check -r requirements.txt"]
    # and the next start is quiet again
    assert _kor(repo, "--produktion")[1] == anrop


def test_the_test_setup_still_installs_what_the_tests_need(repo):
    resultat, anrop = _kor(repo, "--dev", fattas=["poppler-utils", "chromium"])
    assert resultat.returncode == 0, resultat.stderr
    assert "apt-get update -qq" in anrop
    (installera,) = [a for a in anrop if a.startswith("apt-get install")]
    assert installera.endswith("poppler-utils chromium")


def test_make_serve_uses_the_production_mode():
    makefile = (ROT / "Makefile").read_text()
    assert "serve: setup-prod\n" in makefile
    assert "setup-prod:\n\t@scripts/setup.sh --produktion\n" in makefile
