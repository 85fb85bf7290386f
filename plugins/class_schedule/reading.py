"""Read the Markdown files of courses, venues and class runs: fields and rendered text."""

from pathlib import Path

import markdown
from typogrify.filters import typogrify


def markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith("."))


def read_markdown(path: Path, settings: dict) -> tuple[dict[str, str], str]:
    """The file's fields (lower-case names) and its body as HTML, typogrified like posts."""
    options = settings["MARKDOWN"]
    extensions = [*options.get("extensions", []), *options.get("extension_configs", {}), "meta"]
    md = markdown.Markdown(
        extensions=list(dict.fromkeys(extensions)),
        extension_configs=options.get("extension_configs", {}),
        output_format=options.get("output_format", "html5"),
    )
    html = md.convert(path.read_text(encoding="utf-8-sig"))  # without Notepad's byte-order mark
    fields = {name: " ".join(lines).strip() for name, lines in md.Meta.items()}
    return fields, typogrify(html) if settings.get("TYPOGRIFY") else html
