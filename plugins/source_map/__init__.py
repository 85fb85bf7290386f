"""Remember which file each page was made from, so output checks can name it.

Writes `.sources.json` (page path -> source file) into the output folder;
`invoke publish` removes it before anything is deployed.
"""

import json
import os
from pathlib import Path

from pelican import signals

from ..shared import ThisBuild, display

MANIFEST = ".sources.json"
sources = ThisBuild(lambda settings: {})  # each page the build writes -> its source


def remember(path, context) -> None:
    item = context.get("article") or context.get("page")
    run = context.get("run")
    if item is not None:
        source = display(Path(item.source_path))
    elif run is not None:
        source = run.source
    else:
        source = f"theme/templates (the {context.get('page_name') or 'list'} page)"
    if sources.state is not None:  # None: the live preview's quick lists, after a build
        sources.state[os.path.abspath(path)] = source


def write_manifest(pelican) -> None:
    output = Path(pelican.output_path).resolve()
    relative = {
        Path(path).relative_to(output).as_posix(): source
        for path, source in sources.state.items()
        if Path(path).is_relative_to(output)
    }
    (output / MANIFEST).write_text(json.dumps(relative, indent=0, sort_keys=True), encoding="utf-8")
    sources.end()


def register() -> None:
    signals.initialized.connect(sources.start)
    signals.content_written.connect(remember)
    signals.finalized.connect(write_manifest)
