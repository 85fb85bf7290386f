"""Resized, re-encoded copies of a photo: AVIF, WebP and JPEG at several widths.

Every copy is made from the upright pixels alone (the phone's orientation flag
applied, colours converted to sRGB), so no EXIF, GPS, XMP or camera data is
ever published. Copies are cached by a hash of the photo's bytes: a photo that
did not change is never encoded again. iPhone photos (HEIC/HEIF) are read by
pillow-heif, which turns them upright itself.

An image with see-through parts (a logo, a screenshot) keeps them in AVIF and
WebP, and gets a PNG fallback instead of the JPEG: the page has a light and a
dark background, so any colour it were flattened onto would show as a box in
one of them (and in feed readers, which show the fallback on their own colour).

An animated GIF is published as it is, at its own size, under its clean name: re-encoded,
it would keep only its first frame.
"""

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..shared import UnreadablePhoto, clean_file_stem, read_photo

WIDTHS = (480, 800, 1200, 1600)
FORMATS = {  # extension: (Pillow format, MIME type, options)
    "avif": ("AVIF", "image/avif", {"quality": 55}),
    "webp": ("WEBP", "image/webp", {"quality": 72, "method": 5}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 78, "optimize": True, "progressive": True}),
    "png": ("PNG", "image/png", {"optimize": True}),
}
MODERN = ("avif", "webp")  # every browser that shows <picture> sources takes one of these
VERSION = (
    "3"  # change when WIDTHS, FORMATS or what is re-encoded change, to encode every photo again
)


@dataclass(frozen=True)
class Variants:
    name: str  # the file-name stem every copy shares, e.g. "feet-3fa2c1d0e9"
    width: int  # of the largest copy
    height: int
    widths: tuple[int, ...]
    fallback: str = "jpg"  # "png" for an image with see-through parts, "gif" for an animation

    @property
    def animated(self) -> bool:
        return self.fallback == "gif"

    def file(self, width: int, extension: str) -> str:
        return f"{self.name}-{width}.{extension}"

    def files(self) -> list[str]:
        formats = () if self.animated else MODERN
        return [self.file(w, ext) for w in self.widths for ext in (*formats, self.fallback)]


def widths_for(original_width: int) -> tuple[int, ...]:
    """The standard widths below the photo's own, and its own up to the largest: never upscaled."""
    largest = min(original_width, WIDTHS[-1])
    return tuple([w for w in WIDTHS if w < largest] + [largest])


def variants_name(source: Path) -> str:
    """A clean published name: "Baby Feet (2).HEIC" becomes "baby-feet-2-<hash>"."""
    digest = hashlib.sha256(VERSION.encode() + source.read_bytes()).hexdigest()[:10]
    return f"{clean_file_stem(source.stem)}-{digest}"


def make_variants_or_none(source: Path, cache: Path) -> Variants | None:
    try:
        return make_variants(source, cache)
    except UnreadablePhoto:
        return None


def make_variants(source: Path, cache: Path) -> Variants:
    """Encode every copy into the cache (unless there already) and describe them."""
    name = variants_name(source)
    manifest = cache / f"{name}.json"
    if manifest.exists():
        data = json.loads(manifest.read_text())
        return Variants(
            name, data["width"], data["height"], tuple(data["widths"]), data.get("fallback", "jpg")
        )
    if is_animated(source):
        return published_as_it_is(source, name, manifest, cache)
    photo = read_photo(source)
    fallback = "png" if photo.mode == "RGBA" else "jpg"
    widths = widths_for(photo.width)
    for width in widths:
        resized = (
            photo
            if width == photo.width
            else photo.resize(
                (width, round(photo.height * width / photo.width)), Image.Resampling.LANCZOS
            )
        )
        for extension in (*MODERN, fallback):
            kind, _, options = FORMATS[extension]
            partial = cache / f"{name}-{width}.part.{extension}"
            resized.save(partial, kind, **options)
            partial.replace(cache / f"{name}-{width}.{extension}")
    largest = widths[-1]
    height = round(photo.height * largest / photo.width)
    variants = Variants(name, largest, height, widths, fallback)
    manifest.write_text(json.dumps(variants.__dict__))
    return variants


def is_animated(source: Path) -> bool:
    try:
        with Image.open(source) as image:
            return image.format == "GIF" and getattr(image, "is_animated", False)
    except OSError:
        return False  # read_photo says what is wrong with it


def published_as_it_is(source: Path, name: str, manifest: Path, cache: Path) -> Variants:
    with Image.open(source) as image:
        width, height = image.size
    variants = Variants(name, width, height, (width,), "gif")
    shutil.copyfile(source, cache / variants.file(width, "gif"))
    manifest.write_text(json.dumps(variants.__dict__))
    return variants


def mime_type(extension: str) -> str:
    return FORMATS[extension][1]
