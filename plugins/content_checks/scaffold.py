"""The draft `invoke new-post` writes, and its example lines that must never go live."""

EXAMPLE_SUMMARY = (
    "One or two sentences (at most 160 characters) shown in search results and link previews."
)
EXAMPLE_TEXT = "Write your post here."

NEW_POST = f"""\
Title: {{title}}
Date: {{date}} 09:00
Slug: {{slug}}
Category: Baby massage
Tags: baby massage
Summary: {EXAMPLE_SUMMARY}
Status: draft

{EXAMPLE_TEXT} Delete the line "Status: draft" when it is ready to publish.
"""


def leftover_examples(fields: dict[str, str], body: str) -> list[str]:
    """Each example line of the new-post draft still in a file that is not a draft."""
    if fields.get("status", "").lower() == "draft":
        return []
    keep_draft = "or put back the line 'Status: draft' to keep it unpublished."
    found = []
    if fields.get("summary") == EXAMPLE_SUMMARY:
        found.append(
            "Summary: still the example that `invoke new-post` wrote. Write one or two "
            f"sentences of your own about this post, {keep_draft}"
        )
    if EXAMPLE_TEXT in body:
        found.append(
            f"the text still holds the example line '{EXAMPLE_TEXT}' that `invoke new-post` "
            f"wrote. Replace it with your post, {keep_draft}"
        )
    return found
