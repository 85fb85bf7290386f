"""Pelican's side of the schedule: read, check, share with templates, write."""

import datetime
import json
import re
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.generators import Generator
from pelican.utils import slugify

from ..shared import (
    ContentError,
    display,
    markdown_files,
    photo_slot,
    read_markdown,
    share_image,
    stop_build,
)
from .calendar import calendar_for
from .event import event_data
from .feed import entry_dates, runs_feed
from .model import (
    Run,
    Venue,
    course_from_fields,
    field_label,
    run_from_fields,
    venue_from_fields,
)
from .qr import qr_svg

# The fields each kind of file may have (content/<folder>/*.md).
FIELDS = {
    # "address" is not a field any more: venue_from_fields explains its replacement.
    "venues": {
        "name",
        "street",
        "town",
        "postcode",
        "map",
        "access",
        "address",
        "image",
        "image_alt",
        "sample",
    },
    "courses": {"title", "summary", "ages", "minimum", "image", "image_alt", "sample"},
    "runs": {
        "title",
        "course",
        "start",
        "sessions",
        "length",
        "venue",
        "price",
        "places",
        "booked",
        "booking",
        "booking_opens",
        "ages",
        "status",
        "sample",
        "no_class",
        "cancelled",
        "extra_session",
        "price_note",
        "announced",
    },
}


class ScheduleGenerator(Generator):
    def generate_context(self):
        zone = ZoneInfo(self.settings["TIMEZONE"])
        self.today = build_date(self.settings.get("TODAY"), zone)
        self.stamp = datetime.datetime.combine(self.today, datetime.time(), zone)
        self.problems: list[str] = []
        self.sources: dict[str, Path] = {}  # each run's file, by slug
        venues = self.read_folder("venues", lambda key, fields, _: venue_from_fields(key, fields))
        courses = self.read_folder("courses", course_from_fields)
        # A run naming a venue that is not there is read with a stand-in, so its other
        # fields are checked and the venue's problem is told once, for all its runs.
        runs = self.read_folder(
            "runs",
            lambda key, fields, text: run_from_fields(
                key,
                fields,
                text,
                courses,
                {**venues, **stand_in_venue(fields, venues)},
                self.settings["CONTACT_EMAIL"],
                zone,
            ),
        )
        self.problems += self.venue_problems(runs, venues)
        runs = {key: run for key, run in runs.items() if run.venue.key in venues}
        self.problems += self.duplicated_runs(runs.values())
        if self.problems:
            stop_build(self.problems)
        self.runs = sorted(
            (self.with_poster(self.with_urls(run)) for run in runs.values()), key=lambda r: r.start
        )
        self.upcoming = [run for run in self.runs if not run.is_past(self.today)]
        self.photo_slots = [
            item.photo for item in (*venues.values(), *courses.values()) if item.photo
        ]
        self.context.update(
            runs=self.runs,
            upcoming_runs=self.upcoming,
            next_bookable_run=next((run for run in self.upcoming if run.is_bookable), None),
            courses=sorted(courses.values(), key=lambda c: c.title),
        )

    def read_folder(self, folder: str, build) -> dict:
        built = {}
        for path in markdown_files(Path(self.path) / folder):
            if path.suffix != ".md":
                self.problems.append(
                    f"{display(path)}: this is not a Markdown file. Rename it to end in .md."
                )
                continue
            key = self.run_slug(path) if folder == "runs" else path.stem
            if folder == "runs" and key in self.sources:
                self.problems.append(
                    f"{display(self.sources[key])} and {display(path)} would both be published "
                    f"at /{self.settings['RUN_URL'].format(slug=key)}: rename one of them."
                )
                continue
            fields, text = read_markdown(path, self.settings)
            try:
                check_known(fields, FIELDS[folder])
                built[key] = build(key, fields, text)
                if folder != "runs":
                    built[key] = replace(built[key], photo=photo_slot(fields, str(path)))
            except ContentError as error:
                self.problems.append(f"{display(path)}: {error}")
            if folder == "runs":
                self.sources[key] = path
        return built

    def venue_problems(self, runs: dict[str, Run], venues: dict) -> list[str]:
        """One message per venue file that runs name but that is not there. A venue file
        with a mistake of its own has said so already: its runs add nothing."""
        folder = Path(self.path) / "venues"
        naming: dict[str, list[Run]] = {}
        for run in runs.values():
            if run.venue.key not in venues and not (folder / f"{run.venue.key}.md").exists():
                naming.setdefault(run.venue.key, []).append(run)
        return [
            self.missing_venue(display(folder / f"{key}.md"), named, sorted(venues))
            for key, named in naming.items()
        ]

    def missing_venue(self, file: str, runs: list[Run], venues: list[str]) -> str:
        """Which runs name the missing file, and the fix: restore it, or (for courses not
        yet over, never for a finished one) name another venue."""

        def names(some: list[Run]) -> str:
            return ", ".join(display(self.sources[run.slug]) for run in some)

        finished = [run for run in runs if run.is_past(self.today)]
        coming = [run for run in runs if not run.is_past(self.today)]
        told = f"{file}: there is no such venue file, but the Venue of {names(runs)} names it."
        if finished:
            told += (
                f" Restore the file (from a backup, or the site's history on GitHub): "
                f"{names(finished)} {'has' if len(finished) == 1 else 'have'} finished, and "
                "a finished course's page keeps saying where it met."
            )
        choices = ", ".join(venues) or "none yet: add one to content/venues/"
        if coming:
            told += (
                f" {'Or change' if finished else 'Restore the file, or change'} the Venue of "
                f"{names(coming)} to one of the venues in content/venues/: {choices}."
            )
        return told

    def run_slug(self, path: Path) -> str:
        """A run's address comes from its file name, made clean: "Tuesday mornings copy.md"
        is published at classes/tuesday-mornings-copy/, never with a space."""
        return slugify(path.stem, regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"])

    def duplicated_runs(self, runs) -> list[str]:
        """A copy of a run's file (Finder's "... copy.md", "-2.md") would list it twice."""
        by_start: dict[tuple, list[Run]] = {}
        for run in runs:
            by_start.setdefault((run.course.title, run.start), []).append(run)
        return [
            " and ".join(display(self.sources[run.slug]) for run in same)
            + f": both are runs of {same[0].course.title!r} starting "
            f"{same[0].start:%A %-d %B %Y at %H:%M}, so it would be listed twice and parents "
            "could book either. If one file is a copy made by mistake, delete it; if there "
            "really are two groups, change the Start of one."
            for same in by_start.values()
            if len(same) > 1
        ]

    def with_urls(self, run: Run) -> Run:
        return replace(
            run,
            finished=run.is_past(self.today),
            source=display(self.sources[run.slug]),
            url=self.settings["RUN_URL"].format(slug=run.slug),
            calendar_url=self.settings["RUN_CALENDAR_URL"].format(slug=run.slug),
        )

    def with_poster(self, run: Run) -> Run:
        """Runs a parent can still come to get a poster; past and cancelled ones do not."""
        if run.state in ("finished", "cancelled"):
            return run
        return replace(run, poster_url=self.settings["RUN_POSTER_URL"].format(slug=run.slug))

    def generate_output(self, writer):
        site = self.settings["CANONICAL_SITEURL"]
        template = self.get_template("run")
        for run in self.runs:
            writer.write_file(
                self.settings["RUN_SAVE_AS"].format(slug=run.slug),
                template,
                self.context,
                run=run,
                event=event_data(run, self.settings, share_image(self.context, run.url).url),
                url=run.url,
            )
            self.write_bytes(
                self.settings["RUN_CALENDAR_SAVE_AS"].format(slug=run.slug),
                calendar_for([run], run.title, site, self.stamp),
            )
        name = f"{self.settings['SITENAME']}: classes"
        self.write_bytes(
            self.settings["SCHEDULE_CALENDAR_SAVE_AS"],
            calendar_for(self.upcoming, name, site, self.stamp),
        )
        self.write_bytes(
            self.settings["RUNS_FEED_SAVE_AS"],
            runs_feed(self.upcoming, self.entry_dates(), self.settings, name),
        )
        self.write_posters(writer, site)

    def entry_dates(self) -> dict[str, datetime.date]:
        """Each run's last change for the runs feed (feed.py says how). What the entries say
        now is written beside RUNS_FEED_MEMORY as its `.next`: `invoke publish` keeps it once
        the site is published, so a build that is never published changes no dates."""
        memory_file = self.settings.get("RUNS_FEED_MEMORY")
        if not memory_file:
            return entry_dates(self.runs, {}, self.today)[0]
        try:
            remembered = json.loads(Path(memory_file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            remembered = {}
        days, memory = entry_dates(self.runs, remembered, self.today)
        proposed = Path(f"{memory_file}.next")
        proposed.parent.mkdir(parents=True, exist_ok=True)
        proposed.write_text(json.dumps(memory, indent=1, sort_keys=True), encoding="utf-8")
        return days

    def write_posters(self, writer, site: str) -> None:
        """A printable page per upcoming run, its QR code leading to the run's page."""
        template = self.get_template("poster")
        for run in (run for run in self.runs if run.poster_url):
            address = f"{site}/{run.url}"
            typed = address.split("://", 1)[-1]  # as a parent would type it
            writer.write_file(
                self.settings["RUN_POSTER_SAVE_AS"].format(slug=run.slug),
                template,
                self.context,
                run=run,
                address=address,
                address_parts=re.findall(r"[^/]*/|[^/]+$", typed),  # a line breaks after a /
                qr=qr_svg(address, f"QR code of the course's page, {address}"),
                url=run.poster_url,
            )

    def write_bytes(self, save_as: str, data: bytes) -> None:
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def stand_in_venue(fields: dict, venues: dict) -> dict[str, Venue]:
    """A venue for a run whose Venue names no venue we have, so the run's other fields are
    still checked; the run itself is left out and the venue's problem reported once."""
    key = fields.get("venue", "").strip()
    if not key or key in venues:
        return {}
    return {key: Venue(key, key, "", "", "", "", "")}


def check_known(fields: dict, known: set) -> None:
    """A misspelt field would be silently ignored (a "Bookd: 5" leaves the run unbooked)."""
    unknown = sorted(fields.keys() - known)
    if unknown:
        raise ContentError(
            field_label(unknown[0]),
            "not a field this site knows. Check the spelling; known fields are "
            + ", ".join(sorted(field_label(name) for name in known if name != "address"))
            + ".",
        )


def build_date(pinned: str | None, zone: ZoneInfo) -> datetime.date:
    """Today where the classes are, unless the TODAY setting pins it (tests, reproducible builds)."""
    if pinned:
        return datetime.date.fromisoformat(pinned)
    return datetime.datetime.now(zone).date()
