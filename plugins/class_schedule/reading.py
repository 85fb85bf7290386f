"""Read the Markdown files of courses, venues and class runs: fields and rendered text."""

import re
from pathlib import Path

import markdown
from typogrify.filters import typogrify


def markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith("."))


FIELD_WITH_SPACES = re.compile(r"^([A-Za-z][A-Za-z0-9]*(?: [A-Za-z0-9]+)+):", re.MULTILINE)


def with_plain_field_names(text: str) -> str:
    """Fields named in words ("Booking opens:") as the meta extension reads them
    ("Booking_opens:"): it ends the fields at a name with a space, showing the rest as text."""
    blank_line = re.search(r"\r?\n[ \t]*\r?\n", text)
    end = blank_line.start() if blank_line else len(text)
    fields = FIELD_WITH_SPACES.sub(lambda m: m[1].replace(" ", "_") + ":", text[:end])
    return fields + text[end:]


def read_markdown(path: Path, settings: dict) -> tuple[dict[str, str], str]:
    """The file's fields (lower-case names) and its body as HTML, typogrified like posts."""
    options = settings["MARKDOWN"]
    extensions = [*options.get("extensions", []), *options.get("extension_configs", {}), "meta"]
    md = markdown.Markdown(
        extensions=list(dict.fromkeys(extensions)),
        extension_configs=options.get("extension_configs", {}),
        output_format=options.get("output_format", "html5"),
    )
    html = md.convert(with_plain_field_names(path.read_text(encoding="utf-8")))
    fields = {name: " ".join(lines).strip() for name, lines in md.Meta.items()}
    return fields, typogrify(html) if settings.get("TYPOGRIFY") else html
