"""Helpers several plugins use. Not a plugin: plugins import it, never each other."""

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from markupsafe import Markup


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
