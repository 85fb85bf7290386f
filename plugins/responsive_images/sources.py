"""Which file in the content folder a photo reference means, however the author wrote it.

`images/baby feet.jpg`, `images/baby%20feet.jpg`, `<images/baby feet.jpg>`,
`/images/baby feet.jpg`, `{static}/images/baby feet.jpg`, `../images/baby feet.jpg`
and `images\\baby feet.jpg` all name the same file. A name that differs from the
file's only in capitals or in how an accent is stored (a Mac writes "é" as "e" plus
an accent) still finds it, as it would on her laptop.
"""

import difflib
import unicodedata
from pathlib import Path
from urllib.parse import unquote

PREFIXES = ("{static}", "{filename}", "{attach}")


def resolve_source(content: Path, src: str) -> Path | None:
    """The photo file `src` names inside the content folder, or None if there is none."""
    written = cleaned(src)
    for relative in dict.fromkeys([written, unquote(written)]):
        found = exact(content, relative) or loosely_matching(content, relative)
        if found is not None:
            return found
    return None


def cleaned(src: str) -> str:
    text = src.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    for prefix in PREFIXES:
        text = text.removeprefix(prefix)
    text = text.replace("\\", "/")
    while text.startswith(("/", "./", "../")):
        text = text.removeprefix("/").removeprefix("./").removeprefix("../")
    return text


def exact(content: Path, relative: str) -> Path | None:
    path = content / relative
    return path if relative and path.is_file() and inside(content, path) else None


def loosely_matching(content: Path, relative: str) -> Path | None:
    """Walk the folders, matching each name regardless of capitals and accent encoding."""
    path = content
    for part in Path(relative).parts:
        if not path.is_dir():
            return None
        matches = [child for child in path.iterdir() if same_name(child.name, part)]
        if len(matches) != 1:
            return None
        path = matches[0]
    return path if path.is_file() and inside(content, path) else None


def same_name(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def inside(content: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(content.resolve())


def closest_photo(content: Path, src: str) -> str | None:
    """The existing file the author most likely meant, written as she should write it."""
    written = unquote(cleaned(src))
    folder = content / (Path(written).parent if Path(written).parent != Path(".") else "images")
    if not folder.is_dir():
        return None
    names = {child.name.casefold(): child for child in folder.iterdir() if child.is_file()}
    close = difflib.get_close_matches(Path(written).name.casefold(), list(names), n=1, cutoff=0.6)
    return names[close[0]].relative_to(content).as_posix() if close else None
