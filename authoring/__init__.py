"""The author's helpers: files she asks a command to write into content/ for her.

- posts.py: `invoke new-post`, a draft with every field;
- runs.py: `invoke new-run`, the next run of a course;
- photos.py: `invoke add-photo`, a phone's photo made safe to publish and commit.
"""
