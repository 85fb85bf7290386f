"""Videos and handouts in a post, as she pastes them: a video link becomes a card that asks
nothing of the video site until a parent taps it; a file in content/files/ downloads."""

import io
import zipfile
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader
from support.browser import open_page, policy_violations, serve
from support.content import write_post
from support.documents import AUTHOR, COMPANY, SOFTWARE, pdf_handout, word_document
from support.site import build, built

from plugins.handouts import written_file

VIDEO_POST = """\
Here is the stroke we practised this week.

https://youtu.be/dQw4w9WgXcQ

[Watch our tummy-time demo](https://vimeo.com/76979871)

The same stroke is in https://www.youtube.com/watch?v=dQw4w9WgXcQ too.
"""


def words(element) -> str:
    """As a reader sees them (typogrify keeps the last two words together with a no-break space)."""
    return element.get_text(" ", strip=True).replace("\xa0", " ")


@pytest.fixture(scope="module")
def video_site(tmp_path_factory):
    from support.content import tiny_content

    folder = tmp_path_factory.mktemp("videos")
    content = tiny_content(folder / "content")
    write_post(content, "strokes", "This week's stroke", body=VIDEO_POST)
    return built("build", folder / "output", content)


def test_a_youtube_link_on_its_own_line_becomes_a_video_card(video_site):
    cards = video_site.html("/blog/this-weeks-stroke/").select("article .video a")
    assert [card["href"] for card in cards] == [
        "https://youtu.be/dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
    ]
    mark = cards[0].find("span")
    assert mark["aria-hidden"] == "true" and mark.get_text().startswith("\u25b6")
    assert words(cards[0]).endswith("Watch the video on YouTube")


def test_a_video_link_with_her_own_words_shows_her_words(video_site):
    card = video_site.html("/blog/this-weeks-stroke/").select("article .video a")[1]
    assert words(card).endswith("Watch our tummy-time demo")


def test_a_video_link_inside_a_sentence_stays_in_the_sentence(video_site):
    text = video_site.text("/blog/this-weeks-stroke/")
    assert "The same stroke is in https://www.youtube.com/watch?v=dQw4w9WgXcQ too." in text
    assert len(video_site.html("/blog/this-weeks-stroke/").select(".video")) == 2


def test_a_page_with_video_cards_asks_nothing_of_the_video_sites_and_runs_no_script(
    video_site, browser
):
    page_html = video_site.html("/blog/this-weeks-stroke/")
    assert page_html.select("article script, article iframe, article img") == []
    with serve(video_site.root, live_headers=True) as url:
        page, response, requests = open_page(browser, url + "/blog/this-weeks-stroke/")
        page.close()
        refused = policy_violations(browser, url + "/blog/this-weeks-stroke/")
    assert response.status == 200 and refused == []
    assert {urlparse(r.url).hostname for r in requests} == {"127.0.0.1"}


HANDOUT_POST = """\
The strokes from this week are in [the handout](/files/Week 1 Handout.pdf) (also as
[a Word file](files/Week%201%20Handout.docx)).
"""


@pytest.fixture(scope="module")
def handout_site(tmp_path_factory):
    from support.content import tiny_content

    folder = tmp_path_factory.mktemp("handouts")
    content = tiny_content(folder / "content")
    pdf_handout(content / "files" / "Week 1 Handout.pdf")
    word_document(content / "files" / "Week 1 Handout.docx")
    write_post(content, "week-1", "Week 1", body=HANDOUT_POST)
    return built("preview", folder / "output", content)


def test_my_pdf_handout_downloads_from_files(handout_site):
    links = [
        a["href"] for a in handout_site.html("/blog/week-1/").select("article a[href*='/files/']")
    ]
    assert links == [
        "https://www.example.com/files/week-1-handout.pdf",
        "https://www.example.com/files/week-1-handout.docx",
    ]
    published = PdfReader(handout_site.file("/files/week-1-handout.pdf"))
    assert len(published.pages) == 1


def test_my_handouts_are_published_without_my_name_company_or_software(handout_site):
    pdf = handout_site.file("/files/week-1-handout.pdf").read_bytes()
    assert PdfReader(io.BytesIO(pdf)).metadata is None
    with zipfile.ZipFile(handout_site.file("/files/week-1-handout.docx")) as word:
        everything = b"".join(word.read(name) for name in word.namelist())
        assert b"Strokes for week 1" in word.read("word/document.xml")
    for hidden in (AUTHOR, COMPANY, SOFTWARE):
        assert hidden.encode() not in pdf and hidden.encode() not in everything
    assert not list(handout_site.root.rglob("Week 1 Handout*")), "an original was published"


def test_a_misspelt_handout_link_stops_the_build_naming_the_file_i_meant(
    tiny_site_content, tmp_path
):
    pdf_handout(tiny_site_content / "files" / "handout.pdf")
    write_post(tiny_site_content, "week-2", "Week 2", body="See [the handout](/files/handot.pdf).")
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert "content/blog/week-2.md: link /files/handot.pdf leads nowhere" in result.stderr
    assert "Did you mean /files/handout.pdf?" in result.stderr


def test_an_old_word_file_is_published_with_a_warning_that_it_may_hold_my_name(
    tiny_site_content, tmp_path
):
    old_word = tiny_site_content / "files" / "Terms.doc"
    old_word.parent.mkdir(parents=True)
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # Word 97's header
    write_post(tiny_site_content, "terms", "Terms", body="Read [the terms](/files/Terms.doc).")
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "files" / "terms.doc").read_bytes() == old_word.read_bytes()
    assert "Warning: " in result.stderr and "Terms.doc: published as it is" in result.stderr
    assert "Export it as PDF" in result.stderr


@pytest.mark.pure
@pytest.mark.parametrize(
    "written",
    [
        "/files/Week 1 Handout.pdf",
        "files/Week%201%20Handout.pdf",
        "{static}/files/Week 1 Handout.pdf",
        "{filename}../files/Week 1 Handout.pdf",
        "https://www.example.com/files/Week 1 Handout.pdf",
    ],
)
def test_every_way_of_writing_a_handout_link_names_the_same_file(written):
    assert written_file(written, "files", "https://www.example.com") == "files/Week 1 Handout.pdf"


@pytest.mark.pure
@pytest.mark.parametrize(
    "written", ["https://elsewhere.test/files/a.pdf", "/images/a.jpg", "#files"]
)
def test_a_link_elsewhere_is_not_taken_for_a_handout(written):
    assert written_file(written, "files", "https://www.example.com") is None
