"""The fixed split of every dev set: a "tune" part to tune on and a "report" part never tuned on."""

from __future__ import annotations

import hashlib

TUNE = "tune"
REPORT = "report"


def part_of(key: str) -> str:
    """The part an item belongs to, from the parity of the first byte of its id's SHA-1.

    The split depends on the id alone, so adding items never moves old ones between parts.
    """
    return TUNE if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else REPORT
