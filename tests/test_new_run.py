"""`invoke new-run`: the next run of a course, a week after the last one ends."""

from support.site import built, invoke

from authoring.runs import RUNS_FOLDER


def new_run(content, *options):
    return invoke("new-run", "--content", str(content), *options)


def fields(path) -> dict[str, str]:
    header = path.read_text(encoding="utf-8").split("\n\n")[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


def test_the_next_run_starts_a_week_after_the_last_session_and_shows_on_the_site(
    content_copy, tmp_path
):
    result = new_run(content_copy)

    assert result.returncode == 0, result.stderr
    path = content_copy / RUNS_FOLDER / "2027-04-tuesday-mornings.md"
    assert result.stdout.strip().endswith(f"{RUNS_FOLDER}/2027-04-tuesday-mornings.md")
    run = fields(path)
    # The last run starts Tuesday 16 March 2027, five weekly sessions: last one 13 April.
    assert run["Start"] == "2027-04-20 10:00"
    assert run["Booked"] == "0"
    assert {k: run[k] for k in ("Course", "Venue", "Price", "Places", "Sessions", "Length")} == {
        "Course": "baby-massage",
        "Venue": "parkside-community-centre",
        "Price": "60",
        "Places": "8",
        "Sessions": "5",
        "Length": "60",
    }
    assert "clocks go forward" not in path.read_text(), "the old run's note is not copied"

    site = built("build", tmp_path / "output", content_copy)
    page = site.text("/classes/2027-04-tuesday-mornings/")
    assert "20 April" in page and "10:00" in page


def test_a_chosen_run_is_continued_with_its_weekday_and_time(content_copy):
    thursday = content_copy / RUNS_FOLDER / "2027-01-thursday-afternoons.md"

    result = new_run(content_copy, "--after", str(thursday))

    assert result.returncode == 0, result.stderr
    run = fields(content_copy / RUNS_FOLDER / "2027-02-thursday-afternoons.md")
    assert run["Start"] == "2027-02-18 13:30"  # a Thursday, like 14 January
    assert run["Booked"] == "0" and run["Places"] == "6"


def test_an_existing_file_or_an_unknown_course_is_refused_and_named(content_copy):
    march = content_copy / RUNS_FOLDER / "2027-03-tuesday-mornings.md"
    assert new_run(content_copy, "--after", str(march)).returncode == 0
    again = new_run(content_copy, "--after", str(march))
    assert again.returncode != 0
    assert "2027-04-tuesday-mornings.md already exists" in again.stderr

    unknown = new_run(content_copy, "--course", "yoga")
    assert unknown.returncode != 0
    assert "'yoga' has no runs" in unknown.stderr and "baby-massage" in unknown.stderr
