"""The site's Content-Security-Policy, on every page and on every host: whatever she pastes
either shows on the live site or stops the build saying why."""

import shutil

import pytest
from support.browser import policy_violations, serve
from support.content import write_post
from support.site import build, invoke

from publishing.headers import CONTENT_SECURITY_POLICY, HEADER_ONLY_DIRECTIVES, REFERRER_POLICY


def policy_in_meta(soup) -> str:
    return soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def test_every_page_carries_the_policy_itself_for_hosts_that_send_no_headers(site):
    for file in site.html_files():
        soup = site.html(site.url_path(file))
        policy = policy_in_meta(soup)
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == REFERRER_POLICY
        # the live headers' policy, less what a <meta> tag cannot say
        assert all(d in CONTENT_SECURITY_POLICY for d in policy.split("; "))
        assert "default-src 'self'" in policy and "script-src 'none'" in policy
        assert not any(name in policy for name in HEADER_ONLY_DIRECTIVES)


def test_no_page_the_build_writes_breaks_the_live_policy_in_chromium(site, browser):
    with serve(site.root, live_headers=True) as url:
        refused = {
            path: found
            for path in map(site.url_path, site.html_files())
            if (found := policy_violations(browser, url + path))
        }
    assert len(site.html_files()) > 20
    assert refused == {}


def test_a_page_that_breaks_the_policy_is_reported_in_chromium(site, browser, tmp_path):
    """The check above can fail: a remote image on a built page is refused and reported."""
    shutil.copytree(site.root, tmp_path / "site")
    page = tmp_path / "site" / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</main>", '<img src="https://elsewhere.test/a.png" alt="x"></main>')
    )
    with serve(tmp_path / "site") as url:
        refused = policy_violations(browser, url + "/about/")
    assert any("img-src" in report for report in refused), refused


PASTED = {
    "a YouTube player": (
        (
            '<iframe width="560" height="315" title="YouTube video player" frameborder="0" '
            'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>'
        ),
        "paste the video's link on a line of its own instead: https://youtu.be/dQw4w9WgXcQ",
    ),
    "a Vimeo player": (
        '<iframe src="https://player.vimeo.com/video/76979871" width="640"></iframe>',
        "https://vimeo.com/76979871",
    ),
    "a map": (
        '<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4"></iframe>',
        "Link to it instead",
    ),
    "a booking widget's script": (
        '<script src="https://widgets.example.net/book.js"></script>',
        "the site runs no JavaScript",
    ),
    "a button with an onclick": (
        '<button onclick="alert(1)">Book</button>',
        "<button onclick=…> runs a script",
    ),
    "coloured text": (
        '<span style="color: red">Important</span>',
        "Delete the style attribute",
    ),
    "a photo from another site": (
        '<img src="https://images.example.net/baby.jpg" alt="A baby">',
        "invoke add-photo",
    ),
    "a form posting elsewhere": (
        '<form action="https://forms.example.net/submit"><button>Send</button></form>',
        "a form can only send to this site or to e-mail",
    ),
}


@pytest.mark.parametrize("what", PASTED)
def test_pasting_what_the_live_site_would_block_stops_the_build_naming_post_element_and_fix(
    tiny_site_content, tmp_path, what
):
    pasted, fix = PASTED[what]
    write_post(tiny_site_content, "pasted", "Pasted", body=f"Look at this:\n\n{pasted}\n")
    result = build("build", tmp_path / "output", tiny_site_content)
    assert result.returncode != 0
    assert "content/blog/pasted.md" in result.stderr
    assert (
        "refused by the site's security policy" in result.stderr or "runs a script" in result.stderr
    )
    assert fix in result.stderr
    assert not (tmp_path / "output").exists()


def test_invoke_check_finds_what_the_live_policy_would_block_on_a_built_page(site, tmp_path):
    shutil.copytree(site.root, tmp_path / "output")
    page = tmp_path / "output" / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</main>", '<p style="color:red">Hi</p></main>'))
    result = invoke("check", "--output", str(tmp_path / "output"))
    assert result.returncode != 0
    assert 'content/pages/about.md: <p style="color:red">' in result.stdout + result.stderr
