"""A minimal RGB raster with filled rectangles and a 5x7 bitmap font, encoded as PNG.

Enough to draw a bar chart without an imaging library: PNG is zlib-compressed scanlines
between CRC-checked chunks, which the standard library writes directly.
"""

from __future__ import annotations

import struct
import zlib

Color = tuple[int, int, int]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GLYPH_WIDTH, GLYPH_HEIGHT = 5, 7

# Each glyph: seven rows, five bits each (most significant bit on the left).
_FONT_ROWS = {
    "0": "0E 11 13 15 19 11 0E", "1": "04 0C 04 04 04 04 0E", "2": "0E 11 01 02 04 08 1F",
    "3": "1F 02 04 02 01 11 0E", "4": "02 06 0A 12 1F 02 02", "5": "1F 10 1E 01 01 11 0E",
    "6": "06 08 10 1E 11 11 0E", "7": "1F 01 02 04 08 08 08", "8": "0E 11 11 0E 11 11 0E",
    "9": "0E 11 11 0F 01 02 0C", "A": "0E 11 11 1F 11 11 11", "B": "1E 11 11 1E 11 11 1E",
    "C": "0E 11 10 10 10 11 0E", "D": "1C 12 11 11 11 12 1C", "E": "1F 10 10 1E 10 10 1F",
    "F": "1F 10 10 1E 10 10 10", "G": "0E 11 10 17 11 11 0F", "H": "11 11 11 1F 11 11 11",
    "I": "0E 04 04 04 04 04 0E", "J": "07 02 02 02 02 12 0C", "K": "11 12 14 18 14 12 11",
    "L": "10 10 10 10 10 10 1F", "M": "11 1B 15 15 11 11 11", "N": "11 11 19 15 13 11 11",
    "O": "0E 11 11 11 11 11 0E", "P": "1E 11 11 1E 10 10 10", "Q": "0E 11 11 11 15 12 0D",
    "R": "1E 11 11 1E 14 12 11", "S": "0F 10 10 0E 01 01 1E", "T": "1F 04 04 04 04 04 04",
    "U": "11 11 11 11 11 11 0E", "V": "11 11 11 11 11 0A 04", "W": "11 11 11 15 15 15 0A",
    "X": "11 11 0A 04 0A 11 11", "Y": "11 11 11 0A 04 04 04", "Z": "1F 01 02 04 08 10 1F",
    "-": "00 00 00 1F 00 00 00", ":": "00 0C 0C 00 0C 0C 00", "/": "01 01 02 04 08 10 10",
    ".": "00 00 00 00 00 0C 0C", " ": "00 00 00 00 00 00 00", "?": "0E 11 01 02 04 00 04",
    "_": "00 00 00 00 00 00 1F", "(": "02 04 08 08 08 04 02", ")": "08 04 02 02 02 04 08",
}  # fmt: skip
FONT = {ch: tuple(int(v, 16) for v in rows.split()) for ch, rows in _FONT_ROWS.items()}


def text_width(text: str, scale: int = 1) -> int:
    """Pixel width of `text` drawn at `scale` (one blank column between glyphs)."""
    return max(0, len(text) * (GLYPH_WIDTH + 1) - 1) * scale


class Canvas:
    """A width x height RGB image, white to start with."""

    def __init__(self, width: int, height: int, background: Color = (255, 255, 255)) -> None:
        if width < 1 or height < 1:
            raise ValueError("a canvas needs at least one pixel")
        self.width = width
        self.height = height
        self._pixels = bytearray(bytes(background) * (width * height))

    def pixel(self, x: int, y: int) -> Color:
        """The colour at (x, y)."""
        i = (y * self.width + x) * 3
        return (self._pixels[i], self._pixels[i + 1], self._pixels[i + 2])

    def fill_rect(self, x: int, y: int, w: int, h: int, color: Color) -> None:
        """Fill a rectangle, clipped to the canvas."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        if x0 >= x1 or y0 >= y1:
            return
        row = bytes(color) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * self.width + x0) * 3
            self._pixels[start : start + len(row)] = row

    def draw_text(self, x: int, y: int, text: str, color: Color, scale: int = 1) -> None:
        """Draw `text` (upper-cased; unknown characters as '?') with its top-left at (x, y)."""
        for index, char in enumerate(text.upper()):
            glyph = FONT.get(char, FONT["?"])
            left = x + index * (GLYPH_WIDTH + 1) * scale
            for row, bits in enumerate(glyph):
                for col in range(GLYPH_WIDTH):
                    if bits & (1 << (GLYPH_WIDTH - 1 - col)):
                        self.fill_rect(left + col * scale, y + row * scale, scale, scale, color)

    def to_png(self) -> bytes:
        """Encode the image as an 8-bit RGB PNG."""
        stride = self.width * 3
        # Filter byte 0 (None) before each scanline; zlib does the real compression.
        raw = b"".join(
            b"\x00" + bytes(self._pixels[y * stride : (y + 1) * stride]) for y in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return b"".join(
            [
                PNG_SIGNATURE,
                _chunk(b"IHDR", header),
                _chunk(b"IDAT", zlib.compress(raw, 6)),
                _chunk(b"IEND", b""),
            ]
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
