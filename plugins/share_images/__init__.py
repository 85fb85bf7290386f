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
from dataclasses import astuple, dataclass
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

RENDER_VERSION = "2"  # change when the card's design changes, to re-render every card


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
        self.digests: dict[Path, str] = {}
        self.names: set[str] = set()
        self.pool = None
        self.drawn = iter(())

    def card(self, slug: str, words: render.CardWords, photo: tuple | None = None) -> ShareImage:
        """A card of `words`; `photo` (its file and alt text) frames it, if given."""
        site = self.settings["SITENAME"]
        source, photo_alt = photo or (None, "")
        inputs = [RENDER_VERSION, astuple(words), site, self.colours, sorted(self.fonts.items())]
        if source:
            inputs.append(self.digest(source))
        job = ("card", words, site, self.colours, self.fonts, source)
        name = self.produce(slug, inputs, ".jpg", job)
        return ShareImage(name, *render.SIZE, alt=card_description(words, site, photo_alt))

    def digest(self, source: Path) -> str:
        """A photo's bytes, hashed once per build however many cards it frames."""
        if source not in self.digests:
            self.digests[source] = hashlib.sha256(source.read_bytes()).hexdigest()
        return self.digests[source]

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


def card_description(words: render.CardWords, site: str, photo_alt: str = "") -> str:
    """Alt text for a card: what a person looking at it sees, as a sentence."""
    quoted = [
        f"“{text}”" for text in (words.title, words.badge, *words.facts, words.detail) if text
    ]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    photo = f", over a photo: {photo_alt.rstrip('.')}" if photo_alt else ""
    return f"The words {listed} above the name {site}{photo}."


def draw(path: Path, job: tuple) -> None:
    """Draw one image into the cache (via a temporary name, so a cut-off run leaves no half file)."""
    kind, *details = job
    partial = path.with_suffix(".part" + path.suffix)
    if kind == "card":
        render.save_jpeg(render.card(*details), partial)
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
    images = {"": maker.card("home", render.CardWords(settings["TAGLINE"]))}
    problems = []
    for item in context["articles"] + context["pages"]:
        words = render.CardWords(plain_text(item.title))
        photo = own_photo(item, item.source_path, settings, problems)
        item.share_image = maker.card(item.slug, words, photo)
    upcoming = {run.url for run in context.get("upcoming_runs", [])}
    for run in context.get("runs", []):
        words = run_words(run, finished=run.url not in upcoming)
        # the photo of the course, else of the venue (`Image:` in their files), if any
        slot = getattr(run.course, "photo", None) or getattr(run.venue, "photo", None)
        photo = own_photo(slot, slot.source_path, settings, problems) if slot else None
        images[run.url] = maker.card(run.slug, words, photo)
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


def run_words(run, finished: bool) -> render.CardWords:
    """A run's card: the course; its state; its day and time, first date and area in large
    type ("Tuesdays 10:00", "from 12 January", "in Didsbury"); the venue's name."""
    weekly = run.sessions > 1
    when = f"{run.start:%A}{'s' if weekly else ''} {run.start:%H:%M}"
    first = f"{'from ' if weekly else ''}{run.start.day} {run.start:%B}"
    state = (
        "Cancelled"
        if run.is_cancelled
        else "Finished"
        if finished
        else "Fully booked"
        if run.is_full
        else ""
    )
    return render.CardWords(
        run.course.title, state, (when, first, f"in {run.venue.area}"), run.venue.name
    )


def own_photo(item, source_path, settings, problems) -> tuple[Path, str] | None:
    """The photo `item` names with `Image:` (a post, a page, a run's course or venue, written
    in `source_path`) and its alt text, if it names one (alt text is checked on reading)."""
    source = getattr(item, "image", None)
    if not source:
        return None
    path = resolve_image(settings["PATH"], source)
    if path is None:
        meant = closest_image(settings["PATH"], source)
        fix = f"did you mean {meant}?" if meant else "check the file name."
        problems.append(
            f"{display(Path(source_path))}: Image: {source} is not in the content folder: {fix}"
        )
        return None
    return path, getattr(item, "image_alt", "")


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
