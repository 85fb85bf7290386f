"""Responsive, private photos: `![alt](images/photo.jpg)` becomes a <picture>.

Each photo in a post or page, each post's or page's `Image:`, a course's or venue's
`Image:` (the `photo_slots` a generator offers) and the home page's HOME_IMAGE is published only as
resized AVIF, WebP and JPEG copies (see variants.py) in a <picture> with the
real width and height, lazy below the first screen. The original, with its
EXIF and GPS data, is never copied to the site. A photo is found however its
name was written (`resolve_image` in plugins/shared.py); an image the build
cannot read stops it, naming the post.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import Markup
from pelican import signals

from ..shared import (
    ContentError,
    PhotoSlot,
    cache_folder,
    closest_image,
    display,
    link_cached,
    photo_slot,
    resolve_image,
    stop_build,
)
from .markup import picture, rewrite_images
from .variants import Variants, make_variants_or_none

# The text column: 42rem wide less 2 × 1.25rem padding, or the screen less the padding.
CONTENT_SIZES = "(min-width: 42rem) 632px, calc(100vw - 40px)"
# The home page's photo: a 3.75rem round thumbnail beside her name on a phone (so the
# next course stays in the first screen), 45% of the column from 40rem (pages.css).
HOME_SIZES = "(min-width: 40rem) 284px, 60px"


class Photos:
    """Finds the photos content refers to, encodes the new ones, links them into the output."""

    def __init__(self, settings: dict, output_path: str):
        self.content = Path(settings["PATH"])
        self.cache = cache_folder(settings) / "images"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.folder = settings["RESPONSIVE_IMAGE_PATH"]
        self.output = Path(output_path) / self.folder
        self.base_url = f"{settings['SITEURL']}/{self.folder}"
        self.variants: dict[Path, Variants | None] = {}

    def not_found(self, src: str) -> str:
        meant = closest_image(self.content, src)
        if meant:
            return f"image {src} is not in the content folder: did you mean {meant}?"
        return (
            f"image {src} is not in the content folder: "
            "put the photo in content/images/ and write it as images/<file name>."
        )

    def prepare(self, photos: set[Path]) -> set[Path]:
        """Encode every photo not yet in the cache, several at once; return the unreadable."""
        sources = sorted(photos)
        if not sources:
            return set()
        with ProcessPoolExecutor(min(len(sources), os.cpu_count() or 1)) as pool:
            self.variants.update(
                zip(sources, pool.map(make_variants_or_none, sources, [self.cache] * len(sources)))
            )
        unreadable = {source for source, variants in self.variants.items() if variants is None}
        if unreadable:
            return unreadable
        self.output.mkdir(parents=True, exist_ok=True)
        for variants in self.variants.values():
            for name in variants.files():
                link_cached(self.cache / name, self.output / name)
        return set()

    def picture(self, source: Path, alt: str, sizes: str, eager: bool) -> Markup:
        return Markup(picture(self.variants[source], alt, sizes, self.base_url, eager))


def image_sources(item) -> list[str]:
    """Every photo a post or page shows: its `Image:` and the images in its text."""
    content = item._content or ""
    found = [item.image] if getattr(item, "image", None) else []
    if "<img" in content:  # parse only what has images: most posts have none
        found += [
            img.get("src", "") for img in BeautifulSoup(content, "html.parser").find_all("img")
        ]
    return found


def process_photos(generators) -> None:
    settings = generators[0].settings
    photos = Photos(settings, generators[0].output_path)
    kinds = ("articles", "drafts", "pages", "hidden_pages", "draft_pages", "photo_slots")
    items = [item for g in generators for kind in kinds for item in getattr(g, kind, [])]
    home = home_photo(settings)
    if home:
        items.append(home)
    wanted, problems = {}, []
    for item in items:
        for src in image_sources(item):
            path = resolve_image(photos.content, src)
            if path is None:
                problems.append(f"{display(Path(item.source_path))}: {photos.not_found(src)}")
            wanted[src] = path
    if problems:
        stop_build(sorted(set(problems)))
    unreadable = photos.prepare(set(wanted.values()))
    if unreadable:
        stop_build(
            sorted(
                {
                    f"{display(Path(item.source_path))}: image {src}: "
                    "cannot be read as a photo: export it as JPEG"
                    for item in items
                    for src in image_sources(item)
                    if wanted[src] in unreadable
                }
            )
        )
    for item in items:
        featured = getattr(item, "image", None)
        if featured:
            alt = getattr(item, "image_alt", "")
            item.featured_picture = photos.picture(wanted[featured], alt, CONTENT_SIZES, eager=True)
            item.card_picture = photos.picture(wanted[featured], alt, CONTENT_SIZES, eager=False)

        def render(src, alt, eager):
            return photos.picture(wanted[src], alt, CONTENT_SIZES, eager)

        item._content = rewrite_images(item._content, render, first_eager=not featured)
    if home:
        generators[0].context["home_picture"] = photos.picture(
            wanted[home.image], home.image_alt, HOME_SIZES, eager=True
        )


def home_photo(settings: dict) -> PhotoSlot | None:
    fields = {"image": settings.get("HOME_IMAGE"), "image_alt": settings.get("HOME_IMAGE_ALT", "")}
    try:
        return photo_slot(fields, "pelicanconf.py")
    except ContentError as error:
        stop_build([f"pelicanconf.py: HOME_IMAGE_ALT: {str(error).split(': ', 1)[1]}"])


def register() -> None:
    signals.all_generators_finalized.connect(process_photos)
