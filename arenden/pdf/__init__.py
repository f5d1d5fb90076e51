"""PDFs through WeasyPrint over Django templates and one print stylesheet (DESIGN §4, §7)."""

from arenden.pdf.render import PdfFel, render_pdf

__all__ = ["PdfFel", "render_pdf"]
