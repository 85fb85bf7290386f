"""A summary of up to 160 characters (what search results show) builds; one more stops the build."""

import pytest
from support.site import build, built

from plugins.content_checks.metadata import field_problems

SENTENCE = (
    "Gentle massage strokes for a windy baby, and how to tell when your little one has had enough"
)


def summary_of(length: int) -> str:
    """A real-looking summary of exactly `length` characters."""
    text = (SENTENCE + ", with songs to share at bath time and bedtime. " * 3)[: length - 1] + "."
    assert len(text) == length
    return text


def post(summary: str) -> str:
    return (
        "Title: Massage for a windy baby\nDate: 2025-03-01 09:00\nCategory: Baby massage\n"
        f"Tags: wind\nSummary: {summary}\n\nA few strokes to try after a feed.\n"
    )


def summary_problems(summary: str) -> list[str]:
    fields = {"title": "Massage for a windy baby", "summary": summary}
    return [problem for name, problem in field_problems(fields) if name == "summary"]


@pytest.mark.pure
def test_the_summary_check_allows_160_characters_and_names_the_count_at_161():
    assert summary_problems(summary_of(160)) == []
    [problem] = summary_problems(summary_of(161))
    assert problem.startswith("161 characters;") and "cut it at 160" in problem


def test_a_160_character_summary_builds_and_is_the_pages_description(content_copy, tmp_path):
    (content_copy / "blog" / "windy-baby.md").write_text(post(summary_of(160)), encoding="utf-8")
    site = built("build", tmp_path / "output", content_copy)
    page = site.html("/blog/massage-for-a-windy-baby/")
    assert page.find("meta", attrs={"name": "description"})["content"] == summary_of(160)


def test_a_161_character_summary_stops_the_build_naming_the_file_and_field(content_copy, tmp_path):
    (content_copy / "blog" / "windy-baby.md").write_text(post(summary_of(161)), encoding="utf-8")
    output = tmp_path / "output"
    result = build("build", output, content_copy)
    assert result.returncode != 0
    assert "content/blog/windy-baby.md: Summary: 161 characters" in result.stderr
    assert not output.exists()
