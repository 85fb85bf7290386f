"""What a link shows when a parent pastes it into WhatsApp or Facebook, and what search engines read."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import feedparser
import pytest
from PIL import Image, ImageChops
from support.content import HOSTILE_TITLE
from support.site import POST, PUBLISHED_SITEURL, build, built, output_file, shared_pages

RUN = "/classes/2027-01-tuesday-mornings/"
MARGIN = 72


def meta(page, name):
    tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def json_ld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def of_type(page, kind) -> dict:
    items = [i for d in json_ld(page) for i in d.get("@graph", [d])]
    return next(item for item in items if item["@type"] == kind)


def unsmart(text: str) -> str:
    """Typogrify curls quotes on purpose; compare the words, not the quote marks."""
    return text.translate(
        str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    )


def test_every_page_has_a_title_description_canonical_and_open_graph_tags(published):
    for path in shared_pages(published):
        page = published.html(path)
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == f"{PUBLISHED_SITEURL}{path}"
        assert page.title.get_text().endswith(" · Gentle Touch Baby Massage") or path == "/"
        description = meta(page, "description")
        assert description and len(description) <= 160, path
        for name in ["og:type", "og:title", "og:description", "og:site_name", "og:image:alt"]:
            assert meta(page, name), f"{path}: {name}"
        assert meta(page, "og:url") == canonical
        assert meta(page, "og:locale") == "en_GB"
        assert meta(page, "og:image").startswith(PUBLISHED_SITEURL + "/")
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "og:type") == ("article" if path == POST else "website")


def test_posts_say_when_they_were_published_and_modified(published):
    page = published.html(POST)
    assert meta(page, "article:published_time") == "2025-02-03T09:00:00+00:00"
    assert meta(page, "article:modified_time") == "2025-02-03T09:00:00+00:00"


def test_every_share_image_is_a_1200_by_630_jpeg_under_300_kb_as_declared(published):
    for path in shared_pages(published):
        page = published.html(path)
        file = output_file(published, meta(page, "og:image"))
        with Image.open(file) as image:
            assert image.size == (
                int(meta(page, "og:image:width")),
                int(meta(page, "og:image:height")),
            )
            assert image.size == (1200, 630)
            assert image.format == "JPEG" and not image.getexif()
        assert file.stat().st_size < 300_000


def test_posts_pages_and_runs_each_get_their_own_share_image(published):
    images = {meta(published.html(p), "og:image") for p in [POST, RUN, "/about/", "/classes/", "/"]}
    assert len(images) == 5


def long_post(title):
    return f"Title: {title}\nDate: 2025-04-01 09:00\nCategory: Baby massage\nSummary: A test post.\n\nText.\n"


def text_bounding_box(file):
    """The box around everything that differs from the card's background colour."""
    with Image.open(file) as image:
        rgb = image.convert("RGB")
    background = Image.new("RGB", rgb.size, rgb.getpixel((5, 5)))
    difference = ImageChops.difference(rgb, background).convert("L")
    return difference.point(lambda v: 255 if v > 40 else 0).getbbox()


def test_a_very_long_title_wraps_inside_the_margins_of_its_share_image(tiny_site_content, tmp_path):
    title = (
        "Why does my baby "
        + "really " * 20
        + "love tummy massage? Supercalifragilisticexpialidociouslylongword"
    )
    (tiny_site_content / "blog" / "long.md").write_text(long_post(title), encoding="utf-8")
    site = built("preview", tmp_path / "output", tiny_site_content)
    page = site.html(
        "/blog/why-does-my-baby-"
        + "really-" * 20
        + "love-tummy-massage-supercalifragilisticexpialidociouslylongword/"
    )
    left, top, right, bottom = text_bounding_box(output_file(site, meta(page, "og:image")))
    assert left >= MARGIN - 2 and right <= 1200 - MARGIN + 2
    assert top >= MARGIN - 20 and bottom <= 630 - MARGIN + 10
    assert bottom - top > 300, "the title should run over several lines"


def test_a_second_build_rewrites_no_share_image(tiny_site_content, tmp_path):
    (tiny_site_content / "blog" / "accents.md").write_text(
        long_post("Café cuddles and naïve questions – babies’ sleep"), encoding="utf-8"
    )
    first = built("preview", tmp_path / "first", tiny_site_content)
    shared = sorted((first.root / "share").iterdir())
    stamps = {f.name: f.stat().st_mtime_ns for f in shared}

    second = built("preview", tmp_path / "second", tiny_site_content)

    again = sorted((second.root / "share").iterdir())
    assert [f.name for f in again] == [f.name for f in shared]
    assert {f.name: f.stat().st_mtime_ns for f in again} == stamps
    assert any(name.startswith("cafe-cuddles") for name in stamps)


def write_photo(path, size=(2400, 1200)):
    exif = Image.Exif()
    exif[0x0110] = "Phone Model X"  # camera model
    exif[0x8825] = {1: "N", 2: (53.0, 25.0, 0.0)}  # GPS latitude
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 120, 90)).save(path, "JPEG", exif=exif)


def test_a_posts_own_image_becomes_its_share_image_cropped_and_without_metadata(
    tiny_site_content, tmp_path
):
    write_photo(tiny_site_content / "images" / "feet.jpg")
    post = long_post("Little feet").replace(
        "Summary:", "Image: images/feet.jpg\nImage_alt: A mum massaging her baby's feet\nSummary:"
    )
    (tiny_site_content / "blog" / "feet.md").write_text(post, encoding="utf-8")
    site = built("preview", tmp_path / "output", tiny_site_content)
    page = site.html("/blog/little-feet/")
    assert meta(page, "og:image:alt") == "A mum massaging her baby's feet"
    with Image.open(output_file(site, meta(page, "og:image"))) as image:
        assert image.size == (1200, 630)
        assert not image.getexif() and "exif" not in image.info
        assert image.getpixel((600, 315)) == pytest.approx((40, 120, 90), abs=3)


def test_a_posts_image_without_alt_text_stops_the_build(tiny_site_content, tmp_path):
    write_photo(tiny_site_content / "images" / "feet.jpg")
    post = long_post("Little feet").replace("Summary:", "Image: images/feet.jpg\nSummary:")
    (tiny_site_content / "blog" / "feet.md").write_text(post, encoding="utf-8")
    result = build("preview", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert "blog/feet.md: Image_alt: missing. Describe what the photo shows" in result.stderr


def test_the_home_page_describes_the_site_and_the_business(published):
    page = published.html("/")
    website = of_type(page, "WebSite")
    business = of_type(page, "Organization")
    assert (
        website["url"] == f"{PUBLISHED_SITEURL}/" and website["name"] == "Gentle Touch Baby Massage"
    )
    assert business["email"] == "hello@example.com" and business["areaServed"] == "South Manchester"
    assert business["sameAs"] and business["url"] == f"{PUBLISHED_SITEURL}/"
    assert output_file(published, business["logo"]["url"]).is_file()


def test_a_post_is_described_as_a_blog_posting_with_breadcrumbs(published):
    page = published.html(POST)
    posting = of_type(page, "BlogPosting")
    for name in [
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "image",
        "mainEntityOfPage",
    ]:
        assert posting[name], name
    assert posting["datePublished"] == "2025-02-03T09:00:00+00:00"
    assert posting["mainEntityOfPage"]["@id"] == f"{PUBLISHED_SITEURL}{POST}"
    assert posting["image"]["url"] == meta(page, "og:image")
    trail = of_type(page, "BreadcrumbList")["itemListElement"]
    # The last step is the page itself, whose address Google takes from the page.
    assert [item.get("item") for item in trail] == [
        f"{PUBLISHED_SITEURL}/",
        f"{PUBLISHED_SITEURL}/blog/",
        None,
    ]
    assert trail[-1]["name"] == posting["headline"]


def test_a_class_run_has_event_data_and_breadcrumbs(published):
    page = published.html(RUN)
    assert of_type(page, "Event")["image"] == [meta(page, "og:image")]
    trail = [item["name"] for item in of_type(page, "BreadcrumbList")["itemListElement"]]
    assert trail == ["Home", "Classes", "Baby massage, Tuesday mornings"]


def share_links(page) -> dict:
    return {a.get_text(): a["href"] for a in page.select("nav.share a")}


@pytest.mark.parametrize("path", [POST, RUN])
def test_share_links_carry_the_page_address_and_title(published, path):
    page = published.html(path)
    url, title = f"{PUBLISHED_SITEURL}{path}", meta(page, "og:title")
    links = share_links(page)
    assert set(links) == {"WhatsApp", "Facebook", "X", "Pinterest", "E-mail"}
    query = {name: parse_qs(urlparse(href).query) for name, href in links.items()}
    assert query["WhatsApp"]["text"] == [f"{title} {url}"]
    assert query["Facebook"]["u"] == [url]
    assert query["X"] == {"text": [title], "url": [url]}
    assert query["Pinterest"] == {
        "url": [url],
        "media": [meta(page, "og:image")],
        "description": [title],
    }
    assert query["E-mail"] == {"subject": [title], "body": [url]}
    for href in links.values():
        assert not re.search(r"utm_|fbclid", href)


def test_a_hostile_title_stays_plain_text_everywhere(tiny_site_content, tmp_path):
    post = long_post(HOSTILE_TITLE).replace("Date:", "Slug: hostile\nDate:")
    (tiny_site_content / "blog" / "hostile.md").write_text(post, encoding="utf-8")
    site = built("preview", tmp_path / "output", tiny_site_content)
    page = site.html("/blog/hostile/")
    raw = site.file("/blog/hostile/").read_text(encoding="utf-8")

    places = {
        "h1": page.h1.get_text().replace("\xa0", " "),
        "<title>": page.title.get_text().removesuffix(" · Gentle Touch Baby Massage"),
        "og:title": meta(page, "og:title"),
        "JSON-LD": of_type(page, "BlogPosting")["headline"],
        "breadcrumb": of_type(page, "BreadcrumbList")["itemListElement"][-1]["name"],
        "WhatsApp": parse_qs(urlparse(share_links(page)["WhatsApp"]).query)["text"][0].rsplit(
            " ", 1
        )[0],
    }
    feed = feedparser.parse((site.root / "feeds" / "atom.xml").read_bytes())
    places["feed"] = next(
        e.title for e in feed.entries if e.link.endswith("/blog/hostile/")
    ).replace("\xa0", " ")
    for place, value in places.items():
        assert unsmart(value) == HOSTILE_TITLE, place
    assert all("<" not in script.string for script in page.find_all("script"))
    assert "<baby>" not in raw.split("<body>")[1], "the title must be escaped in the page body"
    assert output_file(site, meta(page, "og:image")).is_file()


def test_the_sitemap_lists_exactly_the_published_pages_and_robots_names_it(published):
    tree = ET.parse(published.root / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in tree.findall("s:url/s:loc", namespace)}
    assert all(
        url.findtext("s:lastmod", namespaces=namespace) for url in tree.findall("s:url", namespace)
    )
    expected = {
        f"{PUBLISHED_SITEURL}{path}"
        for path in shared_pages(published)
        if not path.startswith("/blog/tag/") and "/page/" not in path
    }
    assert listed == expected
    assert f"{PUBLISHED_SITEURL}{RUN}" in listed and f"{PUBLISHED_SITEURL}{POST}" in listed
    robots = (published.root / "robots.txt").read_text()
    assert f"Sitemap: {PUBLISHED_SITEURL}/sitemap.xml" in robots.splitlines()
