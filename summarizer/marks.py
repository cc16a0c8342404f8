"""Combining marks as a regex character class: vowel signs are part of words in many scripts.

Python's ``\\w`` leaves combining marks out, so a plain word pattern cuts Hindi, Thai, Tamil
or Bengali words at every vowel sign ("हिन्दी" became five pieces). The class is built from
Unicode data once, over the blocks where combining marks live.
"""

from __future__ import annotations

import unicodedata

_BLOCKS = (
    (0x0300, 0x1100),  # Latin diacritics through Myanmar: Hebrew, Arabic, Indic, Thai, Lao...
    (0x1700, 0x1D00),  # Philippine scripts, Khmer, Mongolian, Balinese and their neighbours
    (0x1DC0, 0x1E00),  # combining diacritical marks supplement
    (0x20D0, 0x2100),  # combining marks for symbols
    (0x302A, 0x3030),  # ideographic tone marks
    (0x3099, 0x309B),  # kana voicing marks
    (0xA8E0, 0xA900),  # Devanagari extended
    (0xFE20, 0xFE30),  # combining half marks
)


def _mark_class() -> str:
    ranges: list[tuple[int, int]] = []
    for low, high in _BLOCKS:
        for point in range(low, high):
            if unicodedata.category(chr(point))[0] != "M":
                continue
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1] = (ranges[-1][0], point)
            else:
                ranges.append((point, point))
    return "".join(chr(low) if low == high else f"{chr(low)}-{chr(high)}" for low, high in ranges)


MARKS = _mark_class()
"""The combining marks (categories Mn, Mc, Me) of the blocks above, for use inside ``[...]``."""
