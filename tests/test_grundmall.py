"""The base template every page extends: what reaches the browser on every page."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_it_shows_no_template_comment_text(client):
    sida = client.get("/login/").content.decode()
    assert "{#" not in sida
    assert "#}" not in sida
    assert "indicator CSS" not in sida


@override_settings(DEBUG=True)
def test_it_loads_htmx_with_a_nonce_and_without_the_debug_helper_that_swallows_400s(client):
    # A 400 on this site is a form with its errors; django-htmx's debug helper (added by
    # {% htmx_script %} under DEBUG, which `make run` sets) would replace the whole page.
    sida = client.get("/login/").content.decode()
    assert "django-htmx.js" not in sida
    htmx = re.search(r'<script src="[^"]*htmx-2\.min\.js" defer nonce="([^"]+)"', sida)
    assert htmx, sida[:2000]
