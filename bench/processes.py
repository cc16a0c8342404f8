"""Process facts from /proc for the soak: resident sizes, peaks, descendants, exit causes."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path

PROC = Path("/proc")


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def rss_mib(pid: int) -> float:
    """Resident size of a process now, in MiB (0 once it is gone)."""
    return _status_kib(pid, "VmRSS") / 1024


def pss_mib(pid: int) -> float:
    """Proportional set size in MiB: shared pages split among their sharers, so sums add up."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def peak_rss_mib(pid: int) -> float:
    """Highest resident size a process has had (VmHWM), in MiB."""
    return _status_kib(pid, "VmHWM") / 1024


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children ...)."""
    parents: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def describe_exit(code: int) -> str:
    """A child's exit status in words (a negative status is the signal that ended it)."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"
