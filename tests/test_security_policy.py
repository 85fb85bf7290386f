"""The site's Content-Security-Policy, on every page and on every host: whatever she pastes
either shows on the live site or stops the build saying why."""

import shutil

from support.browser import policy_violations, serve
from support.site import built

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
