"""Helpers several plugins use. Not a plugin: plugins import it, never each other."""

import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import markdown
from markupsafe import Markup
from typogrify.filters import typogrify


# --- Content problems: one plain line each, then the build stops -----------------
def display(path: Path | str) -> str:
    """The path as the author knows it: relative to the project when inside it."""
    relative = os.path.relpath(path)
    return Path(path).as_posix() if relative.startswith("..") else relative


def stop_build(problems: list[str]) -> None:
    """Print every problem and stop, before anything is written."""
    print("\n".join(problems), file=sys.stderr)
    # SystemExit, not an exception: Pelican would print an exception with a traceback.
    raise SystemExit(f"{len(problems)} problem(s) in the content: nothing was built.")


class ContentError(ValueError):
    """One field of one file is wrong: says which field, what is wrong and how to fix it."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field


# --- Markdown files our plugins read themselves (runs, courses, venues, testimonials) --
def markdown_files(folder: Path) -> list[Path]:
    """Every file in the folder (none if it does not exist), hidden files left out."""
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
    text = path.read_text(encoding="utf-8-sig")  # without Notepad's byte-order mark
    html = md.convert(with_plain_field_names(text))
    fields = {name: " ".join(lines).strip() for name, lines in md.Meta.items()}
    return fields, typogrify(html) if settings.get("TYPOGRIFY") else html


# --- Text ----------------------------------------------------------------------------
def plain_text(rendered: str) -> str:
    """A rendered title or summary as text: no tags, entities decoded, ordinary spaces."""
    return Markup(rendered).striptags().replace("\xa0", " ")


# --- Files made once into the cache and linked into each build ------------------------
def link_cached(cached: Path, target: Path) -> None:
    """Put a cached file into the output: a hard link where possible (no copy, no time)."""
    if target.exists():
        return
    try:
        os.link(cached, target)
    except OSError:
        shutil.copy2(cached, target)


# --- Photos the content refers to ---------------------------------------------------
def resolve_image(content: Path, src: str) -> Path | None:
    """The file in the content folder that a photo reference names, or None.

    Accepts what authors write: `images/x.jpg`, `/images/x.jpg`, `../images/x.jpg`,
    Pelican's `{static}/images/x.jpg`, and the same URL-encoded (`baby%20feet.jpg`).
    """
    relative = unquote(urlparse(src.replace("{static}", "")).path).lstrip("/")
    while relative.startswith("../"):
        relative = relative[3:]
    path = Path(content) / relative
    return path if relative and path.is_file() else None


# --- Results one plugin hands another ------------------------------------------------
def share_image(context: dict, url: str):
    """The share image of the page at `url` ("" for the home page), made by share_images."""
    images = context.get("share_images")
    if images is None:
        raise RuntimeError(
            "No share images: add 'plugins.share_images' to PLUGINS in pelicanconf.py."
        )
    return images.get(url) or images[""]
