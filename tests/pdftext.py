"""Read a PDF back as a person's PDF reader would: poppler's pdftotext."""

import subprocess
import tempfile
from pathlib import Path


def pdf_till_text(pdf: bytes, *, layout: bool = False, raw: bool = False) -> str:
    """The PDF's text. `raw` keeps the order the text was written in (WeasyPrint writes
    document order) and, unlike the default mode, does not join a line ending in a dash
    to the next ("budget-" / "och" would read "budgetoch")."""
    with tempfile.TemporaryDirectory() as katalog:
        fil = Path(katalog) / "dokument.pdf"
        fil.write_bytes(pdf)
        lage = ["-layout"] if layout else ["-raw"] if raw else []
        argument = ["pdftotext", "-enc", "UTF-8", *lage, str(fil), "-"]
        resultat = subprocess.run(argument, capture_output=True, text=True, check=True)  # noqa: S603
        return resultat.stdout
