"""How the site helps a parent tell the next one: posters, parents' words, replies, news of courses."""

import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import feedparser
import pytest
from support.site import CONTENT, POST, PUBLISHED_SITEURL, build, built

from plugins.testimonials import model as quotes

RUN = "/classes/2027-01-tuesday-mornings/"
COURSES = {"baby-massage": "Baby massage course"}
QUOTE = "<p>Bath time is calmer now.</p>"

TESTIMONIAL = """\
Name: {name}
{fields}
{quote}
"""


def write_testimonial(content, file, name, fields="Consent: yes", quote="My words."):
    folder = content / "testimonials"
    folder.mkdir(exist_ok=True)
    text = TESTIMONIAL.format(name=name, fields=fields, quote="\n" + quote if quote else "")
    (folder / file).write_text(text, encoding="utf-8")


def upcoming_run_paths(site) -> list[str]:
    """The runs a parent sees listed on /classes/, as URL paths."""
    links = [card.h3.a["href"] for card in site.html("/classes/").select(".runs .run")]
    return [urlparse(link).path for link in links]


def poster_paths(site) -> list[str]:
    return [
        urlparse(site.html(run).find("a", string="Print a poster")["href"]).path
        for run in upcoming_run_paths(site)
    ]


# --- Parents' words --------------------------------------------------------------


def test_a_quote_with_consent_gives_its_words_name_course_and_month():
    fields = {"name": "Sophie R.", "consent": "Yes", "course": "baby-massage", "date": "2026-10-14"}
    testimonial = quotes.testimonial_from_fields("sophie", fields, QUOTE, COURSES)
    assert testimonial.quote == QUOTE
    assert testimonial.attribution == "Sophie R., Baby massage course, October 2026"
    undated = quotes.testimonial_from_fields(
        "sam", {"name": "Sam", "consent": "yes"}, QUOTE, COURSES
    )
    assert undated.attribution == "Sam"


@pytest.mark.parametrize(
    "fields, quote, field, words",
    [
        ({"name": "Sophie R."}, QUOTE, "Consent", "add the line 'Consent: yes'"),
        ({"name": "Sophie R.", "consent": "no"}, QUOTE, "Consent", "must not be published"),
        ({"name": "Sophie R.", "consent": "maybe"}, QUOTE, "Consent", "must not be published"),
        ({"consent": "yes"}, QUOTE, "Name", "missing"),
        ({"name": "Sophie R.", "consent": "yes"}, "", "Quote", "parent's words"),
        ({"name": "S", "consent": "yes", "course": "yoga"}, QUOTE, "Course", "baby-massage"),
        ({"name": "S", "consent": "yes", "date": "14/10/2026"}, QUOTE, "Date", "YYYY-MM-DD"),
        ({"name": "S", "consent": "yes", "stars": "5"}, QUOTE, "Stars", "Name, Consent"),
    ],
)
def test_a_quote_that_cannot_be_published_names_the_field_and_the_fix(fields, quote, field, words):
    with pytest.raises(quotes.ContentError) as error:
        quotes.testimonial_from_fields("sophie", fields, quote, COURSES)
    assert error.value.field == field
    assert words in str(error.value)


def test_parents_words_with_consent_appear_on_classes_and_home_newest_first(content_copy, tmp_path):
    write_testimonial(content_copy, "a-older.md", "Priya K.", "Consent: yes\nDate: 2026-05-02")
    write_testimonial(
        content_copy,
        "b-newer.md",
        "Sophie R.",
        "Consent: yes\nCourse: baby-massage\nDate: 2026-10-14",
        "She sleeps so much better & so do I.",
    )
    site = built("preview", tmp_path / "output", content_copy)
    for path in ("/classes/", "/"):
        section = site.html(path).select_one("section.testimonials")
        captions = [figure.figcaption.get_text() for figure in section.select("figure")]
        assert captions == ["Sophie R., Baby massage course, October 2026", "Priya K., May 2026"]
        assert "She sleeps so much better & so do I." in section.blockquote.get_text().replace(
            "\xa0", " "
        )
        assert "Review" not in str(site.html(path).find_all("script"))


def test_a_quote_without_consent_stops_the_build_naming_the_file(content_copy, tmp_path):
    write_testimonial(content_copy, "sophie.md", "Sophie R.", "Consent: no")
    result = build("preview", tmp_path / "output", content_copy)
    assert result.returncode != 0
    assert "content/testimonials/sophie.md: Consent: 'no'" in result.stderr
    assert "must not be published" in result.stderr
    assert not (tmp_path / "output").exists()


def test_the_site_ships_no_testimonial_and_shows_no_empty_section(published):
    assert not list((CONTENT / "testimonials").glob("*.md"))
    for path in ("/classes/", "/"):
        assert published.html(path).select_one(".testimonials") is None


# --- Reply by e-mail ----------------------------------------------------------------


def subject_of(link) -> str:
    parts = urlparse(link["href"])
    assert parts.scheme == "mailto" and parts.path == "hello@example.com"
    return parse_qs(parts.query)["subject"][0]


def test_every_post_ends_with_a_reply_link_whose_subject_is_its_title(content_copy, tmp_path):
    title = 'Crème & "calm": Zoë\'s first class'
    post = "Title: {}\nDate: 2026-01-05 09:00\nSlug: awkward\nSummary: A test.\n\nText.\n"
    (content_copy / "blog" / "awkward.md").write_text(post.format(title), encoding="utf-8")
    site = built("preview", tmp_path / "output", content_copy)
    for path, expected in [
        ("/blog/awkward/", "Re: Crème & “calm”: Zoë’s first class"),
        (POST, "Re: " + site.html(POST).h1.get_text().replace("\xa0", " ")),
    ]:
        link = site.html(path).find("a", string="Reply by e-mail")
        assert subject_of(link) == expected
        assert "&amp;" not in link["href"] and " " not in link["href"]


# --- News of new courses ------------------------------------------------------------


def test_the_runs_feed_lists_exactly_the_upcoming_runs_with_their_details(published):
    feed = feedparser.parse((published.root / "classes" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    listed = [urlparse(entry.link).path for entry in feed.entries]
    assert sorted(listed) == sorted(upcoming_run_paths(published))
    assert "/classes/2026-09-tuesday-mornings/" not in listed  # ended before TODAY
    assert all(entry.link.startswith(PUBLISHED_SITEURL + "/") for entry in feed.entries)
    entry = next(e for e in feed.entries if e.link == PUBLISHED_SITEURL + RUN)
    assert entry.title == "Baby massage, Tuesday mornings, 12 January to 9 February 2027"
    for detail in ["Tuesdays, 10:00 to 11:00", "Parkside Community Centre", "£60", "3 places left"]:
        assert detail in entry.summary


def test_the_classes_page_offers_the_feed_and_an_email_for_news_of_new_courses(published):
    page = published.html("/classes/")
    feed_url = f"{PUBLISHED_SITEURL}/classes/feed.xml"
    assert page.find("link", rel="alternate", type="application/atom+xml", href=feed_url)
    assert page.find("a", href=feed_url)
    assert subject_of(page.find("a", string="Tell me about new courses")) == (
        "Tell me about new courses"
    )


# --- Share a course, book at a glance -----------------------------------------------


def test_run_pages_have_plain_share_links_whatsapp_first(published):
    for path in upcoming_run_paths(published):
        share = published.html(path).select_one("nav.share")
        assert share.h2.get_text() == "Share with a friend"
        first = share.find("a")
        assert first.get_text() == "WhatsApp"
        assert parse_qs(urlparse(first["href"]).query)["text"][0].endswith(PUBLISHED_SITEURL + path)


def test_a_phone_shows_day_dates_price_places_and_the_button_without_scrolling(
    browser, served_site, site
):
    for path in upcoming_run_paths(site):
        page = browser.new_page(viewport={"width": 375, "height": 667})
        page.goto(served_site + path)
        fold = page.evaluate("window.innerHeight")
        button = page.locator("main a.button").first.bounding_box()
        facts = page.locator("main .key-facts").bounding_box()
        badge = page.locator("main .badge").bounding_box()
        seen = page.locator("main .key-facts").inner_text()
        places = page.locator("main .badge").inner_text()
        page.close()
        assert button["y"] + button["height"] <= fold, path
        assert facts["y"] + facts["height"] <= fold, path
        assert badge["y"] + badge["height"] <= fold, path
        assert re.search(r"day", seen) and "£" in seen and re.search(r"place|booked", places)


# --- Posters ------------------------------------------------------------------------


def test_each_upcoming_run_links_to_its_poster_kept_out_of_search_and_sitemap(published):
    posters = poster_paths(published)
    assert posters == [f"{path}poster/" for path in upcoming_run_paths(published)]
    sitemap = (published.root / "sitemap.xml").read_text()
    for path in posters:
        page = published.html(path)
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.find("nav") is None
        assert f"{PUBLISHED_SITEURL}{path}" not in sitemap
    for path in upcoming_run_paths(published) + ["/", "/classes/"]:
        assert not published.html(path).select("nav a[href*=poster]")
    ET.fromstring(sitemap)  # still a well-formed sitemap


def test_a_poster_shows_what_a_parent_needs_to_book(published):
    text = published.text(RUN + "poster/")
    for detail in [
        "Baby massage course",
        "Five relaxed weekly sessions",
        "Tuesdays, 10:00 to 11:00",
        "12 January to 9 February 2027 (5 sessions)",
        "Parkside Community Centre",
        "£60 for 5 sessions",
        "6 weeks to crawling",
        "A small group of 8",
        "How to book",
        "www.example.com/classes/2027-01-tuesday-mornings/",
        "Emma Clarke",
        "07700 900123",
        "hello@example.com",
    ]:
        assert detail in text, detail
    qr = published.html(RUN + "poster/").select_one("main svg")
    assert qr["role"] == "img" and qr["aria-label"].endswith(PUBLISHED_SITEURL + RUN)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture
def live_page(browser, published):
    """A page that sees the published build at its real address, served from disk."""
    context = browser.new_context(viewport={"width": 800, "height": 1100})

    def from_disk(route):
        path = urlparse(route.request.url).path
        file = published.file(path)
        if file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(status=404, body="")

    context.route(f"{PUBLISHED_SITEURL}/**", from_disk)
    context.route(re.compile(r"^(?!" + re.escape(PUBLISHED_SITEURL) + ")"), lambda r: r.abort())
    page = context.new_page()
    yield page
    context.close()


def test_each_poster_prints_on_one_page_with_a_qr_code_of_the_run_address(live_page, published):
    import zxingcpp
    from PIL import Image

    for poster in poster_paths(published):
        live_page.goto(PUBLISHED_SITEURL + poster)
        assert live_page.evaluate("getComputedStyle(document.body).margin") == "0px", "unstyled"
        for paper in ("A4", "A5"):
            assert pdf_pages(live_page.pdf(format=paper)) == 1, f"{poster} on {paper}"
        shot = Image.open(io.BytesIO(live_page.screenshot(full_page=True)))
        codes = [code.text for code in zxingcpp.read_barcodes(shot)]
        assert codes == [PUBLISHED_SITEURL + poster.removesuffix("poster/")]
