"""What search engines are told about the site, a post, a page's place and a run (JSON-LD),
built from the settings in milliseconds. The pages that carry it are tested in test_classes.py
and test_sharing.py."""

import datetime
import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from support.examples import PARKSIDE_PLACE, UK, a_run

from plugins.class_schedule.event import event_data
from plugins.structured_data import StructuredData, json_ld

pytestmark = pytest.mark.pure

SITE = "https://www.example.com"
SETTINGS = {
    "CANONICAL_SITEURL": SITE,
    "SITENAME": "Gentle Touch Baby Massage",
    "DESCRIPTION": "Baby massage classes in South Manchester.",
    "CONTACT_EMAIL": "hello@example.com",
    "CONTACT_PHONE": "07700 900123",
    "AREA_SERVED": "South Manchester",
    "AUTHOR": "Emma Clarke",
    "SOCIAL": [("Instagram", "https://instagram.com/x"), ("Facebook", "https://facebook.com/x")],
    "SITE_LANG": "en-GB",
    "ABOUT_URL": "about/",
    "COUNTRY": "GB",
    "CURRENCY": "GBP",
}
LOGO = SimpleNamespace(url="theme/logo.png", width=512, height=512)
PHOTO = SimpleNamespace(url="share/sleep.png", width=1200, height=630)
ORGANIZATION = {
    "@type": "Organization",
    "@id": f"{SITE}/#business",
    "name": "Gentle Touch Baby Massage",
    "url": f"{SITE}/",
    "description": "Baby massage classes in South Manchester.",
    "logo": {"@type": "ImageObject", "url": f"{SITE}/theme/logo.png", "width": 512, "height": 512},
    "email": "hello@example.com",
    "telephone": "07700 900123",
    "areaServed": "South Manchester",
    "founder": {"@type": "Person", "name": "Emma Clarke"},
    "sameAs": ["https://instagram.com/x", "https://facebook.com/x"],
}


def test_the_home_page_describes_the_site_and_the_business():
    assert StructuredData(SETTINGS).home(LOGO, PHOTO) == {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": f"{SITE}/#website",
                "name": "Gentle Touch Baby Massage",
                "url": f"{SITE}/",
                "description": "Baby massage classes in South Manchester.",
                "inLanguage": "en-GB",
                "image": f"{SITE}/share/sleep.png",
                "publisher": {"@id": f"{SITE}/#business"},
            },
            ORGANIZATION,
        ],
    }


def a_post(**extra):
    return SimpleNamespace(
        title="Sleep &amp; <em>calm</em>\xa0nights",
        summary="<p>How massage helps&nbsp;sleep.</p>",
        date=datetime.datetime(2025, 2, 3, 9, 0, tzinfo=UK),
        url="blog/sleep/",
        **extra,
    )


def test_a_post_is_a_blog_posting_with_plain_text_and_absolute_links():
    post = a_post(modified=datetime.datetime(2025, 2, 4, 8, 0, tzinfo=UK), tags=["sleep", "calm"])
    assert StructuredData(SETTINGS).post(post, PHOTO) == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Sleep & calm nights",
        "description": "How massage helps sleep.",
        "datePublished": "2025-02-03T09:00:00+00:00",
        "dateModified": "2025-02-04T08:00:00+00:00",
        "author": {"@type": "Person", "name": "Emma Clarke", "url": f"{SITE}/about/"},
        "publisher": {
            "@type": "Organization",
            "name": "Gentle Touch Baby Massage",
            "url": f"{SITE}/",
        },
        "image": {
            "@type": "ImageObject",
            "url": f"{SITE}/share/sleep.png",
            "width": 1200,
            "height": 630,
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": f"{SITE}/blog/sleep/"},
    }


def test_a_post_never_modified_gives_its_date_as_modified():
    data = StructuredData(SETTINGS).post(a_post(), PHOTO)
    assert data["dateModified"] == data["datePublished"] == "2025-02-03T09:00:00+00:00"


def test_breadcrumbs_number_each_step_from_the_home_page():
    trail = [("Home", ""), ("Classes", "classes/"), ("Spring Tuesdays", "classes/spring/")]
    assert StructuredData(SETTINGS).breadcrumbs(trail) == {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{SITE}/"},
            {"@type": "ListItem", "position": 2, "name": "Classes", "item": f"{SITE}/classes/"},
            {"@type": "ListItem", "position": 3, "name": "Spring Tuesdays"},
        ],
    }


def test_json_ld_cannot_end_its_script_element_and_keeps_accents():
    data = {"name": "Mum's </script><b>café</b> & co", "position": 1}
    script = str(json_ld(data))
    assert script == (
        '<script type="application/ld+json">'
        '{"name":"Mum\'s \\u003c/script\\u003e\\u003cb\\u003ecafé\\u003c/b\\u003e \\u0026 co",'
        '"position":1}'
        "</script>"
    )
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner) == data


def test_a_run_is_an_event_with_its_place_dates_and_offer():
    run = a_run(price="62.50")
    run = type(run)(**{**run.__dict__, "url": "classes/spring/"})
    assert event_data(run, SETTINGS, "share/spring.png") == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Spring Tuesdays",
        "description": "Five relaxed weekly sessions where you learn to massage your own baby.",
        "url": f"{SITE}/classes/spring/",
        "image": [f"{SITE}/share/spring.png"],
        "startDate": "2026-03-03T10:00:00+00:00",
        "endDate": "2026-03-31T11:00:00+01:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": PARKSIDE_PLACE,
        "organizer": {
            "@type": "Organization",
            "name": "Gentle Touch Baby Massage",
            "url": f"{SITE}/",
        },
        "performer": {"@type": "Person", "name": "Emma Clarke"},
        "offers": {
            "@type": "Offer",
            "price": "62.50",
            "priceCurrency": "GBP",
            "availability": "https://schema.org/InStock",
            "url": f"{SITE}/classes/spring/",
        },
    }
    # The day bookings open, only when the run says it: never the day of the build.
    opening = event_data(a_run(booking_opens="2026-02-01"), SETTINGS, "x.png")["offers"]
    assert opening["validFrom"] == "2026-02-01"


def test_a_cancelled_or_full_run_says_so_to_search_engines():
    cancelled = event_data(a_run(status="cancelled"), SETTINGS, "x.png")
    full = event_data(a_run(booked="8"), SETTINGS, "x.png")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"
    assert full["eventStatus"] == "https://schema.org/EventScheduled"
    assert event_data(a_run(price="60"), SETTINGS, "x.png")["offers"]["price"] == "60.00"
    assert a_run(price="60").price == Decimal(60)


def test_templates_get_the_json_ld_filter_and_the_structured_data_when_pelican_starts():
    from pelican import signals

    from plugins.structured_data import register

    pelican = SimpleNamespace(settings={**SETTINGS, "JINJA_FILTERS": {"other": str}})
    register()
    signals.initialized.send(pelican)
    assert pelican.settings["JINJA_FILTERS"] == {"other": str, "json_ld": json_ld}
    data = pelican.settings["JINJA_GLOBALS"]["structured_data"]
    trail = [("Home", ""), ("Blog", "blog/")]
    assert data.breadcrumbs(trail)["itemListElement"][0]["item"] == f"{SITE}/"
