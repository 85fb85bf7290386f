"""The live preview (`invoke livereload`): what the author sees in her browser while she writes.

- server.py: watches the files, serves the preview, reloads the browser after each build;
- session.py: `LivePreview`, Pelican kept running, rebuilding after each save;
- quick_page.py, quick_lists.py: a saved post's page, lists and feeds, before the rebuild;
- page_reuse.py: the rebuild renders only the pages whose inputs changed;
- problems_page.py: the page every address shows while a save cannot be built.

Nothing here is ever published.
"""
