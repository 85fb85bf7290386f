"""Resized, re-encoded copies of a photo: AVIF, WebP and JPEG at several widths.

Every copy is made from the upright pixels alone (the phone's orientation flag
applied, colours converted to sRGB), so no EXIF, GPS, XMP or camera data is
ever published. Copies are cached by a hash of the photo's bytes: a photo that
did not change is never encoded again.
"""

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

WIDTHS = (480, 800, 1200, 1600)
FORMATS = {  # extension: (Pillow format, MIME type, options)
    "avif": ("AVIF", "image/avif", {"quality": 55}),
    "webp": ("WEBP", "image/webp", {"quality": 72, "method": 5}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 78, "optimize": True, "progressive": True}),
}
VERSION = "1"  # change when WIDTHS or FORMATS change, to encode every photo again
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Variants:
    name: str  # the file-name stem every copy shares, e.g. "feet-3fa2c1d0e9"
    width: int  # of the largest copy
    height: int
    widths: tuple[int, ...]

    def file(self, width: int, extension: str) -> str:
        return f"{self.name}-{width}.{extension}"

    def files(self) -> list[str]:
        return [self.file(w, ext) for w in self.widths for ext in FORMATS]


def widths_for(original_width: int) -> tuple[int, ...]:
    """The standard widths below the photo's own, and its own up to the largest: never upscaled."""
    largest = min(original_width, WIDTHS[-1])
    return tuple([w for w in WIDTHS if w < largest] + [largest])


def variants_name(source: Path) -> str:
    digest = hashlib.sha256(VERSION.encode() + source.read_bytes()).hexdigest()[:10]
    return f"{source.stem[:40]}-{digest}"


def make_variants(source: Path, cache: Path) -> Variants:
    """Encode every copy into the cache (unless there already) and describe them."""
    name = variants_name(source)
    manifest = cache / f"{name}.json"
    if manifest.exists():
        data = json.loads(manifest.read_text())
        return Variants(name, data["width"], data["height"], tuple(data["widths"]))
    photo = upright_srgb(source)
    widths = widths_for(photo.width)
    for width in widths:
        resized = (
            photo
            if width == photo.width
            else photo.resize(
                (width, round(photo.height * width / photo.width)), Image.Resampling.LANCZOS
            )
        )
        for extension, (kind, _, options) in FORMATS.items():
            partial = cache / f"{name}-{width}.part.{extension}"
            resized.save(partial, kind, **options)
            partial.replace(cache / f"{name}-{width}.{extension}")
    largest = widths[-1]
    variants = Variants(name, largest, round(photo.height * largest / photo.width), widths)
    manifest.write_text(json.dumps(variants.__dict__))
    return variants


def upright_srgb(source: Path) -> Image.Image:
    with Image.open(source) as original:
        icc = original.info.get("icc_profile")
        photo = ImageOps.exif_transpose(original)
        if icc:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            photo = ImageCms.profileToProfile(photo, profile, SRGB, outputMode="RGB")
        return photo.convert("RGB")


def mime_type(extension: str) -> str:
    return FORMATS[extension][1]
