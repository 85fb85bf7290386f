"""Share images: every post, page and class run gets a 1200×630 picture for link previews.

A post's own `Image:` is cropped to size; everything else gets a title card in
the brand colours. Images are rendered once into the cache folder, named by a
hash of what they show, and linked into each build; the same title and brand
reuse the same file.
"""

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from content_checks.report import display, stop_build
from pelican import signals
from plain_titles import plain_text

from . import render

RENDER_VERSION = "1"  # change when the card's design changes, to re-render every card


@dataclass(frozen=True)
class ShareImage:
    url: str  # relative to the site root
    width: int
    height: int
    alt: str


class ShareImageMaker:
    def __init__(self, settings: dict, output_path: str):
        self.settings = settings
        self.cache = Path(settings["CACHE_PATH"]) / "share-images"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.output = Path(output_path) / settings["SHARE_IMAGE_PATH"]
        self.output.mkdir(parents=True, exist_ok=True)
        self.fonts = settings["SHARE_IMAGE_FONTS"]
        self.colours = settings["BRAND_COLOURS"]

    def card(self, slug: str, title: str, subtitle: str = "") -> ShareImage:
        site = self.settings["SITENAME"]
        inputs = [RENDER_VERSION, title, subtitle, site, self.colours, sorted(self.fonts.items())]
        name = self.produce(slug, inputs, ".jpg", lambda path: render.save_jpeg(
            render.title_card(title, subtitle, site, self.colours, self.fonts), path))
        return ShareImage(name, *render.SIZE, alt=f"{title}: {site}")

    def photo(self, slug: str, source: Path, alt: str) -> ShareImage:
        inputs = [RENDER_VERSION, hashlib.sha256(source.read_bytes()).hexdigest()]
        name = self.produce(slug, inputs, ".jpg", lambda path: render.save_jpeg(render.cropped_photo(source), path))
        return ShareImage(name, *render.SIZE, alt=alt)

    def logo(self) -> ShareImage:
        site = self.settings["SITENAME"]
        initials = "".join(word[0] for word in site.split()[:2]).upper()
        inputs = [RENDER_VERSION, initials, self.colours, sorted(self.fonts.items())]
        name = self.produce("logo", inputs, ".png", lambda path: render.logo(initials, self.colours, self.fonts).save(path, optimize=True))
        return ShareImage(name, 512, 512, alt=site)

    def produce(self, slug: str, inputs: list, suffix: str, draw) -> str:
        """Draw into the cache unless that exact image is there, then link it into the output."""
        digest = hashlib.sha256(json.dumps(inputs, ensure_ascii=False, default=str).encode()).hexdigest()[:12]
        file_name = f"{slug[:60]}.{digest}{suffix}"
        cached = self.cache / file_name
        if not cached.exists():
            partial = cached.with_suffix(".part" + suffix)
            draw(partial)
            partial.replace(cached)
        target = self.output / file_name
        if not target.exists():
            try:
                os.link(cached, target)
            except OSError:
                shutil.copy2(cached, target)
        return f"{self.settings['SHARE_IMAGE_PATH']}/{file_name}"


def make_share_images(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    maker = ShareImageMaker(settings, generators[0].output_path)
    images = {"": maker.card("home", settings["TAGLINE"])}
    problems = []
    for item in context["articles"] + context["pages"]:
        images[item.url] = own_photo(maker, item, settings, problems) or maker.card(item.slug, plain_text(item.title))
    for run in context.get("class_runs", []):
        images[run.url] = maker.card(run.slug, run.title, f"{run.dates} · {run.venue.name}")
    if problems:
        stop_build(problems)
    context["share_images"] = images
    context["site_logo"] = maker.logo()


def own_photo(maker, item, settings, problems):
    """The post's own `Image:`, if it names one (content_checks made sure it has alt text)."""
    source = getattr(item, "image", None)
    if not source:
        return None
    path = Path(settings["PATH"]) / source
    if not path.is_file():
        problems.append(f"{display(Path(item.source_path))}: Image: {source} is not in the content folder. Check the file name.")
        return None
    return maker.photo(item.slug, path, getattr(item, "image_alt", ""))


def register() -> None:
    signals.all_generators_finalized.connect(make_share_images)
