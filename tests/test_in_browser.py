"""Real pages in headless Chromium, at a phone's and a laptop's width, light and dark."""

import re
from urllib.parse import urlparse

import pytest
from support.browser import CHECKED_PAGES, axe_results, open_page
from support.site import PAGES, POST


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", CHECKED_PAGES)
def test_axe_finds_no_accessibility_problems(browser, served_site, path, width, scheme):
    page, _, _ = open_page(browser, served_site + path, width, scheme)
    results = axe_results(page)
    page.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", PAGES)
def test_pages_reflow_at_320px_without_sideways_scrolling(browser, served_site, path):
    page, response, _ = open_page(browser, served_site + path, width=320)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert response.ok
    assert overflow <= 320


@pytest.mark.parametrize("path", CHECKED_PAGES)
def test_no_request_leaves_the_site_and_no_javascript_loads(browser, served_site, path):
    page, _, requests = open_page(browser, served_site + path)
    page.close()
    hosts = {urlparse(r.url).netloc for r in requests}
    assert hosts == {urlparse(served_site).netloc}
    assert not [r.url for r in requests if r.resource_type == "script"]
    assert any(re.search(r"/(site|poster)\.[0-9a-f]{10}\.css$", r.url) for r in requests), (
        "no stylesheet"
    )


def test_a_missing_page_answers_404_with_the_friendly_page(browser, served_site):
    page, response, _ = open_page(browser, served_site + "/no-such-page/")
    heading = page.locator("h1").inner_text().replace("\xa0", " ")
    page.close()
    assert response.status == 404
    assert heading == "Page not found"


def test_dark_mode_follows_the_phone_setting(browser, served_site):
    colours = {}
    for scheme in ("light", "dark"):
        page, _, _ = open_page(browser, served_site + POST, scheme=scheme)
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.close()
    assert colours["light"] != colours["dark"]


def test_links_and_buttons_are_easy_to_tap_and_show_focus(browser, served_site):
    page, _, _ = open_page(browser, served_site + "/")
    sizes = page.evaluate(
        """[...document.querySelectorAll('nav a, a.button')].map(a => {
             const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })"""
    )
    page.keyboard.press("Tab")
    skip_visible = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return r.left >= 0; })()"
    )
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.close()
    assert all(width >= 24 and height >= 24 for _, width, height in sizes), sizes
    assert skip_visible and outline != "none"
