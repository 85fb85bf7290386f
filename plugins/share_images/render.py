"""Draw share images with Pillow: a card of words on a light panel, framed by a photo or
by the brand colour.

Every word sits on the panel, inside the card's central square: WhatsApp and others show
a small preview cropped to a square, and keep it whole. A run's day, time, first date and
area are drawn large enough to read when the card is shown 300 pixels wide (capitals at
least 40 pixels tall here, 10 there). Words are dark brand colour on the light one (black
if a brand colour ever made that under 4.5:1).

A character the card's font has no glyph for (an emoji in a title: "Tummy time 💛")
is left out of the card rather than drawn as an empty box; the alt text keeps it.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from ..shared import read_photo

SIZE = WIDTH, HEIGHT = 1200, 630
SQUARE = ((WIDTH - HEIGHT) // 2, 0, (WIDTH + HEIGHT) // 2, HEIGHT)  # what a square crop keeps
PADDING = 44  # inside the panel
COLUMN = SQUARE[2] - SQUARE[0] - 2 * PADDING
TITLE_SIZES = (64, 58, 52, 46, 42)
FACT_SIZE = 60  # capitals 40 px tall: 10 px in a 300 px preview
DETAIL_SIZE = 34
BADGE_SIZE = 42
NAME_SIZE = 30
MARK_SIZE = 48
LINE_SPACING = 1.16
GAP = 18
BADGE_PAD = 12  # around a badge's words, inside its label
MARK_GAP = 14  # between the mark and the business name
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class CardWords:
    """What a card says, top to bottom: a title, a badge ("Fully booked"), the facts
    that sell a run in large type (day and time, first date, area), a smaller detail."""

    title: str
    badge: str = ""
    facts: tuple[str, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class Text:
    """One line of words where it is drawn: its top-left corner, font and colours."""

    text: str
    x: int
    y: int
    font_file: str
    size: int
    colour: str
    background: str


@functools.lru_cache(maxsize=32)
def font(file: str, size: int) -> ImageFont.FreeTypeFont:
    """Fonts are loaded once per process: loading took half the time of drawing a card."""
    return ImageFont.truetype(file, size)


def card(
    words: CardWords, site_name: str, colours: dict, fonts: dict, photo: Path | None = None
) -> Image.Image:
    """The words on a panel in the central square; around it the photo, or the brand colour."""
    texts, panel_top = layout(words, site_name, colours, fonts, photo is not None)
    if photo:
        image = framed(photo, colours)
        draw = ImageDraw.Draw(image)
        draw.rectangle((SQUARE[0], panel_top, SQUARE[2] - 1, HEIGHT), fill=colours["text"])
    else:
        image = brand_frame(colours["background"], colours["accent"], colours["text"]).copy()
        draw = ImageDraw.Draw(image)
    for text in texts:
        face = font(text.font_file, text.size)
        if text.background != colours["text"]:  # a badge: light words on a dark label
            _, top, right, bottom = face.getbbox(text.text)
            box = (text.x - BADGE_PAD, text.y + top - BADGE_PAD, text.x + right + BADGE_PAD)
            draw.rounded_rectangle((*box, text.y + bottom + BADGE_PAD), 10, fill=text.background)
        draw.text((text.x, text.y), text.text, font=face, fill=text.colour)
    name = texts[-1]
    stamp = cached_mark(MARK_SIZE, colours["background"], colours["accent"], colours["text"])
    image.paste(stamp, (SQUARE[0] + PADDING, name.y - (MARK_SIZE - NAME_SIZE) // 2 + 2), stamp)
    return image


# When a card's words do not fit, each step gives up a little more, in this order: smaller
# title sizes, no venue name, a one-line title, closer fact lines; the facts keep 60 px.
SQUEEZES = (
    # (title sizes, most title lines, with the detail, fact line spacing)
    (TITLE_SIZES, 6, True, LINE_SPACING),
    (TITLE_SIZES[-2:], 6, True, LINE_SPACING),
    (TITLE_SIZES[-1:], 2, False, LINE_SPACING),
    (TITLE_SIZES[-1:], 1, False, 1.04),
)


def layout(
    words: CardWords, site_name: str, colours: dict, fonts: dict, photo: bool = False
) -> tuple[list[Text], int]:
    """Every line of words where it goes, top to bottom, the business name last, and the
    panel's top. Over a photo the panel is as tall as its words need, standing on the
    card's bottom, so the photo shows above; without one it is the card's height, the
    words in its middle."""
    paper, ink = colours["text"], readable(colours["background"], colours["text"])
    regular = fonts["regular"]
    for squeeze in SQUEEZES:
        groups = word_groups(words, fonts, *squeeze)
        height = sum(group_height(*group) + GAP for group in groups) + MARK_SIZE + 2 * PADDING
        if height <= HEIGHT:
            break
    top = max(0, HEIGHT - height) if photo else 0
    y, texts = top + PADDING + (0 if photo else max(0, HEIGHT - height) // 2), []
    for lines, file, size, spacing, badge in groups:
        pad = BADGE_PAD if badge else 0
        colour, background = (paper, ink) if badge else (ink, paper)
        for line in lines:
            texts.append(
                Text(line, SQUARE[0] + PADDING + pad, y + pad, file, size, colour, background)
            )
            y += round(size * spacing)
        y += 2 * pad + GAP
    name_x = SQUARE[0] + PADDING + MARK_SIZE + MARK_GAP
    name = truncate(
        drawable(site_name, regular), font(regular, NAME_SIZE), SQUARE[2] - PADDING - name_x
    )
    name_y = y + (MARK_SIZE - NAME_SIZE) // 2 - 4
    texts.append(Text(name, name_x, name_y, regular, NAME_SIZE, ink, paper))
    return texts, top


def word_groups(words: CardWords, fonts: dict, title_sizes, title_lines, detail, spacing):
    """The card's lines in groups: (lines, font, size, line spacing, a badge?)."""
    bold, regular = fonts["bold"], fonts["regular"]
    # a run's facts are its headline: its title gives them the largest type
    sizes = [size for size in title_sizes if size <= 52] if words.facts else title_sizes
    title_font, title = fit_title(drawable(words.title, bold), bold, sizes, title_lines)
    facts = [wrap(drawable(fact, bold), font(bold, FACT_SIZE), COLUMN) for fact in words.facts]
    shown = truncate(drawable(words.detail, regular), font(regular, DETAIL_SIZE), COLUMN)
    groups = [
        (title, bold, title_font.size, LINE_SPACING, False),
        (
            [drawable(words.badge, bold)] if words.badge else [],
            bold,
            BADGE_SIZE,
            LINE_SPACING,
            True,
        ),
        ([line for lines in facts for line in lines], bold, FACT_SIZE, spacing, False),
        ([shown] if shown and detail else [], regular, DETAIL_SIZE, LINE_SPACING, False),
    ]
    return [group for group in groups if group[0]]


def group_height(lines: list[str], file: str, size: int, spacing: float, badge: bool) -> int:
    return len(lines) * round(size * spacing) + (2 * BADGE_PAD if badge else 0)


def readable(preferred: str, paper: str) -> str:
    """The brand colour for words on the paper, or black where it would read under 4.5:1."""
    return preferred if contrast(preferred, paper) >= MIN_CONTRAST else "#000000"


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours written #rrggbb."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def relative_luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@functools.lru_cache(maxsize=4)
def brand_frame(background: str, accent: str, paper: str) -> Image.Image:
    """The brand colour with ripples, as of a gentle touch, spreading from two corners, and
    the panel for the words the card's full height."""
    image = Image.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(image)
    ripple = Image.blend(
        Image.new("RGB", (1, 1), background), Image.new("RGB", (1, 1), accent), 0.2
    )
    for cx, cy in ((120, HEIGHT - 110), (WIDTH - 120, 110)):
        for radius in range(70, 700, 56):
            box = (cx - radius, cy - radius, cx + radius, cy + radius)
            draw.ellipse(box, outline=ripple.getpixel((0, 0)), width=5)
    draw.rectangle((SQUARE[0], 0, SQUARE[2] - 1, HEIGHT), fill=paper)
    return image


def framed(photo: Path, colours: dict) -> Image.Image:
    """The photo across the whole card: the panel covers its lower middle, so its top shows
    above the words (and in a square crop) and its sides beside them."""
    return cropped_photo(photo, colours["text"], centering=(0.5, 0.3))


@functools.lru_cache(maxsize=4)
def cached_mark(size: int, background: str, accent: str, light: str) -> Image.Image:
    return mark(size, {"background": background, "accent": accent, "text": light})


# The site's mark, as the favicon draws it on a 32×32 grid (plugins/site_icons): a cradle
# (the lower half of a circle) in the accent colour holding a head in the light colour,
# on a disc of the brand colour.
MARK_CRADLE = {"centre": (16, 15), "radius": 8, "width": 3.5}
MARK_HEAD = {"centre": (16, 11.5), "radius": 4}


def mark(size: int, colours: dict) -> Image.Image:
    """The mark as a round badge, drawn four times larger and scaled down for smooth edges."""
    scale = size * 4 / 32
    image = Image.new("RGBA", (size * 4,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def disc(centre, radius, fill):
        x, y = centre
        box = [
            (x - radius) * scale,
            (y - radius) * scale,
            (x + radius) * scale,
            (y + radius) * scale,
        ]
        draw.ellipse(box, fill=fill)

    disc((16, 16), 16, colours["background"])
    (cx, cy), radius, width = MARK_CRADLE.values()
    outer = radius + width / 2  # Pillow draws an arc's width inside its box
    box = [(cx - outer) * scale, (cy - outer) * scale, (cx + outer) * scale, (cy + outer) * scale]
    draw.arc(box, 0, 180, fill=colours["accent"], width=round(width * scale))
    for end in (cx - radius, cx + radius):  # round ends
        disc((end, cy), width / 2, colours["accent"])
    disc(MARK_HEAD["centre"], MARK_HEAD["radius"], colours["text"])
    return image.resize((size, size), Image.Resampling.LANCZOS)


@functools.cache
def characters_in(font_file: str) -> frozenset[int]:
    return frozenset(TTFont(font_file, lazy=True).getBestCmap())


def drawable(text: str, font_file: str) -> str:
    """The text without the characters the font cannot draw, spaces tidied."""
    known = characters_in(font_file)
    kept = "".join(c for c in text if ord(c) in known or c.isspace())
    return re.sub(r"\s+", " ", kept).strip()


def fit_title(title: str, font_file: str, sizes=TITLE_SIZES, most_lines: int = 6):
    """The largest font size at which the title fits in a few lines (four at large sizes,
    up to `most_lines` at smaller ones); at the smallest, cut with '…'."""
    for size in sizes:
        title_font = font(font_file, size)
        lines = wrap(title, title_font, COLUMN)
        if len(lines) <= min(most_lines, 4 if size >= 52 else 6):
            return title_font, lines
    kept = lines[:most_lines]
    kept[-1] = truncate(" ".join(lines[most_lines - 1 :]), title_font, COLUMN)
    return title_font, kept


def wrap(text: str, font, width: int) -> list[str]:
    """Lines that fit `width`, broken between words; a word too long for a line is broken
    after a hyphen (Chorlton-|cum-Hardy), and only if that is not enough, anywhere."""
    lines: list[str] = []
    for word in text.split():
        pieces = re.findall(r"[^-]+-*|-+", word) if font.getlength(word) > width else [word]
        for index, piece in enumerate(pieces):
            joined = f"{lines[-1]}{'' if index else ' '}{piece}" if lines else piece
            if lines and font.getlength(joined) <= width:
                lines[-1] = joined
            else:
                lines.extend(split_long_word(piece, font, width))
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


def cropped_photo(path: Path, paper: str, centering=(0.5, 0.5)) -> Image.Image:
    """The photo upright and in sRGB, as on the page, with any see-through parts on
    `paper` (a JPEG has none), cut to 1200×630 around `centering`."""
    photo = read_photo(path)
    if photo.mode == "RGBA":
        flat = Image.new("RGB", photo.size, paper)
        flat.paste(photo, mask=photo.getchannel("A"))
        photo = flat
    # halved quickly first (reducing_gap), then Lanczos: a phone's 12 MP in a tenth of the time
    box = cover(photo.size, centering)
    return photo.resize(SIZE, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def cover(size: tuple[int, int], centering) -> tuple[float, float, float, float]:
    """The part of a picture of `size` with the card's shape, as large as fits."""
    width, height = size
    crop_width, crop_height = (
        min(width, height * WIDTH / HEIGHT),
        min(height, width * HEIGHT / WIDTH),
    )
    left, top = (width - crop_width) * centering[0], (height - crop_height) * centering[1]
    return left, top, left + crop_width, top + crop_height


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
