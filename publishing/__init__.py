"""Publishing the built site: output checks, guards against accidents, and deploy targets.

`invoke check` and `invoke publish` (tasks.py) are thin calls into this package.
"""
