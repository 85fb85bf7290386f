"""A run as a schema.org Event, the type Google shows for dated classes."""

import datetime

from .model import Run

SCHEMA = "https://schema.org/"


def event_data(run: Run, site: str, organizer: str, today: datetime.date, image_url: str) -> dict:
    venue = run.venue
    url = f"{site}/{run.url}"
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": run.title,
        "description": run.course.summary,
        "url": url,
        "image": [f"{site}/{image_url}"],
        "startDate": run.start.isoformat(),
        "endDate": run.end.isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if run.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "postalCode": venue.postcode,
                "addressCountry": "GB",
            },
        },
        "organizer": {"@type": "Organization", "name": organizer, "url": f"{site}/"},
        "offers": {
            "@type": "Offer",
            "price": f"{run.price:.2f}",
            "priceCurrency": "GBP",
            "availability": SCHEMA + ("SoldOut" if run.is_full else "InStock"),
            "url": url,
            "validFrom": today.isoformat(),
        },
    }
