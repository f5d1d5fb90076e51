"""arenden.redigering: the editor's structural actions and reading its form."""

import pytest
from django.http import QueryDict

from arenden import redigering

DATA = {
    "titel": "T",
    "avsnitt": [{"rubrik": "Bakgrund", "text": "a"}, {"rubrik": "Ärendebeskrivning", "text": "b"}],
    "attsatser": ["1", "2", "3"],
    "undertecknare": [{"namn": "Hans Svensson", "titel": "Regiondirektör"}],
    "utdrag_till": [],
}


def test_moving_down_keeps_focus_on_the_moved_part():
    utfall = redigering.tillampa("attsats-ner-0", DATA)
    assert utfall.data["attsatser"] == ["2", "1", "3"]
    assert utfall.fokus == "attsats-1-ner"
    assert utfall.meddelande == "Att-sats 1 flyttades nedåt, nu plats 2 av 3."
    assert DATA["attsatser"] == ["1", "2", "3"]  # the input is left alone


def test_moving_to_the_end_puts_focus_on_the_other_button():
    utfall = redigering.tillampa("attsats-ner-1", DATA)
    assert utfall.fokus == "attsats-2-upp"


def test_a_quoted_heading_keeps_its_case():
    utfall = redigering.tillampa("avsnitt-upp-1", DATA)
    assert utfall.meddelande.startswith("Avsnittet ”Ärendebeskrivning” flyttades uppåt")


def test_removing_the_last_part_focuses_the_add_button():
    utfall = redigering.tillampa("undertecknare-bort-0", DATA)
    assert utfall.data["undertecknare"] == []
    assert utfall.fokus == "lagg-till-undertecknare"


def test_adding_focuses_the_new_field():
    utfall = redigering.tillampa("lagg-till-utdrag", DATA)
    assert utfall.data["utdrag_till"] == [""]
    assert utfall.fokus == "utdrag-0"


@pytest.mark.parametrize("atgard", ["", "spara", "avsnitt-upp-9", "lagg-till-x", "x-upp-0"])
def test_anything_else_is_not_an_action(atgard):
    assert redigering.tillampa(atgard, DATA) is None


def test_the_posted_order_is_the_order_on_screen():
    post = QueryDict(mutable=True)
    post.setlist("avsnitt_rubrik", ["B", "A"])
    post.setlist("avsnitt_text", ["två\r\nrader", ""])
    post.setlist("attsats", ["x"])
    post.setlist("undertecknare_namn", [" Hans "])
    post.setlist("undertecknare_titel", ["Regiondirektör"])
    data = redigering.fran_post(post)
    assert data["avsnitt"] == [{"rubrik": "B", "text": "två\nrader"}, {"rubrik": "A", "text": ""}]
    assert data["undertecknare"] == [{"namn": "Hans", "titel": "Regiondirektör"}]


@pytest.mark.parametrize("text", ["{", "[]", '{"avsnitt": [1]}', '{"undertecknare": "x"}'])
def test_malformed_json_is_refused(text):
    with pytest.raises(redigering.FelaktigtFormular):
        redigering.fran_json(text)
