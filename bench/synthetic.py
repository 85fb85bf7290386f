"""Synthetic blog posts for the benchmarks: realistic in size and shape, the same on every run.

Each post is about 800 words of Markdown with `##` headings, paragraphs, a bullet
list, root-relative and external links, and the same fields as content/blog/*.md,
within the limits that plugins/content_checks enforces.
"""

import datetime
import random
import shutil
from pathlib import Path

SEED = 20261201
MIN_WORDS = 700  # sections are added until a post has this many words: ~800 on average
SUMMARY_LIMIT = 150
FIRST_DAY = datetime.date(2019, 1, 1)
LAST_DAY = datetime.date(2026, 11, 30)  # before the pinned TODAY

CATEGORIES = ["Baby massage", "Sleep", "Bonding", "Classes news"]
TAGS = [
    "baby massage",
    "bonding",
    "sleep",
    "colic",
    "wind",
    "tummy time",
    "crying",
    "newborns",
    "dads",
    "postnatal wellbeing",
    "infant mental health",
    "routines",
    "skin-to-skin",
    "reflux",
    "teething",
]
TITLE_OPENINGS = [
    "Why babies love",
    "Five gentle ideas for",
    "What I have learnt about",
    "A parent's guide to",
    "Questions parents ask about",
    "Making time for",
]
TITLE_TOPICS = [
    "tummy massage",
    "bedtime routines",
    "a calm evening",
    "windy afternoons",
    "the first weeks at home",
    "massage after bath time",
    "leg and foot strokes",
    "quiet time together",
    "the clocks changing",
    "a baby who won't settle",
]
VOCABULARY = (
    "baby babies parent parents massage gentle calm touch strokes oil warm room "
    "bath evening morning sleep settle cry crying wind colic tummy legs feet hands "
    "back chest face smile eye contact bond bonding routine class classes course "
    "week weeks month months home together quiet slow soft voice song rhythm "
    "breathe relax notice cue cues ready tired hungry happy content little one "
    "grown-up caregiver time minutes practice learn share help helps support "
    "feel feels safe secure close every each often sometimes always gently"
).split()
CONTRACTIONS = ["it's", "don't", "you'll", "baby's", "they're", "I'm", "we'll", "can't"]
INTERNAL_LINKS = [
    ("my classes", "/classes/"),
    ("the FAQ", "/faq/"),
    ("get in touch", "/contact/"),
    ("about me", "/about/"),
    ("the blog", "/blog/"),
]
EXTERNAL_LINKS = [
    ("the NHS", "https://www.nhs.uk/conditions/baby/"),
    ("Unicef UK", "https://www.unicef.org.uk/babyfriendly/"),
    ("the Lullaby Trust", "https://www.lullabytrust.org.uk/"),
    ("Best Beginnings", "https://www.bestbeginnings.org.uk/"),
]


def make_content(source: Path, destination: Path, posts: int) -> Path:
    """Copy the real content folder to `destination` and add `posts` synthetic posts to blog/."""
    shutil.copytree(source, destination)
    write_posts(destination / "blog", posts)
    return destination


def write_posts(folder: Path, count: int) -> list[Path]:
    """Write `count` posts into `folder`; the same seed always gives the same files."""
    rng = random.Random(SEED)
    paths = []
    for number in range(1, count + 1):
        date = random_date(rng)
        slug = f"bench-post-{number:04d}"
        path = folder / f"{date:%Y-%m-%d}-{slug}.md"
        path.write_text(post_markdown(rng, slug, date), encoding="utf-8")
        paths.append(path)
    return paths


def post_markdown(rng: random.Random, slug: str, date: datetime.datetime) -> str:
    title = f"{rng.choice(TITLE_OPENINGS)} {rng.choice(TITLE_TOPICS)}"
    body = post_body(rng)
    fields = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Slug: {slug}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randint(2, 5)))}",
        f"Summary: {summary(rng)}",
    ]
    return "\n".join(fields) + "\n\n" + body


def random_date(rng: random.Random) -> datetime.datetime:
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    return datetime.datetime.combine(day, datetime.time(rng.randrange(7, 21), rng.choice([0, 30])))


def summary(rng: random.Random) -> str:
    """One or two plain sentences, cut at a word so they fit SUMMARY_LIMIT."""
    words = sentence(rng, 30).split()
    while len(" ".join(words)) > SUMMARY_LIMIT - 1:
        words.pop()
    return " ".join(words).rstrip(",.") + "."


def post_body(rng: random.Random) -> str:
    """Sections of a heading, paragraphs and now and then a bullet list, to ~800 words."""
    blocks = [paragraph(rng)]
    while word_count(blocks) < MIN_WORDS:
        blocks.append(f"## {sentence(rng, rng.randint(3, 7)).rstrip('.')}")
        blocks += [paragraph(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            blocks.append(bullet_list(rng))
    return "\n\n".join(blocks) + "\n"


def word_count(blocks: list[str]) -> int:
    return sum(len(block.split()) for block in blocks)


def paragraph(rng: random.Random) -> str:
    sentences = [sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.4:
        sentences.append(link_sentence(rng, INTERNAL_LINKS))
    if rng.random() < 0.25:
        sentences.append(link_sentence(rng, EXTERNAL_LINKS))
    return " ".join(sentences)


def bullet_list(rng: random.Random) -> str:
    return "\n".join(
        f"- **{sentence(rng, 2).rstrip('.')}**: {sentence(rng, rng.randint(6, 14))}"
        for _ in range(rng.randint(3, 5))
    )


def sentence(rng: random.Random, length: int) -> str:
    """Random words with the odd straight apostrophe or quote, for typogrify to curl."""
    words = [rng.choice(CONTRACTIONS if rng.random() < 0.08 else VOCABULARY) for _ in range(length)]
    if length > 6 and rng.random() < 0.2:
        words[2] = f'"{words[2]}'
        words[4] = f'{words[4]}"'
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def link_sentence(rng: random.Random, links: list[tuple[str, str]]) -> str:
    text, url = rng.choice(links)
    return f"You can read more in [{text}]({url})."
