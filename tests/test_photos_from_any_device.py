"""Photos as a phone or a laptop saves them: iPhone HEIC, see-through PNG and WebP, and
file names with spaces, brackets, capitals and accents, however the author writes them."""

import hashlib
import re
import shutil
import unicodedata

import pytest
from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo
from pillow_heif import register_heif_opener
from support.site import CONTENT, build, built
from support.tools import nu_checker

from bench.photos import phone_photo

register_heif_opener()

POST = "/blog/photos-from-my-phone/"
EMOJI_POST = "/blog/tummy-time/"
PUBLISHED_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{10}-\d+\.(avif|webp|jpg|png)$")
LOGO_COLOUR = (200, 40, 90)
SECRET = b"53.4183 N, 2.2333 W"  # written into every source file's metadata

POST_TEXT = """\
Title: Photos from my phone
Date: 2025-06-01 09:00
Slug: photos-from-my-phone
Category: Baby massage
Image: images/Class Photo (1).heif
Image_alt: Parents and babies in a circle
Summary: Photos straight from my phone and laptop.

![An iPhone photo taken with the phone on its side](images/IMG_0042.HEIC)

![The same kind of photo, saved with a lower-case name](images/img_0043.heic)

![Our logo](images/logo.png)

![A sticker](images/sticker.webp)

![A screenshot](images/Screenshot [2].png)

![Feet, written plainly](images/baby feet.jpg)

![Feet, written as a web address](images/baby%20feet.jpg)

![Feet, written in angle brackets](<images/baby feet.jpg>)

![A day at the seaside](images/Bébé à la plage.JPG)

![A copy of a photo](images/IMG_0044 (1).jpg)

![A scan of a drawing](images/scan.png)
"""

EMOJI_POST_TEXT = """\
Title: Tummy time & massage 💛
Date: 2025-06-02 09:00
Slug: tummy-time
Category: Baby massage
Summary: Why tummy time and massage go together.

Words.
"""


def iphone_photo(path, size=(1000, 750), orientation=1):
    """A HEIC as an iPhone writes it: the turn stored in the file (irot), camera and GPS in
    its EXIF, and XMP. A red band along the top edge of the stored pixels."""
    image = Image.new("RGB", size, (40, 90, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], size[1] // 10), fill=(220, 30, 30))
    draw.ellipse((size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2), fill=(240, 220, 60))
    exif = Image.Exif()
    exif[0x0110] = "Phone Model X"
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (53.0, 25.0, 0.0), 3: "W", 4: (2.0, 14.0, 0.0)}
    exif[0x010E] = SECRET.decode()  # image description
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + SECRET + b"</x:xmpmeta>"
    image.save(path, "HEIF", quality=80, exif=exif.tobytes(), xmp=xmp)


def see_through_logo(path, kind="PNG"):
    """A pink disc on a transparent square, with text metadata like an editor writes."""
    image = Image.new("RGBA", (900, 900), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((150, 150, 750, 750), fill=(*LOGO_COLOUR, 255))
    if kind == "PNG":
        info = PngInfo()
        info.add_text("Comment", SECRET.decode())
        image.save(path, "PNG", pnginfo=info)
    else:
        exif = Image.Exif()
        exif[0x010E] = SECRET.decode()
        image.save(path, kind, lossless=True, exif=exif.tobytes())


def opaque_screenshot(path):
    """A screenshot saved with an alpha channel that is opaque everywhere, as macOS does."""
    image = Image.new("RGBA", (1000, 600), (250, 250, 250, 255))
    ImageDraw.Draw(image).rectangle((100, 100, 900, 200), fill=(30, 30, 30, 255))
    info = PngInfo()
    info.add_text("Comment", SECRET.decode())
    image.save(path, "PNG", pnginfo=info)


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    content = tmp_path_factory.mktemp("any-device") / "content"
    shutil.copytree(CONTENT, content)
    images = content / "images"
    images.mkdir(exist_ok=True)
    iphone_photo(images / "IMG_0042.HEIC", orientation=6)
    iphone_photo(images / "img_0043.heic", size=(800, 600))
    iphone_photo(images / "Class Photo (1).heif", size=(1300, 700))
    see_through_logo(images / "logo.png")
    see_through_logo(images / "sticker.webp", "WEBP")
    opaque_screenshot(images / "Screenshot [2].png")
    phone_photo(images / "baby feet.jpg", (1200, 900), seed=7)
    # A Mac stores "é" as "e" and an accent; the author types it as one letter.
    phone_photo(images / unicodedata.normalize("NFD", "Bébé à la plage.JPG"), (900, 600), seed=8)
    phone_photo(images / "IMG_0044 (1).jpg", (700, 500), seed=9)
    Image.new("I;16", (600, 400), 30000).save(images / "scan.png")  # 16-bit grey, 46% light
    (content / "blog" / "photos-from-my-phone.md").write_text(POST_TEXT, encoding="utf-8")
    (content / "blog" / "tummy-time.md").write_text(EMOJI_POST_TEXT, encoding="utf-8")
    for slug, title in [
        ("tummy-time-plain", "Tummy time & massage"),
        ("tummy-time-o", "Tummy time & massage O"),
    ]:
        text = EMOJI_POST_TEXT.replace("Tummy time & massage 💛", title).replace("tummy-time", slug)
        (content / "blog" / f"{slug}.md").write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(content, tmp_path_factory):
    return built("build", tmp_path_factory.mktemp("any-device-site") / "output", content)


def pictures(site):
    return site.html(POST).select("article picture")


def by_alt(site, start):
    return next(p for p in pictures(site) if p.img["alt"].startswith(start))


def every_url(picture):
    urls = [picture.img["src"]]
    for tag in [*picture.find_all("source"), picture.img]:
        urls += [part.split()[0] for part in tag["srcset"].split(", ")]
    return urls


def opened(site, url):
    image = Image.open(site.file(url))
    image.load()
    return image


def test_an_iphone_photo_is_published_like_a_jpeg_and_upright(site):
    sideways = by_alt(site, "An iPhone photo")
    assert [s["type"] for s in sideways.find_all("source")] == ["image/avif", "image/webp"]
    assert sideways.img["src"].endswith(".jpg")
    # Stored 1000×750 with the turn in the file: shown 750 wide and 1000 high.
    assert (sideways.img["width"], sideways.img["height"]) == ("750", "1000")
    for url in every_url(sideways):
        image = opened(site, url).convert("RGB")
        assert image.height > image.width, url
        red, green, _ = image.getpixel((image.width - 5, image.height // 2))
        assert red > 150 and green < 100, f"{url}: the red top edge should now be on the right"


def test_heic_and_heif_files_work_whatever_the_capitals_of_their_ending(site):
    for alt in ["An iPhone photo", "The same kind of photo", "Parents and babies"]:
        for url in every_url(by_alt(site, alt)):
            assert site.exists(url), url


def test_a_transparent_png_or_webp_stays_see_through_with_a_png_fallback(site):
    for alt in ["Our logo", "A sticker"]:
        picture = by_alt(site, alt)
        assert picture.img["src"].endswith(".png")
        for url in every_url(picture):
            image = opened(site, url)
            assert image.mode == "RGBA", url
            corner = image.getpixel((2, 2))
            middle = image.getpixel((image.width // 2, image.height // 2))
            assert corner[3] == 0, f"{url}: the corner should be see-through, not {corner}"
            assert middle[3] == 255 and all(
                abs(a - b) < 12 for a, b in zip(middle[:3], LOGO_COLOUR)
            ), f"{url}: the disc should keep its colour, not {middle}"


def test_a_screenshot_with_nothing_see_through_gets_the_small_jpeg_fallback(site):
    screenshot = by_alt(site, "A screenshot")
    assert screenshot.img["src"].endswith(".jpg")


def test_a_16_bit_grey_scan_keeps_its_grey(site):
    for url in every_url(by_alt(site, "A scan")):
        grey = opened(site, url).convert("L").getpixel((300, 200))
        assert 110 <= grey <= 124, f"{url}: {grey}, not the scan's mid grey"


def test_a_photo_named_with_spaces_works_written_plainly_as_a_web_address_or_in_brackets(site):
    plainly, encoded, bracketed = (
        by_alt(site, f"Feet, written {how}") for how in ["plainly", "as a web", "in angle"]
    )
    assert every_url(plainly) == every_url(encoded) == every_url(bracketed)
    assert site.exists(plainly.img["src"])


def test_published_photo_names_are_lower_case_with_hyphens(site):
    names = {url.rsplit("/", 1)[1] for p in pictures(site) for url in every_url(p)}
    assert names and all(PUBLISHED_NAME.match(name) for name in names), names
    stems = {name.rsplit("-", 2)[0] for name in names}
    assert {"baby-feet", "bebe-a-la-plage", "img-0044-1", "screenshot-2", "class-photo-1"} <= stems


def test_the_nu_checker_finds_no_error_in_the_photos_srcsets(site):
    checked = nu_checker(site.file(POST))
    assert checked.returncode == 0, checked.stderr


def test_no_published_image_carries_metadata_or_the_original_bytes(content, site):
    originals = {hashlib.sha256(f.read_bytes()).digest() for f in (content / "images").iterdir()}
    published = [
        f for f in site.root.rglob("*") if f.suffix in {".jpg", ".webp", ".avif", ".png", ".heic"}
    ]
    assert len(published) > 60
    for file in published:
        data = file.read_bytes()
        assert hashlib.sha256(data).digest() not in originals, f"{file} is an original"
        assert SECRET not in data and b"Phone Model X" not in data, file
        assert b"Exif\x00\x00" not in data and b"ns.adobe.com/xap" not in data, file
        with Image.open(file) as image:
            assert not image.getexif(), file
            assert not {"exif", "xmp", "Comment", "XML:com.adobe.xmp"} & set(image.info), file
    assert not list(site.root.rglob("*.heic")) and not list(site.root.rglob("*.heif"))


def share_image(site, page):
    meta = site.html(page).find("meta", property="og:image")
    return opened(site, "/" + meta["content"].split("/", 3)[3]).convert("RGB")


def test_a_post_whose_image_is_a_heif_named_with_spaces_shares_that_photo(site):
    image = share_image(site, POST)
    assert image.size == (1200, 630)
    red, _, blue = image.getpixel((600, 400))
    assert blue > 120 and red < 90, "the share image should be the photo, not a title card"


def test_an_emoji_in_a_title_is_left_out_of_the_share_image_never_drawn_as_a_box(site):
    with_emoji = share_image(site, EMOJI_POST)
    without = share_image(site, "/blog/tummy-time-plain/")
    with_a_letter_more = share_image(site, "/blog/tummy-time-o/")
    assert with_emoji.tobytes() == without.tobytes(), "the emoji left a mark on the card"
    assert without.tobytes() != with_a_letter_more.tobytes(), "one more character shows"


@pytest.mark.parametrize(
    "name, data",
    [
        ("x.heic", b"not really a photo"),
        ("x.jpg", None),  # a JPEG cut short, as by an interrupted copy
    ],
)
def test_an_image_the_build_cannot_read_stops_it_naming_the_post(
    content_copy, tmp_path, name, data
):
    images = content_copy / "images"
    images.mkdir(exist_ok=True)
    if data is None:
        phone_photo(tmp_path / name, (800, 600))
        data = (tmp_path / name).read_bytes()[:4000]
    (images / name).write_bytes(data)
    post = POST_TEXT.split("Image:")[0] + f"Summary: x\n\n![A photo](images/{name})\n"
    (content_copy / "blog" / "x.md").write_text(post, encoding="utf-8")
    result = build("build", tmp_path / "output", content_copy)
    assert result.returncode != 0
    assert (
        f"blog/x.md: image images/{name}: cannot be read as a photo: export it as JPEG"
        in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "output").exists()


def test_a_photo_name_written_slightly_wrong_gets_the_right_name_suggested(content_copy, tmp_path):
    images = content_copy / "images"
    phone_photo(images / "baby feet.jpg", (800, 600))
    post = POST_TEXT.split("Image:")[0] + "Summary: x\n\n![Feet](images/baby-feet.jpg)\n"
    (content_copy / "blog" / "x.md").write_text(post, encoding="utf-8")
    result = build("build", tmp_path / "output", content_copy)
    assert result.returncode != 0
    assert (
        "blog/x.md: image images/baby-feet.jpg is not in the content folder: "
        "did you mean images/baby feet.jpg?" in result.stderr
    )
