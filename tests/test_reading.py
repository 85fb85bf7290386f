"""What a parent reading the site sees: the author's post, word for word, and every page."""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from support.site import PAGES, POST

# The author's post as she sent it (shared/seeds/000_bcf5f99c49049d56.txt), byte for byte.
SEED = Path(__file__).parent / "authors_post.txt"
HEADINGS = [
    "The Importance of Infant Mental Health",
    "Why the First 1001 Days Matter",
    "How Baby Massage Supports Infant Mental Health",
    "Prioritising Mental Well-being from the Start",
]
BENEFITS = [
    "Strengthens Parent-Baby Bond",
    "Reduces Stress and Promotes Relaxation",
    "Encourages Emotional Regulation",
    "Enhances Secure Attachment",
]


def seed_sentences() -> list[str]:
    """Every sentence of the author's text, as typogrify prints her straight apostrophes."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    paragraphs = [line for line in lines if line and line != "Comments"]
    text = " ".join(paragraphs).replace("'", "\u2019")
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s]


def test_every_sentence_of_the_authors_post_is_published_unchanged(site):
    text = site.text(POST)
    missing = [sentence for sentence in seed_sentences() if sentence not in text]
    assert not missing, "sentences not on the page:\n" + "\n".join(missing)
    assert len(seed_sentences()) == 29


def test_the_post_keeps_her_curly_quotes_dashes_and_british_spelling(site):
    text = site.text(POST)
    for phrase in [
        "the \u201clove hormone,\u201d",
        "first 1001 days of life \u2013 from pregnancy",
        "Prioritising",
        "recognise",
        "Children\u2019s Mental Health Week",
    ]:
        assert phrase in text


def test_the_post_has_her_sections_as_headings_and_her_benefits_as_a_bold_list(site):
    article = site.html(POST).select_one("main article")
    assert [h.get_text(" ").replace("\xa0", " ") for h in article.find_all("h2")][:4] == HEADINGS
    items = article.select("ul > li")
    assert [li.strong.get_text() for li in items[:4]] == BENEFITS
    assert items[0].get_text().startswith("Strengthens Parent-Baby Bond \u2013 Skin-to-skin")


def test_the_old_platforms_comments_widget_is_not_published(site):
    assert "Comments" not in site.text(POST)


def test_the_post_is_dated_in_british_form_and_has_a_short_summary(site):
    page = site.html(POST)
    assert page.select_one("article time").get_text() == "3 February 2025"
    assert page.select_one("article time")["datetime"] == "2025-02-03"
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert 50 < len(description) <= 160


@pytest.mark.parametrize("url_path", PAGES)
def test_every_page_has_one_h1_a_title_a_description_and_british_english(site, url_path):
    page = site.html(url_path)
    assert page.html["lang"] == "en-GB"
    assert len(page.find_all("h1")) == 1
    assert page.title.get_text().strip()
    description = page.find("meta", attrs={"name": "description"})
    assert description and 20 <= len(description["content"]) <= 160
    assert page.select_one("a.skip[href='#main']") and page.select_one("main#main")


def test_the_home_page_introduces_her_and_offers_booking_and_the_latest_post(site):
    """Her name once, as the heading; the first button books the next course itself."""
    home = site.html("/")
    assert [h1.get_text() for h1 in home.find_all("h1")] == ["Gentle Touch Baby Massage"]
    first_button = home.select_one("main a.button")
    assert first_button.get_text() == "Book a place on Baby massage, Tuesday mornings"
    assert first_button["href"].startswith("mailto:hello@example.com?subject=Booking")
    assert home.find("a", href="/classes/")
    assert home.find("a", href=POST)


def test_the_contact_page_gives_the_email_and_phone_from_the_settings(site):
    contact = site.html("/contact/")
    assert contact.find("a", href=re.compile(r"^mailto:hello@example\.com\?subject="))
    assert contact.find("a", href="tel:07700900123").get_text() == "07700 900123"


def test_the_404_page_links_back_to_the_site(site):
    links = {a["href"] for a in site.html("/404.html").select("main a")}
    assert {"/", "/classes/", "/blog/"} <= links


def internal_targets(page) -> list[str]:
    refs = [a["href"] for a in page.find_all(["a", "link"], href=True)]
    refs += [img["src"] for img in page.find_all(["img", "source"], src=True)]
    for tag in page.find_all(["img", "source"], srcset=True):
        refs += [part.split()[0] for part in tag["srcset"].split(",")]
    return [ref for ref in refs if not urlparse(ref).scheme and not ref.startswith("//")]


def test_every_internal_link_and_image_resolves_to_a_file_in_the_output(site):
    broken = []
    for file in site.html_files():
        page = site.html(site.url_path(file))
        ids = {tag["id"] for tag in page.find_all(id=True)}
        for ref in internal_targets(page):
            path, _, fragment = ref.partition("#")
            if not path:
                if fragment not in ids:
                    broken.append(f"{site.url_path(file)} -> #{fragment}")
                continue
            assert path.startswith("/"), f"{site.url_path(file)}: relative link {ref}"
            if not site.exists(unquote(path)):
                broken.append(f"{site.url_path(file)} -> {ref}")
    assert not broken, "\n".join(broken)
    assert len(site.html_files()) >= len(PAGES)


def test_every_page_ships_no_javascript(site):
    assert not list(site.root.rglob("*.js"))
    for file in site.html_files():
        scripts = site.html(site.url_path(file)).find_all("script")
        assert all(s.get("type") == "application/ld+json" for s in scripts), file


def test_the_post_page_costs_at_most_5000_bytes_on_the_wire_as_published(published):
    """HTML and stylesheet, each compressed with gzip -9, as the live server sends them."""
    import gzip

    page = published.html(POST)
    stylesheet = page.find("link", rel="stylesheet")["href"].split("/", 3)[3]
    files = [published.file(POST), published.root / stylesheet]
    sizes = [len(gzip.compress(file.read_bytes(), 9, mtime=0)) for file in files]
    assert sum(sizes) <= 5000, sizes
    assert not page.find("script", src=True)
