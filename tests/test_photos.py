"""What happens to a photo straight from the author's phone: fast to load, upright, private."""

import re

import pytest
from PIL import Image
from support.browser import axe_results, serve
from support.content import tiny_content
from support.site import build, built
from support.tools import nu_checker

from bench.photos import phone_photo

POST = "/blog/first-class/"
SIZES = "(min-width: 42rem) 632px, calc(100vw - 40px)"

POST_TEXT = """\
Title: Our first class
Date: 2025-05-01 09:00
Slug: first-class
Category: Baby massage
Image: images/hero.jpg
Image_alt: Parents and babies on mats in a sunny hall
Summary: Photos from our first class.

What a lovely morning.

![A mum massaging her baby's feet](images/feet.jpg "Little feet, big feelings")

Some more words between the photos.

![A baby lying on a towel, smiling](images/sideways.jpg)

![decorative](images/small.jpg)
"""


@pytest.fixture(scope="module")
def photo_content(tmp_path_factory):
    content = tiny_content(tmp_path_factory.mktemp("photos") / "content")
    images = content / "images"
    phone_photo(images / "hero.jpg", (2400, 1800), seed=2)
    phone_photo(images / "feet.jpg", (2400, 1800), seed=3)
    # Taken with the phone on its side: stored landscape, shown portrait (EXIF orientation 6).
    phone_photo(images / "sideways.jpg", (2000, 1500), orientation=6, seed=4)
    phone_photo(images / "small.jpg", (600, 400), seed=5)
    (content / "blog" / "first-class.md").write_text(POST_TEXT, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def photo_site(photo_content, tmp_path_factory):
    return built("build", tmp_path_factory.mktemp("photo-site") / "output", photo_content)


def pictures(site, path=POST):
    return site.html(path).select("article picture")


def widths(srcset):
    return [int(part.split()[1][:-1]) for part in srcset.split(", ")]


def test_each_photo_becomes_a_picture_with_avif_webp_and_a_jpeg_fallback(photo_site):
    hero, feet, sideways, small = pictures(photo_site)
    avif, webp = feet.find_all("source")
    assert (avif["type"], webp["type"]) == ("image/avif", "image/webp")
    assert widths(avif["srcset"]) == widths(webp["srcset"]) == [480, 800, 1200, 1600]
    img = feet.img
    assert img["src"].endswith("-800.jpg") and widths(img["srcset"]) == [480, 800, 1200, 1600]
    assert avif["sizes"] == webp["sizes"] == img["sizes"] == SIZES
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert widths(small.img["srcset"]) == [480, 600], "a small photo is never enlarged"
    for source in avif["srcset"].split(", ") + img["srcset"].split(", "):
        assert photo_site.exists(source.split()[0])


def test_the_first_photo_loads_at_once_and_the_rest_lazily(photo_site):
    hero, *rest = [p.img for p in pictures(photo_site)]
    assert hero["fetchpriority"] == "high" and "loading" not in hero.attrs
    assert all(img["loading"] == "lazy" and img["decoding"] == "async" for img in rest)
    assert hero["alt"] == "Parents and babies on mats in a sunny hall"


def test_a_photo_with_a_title_becomes_a_figure_with_a_caption(photo_site):
    figure = photo_site.html(POST).select_one("article figure")
    assert figure.picture.img["alt"] == "A mum massaging her baby's feet"
    assert figure.figcaption.get_text() == "Little feet, big feelings"


def test_a_decorative_image_has_empty_alt_text(photo_site):
    assert pictures(photo_site)[-1].img["alt"] == ""


def test_the_featured_image_shows_on_the_blog_index_and_home_page(photo_site):
    for path in ["/blog/", "/"]:
        card = photo_site.html(path).find("a", href=POST).find_parent("li")
        assert card.picture.img["alt"] == "Parents and babies on mats in a sunny hall"
        assert card.picture.img["loading"] == "lazy"


def test_no_published_image_carries_exif_xmp_or_gps_and_sideways_photos_are_upright(photo_site):
    published = [
        p
        for p in photo_site.root.rglob("*")
        if p.suffix in {".jpg", ".jpeg", ".webp", ".avif", ".png"}
    ]
    assert len(published) > 30
    for file in published:
        data = file.read_bytes()
        assert b"Exif\x00\x00" not in data and b"ns.adobe.com/xap" not in data, file
        assert b"Phone Model X" not in data, file
        with Image.open(file) as image:
            assert not image.getexif(), file
            assert "exif" not in image.info and "xmp" not in image.info, file
    assert not (photo_site.root / "images" / "sideways.jpg").exists(), (
        "the original must not be published"
    )
    sideways = pictures(photo_site)[2].img
    assert int(sideways["height"]) > int(sideways["width"])
    with Image.open(photo_site.file(sideways["src"])) as image:
        assert image.height > image.width
        # the red band along the photo's top edge, once turned, runs down its right-hand side
        red, green, blue = image.convert("RGB").getpixel((image.width - 5, image.height // 2))
        assert red > 150 and green < 100


def test_a_second_build_encodes_nothing_again(photo_content, photo_site, tmp_path):
    images = sorted((photo_site.root / "images").iterdir())
    before = {f.name: f.stat().st_mtime_ns for f in images}
    again = built("build", tmp_path / "again", photo_content)
    after = {f.name: f.stat().st_mtime_ns for f in (again.root / "images").iterdir()}
    assert after == before


def test_a_photo_without_alt_text_stops_the_build(tiny_site_content, tmp_path):
    phone_photo(tiny_site_content / "images" / "x.jpg", (800, 600))
    post = POST_TEXT.replace(
        "Image: images/hero.jpg\nImage_alt: Parents and babies on mats in a sunny hall\n", ""
    )
    (tiny_site_content / "blog" / "x.md").write_text(
        post + "\n![](images/x.jpg)\n", encoding="utf-8"
    )
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert "blog/x.md: image images/x.jpg has no alt text: describe what it shows" in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_photo_that_is_not_in_the_content_folder_stops_the_build(tiny_site_content, tmp_path):
    (tiny_site_content / "blog" / "x.md").write_text(
        POST_TEXT.split("Image:")[0] + "Summary: x\n\n![A baby](images/missing.jpg)\n",
        encoding="utf-8",
    )
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert "blog/x.md: image images/missing.jpg is not in the content folder" in result.stderr


def test_the_nu_checker_and_axe_find_nothing_on_a_post_with_photos(photo_site, browser):
    checked = nu_checker(photo_site.file(POST))
    assert checked.returncode == 0, checked.stderr
    with serve(photo_site.root) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(url + POST)
        results = axe_results(page)
        page.close()
    assert results.violations_count == 0, results.generate_report()


def test_on_a_phone_the_first_photo_weighs_at_most_60_kb(photo_site, browser):
    with serve(photo_site.root) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800}, device_scale_factor=2)
        sizes = {}
        page.on(
            "response",
            lambda r: (
                sizes.__setitem__(r.url, len(r.body()))
                if r.request.resource_type == "image"
                else None
            ),
        )
        page.goto(url + POST, wait_until="load")
        chosen = page.evaluate("document.querySelector('article picture img').currentSrc")
        page.close()
    assert re.search(r"-800\.avif$", chosen), chosen
    assert sizes[chosen] <= 60_000


def test_a_post_image_written_from_the_site_root_is_its_photo_and_its_share_picture(
    photo_content, tmp_path
):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(photo_content, content)
    post = content / "blog" / "first-class.md"
    post.write_text(
        post.read_text().replace("Image: images/hero.jpg", "Image: /images/hero.jpg"), "utf-8"
    )
    site = built("build", tmp_path / "output", content)
    share = site.html(POST).find("meta", property="og:image")["content"]
    assert "first-class" in share
    with Image.open(site.root / share.split("/", 3)[3]) as card:
        assert card.size == (1200, 630)
        # The hero photo is cropped, not a title card in the brand colour.
        assert card.getpixel((5, 5)) != (0x8F, 0x36, 0x57)
    assert site.html(POST).select_one("article picture img")["alt"].startswith("Parents")
