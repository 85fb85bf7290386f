"""What the tests share, one module per concern (tests import from here, never from each other):

- site.py: the real site built into a temporary folder and read (`built`, `BuiltSite`, `invoke`);
- content.py: content a test writes (`write_post`, `tiny_content`, `write_schedule`);
- examples.py: a real course, venue and run as objects, for the pure functions' tests;
- photos.py: photos as a phone writes them;
- browser.py: a built site served on 127.0.0.1 and opened in Chromium; axe;
- tools.py: outside tools (Nu checker, npm clients), skipped outside CI when missing.

conftest.py holds only the fixtures.
"""
