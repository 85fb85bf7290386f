"""Draw share images with Pillow: a title card in the brand colours, or a cropped photo.

A character the card's font has no glyph for (an emoji in a title: "Tummy time 💛")
is left out of the card rather than drawn as an empty box; the alt text keeps it.
"""

import functools
import re
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..shared import read_photo

SIZE = WIDTH, HEIGHT = 1200, 630
MARGIN = 72
TITLE_SIZES = (72, 64, 56, 50, 44)
LINE_SPACING = 1.18
SUBTITLE_SIZE = 36
NAME_SIZE = 34
RULE_Y = HEIGHT - MARGIN - NAME_SIZE - 30


@functools.lru_cache(maxsize=32)
def font(file: str, size: int) -> ImageFont.FreeTypeFont:
    """Fonts are loaded once per process: loading took half the time of drawing a card."""
    return ImageFont.truetype(file, size)


@functools.lru_cache(maxsize=4)
def blank_card(site_name: str, background: str, text: str, accent: str, regular: str):
    """What every card shares: the background, the rule and the business name below it."""
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.line((MARGIN, RULE_Y, WIDTH - MARGIN, RULE_Y), fill=accent, width=3)
    name_font = font(regular, NAME_SIZE)
    draw.text(
        (MARGIN, RULE_Y + 22),
        truncate(site_name, name_font, WIDTH - 2 * MARGIN),
        font=name_font,
        fill=text,
    )
    return image


def title_card(
    title: str, subtitle: str, site_name: str, colours: dict, fonts: dict
) -> Image.Image:
    """The title, wrapped to fit, an optional subtitle, and the business name below a rule."""
    title = drawable(title, fonts["bold"])
    subtitle, site_name = (
        drawable(subtitle, fonts["regular"]),
        drawable(site_name, fonts["regular"]),
    )
    image = blank_card(
        site_name, colours["background"], colours["text"], colours["accent"], fonts["regular"]
    ).copy()
    draw = ImageDraw.Draw(image)
    subtitle_font = font(fonts["regular"], SUBTITLE_SIZE)
    subtitle_height = int(SUBTITLE_SIZE * 1.6) if subtitle else 0
    title_font, lines = fit_title(
        title, fonts["bold"], WIDTH - 2 * MARGIN, RULE_Y - 30 - MARGIN - subtitle_height
    )
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=colours["text"])
        y += int(title_font.size * LINE_SPACING)
    if subtitle:
        subtitle = truncate(subtitle, subtitle_font, WIDTH - 2 * MARGIN)
        draw.text(
            (MARGIN, y + SUBTITLE_SIZE // 2), subtitle, font=subtitle_font, fill=colours["accent"]
        )
    return image


@functools.cache
def characters_in(font_file: str) -> frozenset[int]:
    return frozenset(TTFont(font_file, lazy=True).getBestCmap())


def drawable(text: str, font_file: str) -> str:
    """The text without the characters the font cannot draw, spaces tidied."""
    known = characters_in(font_file)
    kept = "".join(c for c in text if ord(c) in known or c.isspace())
    return re.sub(r"\s+", " ", kept).strip()


def fit_title(title: str, font_file: str, width: int, height: int):
    """The largest font size at which the title fits the box; at the smallest, cut with '…'."""
    for size in TITLE_SIZES:
        title_font = font(font_file, size)
        lines = wrap(title, title_font, width)
        if len(lines) * size * LINE_SPACING <= height:
            return title_font, lines
    most = int(height // (size * LINE_SPACING))
    kept = lines[:most]
    if len(lines) > most:
        kept[-1] = truncate(kept[-1] + " " + " ".join(lines[most:]), title_font, width)
    return title_font, kept


def wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.extend(split_long_word(word, font, width))
    return lines


def split_long_word(word: str, font, width: int) -> list[str]:
    pieces = [""]
    for character in word:
        if font.getlength(pieces[-1] + character) > width:
            pieces.append("")
        pieces[-1] += character
    return pieces


def truncate(text: str, font, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def cropped_photo(path: Path, paper: str) -> Image.Image:
    """The photo upright and in sRGB, as on the page, with any see-through parts on
    `paper` (a JPEG has none), cut to 1200×630 around its centre."""
    upright = read_photo(path).convert("RGBA")
    flat = Image.new("RGB", upright.size, paper)
    flat.paste(upright, mask=upright.getchannel("A"))
    return ImageOps.fit(flat, SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def logo(initials: str, colours: dict, fonts: dict, size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=colours["background"])
    font = ImageFont.truetype(fonts["bold"], size * 2 // 5)
    draw.text((size / 2, size / 2), initials, font=font, fill=colours["text"], anchor="mm")
    return image


def save_jpeg(image: Image.Image, path: Path) -> None:
    """Saved without any metadata (no EXIF, no GPS): Pillow writes none unless asked.
    Baseline, not progressive, and without Huffman optimisation: each halves the time to
    encode, for 10-15% more bytes, which only link previews fetch, never a reader's page."""
    image.save(path, "JPEG", quality=82)
