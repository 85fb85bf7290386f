"""JSON-LD and Open Graph as a crawler reads them: with extruct, the extractor many crawlers
and structured-data tools use, checked against the Event properties Google documents
(developers.google.com/search/docs/appearance/structured-data/event) and what link
previews show."""

import shutil

import extruct
import pytest
from support.content import SCHEDULE_TODAY as TODAY
from support.content import write_schedule
from support.examples import PARKSIDE_PLACE
from support.site import CONTENT, PUBLISHED_SITEURL, built, output_file, shared_pages

SCHEMA = "https://schema.org/"
SITENAME = "Gentle Touch Baby Massage"


def extracted(site, path) -> dict:
    html = site.file(path).read_text(encoding="utf-8")
    return extruct.extract(
        html, base_url=PUBLISHED_SITEURL + path, syntaxes=["json-ld", "opengraph"], uniform=True
    )


def items_of_type(data: dict, kind: str) -> list[dict]:
    items = [item for block in data["json-ld"] for item in block.get("@graph", [block])]
    return [item for item in items if item.get("@type") == kind]


def open_graph(site, path) -> dict:
    [tags] = extracted(site, path)["opengraph"]
    return tags


@pytest.fixture(scope="module")
def schedule(tmp_path_factory):
    """The site with open, full and cancelled runs; "spring" says when booking opens."""
    content = tmp_path_factory.mktemp("extractor") / "content"
    shutil.copytree(CONTENT, content)
    write_schedule(content)
    return built("preview", content.parent / "output", content, today=TODAY)


def event(site, slug) -> dict:
    [found] = items_of_type(extracted(site, f"/classes/{slug}/"), "Event")
    return found


def test_link_previews_describe_the_card_image_in_a_sentence(published):
    """A title card shows its words above the business name; its alt text says so."""
    home = open_graph(published, "/")
    tagline = published.html("/").select_one(".lede").get_text()
    assert home["og:image:alt"] == f"The words “{tagline}” above the name {SITENAME}."
    for path in shared_pages(published):
        tags = open_graph(published, path)
        alt = tags["og:image:alt"]
        twitter = published.html(path).find("meta", attrs={"name": "twitter:image:alt"})
        assert twitter["content"] == alt, path
        assert alt[0].isupper() and alt.endswith(".") and ".:" not in alt, (path, alt)
        if tags["og:image"] != home["og:image"]:
            assert alt.startswith(f"The words “{tags['og:title']}”"), (path, alt)
            assert alt.endswith(f" above the name {SITENAME}."), (path, alt)


def test_a_run_has_every_event_property_google_documents(schedule):
    found = event(schedule, "spring")
    url = f"{PUBLISHED_SITEURL}/classes/spring/"
    # Required
    assert found["name"] == "Spring Tuesdays"
    assert found["startDate"] == "2026-03-03T10:00:00+00:00"
    assert found["location"] == PARKSIDE_PLACE
    # Recommended
    assert found["endDate"] == "2026-03-31T11:00:00+01:00"
    assert found["description"].startswith("Five relaxed weekly sessions")
    assert found["eventStatus"] == SCHEMA + "EventScheduled"
    assert found["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert [output_file(schedule, image).is_file() for image in found["image"]] == [True]
    assert found["organizer"] == {"@type": "Organization", "name": SITENAME,
                                  "url": f"{PUBLISHED_SITEURL}/"}  # fmt: skip
    assert found["performer"] == {"@type": "Person", "name": "Emma Clarke"}
    assert found["offers"] == {
        "@type": "Offer",
        "price": "60.00",
        "priceCurrency": "GBP",
        "availability": SCHEMA + "InStock",
        "url": url,
        "validFrom": "2026-02-01",
    }


def test_an_event_never_carries_the_build_date(schedule):
    """Without `Booking opens:` there is no validFrom at all, rather than an invented one."""
    for slug in ["thursday", "full", "autumn"]:
        assert "validFrom" not in event(schedule, slug)["offers"], slug
    assert TODAY not in str(event(schedule, "spring"))


def test_full_and_cancelled_runs_say_so_to_search_engines(schedule):
    assert event(schedule, "full")["offers"]["availability"] == SCHEMA + "SoldOut"
    assert event(schedule, "cancelled")["eventStatus"] == SCHEMA + "EventCancelled"
    assert event(schedule, "spring")["offers"]["availability"] == SCHEMA + "InStock"
