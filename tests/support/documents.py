"""Real documents as Word and a PDF printer write them, hidden properties included."""

import zipfile
from pathlib import Path

from pypdf import PdfWriter

AUTHOR, COMPANY, SOFTWARE = "Emma Clarke", "Gentle Touch Ltd", "Microsoft Office Word"


def pdf_handout(path: Path) -> Path:
    """A one-page PDF whose properties name its author and the software that made it."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": AUTHOR, "/Creator": SOFTWARE, "/Title": "Week 1 strokes"})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        writer.write(file)
    return path


WORD_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        '" Target="word/document.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Strokes for '
        "week 1</w:t></w:r></w:p></w:body></w:document>"
    ),
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
        f'elements/1.1/"><dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}'
        "</cp:lastModifiedBy></cp:coreProperties>"
    ),
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.'
        f'org/officeDocument/2006/extended-properties"><Application>{SOFTWARE}</Application>'
        f"<Company>{COMPANY}</Company></Properties>"
    ),
}


def word_document(path: Path) -> Path:
    """A .docx as Word saves it: a zip of XML parts, with its author and company."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as document:
        for name, text in WORD_PARTS.items():
            document.writestr(name, text)
    return path
