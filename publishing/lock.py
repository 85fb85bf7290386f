"""One publish at a time per target on this computer: the nightly cron job and one by hand
never interleave. The second waits, saying so; the lock goes with the process holding it,
however it ends."""

import fcntl
import hashlib
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def one_publish_at_a_time(folder: Path, where: str, say=print):
    """Held while the block runs, for the target described by `where`; kept in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(where.encode()).hexdigest()[:16]
    with open(folder / f"publish-{name}.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(
                f"Another publish to {where} is running on this computer: waiting for it to finish…"
            )
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield
