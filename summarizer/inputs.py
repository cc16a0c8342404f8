"""Input checks shared by the library and the CLI: empty, binary, too large, undecodable."""

from __future__ import annotations

from summarizer.errors import BinaryInputError, EmptyInputError, InputTooLargeError

MAX_INPUT_BYTES = 50 * 1024 * 1024
_CONTROL_OK = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01
_FALLBACK_ENCODINGS = ("gb18030", "big5", "shift_jis", "euc-kr", "cp1251", "cp1252")


def check_text(text: str) -> str:
    """Return ``text`` if it is summarizable text, else raise the matching SummarizerError."""
    if len(text) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if "\x00" in text:
        raise BinaryInputError("input looks binary (it contains NUL characters)")
    sample = text[:100_000]
    control = sum(1 for ch in sample if ch < " " and ch not in _CONTROL_OK)
    if sample and control / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInputError("input looks binary (too many control characters)")
    if not text.strip():
        raise EmptyInputError("input is empty")
    return text


def decode_bytes(data: bytes) -> str:
    """Decode raw input: UTF-8 (with or without BOM), else the most plausible legacy encoding.

    Raises BinaryInputError when no encoding gives sensible text.
    """
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data[:100_000]:
        raise BinaryInputError("input looks binary (it contains NUL bytes)")
    try:
        return check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    text = _guess_decode(data)
    if text is None:
        raise BinaryInputError("input is not valid UTF-8 and no other text encoding fits it")
    return check_text(text)


def _guess_decode(data: bytes) -> str | None:
    # Only non-UTF-8 input needs the encoding guesser.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
