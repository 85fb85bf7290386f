"""A YouTube or Vimeo link on a line of its own becomes a video card: a Markdown extension.

    https://youtu.be/dQw4w9WgXcQ
    [Watch our tummy-time demo](https://www.youtube.com/watch?v=dQw4w9WgXcQ)

The card is a plain link with a play mark and her words (or "Watch the video on YouTube"):
no player, no thumbnail, no script, so the page asks nothing of the video site until a
parent taps it, and the site's security policy (no frames from other sites) holds. Listed
in pelicanconf.py's MARKDOWN, not in PLUGINS: it changes how Markdown is read.
"""

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor

VIDEO_ADDRESS = (
    r"https?://(?:(?:www\.|m\.)?youtube\.com/(?:watch\?\S*?v=|shorts/|live/)[\w-]+"
    r"|youtu\.be/[\w-]+|(?:www\.)?vimeo\.com/\d+)\S*"
)
# The whole paragraph: the address alone (bare or in <…>), or [her words](the address).
VIDEO_LINE = re.compile(
    rf"^(?:<(?P<bracketed>{VIDEO_ADDRESS})>|(?P<bare>{VIDEO_ADDRESS})"
    rf"|\[(?P<words>[^\]]+)\]\((?P<linked>{VIDEO_ADDRESS})\))$"
)
PLAY_MARK = "\u25b6\ufe0e"  # ▶ drawn as text, never as a coloured emoji


def site_name(address: str) -> str:
    return "Vimeo" if "vimeo.com" in address else "YouTube"


class VideoCardProcessor(BlockProcessor):
    def test(self, parent, block) -> bool:
        return VIDEO_LINE.match(block.strip()) is not None

    def run(self, parent, blocks) -> None:
        match = VIDEO_LINE.match(blocks.pop(0).strip())
        address = match["bracketed"] or match["bare"] or match["linked"]
        words = (match["words"] or "").strip() or f"Watch the video on {site_name(address)}"
        card = etree.SubElement(parent, "p", {"class": "cta video"})
        link = etree.SubElement(card, "a", {"href": address})
        mark = etree.SubElement(link, "span", {"aria-hidden": "true"})
        mark.text = PLAY_MARK
        mark.tail = f" {words}"


class VideoCards(Extension):
    def extendMarkdown(self, md) -> None:
        # before paragraphs (10) and lists, so the line is never read as a plain paragraph
        md.parser.blockprocessors.register(VideoCardProcessor(md.parser), "video_card", 75)


def makeExtension(**kwargs) -> VideoCards:
    return VideoCards(**kwargs)
