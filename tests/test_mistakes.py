"""The files and habits of a real author: Notepad, Finder copies, stray files, relative links.

Whatever she drops in either works or stops the build with the file, the field and the fix.
"""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from support.site import AUTHORS_POST_FILE, POST_SLUG, ROOT, TODAY, BuiltSite, build, built, invoke
from support.site import POST as AUTHORS_POST_URL

POST = """\
Title: {title}
Date: 2025-03-01 09:00
Category: Baby massage
Summary: A short post used by the tests.

{text}
"""
REAL_POST = AUTHORS_POST_FILE.name


def write(path, title="Linking", text="Some words."):
    path.write_text(POST.format(title=title, text=text), encoding="utf-8")
    return path


def failed(result, *messages):
    assert result.returncode != 0, result.stdout
    for message in messages:
        assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_post_saved_by_windows_notepad_with_a_byte_order_mark_and_crlf_builds(
    content_copy, tmp_path
):
    text = POST.format(title="Written in Notepad", text="Tummy time, line one.\n\nLine two.")
    notepad = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    (content_copy / "blog" / "notepad.md").write_bytes(notepad)

    site = built("build", tmp_path / "output", content_copy)

    heading = site.html("/blog/written-in-notepad/").h1.get_text().replace("\xa0", " ")
    assert heading == "Written in Notepad"
    assert "Line two." in site.text("/blog/written-in-notepad/")


def test_my_link_to_contact_without_a_slash_stops_the_build_naming_the_post_and_the_link(
    content_copy, tmp_path
):
    write(content_copy / "blog" / "links.md", text="See [my contact page](contact/).")
    failed(
        build("build", tmp_path / "output", content_copy),
        "blog/links.md: link to contact/ is broken",
        "as /blog/linking/contact/, which does not exist",
        "start the link with / (for example /contact/)",
    )
    assert not (tmp_path / "output").exists()


def test_a_relative_link_that_does_lead_somewhere_builds(content_copy, tmp_path):
    write(content_copy / "blog" / "links.md", text="See [my contact page](../../contact/).")
    site = built("build", tmp_path / "output", content_copy)
    assert site.html("/blog/linking/").find("a", string="my contact page")


def test_a_filename_link_to_a_file_that_does_not_exist_names_the_post_holding_it(
    content_copy, tmp_path
):
    write(content_copy / "blog" / "links.md", text="Read [about me]({filename}../pages/abuot.md).")
    failed(
        build("build", tmp_path / "output", content_copy),
        "blog/links.md: link {filename}../pages/abuot.md leads nowhere: there is no file",
        "pages/abuot.md",
    )


def test_invoke_check_reads_a_relative_link_from_the_page_it_is_on(content_copy, tmp_path):
    site: BuiltSite = built("build", tmp_path / "output", content_copy)
    about = site.file("/about/")
    about.write_text(
        about.read_text().replace(
            "</main>", '<a href="contact/">broken</a><a href="../contact/">fine</a></main>'
        )
    )
    result = invoke("check", "--output", str(site.root))
    failed(result, "content/pages/about.md: link to contact/ is broken", "as /about/contact/")
    assert "../contact/" not in result.stderr


def test_invoke_check_requires_the_sitemap_the_feeds_and_the_calendar(content_copy, tmp_path):
    site: BuiltSite = built("build", tmp_path / "output", content_copy)
    for name in ("sitemap.xml", "feeds/rss.xml", "classes.ics"):
        (site.root / name).unlink()
    failed(
        invoke("check", "--output", str(site.root)),
        "sitemap.xml: the sitemap is missing",
        "feeds/rss.xml: the RSS feed is missing",
        "classes.ics: the calendar of all classes is missing",
    )


@pytest.mark.parametrize(
    "copy_name", [REAL_POST.replace(".md", " copy.md"), REAL_POST.replace(".md", "-2.md")]
)
def test_a_copy_of_a_post_stops_the_build_naming_both_files_and_suggesting_a_slug(
    content_copy, tmp_path, copy_name
):
    original = content_copy / "blog" / REAL_POST
    (content_copy / "blog" / copy_name).write_bytes(original.read_bytes())
    failed(
        build("build", tmp_path / "output", content_copy),
        f"blog/{copy_name} and ",
        f"blog/{REAL_POST} would both be published at {AUTHORS_POST_URL}",
        f"'Slug: {POST_SLUG}-2'",
    )


def test_a_post_saved_straight_into_the_content_folder_says_where_to_move_it(
    content_copy, tmp_path
):
    write(content_copy / "my-post.md", title="Lost post")
    failed(
        build("build", tmp_path / "output", content_copy),
        "content/my-post.md: this file is in a folder the site does not read",
        "Move it into",
        "content/blog/ if it is a blog post",
        "content/pages/ if it is a page",
    )


def test_a_post_still_holding_the_new_post_examples_is_previewed_but_never_published(
    content_copy, tmp_path
):
    made = invoke("new-post", "Sleep and massage", "--content", str(content_copy))
    draft = content_copy.parent / made.stdout.strip()
    draft.write_text(draft.read_text(encoding="utf-8").replace("Status: draft\n", ""))

    preview = built("build", tmp_path / "preview", content_copy)
    assert preview.exists("/blog/sleep-and-massage/")

    failed(
        build("preview", tmp_path / "published", content_copy),
        f"{draft.name}: Summary: still the example that `invoke new-post` wrote",
        f"{draft.name}: the text still holds the example line 'Write your post here.'",
        "put back the line 'Status: draft'",
    )
    assert not (tmp_path / "published").exists()


SEVERAL_LIVE_REBUILDS = """
import sys
import time
import urllib.request
from pathlib import Path
from preview.session import LivePreview
from publishing.checks import check_site

content, output, post = map(Path, sys.argv[1:])
preview = LivePreview(output, PATH=str(content), TODAY="{today}", CACHE_PATH=str(output.parent / "cache"))
print(preview.build(use_cache=False), check_site(output, ""))
for edit in range(5):
    post.write_text(post.read_text() + f"\\n\\nEdit number {edit}.\\n")
    print(preview.build(), check_site(output, ""))
"""


def test_several_live_rebuilds_in_a_row_each_leave_a_complete_site(content_copy, tmp_path):
    post = write(content_copy / "blog" / "edited.md", title="Edited")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SEVERAL_LIVE_REBUILDS.replace("{today}", TODAY),
            str(content_copy),
            str(tmp_path / "output"),
            str(post),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    outcomes = [line for line in result.stdout.splitlines() if line.startswith(("True", "False"))]
    assert outcomes == ["True []"] * 6, result.stdout + result.stderr
    page = (tmp_path / "output" / "blog" / "edited" / "index.html").read_text()
    assert page.count("Edit number") == 5, "the last edit is not in the preview"


RUN = "2027-01-tuesday-mornings.md"


@pytest.mark.parametrize("copy_name", [RUN.replace(".md", " copy.md"), RUN.replace(".md", "-2.md")])
def test_a_copy_of_a_class_run_stops_the_build_naming_both_files(content_copy, tmp_path, copy_name):
    runs = content_copy / "runs"
    (runs / copy_name).write_bytes((runs / RUN).read_bytes())
    failed(
        build("build", tmp_path / "output", content_copy),
        f"runs/{copy_name} and ",
        f"runs/{RUN}: both are runs of 'Baby massage course' starting Tuesday 12 January 2027 "
        "at 10:00",
        "If one file is a copy made by mistake, delete it",
    )
    assert not (tmp_path / "output").exists()


def test_a_class_run_whose_file_name_has_spaces_gets_a_clean_address(content_copy, tmp_path):
    runs = content_copy / "runs"
    text = (runs / RUN).read_text(encoding="utf-8")
    (runs / "Tuesday Evenings (May).md").write_text(
        text.replace("Start: 2027-01-12 10:00", "Start: 2027-05-11 18:30"), encoding="utf-8"
    )
    site = built("build", tmp_path / "output", content_copy)
    assert site.exists("/classes/tuesday-evenings-may/")
    assert site.exists("/classes/tuesday-evenings-may.ics")
    links = [a["href"] for a in site.html("/classes/").find_all("a", href=True)]
    assert "/classes/tuesday-evenings-may/" in links
    classes = [link for link in links if link.startswith("/classes/")]
    assert not any(" " in link or "%20" in link for link in classes), classes


LIVERELOAD = """
import sys
import time
import urllib.request
from preview.server import serve_live

content, output, port, today = sys.argv[1:]
serve_live("127.0.0.1", int(port), content, output, TODAY=today, CACHE_PATH=output + "-cache")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def livereload(content_copy, tmp_path):
    """`invoke livereload` on a copy of the content; yields its address."""
    port = free_port()
    output = tmp_path / "output"
    server = subprocess.Popen(
        [sys.executable, "-c", LIVERELOAD, str(content_copy), str(output), str(port), TODAY],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.5)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def save_and_wait(page, post, text: str, heading: str) -> None:
    """Save as the author does; if the page has not changed after a while, save again, as she
    would (the watcher compares file times, and the browser may connect to it late)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(4):
        post.write_text(text, encoding="utf-8")
        try:
            page.wait_for_selector(f"h1:has-text('{heading}')", timeout=30_000)
            return
        except PlaywrightTimeout:
            time.sleep(1)
    raise AssertionError(f"after four saves the page still does not show {heading!r}")


def test_after_a_bad_save_the_browser_shows_what_to_fix_and_a_good_save_brings_the_site_back(
    content_copy, livereload, browser
):
    post = content_copy / "blog" / REAL_POST
    good = post.read_text(encoding="utf-8")
    page = browser.new_page()
    with page.expect_request("**/__live"):  # the preview's reload line connects
        page.goto(livereload + AUTHORS_POST_URL)
    assert "Children" in page.locator("h1").inner_text()
    time.sleep(2)  # the watcher's first look at the files, before her first save

    save_and_wait(page, post, good.replace("Date: 2025-02-03", "Date: 2025-02-31"), "fixing")
    problem = page.locator("li").first.inner_text()
    assert f"blog/{REAL_POST}" in problem
    assert "Date: '2025-02-31" in problem and "is not a real date" in problem
    assert "Write it as YYYY-MM-DD" in problem
    page.goto(livereload + "/about/")
    assert "Your last change needs fixing" in page.locator("h1").inner_text()

    save_and_wait(page, post, good, "About")
    page.goto(livereload + AUTHORS_POST_URL)
    assert "Children" in page.locator("h1").inner_text()
