"""What the project ships as an example and must never go live: the example site address,
e-mail and phone number, the sample social links, and each sample page, course, venue and
run still marked `Sample: yes`. Each is named with the file or setting to change."""

import re
from pathlib import Path
from urllib.parse import urlparse

EXAMPLE_DOMAINS = {"example.com", "example.org", "example.net"}
# Ofcom's numbers for drama (never anyone's line), as 11 digits starting with 0: each prefix
# is followed by the digits that complete the number.
DRAMA_NUMBER_PREFIXES = (
    "07700900",
    "01632960",
    "02079460",
    "01134960",
    "01144960",
    "01154960",
    "01164960",
    "01174960",
    "01184960",
    "01214960",
    "01314960",
    "01414960",
    "01514960",
    "01614960",
    "01914980",
    "02896496",
    "02920180",
    "03069990",
    "08081570",
    "09098790",
)
SAMPLE_FIELD = re.compile(r"^ {0,3}sample:\s*yes\s*$", re.IGNORECASE | re.MULTILINE)
SAMPLE_KINDS = {
    "pages": "a sample page text",
    "courses": "the sample course description and terms",
    "venues": "a sample venue",
    "runs": "a sample run",
    "blog": "a sample post",
}


def placeholders(settings: dict, content: Path) -> list[str]:
    """Every example still in the settings or the content, each with what to change."""
    return example_settings(settings) + sample_files(content)


def example_settings(settings: dict) -> list[str]:
    found = []
    if is_example_host(urlparse(settings.get("SITEURL", "")).hostname or ""):
        found.append(
            f"publishconf.py: SITEURL is still the example address {settings['SITEURL']}: "
            "set it to your site's address (or set the SITEURL environment variable)."
        )
    email = settings.get("CONTACT_EMAIL", "")
    if is_example_host(email.rpartition("@")[2].lower()):
        found.append(
            f"pelicanconf.py: CONTACT_EMAIL is still the example {email}: "
            "set it to the address parents should write to."
        )
    phone = settings.get("CONTACT_PHONE", "")
    if is_drama_number(phone):
        found.append(
            f"pelicanconf.py: CONTACT_PHONE is still the example {phone} (a number for TV drama): "
            "set it to your number, or to an empty string to show none."
        )
    if "SOCIAL" in settings.get("SAMPLE_SETTINGS", ()):
        links = ", ".join(url for _, url in settings.get("SOCIAL", ()))
        found.append(
            f"pelicanconf.py: SOCIAL still holds the sample links ({links}): put your own "
            "profiles there (or empty the list), then take SOCIAL out of SAMPLE_SETTINGS."
        )
    return found


def is_example_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS)


def is_drama_number(phone: str) -> bool:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return len(digits) == 11 and digits.startswith(DRAMA_NUMBER_PREFIXES)


def sample_files(content: Path) -> list[str]:
    found = []
    for folder, kind in SAMPLE_KINDS.items():
        for path in sorted((content / folder).glob("*.md")):
            if SAMPLE_FIELD.search(fields_of(path)):
                found.append(
                    f"{display(path, content)}: {kind}, as shipped: replace it with yours, "
                    "or delete its line 'Sample: yes' to keep it as it is."
                )
    return found


def fields_of(path: Path) -> str:
    """The lines above the first empty line."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    return text.split("\n\n", 1)[0]


def display(path: Path, content: Path) -> str:
    return f"{content.name}/{path.relative_to(content).as_posix()}"
