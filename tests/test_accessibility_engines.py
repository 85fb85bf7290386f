"""Second and third opinions on accessibility: IBM's Equal Access engine and HTML_CodeSniffer
(the engine pa11y runs), each injected into the real page in Chromium, as their tools do.
axe runs in test_in_browser.py."""

import pytest
from support.browser import CHECKED_PAGES, open_page
from support.tools import require_js_clients

# Definite failures only: both engines also list things for a person to review by hand, and
# IBM's lists recommendations beyond WCAG (such as a visible name for the booking aside).
IBM_EQUAL_ACCESS = """async () => {
  const report = await new ace.Checker().check(document, ["IBM_Accessibility"]);
  return report.results
    .filter(result => result.value[0] === "VIOLATION" && result.value[1] === "FAIL")
    .map(result => `${result.ruleId} at ${result.path.dom}: ${result.message}`);
}"""
HTML_CODESNIFFER = """() => new Promise(done => HTMLCS.process("WCAG2AA", document, () => done(
  HTMLCS.getMessages()
    .filter(message => message.type === HTMLCS.ERROR)
    .map(message => `${message.code} at ${String(message.element.outerHTML).slice(0, 120)}: ${message.msg}`)
)))"""
ENGINES = {
    "IBM Equal Access": ("accessibility-checker-engine/ace.js", IBM_EQUAL_ACCESS),
    "HTML_CodeSniffer": ("html_codesniffer/build/HTMLCS.js", HTML_CODESNIFFER),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", CHECKED_PAGES)
def test_other_accessibility_engines_find_no_failures(browser, served_site, path, engine):
    script, check = ENGINES[engine]
    modules = require_js_clients()
    page, _, _ = open_page(browser, served_site + path)
    page.add_script_tag(path=str(modules / script))
    failures = page.evaluate(check)
    page.close()
    assert failures == [], "\n".join(failures)


def test_the_skip_link_comes_first_inside_the_header_and_shows_on_focus(browser, served_site):
    page, _, _ = open_page(browser, served_site + "/classes/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """(() => { const link = document.activeElement, box = link.getBoundingClientRect();
             return [link.textContent, link.closest("header") !== null,
                     box.left >= 0 && box.top >= 0 && box.width > 0]; })()"""
    )
    page.close()
    assert focused == ["Skip to content", True, True]


@pytest.mark.parametrize("path", ["/", "/classes/"])
def test_each_course_card_is_named_by_its_own_heading(site, path):
    cards = site.html(path).select("li > article")
    assert cards
    labels = [card["aria-labelledby"] for card in cards]
    assert len(set(labels)) == len(labels)
    for card, label in zip(cards, labels):
        assert card.find(id=label) is card.find(["h2", "h3"])
