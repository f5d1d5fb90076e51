"""Browser tests: Debian's Chromium driven by Playwright, axe-core for WCAG 2.1 AA.

No browser is downloaded: Playwright launches /usr/bin/chromium (CHROMIUM_PATH
overrides) and axe-core comes from the npm registry into node_modules/.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The flags keep Chromium off the network it cannot reach here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Generous waits: on a loaded 2-core machine one request can take seconds, and an
# expectation that times out there says nothing about the page.
VANTETID_MS = 20_000
expect.set_options(timeout=VANTETID_MS)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium saknas på {CHROMIUM}: kör 'make setup-dev' (apt-get install chromium)."
        )
    if not AXE_JS.exists():
        pytest.fail(f"axe-core saknas ({AXE_JS}): kör 'make setup-dev' (npm ci).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _http_pa_loopback():
    # The live server speaks plain HTTP on loopback. Middleware reads these settings
    # once, when the server's handler is built, so they must change before it starts.
    from django.test.utils import override_settings

    andring = override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    andring.enable()
    yield
    andring.disable()


@pytest.fixture(scope="session")
def live_server(_http_pa_loopback, live_server):
    return live_server


@pytest.fixture
def page(_chromium, live_server):
    context = _chromium.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(VANTETID_MS)
    page = context.new_page()
    csp_fel = []
    page.on(
        "console",
        lambda msg: csp_fel.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()
    assert csp_fel == [], f"Sidan bröt mot CSP: {csp_fel}"


@pytest.fixture
def logga_in(live_server):
    """Log a user in by giving the browser a session cookie made by Django's test client."""

    def logga_in_(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return logga_in_


@pytest.fixture
def axe():
    """Run axe-core on the page as it is now and fail on any WCAG 2.1 AA violation."""
    kallkod = AXE_JS.read_text(encoding="utf-8")

    def kontrollera(page, *, include: str | None = None):
        # evaluate() goes through the DevTools protocol, so the page's CSP stays on.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(kallkod)
        resultat = page.evaluate(
            """async ([include, tags]) => {
                const r = await axe.run(include || document,
                    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
            }""",
            [include, WCAG_21_AA],
        )
        assert resultat == [], f"axe hittade WCAG 2.1 AA-fel på {page.url}:\n" + json.dumps(
            resultat, ensure_ascii=False, indent=2
        )
        sprak = page.evaluate("() => document.documentElement.lang")
        assert sprak == "sv", f"{page.url} saknar lang=sv"

    return kontrollera
