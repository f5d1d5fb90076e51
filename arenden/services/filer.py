"""Uploaded files: type checked by content, size bounded, stored under a random name."""

import hashlib
import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

# What officials attach: PDF, Word and OpenDocument text, and scanned images.
TILLATNA_TYPER = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "application/vnd.oasis.opendocument.text": "OpenDocument-text (ODT)",
    "image/png": "PNG-bild",
    "image/jpeg": "JPEG-bild",
    "image/tiff": "TIFF-bild",
}


# The file name's ending for each type. A name is sent back in Content-Disposition, so
# a PNG named .pdf (or a PDF named .html) would open in the wrong program.
FILANDELSER = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}


def kontrollera_fil(fil) -> str:
    """The file's real type, read from its content; a Swedish ValidationError otherwise.

    The name's ending must agree with the content; a name without an ending is taken
    as it is (the stored type is the content's).
    """
    if fil.size == 0:
        raise ValidationError("Filen är tom.")
    if fil.size > settings.MAX_UPLOAD_BYTES:
        grans = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError(f"Filen är för stor. Största tillåtna storlek är {grans} MB.")
    fil.seek(0)
    huvud = fil.read(8192)
    fil.seek(0)
    typ = filetype.guess(huvud)
    mime = typ.mime if typ else None
    if mime == "application/zip" or mime is None:
        mime = _office_typ(fil) or mime
    if mime not in TILLATNA_TYPER:
        raise ValidationError(
            "Filtypen tillåts inte eller stämmer inte med innehållet. "
            "Tillåtna är PDF, DOCX, ODT, PNG, JPEG och TIFF."
        )
    namn = _rent_filnamn(getattr(fil, "name", "") or "")
    andelse = ("." + namn.rsplit(".", 1)[1].lower()) if "." in namn.strip(".") else ""
    if andelse and FILANDELSER.get(andelse) != mime:
        raise ValidationError(
            f"Filnamnet slutar på {andelse} men filen är en {TILLATNA_TYPER[mime]}. "
            "Byt namn på filen så att ändelsen stämmer med innehållet, eller välj rätt fil."
        )
    return mime


def _office_typ(fil) -> str | None:
    # DOCX and ODT are zip archives; the member names tell which is which.
    import zipfile

    try:
        with zipfile.ZipFile(fil) as arkiv:
            namn = set(arkiv.namelist())
            if "mimetype" in namn:
                mimetype = arkiv.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return mimetype
            if "word/document.xml" in namn and "[Content_Types].xml" in namn:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        fil.seek(0)
    return None


def spara_fil(handling, fil) -> None:
    mime = kontrollera_fil(fil)
    sha = hashlib.sha256()
    for bit in fil.chunks():
        sha.update(bit)
    fil.seek(0)
    handling.fil_uuid = uuid.uuid4()
    handling.filnamn = _rent_filnamn(getattr(fil, "name", "") or "fil")
    handling.filtyp = mime
    handling.filstorlek = fil.size
    handling.sha256 = sha.hexdigest()
    handling.fil.save(str(handling.fil_uuid), fil, save=False)


def _rent_filnamn(namn: str) -> str:
    # Only the last path component, no control characters: it is shown and sent back
    # in Content-Disposition, never used to build a path.
    namn = namn.replace("\\", "/").rsplit("/", 1)[-1]
    namn = "".join(tecken for tecken in namn if tecken.isprintable() and tecken not in '"')
    return namn[:200] or "fil"


class ForStorFil(SimpleUploadedFile):
    """Stands in for an upload that passed the size limit: its size, none of its bytes."""

    def __init__(self, name: str, storlek: int):
        super().__init__(name, b"", "application/octet-stream")
        self.size = storlek


class StorleksgransHandler(FileUploadHandler):
    """Stops keeping an upload's bytes once it passes MAX_UPLOAD_BYTES.

    The rest of the request is still read, so the form comes back with what the user
    typed and a clear message, and no oversized file lands in a temporary folder.
    Install it first in request.upload_handlers (before the body is read).
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.storlek = 0

    def receive_data_chunk(self, raw_data, start):
        self.storlek += len(raw_data)
        if self.storlek > settings.MAX_UPLOAD_BYTES:
            return None  # later handlers never see the bytes past the limit
        return raw_data

    def file_complete(self, file_size):
        if self.storlek > settings.MAX_UPLOAD_BYTES:
            return ForStorFil(self.file_name, self.storlek)
        return None
