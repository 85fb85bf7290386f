"""How the site helps a parent tell the next one: posters, parents' words, replies, news of courses."""

import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import feedparser
import pytest
from support.content import write_schedule
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


FULL_RUN = "/classes/2027-01-thursday-afternoons/"  # 6 of 6 places booked


def poster_text(site, path) -> str:
    """The poster's words as printed: inline pieces (an address's parts) run together."""
    return " ".join(site.html(path).main.get_text("").replace("\xa0", " ").split())


def test_a_poster_shows_what_a_parent_needs_to_book(published):
    page = published.html(RUN + "poster/")
    assert page.h1.get_text(" ", strip=True) == (
        "Baby massage course in Didsbury Tuesdays, 10:00 to 11:00, from 12 January 2027"
    )
    text = poster_text(published, RUN + "poster/")
    for detail in [
        "Five relaxed weekly sessions",
        "12 January to 9 February 2027",
        "Parkside Community Centre, 24 Parkside Road, Didsbury, Manchester, M20 2XY",
        "£60 for 5 sessions",
        "6 weeks to crawling",
        "A small group of 8",
        "How to book",
        "Scan the code with your phone’s camera",
        "Emma Clarke",
        "07700 900123",
        "hello@example.com",
    ]:
        assert detail in text, detail
    assert "'" not in text, "straight apostrophes: typogrify's curly ones everywhere else"
    assert "Fully booked" not in text
    address = page.select_one(".address a")
    assert address.get_text() == "www.example.com/classes/2027-01-tuesday-mornings/"
    assert address["href"] == PUBLISHED_SITEURL + RUN
    qr = page.select_one("main svg.qr")
    assert qr["role"] == "img" and qr["aria-label"].endswith(PUBLISHED_SITEURL + RUN)


def test_a_fully_booked_runs_poster_says_so_and_offers_the_waiting_list(published):
    page = published.html(FULL_RUN + "poster/")
    assert page.select_one(".state").get_text() == "Fully booked: join the waiting list"
    assert page.select_one(".book h2").get_text() == "Join the waiting list"
    assert "How to book" not in poster_text(published, FULL_RUN + "poster/")


def test_finished_and_cancelled_runs_have_no_poster(content_copy, tmp_path):
    write_schedule(content_copy)
    site = built("preview", tmp_path / "output", content_copy, today="2026-03-01")
    for run in ["past", "cancelled"]:
        assert not site.exists(f"/classes/{run}/poster/"), run
        assert not site.html(f"/classes/{run}/").find("a", string="Print a poster"), run
    assert site.exists("/classes/full/poster/") and site.exists("/classes/spring/poster/")


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


# Inside the poster's 10 mm margins, in CSS pixels (96 to the inch).
PRINTED_WIDTH = {"A4": round(190 / 25.4 * 96), "A5": round(128 / 25.4 * 96)}
MM_PER_PX = 25.4 / 96
PT_PER_PX = 72 / 96

# Every piece of text on the page: its words, size, colour and the colour behind it.
TEXTS = r"""() => [...document.querySelectorAll("main *")]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim()))
  .filter(e => e.getClientRects().length)
  .map(e => {
    let behind = e, background = "rgba(0, 0, 0, 0)";
    while (behind && /rgba\(.*, 0\)|transparent/.test(background)) {
      background = getComputedStyle(behind).backgroundColor; behind = behind.parentElement;
    }
    const style = getComputedStyle(e);
    return {text: e.textContent.trim(), selector: e.tagName + "." + e.className, size: parseFloat(style.fontSize),
            colour: style.color, background: /rgba\(.*, 0\)/.test(background) ? "rgb(255, 255, 255)" : background};
  })"""

# The characters after which the address's text goes on to a new line.
ADDRESS_BREAKS = r"""() => {
  const chars = [];
  const walk = document.createTreeWalker(document.querySelector(".address a"), NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode()); ) for (let i = 0; i < node.length; i++) {
    const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
    chars.push([node.data[i], range.getBoundingClientRect().top]);
  }
  const breaks = [];
  for (let i = 1; i < chars.length; i++) if (chars[i][1] > chars[i - 1][1] + 4) breaks.push(chars[i - 1][0]);
  return breaks;
}"""


def rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])


def printed_grey(colour: tuple[int, ...]) -> tuple[int, int, int]:
    """A colour as a black-and-white printer prints it (its luma, ITU-R BT.601)."""
    red, green, blue = colour
    grey = round(0.299 * red + 0.587 * green + 0.114 * blue)
    return grey, grey, grey


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """WCAG's contrast ratio of two sRGB colours."""

    def luminance(colour):
        channels = [v / 255 for v in colour]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


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


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_a_printed_poster_reads_from_across_a_room_in_colour_or_black_and_white(
    live_page, published, paper
):
    from PIL import Image

    live_page.emulate_media(media="print")
    live_page.set_viewport_size({"width": PRINTED_WIDTH[paper], "height": 1000})
    for poster in poster_paths(published):
        live_page.goto(PUBLISHED_SITEURL + poster)
        texts = live_page.evaluate(TEXTS)
        for text in texts:
            colour, background = rgb(text["colour"]), rgb(text["background"])
            assert contrast(printed_grey(colour), printed_grey(background)) >= 4.5, text
        if paper == "A4":  # the headline and the facts from 2 m: at least 24 pt
            seen_from_afar = [
                t for t in texts if re.match(r"(H1|SPAN\.when|P\.state|DT|DD)", t["selector"])
            ]
            assert {t["selector"] for t in seen_from_afar} >= {"H1.", "SPAN.when", "DT.", "DD."}
            for text in seen_from_afar:
                assert text["size"] * PT_PER_PX >= 24, text
        breaks = live_page.evaluate(ADDRESS_BREAKS)
        assert all(after == "/" for after in breaks), f"{poster}: the address breaks after {breaks}"
        qr = live_page.locator("svg.qr").bounding_box()
        assert min(qr["width"], qr["height"]) * MM_PER_PX >= 60, f"{poster}: QR code {qr}"
        mark = Image.open(io.BytesIO(live_page.locator(".mark").screenshot())).convert("RGB")
        pixels = mark.width * mark.height
        shapes = [
            colour
            for count, colour in sorted(mark.getcolors(pixels), reverse=True)
            if count >= 0.03 * pixels and colour != (255, 255, 255)
        ]
        ground, *drawn = shapes
        assert drawn, "the site's mark, a shape on a ground, is on the poster"
        assert contrast(printed_grey(ground), (255, 255, 255)) >= 3
        for shape in drawn:
            assert contrast(printed_grey(shape), printed_grey(ground)) >= 3, (ground, shape)
