"""Photos from a phone made safe to commit: upright, without location or camera data, at most
2,400 pixels on the longest side, under a clean file name in content/images/.

The site's photo plugin publishes only stripped copies, but a public repository shows the
committed files themselves: this is what keeps the originals' GPS out of it.
"""

import os
import shlex
import sys
import tempfile
from pathlib import Path

from PIL import ExifTags, Image, UnidentifiedImageError

from plugins.shared import UnreadablePhoto, clean_file_stem, display, read_photo

LONGEST_SIDE = 2400
JPEG_QUALITY = 88
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".heic", ".heif", ".png", ".webp", ".tif", ".tiff"}


class PhotoError(SystemExit):
    """A photo that cannot be added. A SystemExit, so the command exits with status 1 and
    this sentence, without a traceback."""


def clean_name(source: Path) -> str:
    """'IMG 1234 (Café).HEIC' -> 'img-1234-cafe.jpg': lower case, hyphens, plain letters."""
    return f"{clean_file_stem(source.stem)}.jpg"


def free_name(images: Path, name: str) -> str:
    stem, number = name.removesuffix(".jpg"), 2
    while (images / name).exists():
        name, number = f"{stem}-{number}.jpg", number + 1
    return name


def add_photo(source: Path, images: Path) -> Path:
    """Write the clean copy and return its path. A photo already in `images` is cleaned in
    place (same name when it is a JPEG, so the posts that show it need no change)."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise PhotoError(f"{source}: there is no such file.")
    images.mkdir(parents=True, exist_ok=True)
    in_place = source.resolve().parent == images.resolve()
    if in_place and source.suffix.lower() in (".jpg", ".jpeg"):
        target = source
    else:
        target = images / free_name(images, clean_name(source))
    write_clean_copy(source, target)
    return target


def write_clean_copy(source: Path, target: Path) -> None:
    try:
        upright = read_photo(source).convert("RGB")  # upright, sRGB, the pixels alone
    except UnreadablePhoto:
        raise PhotoError(
            f"{source}: this is not a photo that can be read (JPEG or HEIC)."
        ) from None
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    # Written beside the target and renamed: a failure never leaves half a photo. No `exif`
    # or `xmp` is passed, so Pillow writes none: no GPS, serial numbers or camera details.
    handle, scratch = tempfile.mkstemp(prefix=".add-photo-", suffix=".jpg", dir=target.parent)
    os.close(handle)
    try:
        upright.save(scratch, "JPEG", quality=JPEG_QUALITY, optimize=True)
        os.replace(scratch, target)
    finally:
        Path(scratch).unlink(missing_ok=True)
    if in_images_with_other_suffix(source, target):
        source.unlink()


def in_images_with_other_suffix(source: Path, target: Path) -> bool:
    """A HEIC already in content/images was replaced by its clean JPEG: drop the original."""
    return (
        source.resolve().parent == target.resolve().parent and source.resolve() != target.resolve()
    )


def markdown_line(photo: Path, alt: str | None) -> str:
    return f"![{alt or 'Describe what the photo shows'}](images/{photo.name})"


def add_photo_and_show(source: Path, images: Path, alt: str | None) -> None:
    """`invoke add-photo`: the clean copy, then the line to paste into a post."""
    photo = add_photo(source, images)
    print(f"Added {display(photo)}: no location or camera data. Paste this line into your post:")
    print(markdown_line(photo, alt))


def has_location(path: Path) -> bool:
    try:
        with Image.open(path) as photo:
            return bool(photo.getexif().get_ifd(ExifTags.IFD.GPSInfo))
    except (UnidentifiedImageError, OSError):
        return False


def located_photos(images: Path) -> list[Path]:
    """Photos in the folder that still say where they were taken."""
    if not images.is_dir():
        return []
    return [
        path
        for path in sorted(images.rglob("*"))
        if path.suffix.lower() in PHOTO_SUFFIXES and has_location(path)
    ]


def location_problems(images: Path) -> list[str]:
    """One sentence per located photo, naming the command that cleans it."""
    return [
        f"{display(path)}: this photo still holds the place where it was taken (GPS), and "
        f"anyone can download it from a public repository: clean it with "
        f"`invoke add-photo {shlex.quote(display(path))}` and commit the cleaned file."
        for path in located_photos(images)
    ]


def warn(problems: list[str]) -> None:
    """Plain lines, not Pelican's logger: in a build, every warning of Pelican's stops it."""
    for problem in problems:
        print(f"Warning: {problem}", file=sys.stderr)
