"""Lists nested with 2 spaces nest, as in GitHub's preview and most editors: a Markdown
extension. Python-Markdown nests only at 4 spaces; each list item is re-indented by its
level, worked out as CommonMark does (an item nests when it starts at or past the text of
the item above), so 4-space lists keep working. Fenced code is left as written."""

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap> +)\S")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


class NestedLists(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text_columns: list[int] = []  # where the text of each open item starts, outermost first
        in_fence = False
        result = []
        for line in lines:
            if FENCE.match(line):
                in_fence = not in_fence
            item = None if in_fence else LIST_ITEM.match(line)
            if item:
                column = len(item["indent"])
                while text_columns and column < text_columns[-1]:
                    text_columns.pop()
                level = len(text_columns)
                text_columns.append(column + len(item["marker"]) + len(item["gap"]))
                line = " " * (4 * level) + line[column:]
            elif line.strip() and not line.startswith(" ") and not in_fence:
                text_columns = []  # a paragraph at the margin ends the list
            result.append(line)
        return result


class NestedListsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(NestedLists(md), "nested_lists", 25)  # after the meta fields


def makeExtension(**kwargs) -> NestedListsExtension:
    return NestedListsExtension(**kwargs)
