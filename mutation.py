"""Mutation testing of the pure code (`invoke mutants`): how many small deliberate bugs the fast
tests catch, per module. The modules and the tests (`-m pure`) are set in pyproject.toml under
[tool.mutmut]; mutmut works in a copy of the code in mutants/ and remembers finished work there.
"""

import re
import subprocess
import sys
from collections import Counter, defaultdict

MUTANT = re.compile(r"^\s+(?P<module>[\w.]+?)\.x[ǁ_]\S*__mutmut_\d+: (?P<status>.+)$")
CAUGHT = {"killed", "timeout", "caught by type check"}


def mutmut(*args: str, timeout: float, show=False) -> subprocess.CompletedProcess:
    """Run mutmut; `show` lets its progress through to the terminal instead of capturing it."""
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(command, check=False, capture_output=not show, text=True, timeout=timeout)


def statuses(results: str) -> dict[str, list[tuple[str, str]]]:
    """Each module's mutants (name, status), from `mutmut results --all true`."""
    by_module = defaultdict(list)
    for line in results.splitlines():
        match = MUTANT.match(line)
        if match:
            by_module[match["module"]].append((line.strip().split(":")[0], match["status"]))
    return by_module


def report(by_module: dict[str, list[tuple[str, str]]]) -> list[str]:
    lines = [f"{'module':40} {'mutants':>7} {'caught':>7} {'score':>6}  not caught"]
    for module, mutants in sorted(by_module.items()):
        counts = Counter(status for _, status in mutants)
        caught = sum(counts[s] for s in CAUGHT)
        missed = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in CAUGHT)
        score = caught / len(mutants)
        lines.append(f"{module:40} {len(mutants):7} {caught:7} {score:6.0%}  {missed}")
    return lines


def run(jobs: int, timeout: float, show_survivors: bool) -> int:
    """Run mutmut (resuming earlier work), then print the score of each module."""
    result = mutmut("run", "--max-children", str(jobs), timeout=timeout, show=True)
    if result.returncode != 0:
        return result.returncode
    by_module = statuses(mutmut("results", "--all", "true", timeout=120).stdout)
    print("\n".join(report(by_module)))
    if show_survivors:
        for module, mutants in sorted(by_module.items()):
            for name, status in mutants:
                if status not in CAUGHT:
                    print(f"{status:10} {name}  (see it: mutmut show {name})")
    return 0
