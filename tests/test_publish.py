"""Publishing as the author does it: one command, real rsync, git and nginx, and guards."""

import datetime
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.content import write_post
from support.site import AUTHORS_POST_FILE, POST, TODAY, BuiltSite, built, fingerprint, invoke
from support.tools import IN_CI, require_tool

from publishing import guards
from publishing.checks import check_site
from publishing.headers import SECURITY_HEADERS

# The author's post page, as a file in the published folder.
POST_FILE = POST.lstrip("/") + "index.html"


@pytest.fixture
def live(tmp_path):
    """A folder standing in for the web server's, and the settings that publish to it."""
    folder = tmp_path / "live"
    folder.mkdir()
    env = {
        "DEPLOY_TARGET": "rsync",
        "RSYNC_PATH": str(folder),
        "PUBLISH_STATE_FILE": str(tmp_path / "state.json"),
    }
    return folder, env


def publish(content, env, *options):
    require_tool("rsync", "publishing to a web server uses rsync")
    return invoke("publish", "--content", str(content), "--today", TODAY, *options, env=env)


def add_posts(content, count, first_day=1):
    for day in range(first_day, first_day + count):
        write_post(content, f"extra-{day}", f"Extra post {day}", f"2025-03-{day:02d} 09:00")


def test_publish_puts_the_checked_site_in_the_servers_folder_and_removes_a_deleted_post(
    content_copy, live
):
    folder, env = live
    add_posts(content_copy, 1)
    first = publish(content_copy, env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Published:" in first.stdout
    assert (folder / "index.html").is_file() and (folder / POST_FILE).is_file()
    assert (folder / "blog" / "extra-post-1" / "index.html").is_file()
    assert (folder / "index.html.gz").is_file() and (folder / "index.html.br").is_file()
    assert not list(folder.glob(".sources.json*")), "the build's notes must not be published"

    (content_copy / "blog" / "extra-1.md").unlink()
    assert publish(content_copy, env).returncode == 0
    assert not (folder / "blog" / "extra-post-1").exists()
    assert (folder / POST_FILE).is_file()


def test_a_failed_build_leaves_the_live_site_byte_for_byte_unchanged(content_copy, live):
    folder, env = live
    assert publish(content_copy, env).returncode == 0
    before = fingerprint(folder)
    (content_copy / "blog" / "broken.md").write_text(
        "Title: Broken\nDate: 2025-13-01\n\nText\n", encoding="utf-8"
    )

    result = publish(content_copy, env)

    assert result.returncode != 0
    assert "broken.md: Date:" in result.stderr
    assert fingerprint(folder) == before


def test_a_dry_run_says_in_words_which_pages_would_change_and_changes_nothing(content_copy, live):
    folder, env = live
    add_posts(content_copy, 1)
    assert publish(content_copy, env).returncode == 0
    before = fingerprint(folder)
    (content_copy / "blog" / "extra-1.md").unlink()
    add_posts(content_copy, 1, first_day=2)

    result = publish(content_copy, env, "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "1 page added: /blog/extra-post-2/\n" in result.stdout
    assert "1 page removed: /blog/extra-post-1/\n" in result.stdout
    changed = re.search(r"(\d+) pages changed: (.*)", result.stdout)
    assert changed and "/blog/" in changed[2].split(", "), result.stdout
    assert "/about/" not in result.stdout, "an unchanged page is listed"
    assert "index.html" not in result.stdout, "the raw file list is shown without --verbose"
    assert fingerprint(folder) == before

    verbose = publish(content_copy, env, "--dry-run", "--verbose")
    assert ">f+++++++++ blog/extra-post-2/index.html" in verbose.stdout
    assert "*deleting   blog/extra-post-1/index.html" in verbose.stdout
    assert " about/index.html" not in verbose.stdout, "an unchanged file is listed"


def refused(result, reason):
    assert result.returncode != 0
    assert "Not published, the live site is unchanged" in result.stderr
    assert reason in result.stderr, result.stderr


def test_the_guard_refuses_a_site_without_its_404_page(content_copy, live):
    folder, env = live
    (content_copy / "pages" / "404.md").unlink()
    refused(publish(content_copy, env), "the page-not-found page (404.html) is missing")
    assert not any(folder.iterdir())


def test_the_guard_refuses_a_site_without_a_single_post(content_copy, live):
    _, env = live
    for post in (content_copy / "blog").glob("*.md"):
        post.unlink()
    refused(publish(content_copy, env), "there is not a single blog post")


def test_the_guard_refuses_a_site_without_its_feeds(published, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published.root, copy)
    (copy / "feeds" / "atom.xml").unlink()
    assert [f for f in check_site(copy, "https://www.example.com") if "missing" in f] == [
        (
            "feeds/atom.xml: the Atom feed is missing: build the site again, and if it is "
            "still missing, report this (the build should always make it)."
        )
    ]


def test_the_guard_refuses_a_site_much_smaller_than_the_last_publish(content_copy, live):
    folder, env = live
    add_posts(content_copy, 12)
    assert publish(content_copy, env).returncode == 0
    for extra in (content_copy / "blog").glob("extra-*.md"):
        extra.unlink()
    refused(publish(content_copy, env), "more than 20% would disappear")
    assert (folder / "blog" / "extra-post-1" / "index.html").is_file()
    assert publish(content_copy, env, "--allow-shrink").returncode == 0
    assert not (folder / "blog" / "extra-post-1").exists()


def test_the_guard_refuses_drafts_and_future_posts_in_the_output(published, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published.root, copy)
    draft = copy / "drafts" / "secret" / "index.html"
    draft.parent.mkdir(parents=True)
    draft.write_text("<p>draft</p>")
    post = copy / POST_FILE
    post.write_text(
        post.read_text().replace("2025-02-03T09:00:00+00:00", "2099-01-01T09:00:00+00:00")
    )
    found = guards.unpublished_content(
        copy, guards.post_dates(copy), datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    )
    assert found == [
        "a draft is in the output (drafts/secret/index.html)",
        f"{POST_FILE} is dated in the future (01 January 2099)",
    ]


def test_drafts_and_future_posts_are_never_published(content_copy, live):
    folder, env = live
    write_post(content_copy, "draft", "Secret draft", "2025-03-05 09:00", "Status: draft\n")
    write_post(content_copy, "future", "Future post", "2099-03-06 09:00")
    assert publish(content_copy, env).returncode == 0
    texts = [
        p.read_text(errors="ignore") for p in folder.rglob("*") if p.suffix in {".html", ".xml"}
    ]
    assert not any("Secret draft" in t or "Future post" in t for t in texts)
    assert not (folder / "drafts").exists()


@pytest.mark.parametrize("path", ["", "/", "~", str(Path.home())])
def test_the_guard_refuses_an_empty_root_or_home_target_folder(content_copy, tmp_path, path):
    env = {
        "DEPLOY_TARGET": "rsync",
        "RSYNC_PATH": path,
        "PUBLISH_STATE_FILE": str(tmp_path / "s.json"),
    }
    refused(publish(content_copy, env), "is empty, / or your home folder")


@pytest.mark.parametrize(
    "target, setting", [("rsync", "RSYNC_PATH"), ("netlify", "NETLIFY_PUBLISH_DIR")]
)
def test_the_guard_names_the_setting_that_holds_the_unsafe_folder(tmp_path, target, setting):
    env = {"DEPLOY_TARGET": target, setting: "/", "PUBLISH_STATE_FILE": str(tmp_path / "s.json")}
    refused(invoke("publish", "--today", TODAY, env=env), f"set {setting} to the site's own folder")


@pytest.mark.parametrize("link", ["/timetable/", "contact/"])
def test_publishing_refuses_a_broken_link_naming_the_post(content_copy, live, link):
    folder, env = live
    write_post(content_copy, "links", "Links", body=f"See [this]({link}).")
    result = publish(content_copy, env)
    assert result.returncode != 0
    assert f"blog/links.md: link to {link} is broken" in result.stderr, result.stderr
    assert not any(folder.iterdir())


def test_the_guard_refuses_a_relative_link_that_leads_nowhere(published, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(published.root, copy)
    post = copy / POST.strip("/") / "index.html"
    post.write_text(post.read_text().replace("</main>", '<a href="contact/">x</a></main>'))
    assert any(
        f"blog/{AUTHORS_POST_FILE.name}: link to contact/ is broken" in finding
        for finding in check_site(copy, "https://www.example.com")
    )


def test_invoke_check_names_the_source_file_of_each_problem(content_copy, tmp_path):
    site: BuiltSite = built("build", tmp_path / "output", content_copy)
    about = site.file("/about/")
    about.write_text(
        about.read_text().replace(
            "</main>", '<img src="/favicon.svg"><a href="/nowhere/">x</a></main>'
        )
    )
    (site.root / "feeds" / "rss.xml").write_text("<rss><channel><title>broken")
    result = invoke("check", "--output", str(site.root))
    assert result.returncode != 0
    for finding in [
        "content/pages/about.md: image /favicon.svg has no alt text",
        "content/pages/about.md: link to /nowhere/ is broken",
        "feeds/rss.xml: the feed does not parse",
    ]:
        assert finding in result.stderr, result.stderr
    assert (
        invoke(
            "check", "--output", str(built("build", tmp_path / "clean", content_copy).root)
        ).returncode
        == 0
    )


def test_github_pages_gets_the_site_on_its_branch_with_nojekyll_and_cname(content_copy, tmp_path):
    require_tool("git", "GitHub Pages publishing uses git")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(remote)], check=True)
    env = {
        "DEPLOY_TARGET": "github-pages",
        "GITHUB_PAGES_REMOTE": str(remote),
        "CUSTOM_DOMAIN": "www.example.co.uk",
        "PUBLISH_STATE_FILE": str(tmp_path / "s.json"),
    }
    for _ in range(2):
        result = invoke("publish", "--content", str(content_copy), "--today", TODAY, env=env)
        assert result.returncode == 0, result.stderr

    def git(*args):
        return subprocess.run(
            ["git", "--git-dir", str(remote), *args], capture_output=True, text=True, check=True
        ).stdout

    files = git("ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {"index.html", ".nojekyll", "CNAME", POST_FILE} <= set(files)
    assert ".sources.json" not in files
    assert git("show", "gh-pages:CNAME").strip() == "www.example.co.uk"
    assert len(git("log", "--format=%H", "gh-pages").split()) == 2, (
        "each publish adds to the branch's history"
    )


def test_a_netlify_style_host_gets_the_checked_site_with_a_headers_file(content_copy, tmp_path):
    target = tmp_path / "netlify-output"
    env = {
        "DEPLOY_TARGET": "netlify",
        "NETLIFY_PUBLISH_DIR": str(target),
        "PUBLISH_STATE_FILE": str(tmp_path / "s.json"),
    }
    result = invoke("publish", "--content", str(content_copy), "--today", TODAY, env=env)
    assert result.returncode == 0, result.stderr
    headers = (target / "_headers").read_text()
    for name, value in SECURITY_HEADERS.items():
        assert f"  {name}: {value}" in headers
    assert "/theme/css/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert (target / POST_FILE).is_file() and not (target / ".sources.json").exists()


# --- The shipped nginx configuration, on a real nginx --------------------------------------


def brotli_module():
    modules = list(Path("/etc/nginx/modules-enabled").glob("*brotli-static*"))
    if not modules:
        message = (
            "nginx's brotli module is missing: apt-get install libnginx-mod-http-brotli-static"
        )
        pytest.fail(message) if IN_CI else pytest.skip(message)
    return modules


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    """The published site behind nginx with deploy/nginx.conf, on a free port of 127.0.0.1."""
    nginx = require_tool("nginx", "the serving tests start a real nginx")
    require_tool("rsync", "publishing uses rsync")
    brotli_module()
    work = tmp_path_factory.mktemp("nginx")
    live = work / "live"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "DEPLOY_TARGET": "rsync",
        "RSYNC_PATH": str(live),
        "PUBLISH_STATE_FILE": str(work / "s.json"),
        "SITEURL": base,
    }
    result = invoke("publish", "--today", TODAY, env=env)
    assert result.returncode == 0, result.stderr
    shipped = (Path(__file__).parents[1] / "deploy" / "nginx.conf").read_text()
    site = shipped.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "root /var/www/babymassage;", f"root {live};"
    )
    (work / "site.conf").write_text(site)
    temp = work / "temp"
    temp.mkdir()
    (work / "nginx.conf").write_text(f"""
user root;
pid {work}/nginx.pid;
error_log {work}/error.log;
include /etc/nginx/modules-enabled/*.conf;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {work}/site.conf;
}}
""")
    server = subprocess.Popen(
        [nginx, "-c", str(work / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE
    )
    wait_until_listening(base, server)
    yield base
    server.terminate()
    server.wait(timeout=10)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(base, server, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("nginx did not start: " + server.stderr.read().decode())
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    pytest.fail("nginx did not answer within 10 s")


def fetch(url, encoding=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path", ["/", POST, "/classes/"])
def test_nginx_serves_pages_with_the_security_headers(nginx_site, path):
    status, headers, _ = fetch(nginx_site + path)
    assert status == 200
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert headers["Cache-Control"] == "public, max-age=600"


def test_nginx_answers_a_missing_page_with_our_404_page(nginx_site):
    status, headers, body = fetch(nginx_site + "/no-such-page/")
    assert status == 404 and b"Page not" in body
    assert headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert fetch(nginx_site + "/.sources.json")[0] == 404


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_nginx_sends_the_precompressed_page(nginx_site, encoding):
    import gzip

    import brotli

    status, headers, body = fetch(nginx_site + "/", encoding)
    assert status == 200 and headers["Content-Encoding"] == encoding
    plain = brotli.decompress(body) if encoding == "br" else gzip.decompress(body)
    assert plain.startswith(b"<!doctype html>")


def test_nginx_caches_the_fingerprinted_stylesheet_for_a_year(nginx_site):
    _, _, home = fetch(nginx_site + "/")
    stylesheet = BeautifulSoup(home, "html.parser").find("link", rel="stylesheet")["href"]
    assert re.fullmatch(nginx_site + r"/theme/css/site\.[0-9a-f]{10}\.css", stylesheet)
    status, headers, _ = fetch(stylesheet)
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_nginx_serves_calendars_as_calendars(nginx_site):
    status, headers, body = fetch(nginx_site + "/classes.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR")


def test_the_home_page_loads_under_the_security_policy_without_console_errors(nginx_site, browser):
    page = browser.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(nginx_site + "/", wait_until="load")
    stylesheet_applied = page.evaluate(
        "getComputedStyle(document.querySelector('.button')).borderRadius"
    )
    page.close()
    assert not errors, errors
    assert stylesheet_applied != "0px"
