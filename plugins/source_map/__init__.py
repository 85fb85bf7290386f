"""Remember which file each page was made from, so output checks can name it.

Writes `.sources.json` (page path -> source file) into the output folder;
`invoke publish` removes it before anything is deployed.
"""

import json
import os
from pathlib import Path

from pelican import signals

from ..shared import display

MANIFEST = ".sources.json"
sources: dict[str, str] = {}


def remember(path, context) -> None:
    item = context.get("article") or context.get("page")
    run = context.get("run")
    if item is not None:
        source = display(Path(item.source_path))
    elif run is not None:
        source = run.source
    else:
        source = f"theme/templates (the {context.get('page_name') or 'list'} page)"
    sources[os.path.abspath(path)] = source


def write_manifest(pelican) -> None:
    output = Path(pelican.output_path).resolve()
    relative = {
        Path(path).relative_to(output).as_posix(): source
        for path, source in sources.items()
        if Path(path).is_relative_to(output)
    }
    (output / MANIFEST).write_text(json.dumps(relative, indent=0, sort_keys=True), encoding="utf-8")
    sources.clear()


def register() -> None:
    signals.content_written.connect(remember)
    signals.finalized.connect(write_manifest)
