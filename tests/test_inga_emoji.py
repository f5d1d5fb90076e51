"""No page relies on an emoji: where no emoji font is installed it is an empty box, and
a symbol drawn by CSS says nothing to a screen reader unless given words."""

from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parent.parent
FILER = sorted(
    [*ROT.glob("templates/**/*.html"), *ROT.glob("static/css/*.css"), *ROT.glob("static/js/*.js")]
)


def _emoji(tecken: str) -> bool:
    # Outside the basic plane (🔒, 📄, …) or the emoji presentation selector.
    return ord(tecken) > 0xFFFF or tecken == "\ufe0f"


def test_no_template_stylesheet_or_script_uses_an_emoji():
    fynd = [
        f"{fil.relative_to(ROT)}:{nr}: {rad.strip()[:80]}"
        for fil in FILER
        for nr, rad in enumerate(fil.read_text(encoding="utf-8").splitlines(), 1)
        if any(_emoji(t) for t in rad)
    ]
    assert FILER and fynd == []


@pytest.mark.django_db
def test_a_secret_mark_is_said_in_words(client):
    from tests import factories

    arende = factories.arende()
    handling = factories.handling(arende)
    factories.sekretessmarkera(handling)
    client.force_login(factories.anvandare("Registrator"))
    assert (
        '<span class="sekretess">Sekretessmarkerad: OSL 25 kap 1 §'
        in client.get(arende.get_absolute_url()).text
    )
