"""Every word a parent reads, and every link, stands out from what is behind it: light and dark.

The contrast is computed in Chromium from the colours the browser actually uses: the text's
colour against the first opaque background found walking up its ancestors (blending any
see-through ones on the way). axe's own colour-contrast rule is run too; what it cannot decide
("incomplete", e.g. text exactly the colour of its background) counts as a failure unless it is
explained in EXPLAINED below.
"""

import pytest
from support.browser import serve
from support.content import SCHEDULE_TODAY, tiny_content, write_schedule
from support.site import POST, built

MINIMUM = 4.5  # WCAG 2.2 AA for body-size text
UI_MINIMUM = 3  # WCAG 2.2 AA 1.4.11: the edges of cards, buttons and fields
CHECKED_PAGES = ["/", POST, "/classes/", "run", "/contact/", "/no-such-page/"]
# axe "incomplete" colour-contrast results looked at and found fine: (page, selector) -> why.
EXPLAINED: dict[tuple[str, str], str] = {}

# The colour arithmetic both checks below run in the page.
HELPERS = """
  const parse = (colour) => {
    const m = colour.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[3] * top[i] + (1 - top[3]) * bottom[i]);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const background = (el) => {
    const layers = [];
    let opacity = 1;
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      opacity *= Number(style.opacity);
      if (style.backgroundImage !== 'none') return {unknown: 'a background image on ' + describe(node)};
      const colour = parse(style.backgroundColor);
      if (!colour) return {unknown: 'background ' + style.backgroundColor + ' on ' + describe(node)};
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) {
        let rgb = layers.pop().slice(0, 3);
        while (layers.length) rgb = over(layers.pop(), rgb);
        return {rgb, opacity};
      }
    }
    return {unknown: 'no opaque background behind it'};
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
"""

CONTRASTS = (
    """() => {"""
    + HELPERS
    + """
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const ownText = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') continue;
    const text = el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
    const kind = el.closest('a') ? 'link' : 'text';
    const back = background(el);
    const colour = parse(style.color);
    if (back.unknown || !colour) {
      found.push({kind, text, where: describe(el), ratio: 0, why: back.unknown || 'colour ' + style.color});
      continue;
    }
    const fg = over([...colour.slice(0, 3), colour[3] * back.opacity], back.rgb);
    found.push({kind, text, where: describe(el), ratio: ratio(fg, back.rgb),
                why: 'rgb(' + fg.map(Math.round) + ') on rgb(' + back.rgb.map(Math.round) + ')'});
  }
  return found;
}"""
)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def run_page(site) -> str:
    """The first run on the schedule, as a parent would click through to it."""
    return site.html("/classes/").select_one(".runs h3 a")["href"]


def open_page(browser, served_site, path, scheme):
    page = browser.new_page(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page.goto(served_site + path, wait_until="load")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", CHECKED_PAGES)
def test_body_text_and_links_have_at_least_4_5_to_1_contrast(
    browser, served_site, run_page, path, scheme
):
    path = run_page if path == "run" else path
    page = open_page(browser, served_site, path, scheme)
    found = page.evaluate(CONTRASTS)
    page.close()
    assert {item["kind"] for item in found} == {"text", "link"}, "no body text or no link checked"
    poor = [
        f"{i['kind']} {i['text']!r} ({i['where']}): {i['ratio']:.2f}:1, {i['why']}"
        for i in found
        if i["ratio"] < MINIMUM
    ]
    assert not poor, f"{path} in {scheme} mode:\n" + "\n".join(poor)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", CHECKED_PAGES)
def test_axe_can_decide_the_contrast_of_everything_and_finds_it_enough(
    browser, served_site, axe, run_page, path, scheme
):
    path = run_page if path == "run" else path
    page = open_page(browser, served_site, path, scheme)
    results = axe.run(page, options={"runOnly": ["color-contrast"]}).response
    page.close()
    assert results["passes"], "axe checked no text"
    unsure = [
        f"{' '.join(node['target'])}: {node['failureSummary']}"
        for rule in results["violations"] + results["incomplete"]
        for node in rule["nodes"]
        if (path, " ".join(node["target"])) not in EXPLAINED
    ]
    assert not unsure, f"{path} in {scheme} mode:\n" + "\n".join(unsure)


# --- Edges and states: cards and outlined buttons, and every state of a course ---------

BORDERS = (
    """(selector) => {"""
    + HELPERS
    + """
  return [...document.querySelectorAll(selector)].map(el => {
    const colour = parse(getComputedStyle(el).borderTopColor);
    const back = background(el.parentElement);
    return {where: describe(el), ratio: back.unknown ? 0 : ratio(colour.slice(0, 3), back.rgb)};
  });
}"""
)


@pytest.fixture(scope="module")
def served_schedule(tmp_path_factory):
    """Courses with places, few places, none, cancelled: every state a card can show."""
    content = tiny_content(tmp_path_factory.mktemp("states") / "content")
    write_schedule(content)
    site = built("build", tmp_path_factory.mktemp("states") / "output", content, SCHEDULE_TODAY)
    with serve(site.root) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_edges_of_course_cards_and_outlined_buttons_stand_out_3_to_1(
    browser, served_schedule, scheme
):
    page = open_page(browser, served_schedule, "/classes/", scheme)
    edges = page.evaluate(BORDERS, ".run, .button.secondary")
    page.close()
    assert len(edges) >= 5, edges
    faint = [edge for edge in edges if edge["ratio"] < UI_MINIMUM]
    assert not faint, faint


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_state_of_a_course_reads_at_4_5_to_1(browser, served_schedule, scheme):
    page = open_page(browser, served_schedule, "/classes/", scheme)
    found = page.evaluate(CONTRASTS)
    page.close()
    badges = [item for item in found if ".badge" in item["where"]]
    assert {b["where"] for b in badges} >= {
        "p.badge.open",
        "p.badge.few",
        "p.badge.full",
        "p.badge.cancelled",
    }
    poor = [item for item in found if item["ratio"] < MINIMUM]
    assert not poor, poor


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_few_places_fully_booked_and_cancelled_differ_in_words_and_colour(
    browser, served_schedule, scheme
):
    page = open_page(browser, served_schedule, "/classes/", scheme)
    cards = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.runs .run')].map(card => {
             const badge = card.querySelector('.badge'), button = card.querySelector('a.button');
             return [card.querySelector('h3').textContent, {
               words: badge.textContent, colour: getComputedStyle(badge).backgroundColor,
               button: button && [button.textContent, getComputedStyle(button).backgroundColor]}];
           }))"""
    )
    page.close()
    states = {
        "Spring Tuesdays": "3 places left",
        "Thursday afternoons": "Only 1 place left",
        "Friday mornings": "Fully booked",
        "Saturday group": "Cancelled",
    }
    assert {title: cards[title]["words"] for title in states} == states
    assert len({cards[title]["colour"] for title in states}) == len(states)
    book, waiting = cards["Spring Tuesdays"]["button"], cards["Friday mornings"]["button"]
    assert book[0].startswith("Book a place") and waiting[0].startswith("Join the waiting list")
    assert waiting[1] == "rgba(0, 0, 0, 0)" != book[1]  # secondary: outlined, not filled
    assert cards["Saturday group"]["button"] is None
