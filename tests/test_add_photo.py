"""`invoke add-photo`: a photo from anywhere becomes a clean copy that is safe to commit."""

import io

import pytest
from PIL import Image, ImageOps
from support.photos import GPS_INFO, phone_heic, phone_jpeg
from support.site import PUBLISHED_SITEURL, build, invoke


def assert_clean_and_upright(path, longest_side):
    with Image.open(path) as photo:
        assert photo.format == "JPEG"
        assert not photo.getexif(), "no EXIF at all: no GPS, no serial numbers, no camera"
        assert "exif" not in photo.info and "xmp" not in photo.info
        assert photo.height > photo.width, "the sideways photo is turned upright"
        assert max(photo.size) == longest_side
        right, left = photo.getpixel((photo.width - 5, 5)), photo.getpixel((5, 5))
        assert right[0] > 150 and left[2] > 150, (left, right)
        assert ImageOps.exif_transpose(photo).size == photo.size


def test_a_heic_from_the_phone_becomes_an_upright_jpeg_without_location_or_serials(tmp_path):
    source = phone_heic(tmp_path / "IMG 1234 (Café).HEIC")
    with Image.open(source) as original:
        assert original.getexif().get_ifd(GPS_INFO), "the test photo must carry GPS"
    content = tmp_path / "content"

    result = invoke("add-photo", str(source), "--alt", "Tiny feet", "--content", str(content))

    assert result.returncode == 0, result.stderr
    clean = content / "images" / "img-1234-cafe.jpg"
    assert "![Tiny feet](images/img-1234-cafe.jpg)" in result.stdout
    assert_clean_and_upright(clean, longest_side=1200)
    assert source.exists(), "the original outside the site is left alone"


def test_a_large_jpeg_is_resized_and_stripped_and_a_second_one_gets_its_own_name(tmp_path):
    source = phone_jpeg(tmp_path / "Baby Massage!.JPG")
    content = tmp_path / "content"

    first = invoke("add-photo", str(source), "--content", str(content))
    second = invoke("add-photo", str(source), "--content", str(content))

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "(images/baby-massage.jpg)" in first.stdout
    assert "(images/baby-massage-2.jpg)" in second.stdout
    assert_clean_and_upright(content / "images" / "baby-massage.jpg", longest_side=2400)


def test_a_photo_already_in_the_images_folder_is_cleaned_in_place(tmp_path):
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    photo = phone_jpeg(images / "feet.jpg", 800, 600)

    result = invoke("add-photo", str(photo), "--content", str(tmp_path / "content"))

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in images.iterdir()) == ["feet.jpg"]
    assert_clean_and_upright(photo, longest_side=800)


@pytest.mark.parametrize("name, data", [("notes.jpg", b"not a photo"), ("missing.jpg", None)])
def test_a_file_that_is_not_a_photo_is_refused_by_name_and_nothing_is_written(tmp_path, name, data):
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    content = tmp_path / "content"

    result = invoke("add-photo", str(source), "--content", str(content))

    assert result.returncode != 0
    assert name in result.stderr
    assert not list(content.rglob("*.jpg")), "nothing is written"


def test_the_build_warns_about_a_photo_in_the_images_folder_that_holds_its_location(
    content_copy, tmp_path
):
    images = content_copy / "images"
    images.mkdir(exist_ok=True)
    phone_jpeg(images / "garden.jpg", 400, 300)

    result = build("build", tmp_path / "output", content_copy)

    assert result.returncode == 0, result.stderr
    assert "images/garden.jpg: this photo still holds the place where it was taken" in result.stderr
    assert "invoke add-photo" in result.stderr and PUBLISHED_SITEURL not in result.stderr


def test_reading_a_written_jpeg_back_finds_gps_only_before_cleaning(tmp_path):
    """The check itself: the same GPS block Pillow reads is what add-photo removes."""
    from authoring.photos import has_location

    photo = phone_jpeg(tmp_path / "x.jpg", 200, 100)
    assert has_location(photo)
    assert invoke("add-photo", str(photo), "--content", str(tmp_path)).returncode == 0
    assert not has_location(tmp_path / "images" / "x.jpg")
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "JPEG")
    assert not has_location(buffer)


def test_the_warning_about_a_located_photo_named_with_spaces_gives_a_command_that_works(
    tmp_path,
):
    import shlex

    from authoring.photos import location_problems

    images = tmp_path / "images"
    images.mkdir()
    phone_jpeg(images / "baby feet.jpg", 300, 200)
    [problem] = location_problems(images)
    command = problem.split("`")[1]
    assert shlex.split(command) == ["invoke", "add-photo", str(images / "baby feet.jpg")]
