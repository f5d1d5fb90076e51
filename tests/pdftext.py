"""Read a PDF back as a person's PDF reader would: poppler's pdftotext."""

import subprocess
import tempfile
from pathlib import Path


def pdf_till_text(pdf: bytes, *, layout: bool = False) -> str:
    with tempfile.TemporaryDirectory() as katalog:
        fil = Path(katalog) / "dokument.pdf"
        fil.write_bytes(pdf)
        argument = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(fil), "-"]
        resultat = subprocess.run(argument, capture_output=True, text=True, check=True)  # noqa: S603
        return resultat.stdout
