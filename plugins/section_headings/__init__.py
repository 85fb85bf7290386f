"""A `#` heading in a post's or page's text becomes a section heading (<h2>): a Markdown
extension. The title is the page's only first-level heading; a second one would confuse
screen readers and search engines. A text that uses `#` has every heading moved one level
down (`##` to <h3> …), so its sections keep their order; a text without `#` is as written."""

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class SectionHeadings(Treeprocessor):
    def run(self, root) -> None:
        headings = [e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5")]
        if any(heading.tag == "h1" for heading in headings):
            for heading in headings:
                heading.tag = f"h{int(heading.tag[1]) + 1}"


class SectionHeadingsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # before the table of contents and attribute lists read the headings (priority 5 and up)
        md.treeprocessors.register(SectionHeadings(md), "section_headings", 30)


def makeExtension(**kwargs) -> SectionHeadingsExtension:
    return SectionHeadingsExtension(**kwargs)
