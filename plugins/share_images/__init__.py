"""Share images: every post, page and class run gets a 1200×630 picture for link previews.

A post's own `Image:` is cropped to size; everything else gets a title card in
the brand colours. Images are rendered once into the cache folder, named by a
hash of what they show, and linked into each build; the same title and brand
reuse the same file. Pages need only the images' names: the new ones are drawn in other
processes while Pelican writes the pages, and the build waits for them at its end.
"""

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from ..shared import (
    ThisBuild,
    cache_folder,
    closest_image,
    display,
    link_cached,
    plain_text,
    resolve_image,
    share_image,
    stop_build,
)
from . import render

RENDER_VERSION = "1"  # change when the card's design changes, to re-render every card


@dataclass(frozen=True)
class ShareImage:
    url: str  # relative to the site root
    width: int
    height: int
    alt: str


class ShareImageMaker:
    """Names each image by a hash of what it shows; draws the ones not in the cache yet
    (several at once, from `start_drawing` to `finish`) and links them all into the output."""

    def __init__(self, settings: dict, output_path: str):
        self.settings = settings
        self.cache = cache_folder(settings) / "share-images"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.output = Path(output_path) / settings["SHARE_IMAGE_PATH"]
        self.fonts = settings["SHARE_IMAGE_FONTS"]
        self.colours = settings["BRAND_COLOURS"]
        self.to_draw: dict[Path, tuple] = {}
        self.names: set[str] = set()
        self.pool = None
        self.drawn = iter(())

    def card(self, slug: str, title: str, subtitle: str = "") -> ShareImage:
        site = self.settings["SITENAME"]
        job = ("card", title, subtitle, site, self.colours, self.fonts)
        name = self.produce(
            slug, [RENDER_VERSION, *job[1:4], self.colours, sorted(self.fonts.items())], ".jpg", job
        )
        return ShareImage(name, *render.SIZE, alt=card_description(title, subtitle, site))

    def photo(self, slug: str, source: Path, alt: str) -> ShareImage:
        # See-through parts are shown on the cream of the light page.
        paper = self.colours["text"]
        inputs = [RENDER_VERSION, hashlib.sha256(source.read_bytes()).hexdigest(), paper]
        name = self.produce(slug, inputs, ".jpg", ("photo", source, paper))
        return ShareImage(name, *render.SIZE, alt=alt)

    def logo(self) -> ShareImage:
        site = self.settings["SITENAME"]
        initials = "".join(word[0] for word in site.split()[:2]).upper()
        inputs = [RENDER_VERSION, initials, self.colours, sorted(self.fonts.items())]
        name = self.produce("logo", inputs, ".png", ("logo", initials, self.colours, self.fonts))
        return ShareImage(name, 512, 512, alt=site)

    def produce(self, slug: str, inputs: list, suffix: str, job: tuple) -> str:
        digest = hashlib.sha256(
            json.dumps(inputs, ensure_ascii=False, default=str).encode()
        ).hexdigest()[:12]
        file_name = f"{slug[:60]}.{digest}{suffix}"
        if not (self.cache / file_name).exists():
            self.to_draw[self.cache / file_name] = job
        self.names.add(file_name)
        return f"{self.settings['SHARE_IMAGE_PATH']}/{file_name}"

    def start_drawing(self) -> None:
        if self.to_draw:
            workers = min(len(self.to_draw), os.cpu_count() or 1)
            batch = max(1, len(self.to_draw) // (4 * workers))  # fewer round trips per card
            self.pool = ProcessPoolExecutor(workers)
            self.drawn = self.pool.map(draw, self.to_draw, self.to_draw.values(), chunksize=batch)

    def stop_drawing(self) -> None:
        """A build that stopped early leaves no processes behind (the live preview goes on)."""
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def finish(self) -> None:
        if self.pool:
            try:
                list(self.drawn)
            finally:
                self.stop_drawing()
        self.output.mkdir(parents=True, exist_ok=True)
        for name in self.names:
            link_cached(self.cache / name, self.output / name)


def card_description(title: str, subtitle: str, site: str) -> str:
    """Alt text for a title card: what a person looking at it sees, as a sentence."""
    words = f"“{title}” and “{subtitle}”" if subtitle else f"“{title}”"
    return f"The words {words} above the name {site}."


def draw(path: Path, job: tuple) -> None:
    """Draw one image into the cache (via a temporary name, so a cut-off run leaves no half file)."""
    kind, *details = job
    partial = path.with_suffix(".part" + path.suffix)
    if kind == "card":
        render.save_jpeg(render.title_card(*details), partial)
    elif kind == "photo":
        render.save_jpeg(render.cropped_photo(*details), partial)
    else:
        render.logo(*details).save(partial, "PNG", optimize=True)
    partial.replace(path)


class Drawing(list):
    """The build's image makers, from its pages' names to its end; a build that stopped
    half-way has its drawing stopped when the next one starts."""

    def end(self) -> None:
        for maker in self:
            maker.stop_drawing()


drawing = ThisBuild(lambda settings: Drawing())


def make_share_images(generators) -> None:
    """Name every page's image, and start drawing the new ones (`link_share_images` waits)."""
    context = generators[0].context
    settings = generators[0].settings
    maker = ShareImageMaker(settings, generators[0].output_path)
    images = {"": maker.card("home", settings["TAGLINE"])}
    problems = []
    for item in context["articles"] + context["pages"]:
        item.share_image = own_photo(maker, item, settings, problems) or maker.card(
            item.slug, plain_text(item.title)
        )
    for run in context.get("runs", []):
        images[run.url] = maker.card(run.slug, run.title, f"{run.dates} · {run.venue.name}")
    if problems:
        stop_build(problems)
    context["site_logo"] = maker.logo()
    maker.start_drawing()
    drawing.state.append(maker)
    context["share_images"] = images


def link_share_images(pelican) -> None:
    """At the build's end: every image drawn, and linked into the output."""
    for maker in drawing.state:
        maker.finish()
    drawing.end()


def own_photo(maker, item, settings, problems):
    """The post's own `Image:`, if it names one (content_checks made sure it has alt text)."""
    source = getattr(item, "image", None)
    if not source:
        return None
    path = resolve_image(settings["PATH"], source)
    if path is None:
        meant = closest_image(settings["PATH"], source)
        fix = f"did you mean {meant}?" if meant else "check the file name."
        problems.append(
            f"{display(Path(item.source_path))}: Image: {source} is not in the content folder: {fix}"
        )
        return None
    return maker.photo(item.slug, path, getattr(item, "image_alt", ""))


@pass_context
def page_share_image(context, url: str) -> ShareImage:
    """For templates: `share_image(page_url)`, the image a link to that page shows."""
    return share_image(context, url)


def add_template_function(pelican) -> None:
    pelican.settings.setdefault("JINJA_GLOBALS", {})["share_image"] = page_share_image


def register() -> None:
    signals.initialized.connect(add_template_function)
    signals.initialized.connect(drawing.start)
    signals.all_generators_finalized.connect(make_share_images)
    signals.finalized.connect(link_share_images)
