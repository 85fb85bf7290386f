"""What the author reads when a post's fields have a mistake, word for word: the checks that run
on every Markdown file before the build (the build itself is tested in test_authoring.py)."""

import datetime

import pytest

from plugins.content_checks.metadata import (
    Header,
    field_problems,
    images_without_alt,
    is_ignorable,
    parse_date,
    problems_in_file,
    problems_in_folder,
)

pytestmark = pytest.mark.pure

KNOWN = (
    "Author, Category, Date, Image, Image_alt, Modified, Save_as, Slug, Status, Summary, Tags, "
    "Template, Title, Url"
)


def problems(**fields) -> list[tuple[str, str]]:
    return list(field_problems({"title": "Sleep", **fields}))


def test_a_post_with_every_field_right_has_no_problems():
    assert (
        problems(
            date="2025-03-01 09:00",
            modified="2025-03-02 09:00:30",
            status="Draft",
            image="photos/feet.jpg",
            image_alt="A baby's feet",
            summary="Short.",
            tags="sleep",
        )
        == []
    )
    assert problems(status="published") == problems(status="hidden") == []


def test_each_wrong_field_is_named_with_how_to_fix_it():
    found = list(
        field_problems(
            {
                "date": "2025-02-31",
                "modified": "03/02/2025",
                "status": "later",
                "image": "photos/feet.jpg",
                "tgas": "sleep",
                "colour": "blue",
            }
        )
    )
    assert found == [
        ("title", "missing. Add a line such as 'Title: My first class' at the top."),
        (
            "date",
            (
                "'2025-02-31' is not a real date. Write it as YYYY-MM-DD, for example "
                "2025-02-03, optionally followed by a time such as 09:00."
            ),
        ),
        (
            "modified",
            (
                "'03/02/2025' is not a real date. Write it as YYYY-MM-DD, for example "
                "2025-02-03, optionally followed by a time such as 09:00."
            ),
        ),
        (
            "status",
            (
                "'later' is not a status. Use 'draft' to keep it unpublished, "
                "or delete the line to publish it."
            ),
        ),
        (
            "image_alt",
            (
                "missing. Describe what the photo shows, e.g. "
                "'Image_alt: A baby asleep after a massage'."
            ),
        ),
        (
            "colour",
            (
                "not a field this site knows, so it would be ignored. Check the spelling; "
                f"known fields are {KNOWN}."
            ),
        ),
        (
            "tgas",
            (
                "not a field this site knows, so it would be ignored. Check the spelling; "
                f"known fields are {KNOWN}."
            ),
        ),
    ]


def test_an_empty_title_or_image_is_treated_as_missing():
    assert [name for name, _ in field_problems({"title": ""})] == ["title"]
    assert problems(image="") == []


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("2025-02-03", datetime.datetime(2025, 2, 3)),
        ("2025-02-03 09:05", datetime.datetime(2025, 2, 3, 9, 5)),
        ("2025-02-03 09:05:07", datetime.datetime(2025, 2, 3, 9, 5, 7)),
        ("2025-02-30", None),
        ("3 February 2025", None),
    ],
)
def test_dates_are_read_in_the_three_forms_the_author_may_write(text, parsed):
    assert parse_date(text) == parsed


def test_the_header_is_read_up_to_the_first_empty_line():
    header = Header(
        "Title: Sleep\nTags: sleep,\n    bedtime\n   Summary:  Calm nights.  \n\nText: not a field.\n"
        "\nMore text."
    )
    assert header.fields == {"title": "Sleep", "tags": "sleep,", "summary": "Calm nights."}
    assert header.stray_lines == []
    assert header.body == "Text: not a field.\n\nMore text."


def test_a_line_that_is_not_a_field_stops_the_header_and_is_reported():
    header = Header("Title: Sleep\nDate 2025-03-01\nSummary: x\n\nText.")
    assert header.fields == {"title": "Sleep"}
    assert header.stray_lines == [(2, "Date 2025-03-01")]
    assert header.body == ""
    assert Header("    indented first line\n\nText.").stray_lines == [
        (1, "    indented first line")
    ]


def test_images_without_alt_text_are_found_in_markdown_by_address_or_name_and_in_html():
    body = (
        '![A baby asleep](photos/a.jpg) ![ ](photos/b.jpg "title") ![](photos/c.jpg)\n'
        '<img src="photos/d.jpg" alt="Feet"> <IMG src="photos/e.jpg"> '
        '<img alt=\'\' src=\'photos/f.jpg\'> <img alt="  "> <img src="photos/g.jpg" alt="decorative">\n'
        "![][Photo H] ![A cot][i] ![ ] [j]\n\n"
        '[photo h]: photos/h.jpg\n[i]: photos/i.jpg\n  [j]: <photos/j k.jpg> "title"\n'
        "![][nowhere]\n"
    )
    assert images_without_alt(body) == [
        "photos/b.jpg",
        "photos/c.jpg",
        "photos/h.jpg",
        "photos/j k.jpg",
        "nowhere",
        "photos/e.jpg",
        "photos/f.jpg",
        '<img alt="  ">',
    ]


def test_each_problem_in_a_file_names_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "blog" / "sleep.md"
    post.parent.mkdir()
    post.write_text(
        "Title: Sleep\nStatus: later\nStray line\nSummary: x\n\n![](photos/a.jpg)\n",
        encoding="utf-8",
    )
    assert problems_in_file(post, tmp_path) == [
        (
            "blog/sleep.md: Status: 'later' is not a status. Use 'draft' to keep it unpublished, "
            "or delete the line to publish it."
        ),
        (
            "blog/sleep.md: line 3: 'Stray line' is not a field, so every line after it would be "
            "treated as text. Write fields as 'Name: value', then one empty line, then the text."
        ),
    ]
    post.write_text("Title: Sleep\n\n![](photos/a.jpg)\n", encoding="utf-8")
    assert problems_in_file(post, tmp_path) == [
        (
            "blog/sleep.md: image photos/a.jpg has no alt text: describe what it shows (or, if it "
            "is only decoration, write 'decorative' as its alt text)"
        )
    ]


def test_a_field_written_twice_names_both_lines_whatever_their_case(tmp_path, monkeypatch):
    header = Header("Title: Sleep\nSlug: sleep\nDate: 2025-03-01\nslug: bedtime\n\nText.")
    assert header.repeated == [("slug", 2, 4)]
    assert header.fields["slug"] == "sleep"  # the first, as Pelican would take it
    assert header.body == "Text."
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "blog" / "sleep.md"
    post.parent.mkdir()
    post.write_text(
        "Title: Sleep\nSlug: sleep\nDate: 2025-03-01\nslug: bedtime\n\nText.\n", encoding="utf-8"
    )
    assert problems_in_file(post, tmp_path) == [
        "blog/sleep.md: Slug: written twice, on lines 2 and 4. Keep the one you mean and delete "
        "the other."
    ]


def test_a_folder_reports_files_that_would_not_be_published_and_skips_editor_files(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    blog = tmp_path / "blog"
    (blog / "2025").mkdir(parents=True)
    # a link from the content folder's top, which the check follows from `content`
    (blog / "good.md").write_text(
        "Title: Good\n\nSee [the last one]({filename}/blog/zz-last.md).\n", encoding="utf-8"
    )
    (blog / "2025" / "bad.markdown").write_text("Summary: x\n\nText.\n", encoding="utf-8")
    (blog / "notes.txt").write_text("Title: Notes\n", encoding="utf-8")
    (blog / "zz-last.md").write_text("Title: Last\nTgas: x\n\nText.\n", encoding="utf-8")
    for ignored in (".DS_Store", "#draft.md#", "good.md~"):
        (blog / ignored).write_text("junk", encoding="utf-8")
    assert problems_in_folder(blog, tmp_path) == [
        (
            "blog/2025/bad.markdown: Title: missing. Add a line such as 'Title: My first class' "
            "at the top."
        ),
        (
            "blog/notes.txt: this is not a Markdown file, so it would not be published. "
            "Rename it to end in .md, or move it out of this folder."
        ),
        (
            "blog/zz-last.md: Tgas: not a field this site knows, so it would be ignored. "
            f"Check the spelling; known fields are {KNOWN}."
        ),
    ]


@pytest.mark.parametrize(
    "name, ignorable",
    [
        (".DS_Store", True),
        ("#post.md#", True),
        ("post.md~", True),
        ("post.md", False),
        ("my#post.md", False),
    ],
)
def test_editor_backups_and_system_files_are_ignored(tmp_path, name, ignorable):
    assert is_ignorable(tmp_path / name) is ignorable


def test_a_filename_link_is_read_from_the_posts_folder_or_from_the_content_folder(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "pages" / "contact.md").write_text("Title: Contact\n\nHi.\n", encoding="utf-8")
    (content / "blog" / "older post.md").write_text("Title: Older\n\nHi.\n", encoding="utf-8")
    post = content / "blog" / "links.md"
    good = (
        "[contact]({filename}/pages/contact.md), [older]({filename}older%20post.md), "
        "[up]({filename}../pages/contact.md#top), [old style](|filename|/pages/contact.md)"
    )
    post.write_text(f"Title: Links\n\n{good}\n", encoding="utf-8")
    assert problems_in_file(post, content) == []

    post.write_text(
        "Title: Links\n\n[a]({filename}/pages/faq.md) and [b]({filename}contact.md)\n",
        encoding="utf-8",
    )
    hint = "Check the file name and folder, or link to the page's address, such as /contact/."
    assert problems_in_file(post, content) == [
        "content/blog/links.md: link {filename}/pages/faq.md leads nowhere: there is no file "
        f"content/pages/faq.md. {hint}",
        "content/blog/links.md: link {filename}contact.md leads nowhere: there is no file "
        f"content/blog/contact.md. {hint}",
    ]


def test_a_file_saved_by_notepad_reads_its_title_through_the_byte_order_mark(tmp_path):
    post = tmp_path / "blog" / "notepad.md"
    post.parent.mkdir()
    post.write_bytes("\ufeffTitle: Notepad\r\nSummary: Saved on Windows.\r\n\r\nText.\r\n".encode())
    assert problems_in_file(post, tmp_path) == []
    assert problems_in_folder(post.parent, tmp_path) == []


def test_the_new_post_examples_are_refused_only_for_the_live_site_and_not_in_a_draft(
    tmp_path, monkeypatch
):
    from plugins.content_checks.scaffold import NEW_POST

    monkeypatch.chdir(tmp_path)
    post = tmp_path / "blog" / "new.md"
    post.parent.mkdir()
    draft = NEW_POST.format(title="New", date="2025-03-01", slug="new")
    post.write_text(draft, encoding="utf-8")
    assert problems_in_file(post, tmp_path, live=True) == []
    post.write_text(draft.replace("Status: draft\n", ""), encoding="utf-8")
    assert problems_in_file(post, tmp_path) == []
    keep_draft = "or put back the line 'Status: draft' to keep it unpublished."
    live = [
        "blog/new.md: Summary: still the example that `invoke new-post` wrote. Write one or two "
        f"sentences of your own about this post, {keep_draft}",
        "blog/new.md: the text still holds the example line 'Write your post here.' that "
        f"`invoke new-post` wrote. Replace it with your post, {keep_draft}",
    ]
    assert problems_in_file(post, tmp_path, live=True) == live
    assert problems_in_folder(post.parent, tmp_path, live=True) == live
    assert problems_in_folder(post.parent, tmp_path) == []
