"""What a parent sees at a glance, measured in Chromium on a phone and a laptop: the next
course and its button in the first screen, a header of one line, buttons a thumb can tap,
places in words and in colour, photos where she has them, and the site's mark as its icons."""

import json
import shutil

import pytest
from PIL import Image
from support.browser import serve
from support.content import tiny_content
from support.photos import phone_heic, phone_jpeg
from support.site import CONTENT, POST, TODAY, BuiltSite

from publishing.build import DEV_SETTINGS, BuildFailed, build

PHONES = [(360, 640), (375, 667)]
SCREENS = [*PHONES, (1280, 800)]
RUN = "/classes/2027-01-tuesday-mornings/"
EVERY_KIND_OF_PAGE = ["/", "/classes/", RUN, POST, "/blog/", "/about/", "/faq/", "/contact/"]
THUMB = 44  # px: the height and width a thumb hits without care (WCAG 2.5.5, Apple, Android)


def open_at(browser, url, size, scheme="light"):
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.goto(url, wait_until="load")
    return page


def bottom(page, selector) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["y"] + box["height"]


# --- The first screen ------------------------------------------------------------------


@pytest.mark.parametrize("size", PHONES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", ["/", "/classes/"])
def test_the_next_course_its_facts_and_book_a_place_show_without_scrolling(
    browser, served_site, path, size
):
    page = open_at(browser, served_site + path, size)
    card = "main .run"
    seen = {
        what: bottom(page, f"{card} {selector}")
        for what, selector in {
            "dates": ".i-date",
            "place": ".i-place",
            "price": ".i-price",
            "places left": ".badge",
            "Book a place": "a.button",
        }.items()
    }
    button = page.locator(f"{card} a.button").first.inner_text()
    fold = page.evaluate("innerHeight")
    page.close()
    assert button.startswith("Book a place")
    below = {what: round(y) for what, y in seen.items() if y > fold}
    assert not below, f"{path} at {size}: below the fold ({fold} px): {below}"


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_header_is_one_line_of_the_same_height_on_every_page(browser, served_site, size):
    heights, widths = {}, {}
    for path in EVERY_KIND_OF_PAGE:
        page = open_at(browser, served_site + path, size)
        header = page.evaluate(
            """() => {
              const header = document.querySelector('.site-header');
              const parts = [header.querySelector('.brand'), ...header.querySelectorAll('nav a')];
              const tops = parts.map(p => Math.round(p.getBoundingClientRect().top));
              const widths = Object.fromEntries([...header.querySelectorAll('nav a')].map(
                a => [a.textContent, a.getBoundingClientRect().width]));
              return {height: header.getBoundingClientRect().height, tops, widths,
                      overflow: document.documentElement.scrollWidth - innerWidth};
            }"""
        )
        page.close()
        assert max(header["tops"]) - min(header["tops"]) <= 8, f"{path}: not one line {header}"
        assert header["overflow"] <= 0, f"{path} is wider than the screen"
        heights[path] = header["height"]
        widths[path] = header["widths"]
    assert len(set(heights.values())) == 1, heights
    # The current page is marked without making its link wider (no bold).
    assert all(w == widths["/"] for w in widths.values()), widths


def test_the_current_page_is_marked_by_colour_and_underline(browser, served_site):
    page = open_at(browser, served_site + "/classes/", (375, 667))
    current, other = (
        page.evaluate(
            f"""() => {{ const s = getComputedStyle(document.querySelector('nav a{which}'));
                return [s.fontWeight, s.textDecorationLine, s.color]; }}"""
        )
        for which in ("[aria-current]", ":not([aria-current])")
    )
    page.close()
    assert current[0] == other[0]  # same weight, same width
    assert current[1] == "underline" and other[1] == "none"
    assert current[2] != other[2]


def test_the_site_name_is_said_once_on_the_home_page(browser, served_site):
    for size in SCREENS:
        page = open_at(browser, served_site + "/", size)
        visible = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(el =>
                 [...el.childNodes].some(n => n.nodeType === 3 &&
                   n.textContent.includes('Gentle Touch Baby Massage')) &&
                 el.getClientRects().length && !el.closest('footer')).map(el => el.tagName)"""
        )
        page.close()
        assert visible == ["H1"], (size, visible)


# --- Buttons a thumb can tap -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/contact/", RUN])
def test_e_mail_call_text_and_whatsapp_are_buttons_a_thumb_can_tap(browser, served_site, path):
    page = open_at(browser, served_site + path, (360, 640))
    found = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('main .actions a')].map(a => {
             const r = a.getBoundingClientRect();
             return [a.getAttribute('href').split(':')[0].split('?')[0], [r.width, r.height]]; }))"""
    )
    page.close()
    assert set(found) == {"mailto", "tel", "sms", "https"}, found  # https: WhatsApp
    small = {kind: size for kind, size in found.items() if min(size) < THUMB}
    assert not small, small


def test_text_and_whatsapp_are_offered_only_for_a_mobile_number(tmp_path):
    content = tiny_content(tmp_path / "content")
    output = tmp_path / "output"
    build(DEV_SETTINGS, output, content, TODAY, extra={"CONTACT_PHONE": "0161 496 0000"})
    contact = BuiltSite(output).html("/contact/")
    links = [a["href"] for a in contact.select("main .actions a")]
    assert links[1:] == ["tel:01614960000"]
    assert links[0].startswith("mailto:")


def test_whatsapp_opens_a_chat_with_her_uk_mobile(site):
    whatsapp = site.html("/contact/").find("a", string="WhatsApp")["href"]
    assert whatsapp == "https://wa.me/447700900123"


def test_social_addresses_break_after_a_slash_never_inside_a_word(browser, served_site, site):
    links = site.html("/contact/").select("dl.contact a[rel=me]")
    assert [str(a.decode_contents()) for a in links] == [
        "facebook.com/<wbr/>gentletouchbabymassage",
        "instagram.com/<wbr/>gentletouchbabymassage",
    ]
    page = open_at(browser, served_site + "/contact/", (320, 640))
    # Each piece ("facebook.com/", then the name) sits whole on one line.
    lines = page.evaluate(
        """() => [...document.querySelectorAll('dl.contact a[rel=me]')].flatMap(a =>
             [...a.childNodes].filter(n => n.nodeType === 3).map(text => {
               const range = document.createRange(); range.selectNodeContents(text);
               return [text.textContent,
                       new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
             }))"""
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    page.close()
    assert overflow <= 0
    assert len(lines) == 4 and all(count == 1 for _, count in lines), lines


# --- A run's page ---------------------------------------------------------------------


def test_a_runs_page_separates_address_and_access_and_gives_a_map_button(
    browser, served_site, site
):
    where = site.html(RUN).select_one("dl.facts")
    address = where.select_one(".i-place").get_text()
    assert address.endswith("Manchester, M20\xa02XY")
    assert "parking" not in address
    assert where.select_one(".access").get_text().startswith("Free parking")
    page = open_at(browser, served_site + RUN, (360, 640))
    map_button = page.get_by_role("link", name="Map of Parkside Community Centre").bounding_box()
    bullets = page.evaluate(
        "[...document.querySelectorAll('ul.links li')].map(li => getComputedStyle(li).listStyleType)"
    )
    page.close()
    assert map_button["height"] >= THUMB and map_button["width"] >= THUMB
    assert bullets and set(bullets) == {"none"}  # no bullet left beside a wrapped link


def test_the_blog_index_ends_with_one_line_not_two(browser, served_site):
    page = open_at(browser, served_site + "/blog/", (375, 667))
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.posts > li, .site-footer')].map(el => {
             const s = getComputedStyle(el); return [s.borderTopWidth, s.borderBottomWidth]; })"""
    )
    page.close()
    *posts, footer = lines
    assert posts[-1][1] == "0px" and footer[0] == "1px"


# --- A finished course -------------------------------------------------------------------
# (Places in words and colour, in light and dark: tests/test_contrast.py.)


def test_a_finished_course_says_so_once_and_offers_no_booking(site):
    page = site.html("/classes/2026-09-tuesday-mornings/")
    assert "This course has finished" in page.select_one("main .notice").get_text()
    assert not page.select("main .badge")  # no "Fully booked" beside "finished"
    actions = " ".join(a.get_text() for a in page.select("main a.button"))
    assert "Book" not in actions and "waiting list" not in actions


# --- The mark ---------------------------------------------------------------------------


def test_one_mark_in_the_brand_colours_is_the_favicon_the_home_screen_icon_and_the_logo(
    published,
):
    import pelicanconf

    svg = (published.root / "favicon.svg").read_text()
    for colour in pelicanconf.BRAND_COLOURS.values():
        assert colour in svg
    assert "<text" not in svg and svg.count("<circle") == 2  # not a monogram, not a heart
    home = published.html("/")
    assert home.select_one("header .brand img")["src"].endswith("/favicon.svg")
    with Image.open(published.root / "apple-touch-icon.png") as icon:
        assert (icon.format, icon.size) == ("PNG", (180, 180))
        corner = icon.convert("RGB").getpixel((2, 2))
    assert corner == Image.new("RGB", (1, 1), pelicanconf.BRAND_COLOURS["background"]).getpixel(
        (0, 0)
    )  # filled to the edge: iOS would show see-through corners black
    graph = json.loads(home.find("script", type="application/ld+json").string)["@graph"]
    logo = next(item for item in graph if item["@type"] == "Organization")["logo"]
    assert logo["url"].endswith("/logo.png") and logo["width"] == logo["height"] == 512
    with Image.open(published.root / "logo.png") as image:
        assert image.size == (512, 512)


# --- Photos -----------------------------------------------------------------------------

HOME_PHOTO = {"HOME_IMAGE": "images/IMG_4410.jpg", "HOME_IMAGE_ALT": "Emma with a baby on a mat"}


def add_fields(file, fields: str) -> None:
    head, _, body = file.read_text(encoding="utf-8").partition("\n\n")
    file.write_text(f"{head}\n{fields}\n\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def with_photos(tmp_path_factory) -> BuiltSite:
    """Photos straight from phones, named by `Image:` on about, the course and a venue, and
    by HOME_IMAGE on the home page."""
    content = tmp_path_factory.mktemp("photos") / "content"
    shutil.copytree(CONTENT, content)
    images = content / "images"
    images.mkdir(exist_ok=True)
    phone_jpeg(images / "IMG_4410.jpg")
    phone_jpeg(images / "IMG_4411.jpg", 2000, 3000)
    phone_heic(images / "IMG_4412.HEIC")
    add_fields(
        content / "pages" / "about.md", "Image: images/IMG_4411.jpg\nImage_alt: Emma smiling"
    )
    add_fields(
        content / "courses" / "baby-massage.md",
        "Image: images/IMG_4412.HEIC\nImage_alt: Babies on mats in a circle",
    )
    venue = content / "venues" / "parkside-community-centre.md"
    venue.write_text(
        venue.read_text().rstrip() + "\nImage: images/IMG_4410.jpg\nImage_alt: The room\n"
    )
    output = tmp_path_factory.mktemp("photos") / "output"
    build(DEV_SETTINGS, output, content, TODAY, extra=HOME_PHOTO)
    return BuiltSite(output)


@pytest.mark.parametrize(
    "path, alt",
    [
        ("/", "Emma with a baby on a mat"),
        ("/about/", "Emma smiling"),
        ("/classes/", "Babies on mats in a circle"),
        (RUN, "The room"),
    ],
)
def test_a_photo_slot_shows_a_responsive_photo_with_its_alt_text_and_no_metadata(
    with_photos, path, alt
):
    picture = with_photos.html(path).find("img", alt=alt).parent
    assert picture.name == "picture"
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
    files = [
        with_photos.root / src.split(" ")[0].lstrip("/")
        for src in picture.img["srcset"].split(", ")
    ]
    for file in files:
        with Image.open(file) as image:
            assert not image.getexif(), file
        assert b"Exif" not in file.read_bytes()[:4096]


def test_the_home_photo_is_a_thumbnail_on_a_phone_and_beside_her_words_on_a_laptop(
    browser, with_photos
):
    with serve(with_photos.root) as url:
        boxes = {}
        for size in SCREENS:
            page = open_at(browser, url + "/", size)
            boxes[size] = page.locator(".hero img").bounding_box()
            boxes[size]["button"] = bottom(page, "main .run a.button")
            page.close()
    for size in PHONES:
        assert boxes[size]["width"] == boxes[size]["height"] <= 64, boxes[size]
        assert boxes[size]["button"] <= size[1], "the photo pushed the booking below the fold"
    laptop = boxes[(1280, 800)]
    assert laptop["width"] > 250 and round(laptop["width"] / laptop["height"], 2) == 1.33


def test_without_photos_no_empty_slot_is_left(site):
    for path in ("/", "/about/", "/classes/", RUN):
        page = site.html(path)
        assert not page.select(".hero, .photo, main picture"), path


def test_a_photo_without_alt_text_stops_the_build_naming_the_file_and_the_field(tmp_path):
    content = tiny_content(tmp_path / "content")
    (content / "images").mkdir()
    phone_jpeg(content / "images" / "hall.jpg")
    venue = content / "venues" / "parkside-community-centre.md"
    venue.write_text(venue.read_text().rstrip() + "\nImage: images/hall.jpg\n")
    with pytest.raises(BuildFailed) as failure:
        build(DEV_SETTINGS, tmp_path / "output", content, TODAY)
    assert "venues/parkside-community-centre.md: Image_alt: a photo needs words" in (
        failure.value.errors
    )
