"""Render a Django template to a PDF with WeasyPrint.

Text that users write reaches the PDF, so WeasyPrint must never fetch what that
text names: the URL fetcher serves the app's own static files and refuses
everything else (no SSRF, no hanging on a slow host). Archival copies are PDF/A
and tagged in one file ("pdf/a-3a"), in Swedish, with the title and subject in
the metadata.
"""

import hashlib
import io
import logging
import mimetypes
import ssl
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in the print templates resolve against this base; it names no real
# host, and only its /static/ part is served, from the static files on disk.
BAS_URL = "https://diariet.invalid/"
STATIC_PREFIX = BAS_URL + "static/"

ARKIV = "pdf/a-3a"  # PDF/A and tagged: archival and accessible in one file


class PdfFel(RuntimeError):
    pass


@cache
def _oanvand_tls() -> ssl.SSLContext:
    # URLFetcher builds an HTTPS handler, which without a context loads the system's CA
    # store: tens of milliseconds per render on a busy machine, for a fetcher that never
    # opens a connection. It gets this bare context instead, made once per process.
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class StatiskaFiler(URLFetcher):
    """Serves /static/ from the app's own files; refuses every other URL."""

    def __init__(self):
        super().__init__(
            timeout=1, allowed_protocols=[], allow_redirects=False, ssl_context=_oanvand_tls()
        )
        self.nekade: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_PREFIX):
            relativ = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
            if ".." not in Path(relativ).parts:
                sokvag = finders.find(relativ)
                if sokvag:
                    typ = mimetypes.guess_type(sokvag)[0] or "application/octet-stream"
                    data = _las(sokvag)
                    return URLFetcherResponse(url, data, {"Content-Type": typ})
        self.nekade.append(url[:200])
        logger.warning("PDF: nekade hämtning av %s", url[:200])
        raise ValueError(f"Otillåten resurs i PDF: {url[:200]}")


@cache
def _las(sokvag: str) -> bytes:
    # Fonts and the stylesheet are read once per process: they only change on deploy.
    return Path(sokvag).read_bytes()


def render_pdf(
    template_name: str,
    context: dict,
    *,
    titel: str,
    amne: str = "",
    variant: str | None = ARKIV,
    bilagor: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    """The template rendered as a PDF.

    `titel` and `amne` (usually the diarienummer) go into the metadata; `bilagor`
    are (file name, bytes, description) embedded in the PDF, e.g. the case as JSON.
    """
    html = render_to_string(template_name, {**context, "pdf_titel": titel, "pdf_amne": amne})
    hamtare = StatiskaFiler()
    typsnitt = FontConfiguration()
    dokument = HTML(string=html, base_url=BAS_URL, url_fetcher=hamtare)
    bifogade = [
        # The same fetcher: an attachment otherwise builds WeasyPrint's default one.
        Attachment(
            file_obj=io.BytesIO(data), name=namn, description=beskrivning, url_fetcher=hamtare
        )
        for namn, data, beskrivning in (bilagor or [])
    ]
    try:
        return dokument.write_pdf(
            font_config=typsnitt,
            pdf_variant=variant,
            pdf_tags=True,
            attachments=bifogade or None,
            pdf_identifier=hashlib.sha256(html.encode()).hexdigest()[:32].encode(),
        )
    except Exception as fel:  # WeasyPrint raises many kinds; callers need one
        raise PdfFel(f"PDF:en kunde inte skapas: {fel}") from fel


def mallversion(*statiska: str) -> str:
    """A short hash of the print stylesheet and fonts, for cache keys of rendered PDFs."""
    h = hashlib.sha256()
    for relativ in ("css/print.css", *statiska):
        sokvag = finders.find(relativ)
        if sokvag:
            h.update(_las(sokvag))
    return h.hexdigest()[:16]
