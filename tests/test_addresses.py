"""Every address she ever shared keeps working: renamed posts, deleted ones, her old blog's.

Published for real (rsync into a folder, a folder for GitHub Pages, a Netlify-style folder),
served by nginx with deploy/nginx.conf and by a plain static server, and opened in Chromium.
"""

import re
import shutil
import time

import pytest
from bs4 import BeautifulSoup
from support.browser import serve
from support.content import write_post
from support.nginx import Nginx, fetch
from support.site import POST, build, publish, publishing_to
from support.tools import require_tool

from plugins.addresses.record import Entry, RecordError, parse, plan
from plugins.content_checks.metadata import field_problems

OLD_BLOG_ADDRESS = "/post/childrens-mental-health-week"  # her old platform's, in the post
RECORD = "addresses.txt"


def rsync_to(folder, tmp_path, **more):
    require_tool("rsync", "publishing to a web server uses rsync")
    return publishing_to("rsync", folder, tmp_path, **more)


def rename(post, slug):
    """What she does: give the post a new Slug (or a new title without one)."""
    text = re.sub(
        r"^Slug: .*$", f"Slug: {slug}", post.read_text(encoding="utf-8"), flags=re.MULTILINE
    )
    post.write_text(text, encoding="utf-8")


def opened(browser, url, lands_on) -> str:
    """Open `url` in Chromium as a parent taps a link; the h1 of the page it lands on, once
    the address bar shows `lands_on` (it fails if it never does)."""
    page = browser.new_page()
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(url)
    page.wait_for_url(lands_on, wait_until="load", timeout=5000)
    heading = page.locator("h1").first.inner_text()
    page.close()
    assert not scripts, scripts
    return heading


# --- The rules, on their own -----------------------------------------------------------
def entries(*lines: str) -> dict[str, Entry]:
    return parse("\n".join(lines))


@pytest.mark.pure
def test_a_post_with_a_new_address_leads_from_the_old_one_and_the_record_says_so():
    decided = plan(entries("/blog/old/  blog/post.md"), {"/blog/new/": "blog/post.md"}, {})
    assert decided.redirects == {"/blog/old/": "/blog/new/"}
    assert decided.news == [("/blog/old/", "/blog/new/", "blog/post.md has a new address")]
    assert decided.record == {
        "/blog/old/": Entry("/blog/old/", to="/blog/new/"),
        "/blog/new/": Entry("/blog/new/", file="blog/post.md"),
    }
    assert decided.lost == [] and decided.problems == []


@pytest.mark.pure
def test_a_post_whose_file_is_renamed_keeps_its_address_and_the_record_follows_the_file():
    decided = plan(
        entries("/blog/sleep/  blog/sleep.md"), {"/blog/sleep/": "blog/2025-sleep.md"}, {}
    )
    assert decided.redirects == {} and decided.news == [] and decided.lost == []
    assert decided.record == {"/blog/sleep/": Entry("/blog/sleep/", file="blog/2025-sleep.md")}


@pytest.mark.pure
def test_a_post_moved_twice_leads_from_its_first_address_to_its_latest_in_one_step():
    record = entries("/blog/first/ -> /blog/second/", "/blog/second/  blog/post.md")
    decided = plan(record, {"/blog/third/": "blog/post.md"}, {"/post/old": "blog/post.md"})
    assert decided.redirects == {
        "/blog/first/": "/blog/third/",
        "/blog/second/": "/blog/third/",
        "/post/old": "/blog/third/",
    }


@pytest.mark.pure
def test_a_deleted_post_is_lost_until_she_says_where_it_went_or_that_it_is_gone():
    record = entries("/blog/gone-post/  blog/gone.md", "/blog/older/ -> /blog/gone-post/")
    pages = {"/blog/new/": "blog/new.md"}
    decided = plan(record, pages, {})
    assert decided.lost == [("/blog/gone-post/", "blog/gone.md", "/blog/new/")]
    assert decided.redirects == {}, "nothing leads to an address she has not decided on"

    told = plan(entries("/blog/gone-post/  blog/gone.md", "/blog/gone-post/ gone"), pages, {})
    assert told.lost == [] and told.gone == ["/blog/gone-post/"]
    assert told.news == [("/blog/gone-post/", "", "you said so of blog/gone.md")]
    assert told.record["/blog/gone-post/"] == Entry("/blog/gone-post/", gone=True)
    assert plan(told.record, pages, {}).news == [], "said once, at the publish that follows"
    sent = plan(entries("/blog/gone-post/  blog/gone.md", "/blog/gone-post/ -> /blog/"), pages, {})
    assert sent.lost == [] and sent.redirects == {"/blog/gone-post/": "/blog/"}


@pytest.mark.pure
def test_addresses_that_lead_to_each_other_in_a_circle_are_refused_naming_them():
    decided = plan(entries("/a/ -> /b/", "/b/ -> /a/"), {}, {})
    assert decided.problems and "/a/ -> /b/ -> /a/" in decided.problems[0]


@pytest.mark.pure
def test_an_old_address_that_is_a_page_of_the_site_now_is_refused():
    decided = plan(
        {}, {"/about/": "pages/about.md", "/blog/x/": "blog/x.md"}, {"/about/": "blog/x.md"}
    )
    assert decided.problems == [
        (
            "blog/x.md: Old addresses: /about/ is the address of pages/about.md now. Delete it "
            "from Old addresses, or give that page another Slug."
        )
    ]


@pytest.mark.pure
def test_a_line_of_the_record_written_wrong_is_named_with_the_fix():
    with pytest.raises(RecordError, match=r"line 2: 'blog/old/ gone' is not a line"):
        parse("# comment\nblog/old/ gone\n")
    with pytest.raises(RecordError, match=r"line 1: /old/ -> 'new': write the new address"):
        parse("/old/ -> new\n")
    with pytest.raises(RecordError, match="line 2: /old/ is written twice"):
        parse("/old/ gone\n/old/ -> /new/\n")


@pytest.mark.pure
def test_old_addresses_are_written_from_the_slash_after_the_domain():
    problems = dict(field_problems({"title": "T", "old_addresses": "/post/a, post/b"}))
    assert "'post/b' is not an address on this site's domain" in problems["old_addresses"]
    assert dict(field_problems({"title": "T", "old_addresses": "/post/a, /b.html"})) == {}


# --- Written wrong: the build stops, naming the file, the line and the fix ------------------
def test_a_line_of_the_record_or_an_old_address_written_wrong_stops_the_build(
    tiny_site_content, tmp_path
):
    record = tiny_site_content / RECORD
    record.write_text("blog/old/ gone\n", encoding="utf-8")
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert f"{record.as_posix()}: line 1: 'blog/old/ gone' is not a line this file knows" in (
        result.stderr
    )

    record.unlink()
    post = write_post(tiny_site_content, "sleep", "Sleep", fields="Old addresses: post/sleep\n")
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert (
        f"{post.as_posix()}: Old addresses: 'post/sleep' is not an address on this site's domain"
        in result.stderr
    ), result.stderr


# --- Her old blog's address, in the real content -----------------------------------------
def test_my_old_blogs_address_opens_the_post(site, served_site, browser):
    page = site.html(OLD_BLOG_ADDRESS + "/")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={POST}"
    assert page.find("link", rel="canonical")["href"].endswith(POST)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("a", href=POST).get_text() == "Go to its new address"
    assert not page.find("script")
    heading = opened(browser, served_site + OLD_BLOG_ADDRESS, served_site + POST)
    assert "why the first 1001 days matter" in heading.replace("\xa0", " ")


def test_an_old_address_is_not_offered_to_search_engines(site):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert POST in sitemap and "/post/" not in sitemap


# --- Renaming and deleting, published -------------------------------------------------------
def test_a_post_renamed_after_sharing_still_opens_from_the_old_link(
    content_copy, tmp_path, browser
):
    """GitHub Pages or any plain folder: the old address holds a page that sends readers on."""
    folder = tmp_path / "public"
    folder.mkdir()
    with serve(folder) as base:
        env = publishing_to("folder", folder, tmp_path, SITEURL=base)
        write_post(content_copy, "sleep", "Sleep", fields="Slug: baby-sleep\n")
        assert publish(content_copy, env).returncode == 0
        rename(content_copy / "blog" / "sleep.md", "sleep-and-massage")

        dry = publish(content_copy, env, "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert (
            "  /blog/baby-sleep/ -> /blog/sleep-and-massage/ (blog/sleep.md has a new address)"
            in dry.stdout
        )
        result = publish(content_copy, env)
        assert result.returncode == 0, result.stderr
        assert "/blog/baby-sleep/ -> /blog/sleep-and-massage/" in result.stdout
        record = (content_copy / RECORD).read_text(encoding="utf-8")
        assert "/blog/baby-sleep/ -> /blog/sleep-and-massage/\n" in record
        assert "/blog/sleep-and-massage/  blog/sleep.md\n" in record

        heading = opened(browser, base + "/blog/baby-sleep/", base + "/blog/sleep-and-massage/")
    assert heading == "Sleep"


def test_deleting_a_shared_post_stops_the_publish_until_i_say_where_it_went(content_copy, tmp_path):
    live = tmp_path / "live"
    env = rsync_to(live, tmp_path)
    write_post(content_copy, "sleep", "Sleep")
    assert publish(content_copy, env).returncode == 0
    (content_copy / "blog" / "sleep.md").unlink()

    refused = publish(content_copy, env)
    assert refused.returncode != 0
    record = f"{content_copy / RECORD}"
    assert (
        f"- {record}: /blog/sleep/ was published (made from blog/sleep.md, which no longer "
        "makes a page), so every link to it would now answer “page not found”. Say where it "
        f"went: add the line '/blog/sleep/ -> /blog/' to {record} (with the address it moved "
        "to), or, if it is gone on purpose, the line '/blog/sleep/ gone'." in refused.stderr
    ), refused.stderr
    assert (live / "current" / "blog" / "sleep" / "index.html").is_file(), (
        "the live site is unchanged"
    )

    with (content_copy / RECORD).open("a", encoding="utf-8") as lines:
        lines.write("/blog/sleep/ gone\n")
    result = publish(content_copy, env)
    assert result.returncode == 0, result.stderr
    assert "  /blog/sleep/ is gone (you said so of blog/sleep.md)\n" in result.stdout
    assert not (live / "current" / "blog" / "sleep").exists()
    assert '"/blog/sleep/" "410";' in (live / "current" / ".redirects.map").read_text(
        encoding="utf-8"
    )
    assert "/blog/sleep/ gone\n" in (content_copy / RECORD).read_text(encoding="utf-8")


def test_a_netlify_style_host_answers_old_addresses_itself(content_copy, tmp_path):
    target = tmp_path / "netlify"
    env = publishing_to("netlify", target, tmp_path)
    write_post(content_copy, "sleep", "Sleep")
    with (content_copy / RECORD).open("a", encoding="utf-8") as lines:
        lines.write("/blog/sleep-tips/ -> /blog/sleep/\n/blog/spam/ gone\n")
    result = publish(content_copy, env)
    assert result.returncode == 0, result.stderr
    rules = (target / "_redirects").read_text(encoding="utf-8").splitlines()
    assert f"{OLD_BLOG_ADDRESS} {POST} 301" in rules
    assert f"{OLD_BLOG_ADDRESS}/ {POST} 301" in rules
    assert "/blog/sleep-tips/ /blog/sleep/ 301" in rules
    assert "/blog/spam/ /404.html 410" in rules
    assert not (target / OLD_BLOG_ADDRESS.lstrip("/")).exists(), "a page would shadow the 301"


def reloaded(url, seconds=10):
    """nginx reloads in the background: wait until its new workers answer `url` anew."""
    deadline = time.monotonic() + seconds
    while fetch(url, follow=False)[0] == 200 and time.monotonic() < deadline:
        time.sleep(0.1)


# --- On nginx, as on her own server -------------------------------------------------------
@pytest.fixture
def on_nginx(content_copy, tmp_path):
    """The real content published by rsync and served by nginx with deploy/nginx.conf; each
    later publish reloads nginx as NGINX_RELOAD_COMMAND does on her server."""
    live = tmp_path / "live"
    nginx = Nginx(tmp_path, live)
    env = rsync_to(live, tmp_path, SITEURL=nginx.base, NGINX_RELOAD_COMMAND=nginx.reload_command)
    write_post(content_copy, "sleep", "Sleep", fields="Slug: baby-sleep\n")
    write_post(content_copy, "spam", "Spam")
    first = publish(content_copy, {**env, "NGINX_RELOAD_COMMAND": ""})  # nginx starts after
    assert first.returncode == 0, first.stderr
    with nginx.running() as base:
        yield content_copy, env, base


def test_on_nginx_a_renamed_post_answers_301_and_a_deleted_one_410_with_the_404_page(
    on_nginx, browser
):
    content, env, base = on_nginx
    rename(content / "blog" / "sleep.md", "sleep-and-massage")
    (content / "blog" / "spam.md").unlink()
    with (content / RECORD).open("a", encoding="utf-8") as lines:
        lines.write("/blog/spam/ gone\n")
    result = publish(content, env)
    assert result.returncode == 0, result.stderr
    reloaded(base + "/blog/baby-sleep/")

    for old in ("/blog/baby-sleep/", "/blog/baby-sleep"):
        status, headers, _ = fetch(base + old, follow=False)
        assert status == 301 and headers["Location"] == f"{base}/blog/sleep-and-massage/", old
    status, headers, _ = fetch(base + OLD_BLOG_ADDRESS, follow=False)
    assert status == 301 and headers["Location"] == base + POST
    status, headers, body = fetch(base + "/blog/spam/")
    words = BeautifulSoup(body, "html.parser").h1.text.replace("\xa0", " ")
    assert status == 410 and words == "Page not found", "the 404 page says it"
    assert headers["Content-Security-Policy"]

    heading = opened(browser, base + "/blog/baby-sleep/", base + "/blog/sleep-and-massage/")
    assert heading == "Sleep"
    assert "1001 days" in opened(browser, base + OLD_BLOG_ADDRESS, base + POST)


def test_before_nginx_reloads_the_old_address_still_leads_on_through_its_page(on_nginx, browser):
    content, env, base = on_nginx
    rename(content / "blog" / "sleep.md", "sleep-and-massage")
    result = publish(content, {**env, "NGINX_RELOAD_COMMAND": ""})
    assert result.returncode == 0, result.stderr

    status, _, body = fetch(base + "/blog/baby-sleep/", follow=False)
    assert status == 200 and b"http-equiv=refresh" in body
    heading = opened(browser, base + "/blog/baby-sleep/", base + "/blog/sleep-and-massage/")
    assert heading == "Sleep"


def test_a_renamed_run_file_names_its_likely_new_address(content_copy, tmp_path):
    env = rsync_to(tmp_path / "live", tmp_path)
    assert publish(content_copy, env).returncode == 0
    runs = content_copy / "runs"
    shutil.move(runs / "2027-03-tuesday-mornings.md", runs / "2027-03-tuesdays.md")
    refused = publish(content_copy, env)
    assert refused.returncode != 0
    assert (
        "add the line '/classes/2027-03-tuesday-mornings/ -> /classes/2027-03-tuesdays/'"
        in refused.stderr
    ), refused.stderr
