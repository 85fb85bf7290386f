"""A parent can still find a run on the day of its last session; the day after, it has gone."""

import datetime

import pytest
from support.examples import a_run
from support.site import built

# The spring run's last session: Tuesday 31 March 2026, 10:00 to 11:00.
LAST_DAY = datetime.date(2026, 3, 31)
RUN = """\
Title: Spring Tuesdays
Course: baby-massage
Start: 2026-03-03 10:00
Sessions: 5
Length: 60
Venue: parkside-community-centre
Price: 60
Places: 8
Booked: 2
"""


@pytest.mark.pure
def test_a_run_is_current_until_the_end_of_the_day_of_its_last_session():
    run = a_run()
    assert run.end == datetime.datetime(2026, 3, 31, 11, 0, tzinfo=run.start.tzinfo)
    assert not run.is_past(datetime.date(2026, 3, 3))
    assert not run.is_past(LAST_DAY - datetime.timedelta(days=1))
    assert not run.is_past(LAST_DAY)
    assert run.is_past(LAST_DAY + datetime.timedelta(days=1))


@pytest.mark.pure
def test_a_one_session_run_is_current_on_its_day_and_past_the_next():
    run = a_run(sessions="1", start="2026-03-03 19:30", length="150")
    assert run.end.date() == datetime.date(2026, 3, 3)
    assert not run.is_past(datetime.date(2026, 3, 3))
    assert run.is_past(datetime.date(2026, 3, 4))


def schedule_on(day, content, tmp_path):
    site = built("build", tmp_path / f"output-{day}", content, today=day.isoformat())
    return [h.get_text(" ", strip=True) for h in site.html("/classes/").select(".runs h3")]


def test_the_schedule_lists_a_run_on_its_last_day_and_drops_it_the_day_after(
    content_copy, tmp_path
):
    (content_copy / "runs" / "spring-tuesdays.md").write_text(RUN, encoding="utf-8")

    assert "Spring Tuesdays" in schedule_on(LAST_DAY, content_copy, tmp_path)
    assert "Spring Tuesdays" not in schedule_on(
        LAST_DAY + datetime.timedelta(days=1), content_copy, tmp_path
    )
