"""The small things she writes or has on her laptop, each either working or stopping the build
with the file and the fix: an emoji for a title, a screenshot's name, a `#` heading, a
computer without rsync."""

from PIL import Image
from support.content import write_post
from support.site import build, built, publish


def test_a_title_that_is_only_an_emoji_names_the_post_and_suggests_a_slug(
    tiny_site_content, tmp_path
):
    write_post(tiny_site_content, "love", "\U0001f49c")
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert "content/blog/love.md: Title: '\U0001f49c' has no letters or numbers" in result.stderr
    assert "Slug: my-new-post" in result.stderr and "Traceback" not in result.stderr


def test_a_title_that_is_only_an_emoji_works_with_a_slug(tiny_site_content, tmp_path):
    write_post(tiny_site_content, "love", "\U0001f49c", fields="Slug: love\n")
    site = built("build", tmp_path / "output", tiny_site_content)
    assert site.html("/blog/love/").h1.get_text() == "\U0001f49c"


def test_a_mac_screenshot_typed_with_an_ordinary_space_is_found(tiny_site_content, tmp_path):
    saved = "Screenshot 2026-11-20 at 9.41.22\u202fAM.png"  # as macOS names it
    (tiny_site_content / "images").mkdir()
    Image.new("RGB", (900, 600), "teal").save(tiny_site_content / "images" / saved)
    typed = "![The booking page](images/Screenshot 2026-11-20 at 9.41.22 AM.png)"
    write_post(tiny_site_content, "shot", "Shot", body=typed)
    site = built("build", tmp_path / "output", tiny_site_content)
    image = site.html("/blog/shot/").select_one("article picture img")
    assert image["alt"] == "The booking page" and "screenshot-2026-11-20" in image["src"]


def test_a_hash_heading_in_a_post_becomes_a_section_heading(tiny_site_content, tmp_path):
    body = "# What you need\n\nA towel.\n\n## Later\n\nTea."
    write_post(tiny_site_content, "need", "What to bring", body=body)
    page = built("build", tmp_path / "output", tiny_site_content).html("/blog/what-to-bring/")
    assert len(page.find_all("h1")) == 1  # the title
    headings = [
        (h.name, h.get_text().replace("\xa0", " ")) for h in page.select("article :is(h2, h3)")
    ]
    assert headings[:2] == [("h2", "What you need"), ("h3", "Later")]  # in their order


def test_publishing_without_rsync_names_the_package_to_install(content_copy, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {
        "PATH": str(empty),
        "DEPLOY_TARGET": "rsync",
        "RSYNC_PATH": str(tmp_path / "live"),
        "PUBLISH_STATE_FILE": str(tmp_path / "state.json"),
    }
    result = publish(content_copy, env)
    assert result.returncode != 0
    assert "rsync is not installed. Install it with `sudo apt-get install rsync`" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "live").exists()


def test_a_list_nested_with_two_spaces_nests_as_one_nested_with_four(tiny_site_content, tmp_path):
    body = "What to bring:\n\n- a towel\n  - a big one\n- some oil\n\nAnd:\n\n- a bottle\n    - of milk\n"
    write_post(tiny_site_content, "bring", "Bring", body=body)
    page = built("build", tmp_path / "output", tiny_site_content).html("/blog/bring/")
    nested = [
        ul.get_text(" ", strip=True).replace("\xa0", " ") for ul in page.select("article li > ul")
    ]
    assert nested == ["a big one", "of milk"]
    outer = page.select("article > ul > li, article > div > ul > li")
    assert [li.find(string=True).strip().replace("\xa0", " ") for li in outer] == [
        "a towel",
        "some oil",
        "a bottle",
    ]


def test_an_animated_gif_stays_animated(tiny_site_content, tmp_path):
    frames = [Image.new("RGB", (320, 240), colour) for colour in ("pink", "teal", "gold")]
    (tiny_site_content / "images").mkdir()
    frames[0].save(
        tiny_site_content / "images" / "Waving Baby.gif", save_all=True, append_images=frames[1:]
    )
    write_post(tiny_site_content, "wave", "Wave", body="![A baby waving](images/Waving Baby.gif)")
    site = built("build", tmp_path / "output", tiny_site_content)
    image = site.html("/blog/wave/").select_one("article img")
    assert image["alt"] == "A baby waving" and (image["width"], image["height"]) == ("320", "240")
    with Image.open(site.file(image["src"])) as published:
        assert published.format == "GIF" and published.n_frames == 3
