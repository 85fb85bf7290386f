"""A run as a schema.org Event, with the properties Google documents for events."""

from .model import Run

SCHEMA = "https://schema.org/"


def event_data(run: Run, settings: dict, image_url: str) -> dict:
    """`image_url`: the run's share image, from the site root."""
    site = settings["CANONICAL_SITEURL"]
    venue = run.venue
    url = f"{site}/{run.url}"
    offer = {
        "@type": "Offer",
        "price": f"{run.price:.2f}",
        "priceCurrency": settings["CURRENCY"],
        "availability": SCHEMA + ("SoldOut" if run.is_full else "InStock"),
        "url": url,
    }
    if run.booking_opens:
        offer["validFrom"] = run.booking_opens.isoformat()
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
                "streetAddress": venue.street,
                "addressLocality": venue.town,
                "postalCode": venue.postcode,
                "addressCountry": settings["COUNTRY"],
            },
        },
        "organizer": {"@type": "Organization", "name": settings["SITENAME"], "url": f"{site}/"},
        "performer": {"@type": "Person", "name": settings["AUTHOR"]},
        "offers": offer,
    }
