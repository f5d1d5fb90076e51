"""Anything that looks like a personnummer is masked on the public pages (DESIGN §2);
nothing else is."""

import json
from pathlib import Path

import pytest

from arenden.services.sok import maskera_personnummer
from tests import factories

MASK = "ÅÅMMDD-XXXX"


@pytest.mark.parametrize(
    "text",
    [
        "790101-1234",
        "19790101-1234",
        "7901011234",
        "790101 1234",
        "790101+1234",
        "790101–1234",  # en dash, as Word writes it
        "790101—1234",
        "19790101 - 1234",
        "1979 01 01-1234",
        "790161-1234",  # samordningsnummer
    ],
)
def test_it_masks_every_way_a_personnummer_is_written(text):
    assert maskera_personnummer(f"Ansökan från {text}, inkom i dag") == (
        f"Ansökan från {MASK}, inkom i dag"
    )


@pytest.mark.parametrize(
    "text",
    [
        "RS/1450/2017",
        "RS 1450/2017",
        "RS2771/2017",
        "2017-12-19",
        "Regionstyrelsen 2021-02-26 § 9",
        "Tfn 063-14 75 00",
        "980 000 000 kronor",
        "Lag (1993:1652)",
        "perioden 2021- 2023",
    ],
)
def test_it_leaves_numbers_dates_and_phone_numbers_alone(text):
    assert maskera_personnummer(text) == text


def test_it_changes_nothing_in_the_seed_data():
    # The seeds have no personnummer: every masked character would be a false positive.
    rot = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
    for fil in rot.rglob("*"):
        if fil.is_file() and fil.suffix in (".json", ".txt", ".md"):
            text = fil.read_text(encoding="utf-8")
            if fil.suffix == ".json":
                text = json.dumps(json.loads(text), ensure_ascii=False)
            assert MASK not in maskera_personnummer(text), fil.name


@pytest.mark.django_db
def test_the_public_diary_masks_a_personnummer_written_with_a_dash(client):
    arende = factories.arende("X", publik_titel="Ansökan från 790101–1234")
    factories.handling(arende, beskrivning="Intyg för 1979 01 01-1234")
    sida = client.get(arende.get_public_url()).text
    assert "1234" not in sida.replace(arende.diarienummer, "")
    assert sida.count(MASK) == 2
