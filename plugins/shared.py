"""Helpers several plugins use. Not a plugin: plugins import it, never each other."""

import datetime
import difflib
import hashlib
import io
import os
import pickle
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import markdown
import markdown.preprocessors
from markupsafe import Markup
from pelican.utils import slugify
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener
from typogrify.filters import typogrify


def cache_folder(settings: dict) -> Path:
    """Where our plugins keep what they made (share images, photo copies): the site's cache,
    which stays put when an engine build moves Pelican's own CACHE_PATH
    (publishing/content_cache.py)."""
    return Path(settings.get("SITE_CACHE_PATH") or settings["CACHE_PATH"])


class KeptResults:
    """Results of a function of its inputs alone (typogrify, the link check), kept between
    builds in Pelican's content cache folder: the key holds every input, and the folder is
    named by the settings, code and library versions (publishing/content_cache.py), so a
    kept result is never stale. Kept on disk only with the cache's "reader" layer, which
    `invoke build`, `preview` and `publish` use; results no build asked for are dropped when
    saving."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.kept: dict = {}
        self.used: dict = {}

    @staticmethod
    def key(*inputs: str) -> bytes:
        return hashlib.sha256("\0".join(inputs).encode()).digest()

    def start(self, settings: dict) -> None:
        """At a build's start: the results the last build with these settings kept."""
        self.kept, self.used = {}, {}
        if self.on_disk(settings) and settings["LOAD_CONTENT_CACHE"]:
            try:
                self.kept = pickle.loads(self.path(settings).read_bytes())
            except (OSError, pickle.PickleError, EOFError, ValueError):
                pass  # none yet, or unreadable: work everything out afresh

    def get(self, key: bytes, work_out):
        """The kept result for `key`, else `work_out()`'s."""
        result = self.kept.get(key)
        if result is None:
            result = work_out()
        self.used[key] = result
        return result

    def save(self, settings: dict) -> None:
        if not self.on_disk(settings):
            return
        kept = self.path(settings)
        # written whole, then renamed: a build reading it at the same moment never sees half
        partial = kept.with_name(f".{kept.name}-{os.getpid()}")
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(pickle.dumps(self.used))
            partial.replace(kept)
        except OSError:  # a cache is a saving, never a reason to fail the build
            partial.unlink(missing_ok=True)

    @staticmethod
    def on_disk(settings: dict) -> bool:
        return settings["CACHE_CONTENT"] and settings["CONTENT_CACHING_LAYER"] == "reader"

    def path(self, settings: dict) -> Path:
        return Path(settings["CACHE_PATH"]) / self.file_name


# --- What a plugin remembers during one build ----------------------------------------
class ThisBuild:
    """A plugin's memory of the build under way: `make(settings)` afresh when each build starts
    (connect `start` to Pelican's `initialized` signal). Whatever an earlier or failed build
    left is dropped then (its `end()` called, if it has one), so a kept-running preview has
    nothing to reset."""

    def __init__(self, make):
        self.make = make
        self.state = None

    def start(self, pelican) -> None:
        self.end()
        self.state = self.make(pelican.settings)

    def end(self) -> None:
        """Let the build's memory go (at its end, or when the next build starts)."""
        state, self.state = self.state, None
        if hasattr(state, "end"):
            state.end()


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


def optional_date(text: str, label: str, example: str) -> datetime.date | None:
    """The date a field gives (`label`, as the author writes it), or None when it is empty;
    `example` shows the right form in the message."""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ContentError(
            label,
            f"{text!r} is not a date in the form YYYY-MM-DD, e.g. '{example}'. Or delete the line.",
        ) from None


class PhotoSlot:
    """A photo named by fields of something that is not a post or page: a course's or a
    venue's `Image:` and `Image_alt:`, or the home page's HOME_IMAGE. Photos are looked
    for, encoded and checked like a post's (plugins/responsive_images, which reads
    `photo_slots` from each generator and fills `featured_picture`)."""

    def __init__(self, image: str, image_alt: str, source_path: str):
        self.image = image
        self.image_alt = image_alt
        self.source_path = source_path
        self._content = ""  # no text of its own with photos in it
        self.featured_picture = self.card_picture = None


def photo_slot(fields: dict[str, str], source_path: str) -> PhotoSlot | None:
    """The photo an `Image:` field names, which needs `Image_alt:` too; None without one."""
    if not fields.get("image"):
        return None
    if not fields.get("image_alt", "").strip():
        raise ContentError(
            "Image_alt",
            "a photo needs words saying what it shows, for people who cannot see it: add "
            "e.g. 'Image_alt: Parents and babies on mats in a sunny room' under 'Image:'.",
        )
    return PhotoSlot(fields["image"], fields["image_alt"], source_path)


# --- Markdown files our plugins read themselves (runs, courses, venues, testimonials) --
def markdown_files(folder: Path) -> list[Path]:
    """Every file in the folder (none if it does not exist), hidden files left out."""
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith("."))


FIELD_LINE = re.compile(r"^ {0,3}(?P<name>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
FIELD_IN_WORDS = re.compile(
    r"^ {0,3}(?P<name>[A-Za-z][A-Za-z0-9]*(?: [A-Za-z0-9]+)+):\s*(?P<value>.*)$"
)
CONTINUED = re.compile(r"^ {4,}(?P<value>.*)$")


class FrontMatter:
    """The `Name: value` lines at the top of a Markdown file, as Pelican's Markdown reader
    (the meta extension) reads them, up to the first empty line; then the text.

    `fields`: each field's first value, by lower-case name; `values`: every value a field was
    given, its continuation lines (indented four spaces) included, as Markdown's meta
    extension gives them; `lines`: the header lines as written; `first_lines`, `repeated`
    (name, its first line, the other): where each is; `stray_lines`: a line that is not a
    field, where the header ends. `body`: the text after the empty line ("" if a stray line
    ended the header); `text`: what Markdown shows as text (from a stray line on, if any). With `names_in_words`, fields named in words ("Booking
    opens:", as runs and courses have them) count as fields, named `booking_opens`."""

    def __init__(self, text: str, names_in_words: bool = False):
        self.fields: dict[str, str] = {}
        self.values: dict[str, list[str]] = {}
        self.first_lines: dict[str, int] = {}
        self.repeated: list[tuple[str, int, int]] = []
        self.stray_lines: list[tuple[int, str]] = []
        self.lines: list[str] = []
        self.body = self.text = ""
        lines = text.splitlines()
        name = None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                self.body = self.text = "\n".join(lines[number:])
                break
            match = FIELD_LINE.match(line) or (names_in_words and FIELD_IN_WORDS.match(line))
            if match:
                name = match["name"].lower().replace(" ", "_")
                self.add(name, match["value"].strip(), number)
            elif CONTINUED.match(line) and name is not None:
                self.values[name].append(CONTINUED.match(line)["value"].strip())
            else:
                self.stray_lines.append((number, line))
                self.text = "\n".join(lines[number - 1 :])
                break
            self.lines.append(line)

    def add(self, name: str, value: str, number: int) -> None:
        if name in self.fields:
            self.repeated.append((name, self.first_lines[name], number))
        self.fields.setdefault(name, value)
        self.first_lines.setdefault(name, number)
        self.values.setdefault(name, []).append(value)

    @classmethod
    def of_file(cls, path: Path, names_in_words: bool = False) -> "FrontMatter":
        return cls(read_text(path), names_in_words)


def read_text(path: Path) -> str:
    """The file's text, without the byte-order mark Windows Notepad puts at the start."""
    return path.read_text(encoding="utf-8-sig")


class FieldNamesInWords(markdown.Extension):
    """Pelican reads posts and pages with Markdown's meta extension, which ends the fields at a
    name with a space: this lets it read "Old addresses:" too (pelicanconf.py, MARKDOWN)."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_FieldNamesInWords(md), "field_names_in_words", 28)  # before meta


class _FieldNamesInWords(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if "meta" not in self.md.preprocessors:  # a field's own text (Summary), not a file
            return lines
        return plain_field_names(lines)


def plain_field_names(lines: list[str]) -> list[str]:
    """The header's fields named in words ("Old addresses:") as the meta extension reads them
    ("Old_addresses:"); the text after the first empty line as it is."""
    plain = []
    for number, line in enumerate(lines):
        if not line.strip():
            return plain + lines[number:]
        match = FIELD_IN_WORDS.match(line)
        plain.append(f"{match['name'].replace(' ', '_')}: {match['value']}" if match else line)
    return plain


def read_markdown(path: Path, settings: dict) -> tuple[dict[str, str], str]:
    """The file's fields (lower-case names, every value of each joined) and its text as HTML,
    typogrified like posts."""
    options = settings["MARKDOWN"]
    extensions = [*options.get("extensions", []), *options.get("extension_configs", {})]
    # The fields are read already: Pelican's Markdown reader adds the meta extension to these
    # settings, which would take a first line such as "Note for parents: …" for a field.
    extensions = [name for name in extensions if not name.endswith(".meta")]
    md = markdown.Markdown(
        extensions=list(dict.fromkeys(extensions)),
        extension_configs=options.get("extension_configs", {}),
        output_format=options.get("output_format", "html5"),
    )
    header = FrontMatter.of_file(path, names_in_words=True)
    html = md.convert(header.text)
    fields = {name: " ".join(values).strip() for name, values in header.values.items()}
    return fields, typogrify(html) if settings.get("TYPOGRIFY") else html


# --- Text ----------------------------------------------------------------------------
# A post's Summary is its description: search results and link previews cut it here.
SUMMARY_LIMIT = 160


def broken_link(reference: str, read_as: str | None) -> str:
    """Why a link leads nowhere; `read_as`: the address a link written without a / at the
    start is read as, from the page it is on (None for a link from the site's root)."""
    if read_as is None:
        return f"link to {reference} is broken: there is no such page or file."
    return (
        f"link to {reference} is broken: written without a / at the start, it is read "
        f"from this page's own address, as {read_as}, which does not exist. For a page of the "
        f"site, start the link with / (for example /{reference.lstrip('./')})."
    )


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
_IMAGE_PREFIXES = ("{static}", "{filename}", "{attach}")


def resolve_image(content: Path | str, src: str) -> Path | None:
    """The file in the content folder that a photo reference names, or None.

    `images/baby feet.jpg`, `images/baby%20feet.jpg`, `<images/baby feet.jpg>`,
    `/images/baby feet.jpg`, `{static}/images/baby feet.jpg`, `../images/baby feet.jpg`
    and `images\\baby feet.jpg` all name the same file. A name that differs from the
    file's only in capitals, in how an accent is stored (a Mac writes "é" as "e" plus
    an accent) or in which space character it holds still finds it, as on her laptop.
    """
    content = Path(content)
    written = _written_path(src)
    for relative in dict.fromkeys([written, unquote(written)]):
        found = _exact_file(content, relative) or _loosely_matching(content, relative)
        if found is not None:
            return found
    return None


def _written_path(src: str) -> str:
    text = src.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    for prefix in _IMAGE_PREFIXES:
        text = text.removeprefix(prefix)
    text = text.replace("\\", "/")
    while text.startswith(("/", "./", "../")):
        text = text.removeprefix("/").removeprefix("./").removeprefix("../")
    return text


def _exact_file(content: Path, relative: str) -> Path | None:
    path = content / relative
    return path if relative and path.is_file() and _inside(content, path) else None


def _loosely_matching(content: Path, relative: str) -> Path | None:
    """Walk the folders, matching each name regardless of capitals and accent encoding."""
    path = content
    for part in Path(relative).parts:
        if not path.is_dir():
            return None
        matches = [child for child in path.iterdir() if _same_name(child.name, part)]
        if len(matches) != 1:
            return None
        path = matches[0]
    return path if path.is_file() and _inside(content, path) else None


def _same_name(a: str, b: str) -> bool:
    return _comparable(a) == _comparable(b)


# Any space a system writes (macOS puts a narrow no-break space, U+202F, before "AM" in
# screenshot names) matches the space she types.
_ANY_SPACE = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _comparable(name: str) -> str:
    return _ANY_SPACE.sub(" ", unicodedata.normalize("NFC", name)).casefold()


def _inside(content: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(content.resolve())


def closest_image(content: Path | str, src: str) -> str | None:
    """The existing file the author most likely meant, written as she should write it."""
    content = Path(content)
    written = unquote(_written_path(src))
    folder = content / (Path(written).parent if Path(written).parent != Path(".") else "images")
    if not folder.is_dir():
        return None
    names = {child.name.casefold(): child for child in folder.iterdir() if child.is_file()}
    close = difflib.get_close_matches(Path(written).name.casefold(), list(names), n=1, cutoff=0.6)
    return names[close[0]].relative_to(content).as_posix() if close else None


# --- Reading a photo: the pixels alone, upright, in sRGB ------------------------------
register_heif_opener()  # iPhone photos (HEIC/HEIF); libheif turns them upright itself
SRGB = ImageCms.createProfile("sRGB")


def clean_file_stem(stem: str) -> str:
    """A name as a camera or laptop gives it, made clean for the web: "Baby Feet (2)" becomes
    "baby-feet-2", "Bébé à la plage" "bebe-a-la-plage"."""
    words = slugify(stem, regex_subs=[(r"[^\w\s-]", " "), (r"[_\s-]+", "-")]).strip("-")
    return words[:40].rstrip("-") or "photo"


class UnreadablePhoto(Exception):
    """The file is not an image the build can read (or is cut short)."""


def read_photo(source: Path) -> Image.Image:
    """The pixels alone, upright and in sRGB: RGBA if any are see-through, else RGB.
    No EXIF, GPS, XMP or camera data comes along."""
    try:
        with Image.open(source) as original:
            original.load()
            icc = original.info.get("icc_profile")
            photo = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise UnreadablePhoto(str(source)) from error
    if photo.mode.startswith("I"):  # 16-bit grey would otherwise turn white, not scale
        photo = photo.convert("I").point(lambda value: value / 256).convert("L")
    mode = "RGBA" if see_through(photo) else "RGB"
    if icc:
        if mode == "RGBA":
            photo = photo.convert("RGBA")
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        photo = ImageCms.profileToProfile(photo, profile, SRGB, outputMode=mode)
    return photo.convert(mode)


def see_through(image: Image.Image) -> bool:
    """Whether any pixel is at all transparent (an alpha channel that is all opaque is not)."""
    if not image.has_transparency_data:
        return False
    return image.convert("RGBA").getchannel("A").getextrema()[0] < 255


# --- Results one plugin hands another ------------------------------------------------
def share_image(context, url: str):
    """The share image of the page at `url` ("" for the home page), made by share_images.

    A post or page carries its own (`item.share_image`), so a page that shows one post
    depends on that post alone, which the live preview's page reuse relies on
    (preview/page_reuse.py); class runs and lists look theirs up by address."""
    for name in ("article", "page"):
        item = context.get(name)
        if item is not None and getattr(item, "url", None) == url and hasattr(item, "share_image"):
            return item.share_image
    images = context.get("share_images")
    if images is None:
        raise RuntimeError(
            "No share images: add 'plugins.share_images' to PLUGINS in pelicanconf.py."
        )
    return images.get(url) or images[""]
