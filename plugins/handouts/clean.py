"""A document's published copy, without its hidden properties (author, company, software).

PDF: the document information and XMP metadata are removed (pypdf). Word, Excel and
PowerPoint files (.docx, .xlsx, .pptx) are zip folders: their docProps/core.xml (author,
last modified by, title) and docProps/app.xml (company, software, template) are replaced
by empty ones; so is meta.xml in LibreOffice's (.odt, .ods, .odp). Other files cannot be
cleaned here: they are published as they are, and the build says so.
"""

import io
import zipfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

OFFICE_SUFFIXES = {".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".pptm", ".odt", ".ods", ".odp"}
CLEANED_SUFFIXES = {".pdf", *OFFICE_SUFFIXES}
EMPTY_PROPERTIES = {
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
    ),
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"/>'
    ),
    "meta.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office='
        '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>'
    ),
}


class UnreadableDocument(Exception):
    """The file says it is a PDF or an Office document but cannot be read as one."""


def cleaned(source: Path) -> bytes:
    """The bytes to publish: without hidden properties where the kind of file allows."""
    suffix = source.suffix.lower()
    try:
        if suffix == ".pdf":
            return cleaned_pdf(source)
        if suffix in OFFICE_SUFFIXES:
            return cleaned_office(source)
    except Exception as error:  # pypdf and zipfile raise many kinds for a damaged file
        raise UnreadableDocument(str(source)) from error
    return source.read_bytes()


def cleaned_pdf(source: Path) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.metadata = None  # the document information: Author, Creator, Producer…
    writer.xmp_metadata = None  # and its XMP copy
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cleaned_office(source: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as copy:
        for entry in original.infolist():
            data = EMPTY_PROPERTIES.get(entry.filename)
            copy.writestr(entry, data.encode() if data else original.read(entry))
    return out.getvalue()
