"""The machine the figures were measured on (Linux), so that they can be compared fairly."""

import os
import platform
from importlib.metadata import version
from pathlib import Path


def machine() -> dict:
    return {
        "cpus": len(os.sched_getaffinity(0)),  # what `nproc` prints
        "cpu_model": proc_field("/proc/cpuinfo", "model name"),
        "ram_gb": round(int(proc_field("/proc/meminfo", "MemTotal").split()[0]) / 1024**2, 1),
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "typogrify": version("typogrify"),
    }


def proc_field(path: str, name: str) -> str:
    """The value of the first `name: value` line of a /proc file."""
    lines = Path(path).read_text().splitlines()
    return next(line.partition(":")[2].strip() for line in lines if line.startswith(name))
