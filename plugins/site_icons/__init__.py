"""The site's mark, in BRAND_COLOURS: favicon.svg, apple-touch-icon.png and logo.png.

One mark, drawn from one description (MARK) as SVG for browsers' tabs and the header,
and as PNG for a phone's home screen (180×180, the name and size iOS looks for) and for
search engines' logo (512×512, named in the home page's JSON-LD): a cradle in the accent
colour holding a head in the text colour, on the brand colour. The PNGs fill their
square (home screens and search results cut their own shape); the SVG is a round badge.
"""

from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from PIL import Image, ImageDraw

GRID = 32  # MARK is drawn on a 32×32 grid
MARK = {
    "cradle": {"centre": (16, 15), "radius": 8, "width": 3.5},  # the lower half of a circle
    "head": {"centre": (16, 11.5), "radius": 4},
}
OVERSAMPLE = 4  # PNGs are drawn larger, then scaled down, for smooth edges


@dataclass(frozen=True)
class Icon:
    url: str  # relative to the site root
    width: int
    height: int


ICONS = {  # file name: size in pixels
    "apple-touch-icon.png": 180,
    "logo.png": 512,
}
LOGO = Icon("logo.png", ICONS["logo.png"], ICONS["logo.png"])


def mark_svg(colours: dict) -> str:
    (cx, cy), r = MARK["cradle"]["centre"], MARK["cradle"]["radius"]
    (hx, hy), hr = MARK["head"]["centre"], MARK["head"]["radius"]
    half = GRID / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<circle cx="{half:g}" cy="{half:g}" r="{half:g}" fill="{colours["background"]}"/>'
        f'<path d="M{cx - r:g} {cy:g}a{r:g} {r:g} 0 0 0 {2 * r:g} 0" fill="none"'
        f' stroke="{colours["accent"]}" stroke-width="{MARK["cradle"]["width"]:g}"'
        ' stroke-linecap="round"/>'
        f'<circle cx="{hx:g}" cy="{hy:g}" r="{hr:g}" fill="{colours["text"]}"/></svg>'
    )


def mark_png(colours: dict, size: int) -> Image.Image:
    scale = size * OVERSAMPLE / GRID
    image = Image.new("RGB", (size * OVERSAMPLE,) * 2, colours["background"])
    draw = ImageDraw.Draw(image)

    def disc(centre, radius, fill):
        x, y = centre
        draw.ellipse(
            [
                (x - radius) * scale,
                (y - radius) * scale,
                (x + radius) * scale,
                (y + radius) * scale,
            ],
            fill=fill,
        )

    cradle = MARK["cradle"]
    (cx, cy), r, width = cradle["centre"], cradle["radius"], cradle["width"]
    outer = r + width / 2  # Pillow draws an arc's width inside its box; SVG centres the stroke
    draw.arc(
        [(cx - outer) * scale, (cy - outer) * scale, (cx + outer) * scale, (cy + outer) * scale],
        0,
        180,
        fill=colours["accent"],
        width=round(width * scale),
    )
    for end in (cx - r, cx + r):  # round ends, as stroke-linecap="round"
        disc((end, cy), width / 2, colours["accent"])
    disc(MARK["head"]["centre"], MARK["head"]["radius"], colours["text"])
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(pelican) -> None:
    colours = pelican.settings["BRAND_COLOURS"]
    output = Path(pelican.output_path)
    (output / pelican.settings["FAVICON_SAVE_AS"]).write_text(mark_svg(colours), encoding="utf-8")
    for name, size in ICONS.items():
        mark_png(colours, size).save(output / name, "PNG", optimize=True)


def add_logo(generator) -> None:
    generator.context["site_icon"] = LOGO


def register() -> None:
    signals.generator_init.connect(add_logo)
    signals.finalized.connect(write_icons)
