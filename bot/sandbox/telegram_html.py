"""Telegram's HTML parse mode: the plain text and entities it yields, or Telegram's own error.

Telegram measures offsets and lengths in UTF-16 code units and reports parse errors with byte
offsets into the UTF-8 source, so both are tracked here exactly as the Bot API does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
}
# Telegram's ordering of entities that share a span: containers before what they contain.
_PRIORITY = {"blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20, "text_link": 49}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\r\n\v\0"
_SPECIAL = re.compile(r"[&<]")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
_SURROGATES = re.compile("[\ud800-\udfff]")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's description."""


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit Telegram counts in."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int
    out_index: int


@dataclass
class _Parser:
    source: str
    out: list[str] = field(default_factory=list)
    u16: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8", "surrogatepass"))

    def fail(self, message: str, index: int) -> HtmlParseError:
        return HtmlParseError(f"{message} at byte offset {self.byte_offset(index)}")

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.u16 += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        i, n = 0, len(self.source)
        while i < n:
            match = _SPECIAL.search(self.source, i)
            end = match.start() if match else n
            if end > i:
                self.emit(self.source[i:end])
            if match is None:
                break
            if self.source[end] == "&":
                i = self.entity(end)
            elif end + 1 < n and self.source[end + 1] == "/":
                i = self.end_tag(end)
            else:
                i = self.start_tag(end)
        if self.stack:
            tag = self.stack[-1].tag
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        text = "".join(self.out)
        if _SURROGATES.search(text):
            raise HtmlParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))
        return text, self.entities

    def entity(self, i: int) -> int:
        decoded = decode_entity(self.source, i)
        if decoded is None:
            self.emit("&")
            return i + 1
        char, after = decoded
        self.emit(char)
        return after

    def skip_spaces(self, i: int) -> int:
        while i < len(self.source) and self.source[i] in _SPACES:
            i += 1
        return i

    def at(self, i: int) -> str:
        return self.source[i] if i < len(self.source) else "\0"

    def start_tag(self, begin: int) -> int:
        i = begin + 1
        while self.at(i) not in _SPACES and self.at(i) != ">":
            i += 1
        if i >= len(self.source):
            raise self.fail("Unclosed start tag", begin)
        tag = self.source[begin + 1 : i].lower()
        if tag not in _SUPPORTED_TAGS:
            raise self.fail(f'Unsupported start tag "{tag}"', begin)
        argument = ""
        while self.at(i) != ">":
            i, name, value = self.attribute(tag, begin, i)
            argument = _tag_argument(tag, name, value, argument)
        if tag == "span" and argument != "spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"', begin)
        self.stack.append(_Open(tag, argument, self.u16, len(self.out)))
        return i + 1

    def attribute(self, tag: str, begin: int, i: int) -> tuple[int, str, str]:
        i = self.skip_spaces(i)
        if self.at(i) == ">":
            return i, "", ""
        name_begin = i
        while self.at(i) not in _SPACES and self.at(i) not in "=>":
            i += 1
        name = self.source[name_begin:i].lower()
        if not name:
            raise self.fail(f'Empty attribute name in the tag "{tag}"', begin)
        i = self.skip_spaces(i)
        if self.at(i) != "=":
            if tag == "blockquote" and name == "expandable":
                return i, name, ""
            raise self.fail(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}"', begin
            )
        i = self.skip_spaces(i + 1)
        if i >= len(self.source):
            raise self.fail(f'Unclosed start tag "{tag}"', begin)
        if self.source[i] in "'\"":
            i, value = self.quoted_value(i)
        else:
            token = _NAME_TOKEN.match(self.source, i)
            end = token.end() if token else i
            value = self.source[i:end].lower()
            if self.at(end) not in _SPACES and self.at(end) != ">":
                raise self.fail("Unexpected end of name token", i)
            i = end
        if i >= len(self.source):
            raise self.fail("Unclosed start tag", begin)
        return i, name, value

    def quoted_value(self, i: int) -> tuple[int, str]:
        quote = self.source[i]
        i += 1
        parts: list[str] = []
        while i < len(self.source) and self.source[i] != quote:
            decoded = decode_entity(self.source, i) if self.source[i] == "&" else None
            if decoded is not None:
                parts.append(decoded[0])
                i = decoded[1]
            else:
                parts.append(self.source[i])
                i += 1
        if i < len(self.source):
            i += 1
        return i, "".join(parts)

    def end_tag(self, begin: int) -> int:
        if not self.stack:
            raise self.fail("Unexpected end tag", begin)
        i = begin + 2
        while self.at(i) not in _SPACES and self.at(i) != ">":
            i += 1
        name = self.source[begin + 2 : i].lower()
        i = self.skip_spaces(i)
        if self.at(i) != ">":
            raise self.fail("Unclosed end tag", begin)
        opened = self.stack[-1]
        if name and name != opened.tag:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{opened.tag}>", found "</{name}>"'
            )
        if self.u16 > opened.offset:
            self.close_entity(opened)
        self.stack.pop()
        return i + 1

    def close_entity(self, opened: _Open) -> None:
        offset, length = opened.offset, self.u16 - opened.offset
        kind = _SIMPLE_ENTITY.get(opened.tag)
        entity: dict[str, Any] | None = None
        if kind is not None or (opened.tag == "span" and opened.argument == "spoiler"):
            entity = {"type": kind or "spoiler", "offset": offset, "length": length}
        elif opened.tag == "blockquote":
            kind = "expandable_blockquote" if opened.argument == "expandable" else "blockquote"
            entity = {"type": kind, "offset": offset, "length": length}
        elif opened.tag == "tg-emoji":
            if not opened.argument.isdigit() or int(opened.argument) == 0:
                raise HtmlParseError("Invalid custom emoji identifier specified")
            entity = {"type": "custom_emoji", "offset": offset, "length": length}
            entity["custom_emoji_id"] = opened.argument
        elif opened.tag == "a":
            url = opened.argument or "".join(self.out[opened.out_index :])
            checked = checked_link(url)
            if checked is not None:
                entity = {"type": "text_link", "offset": offset, "length": length, "url": checked}
        else:
            entity = self.code_entity(opened, offset, length)
        if entity is not None:
            self.entities.append(entity)

    def code_entity(self, opened: _Open, offset: int, length: int) -> dict[str, Any] | None:
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (offset, length)
        if opened.tag == "pre":
            if same_span and last is not None and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"
                return None
            return {"type": "pre", "offset": offset, "length": length}
        if same_span and last is not None and last["type"] == "pre" and opened.argument:
            last["language"] = opened.argument
            return None
        entity: dict[str, Any] = {"type": "code", "offset": offset, "length": length}
        if opened.argument:
            entity["language"] = opened.argument
        return entity


def _tag_argument(tag: str, name: str, value: str, current: str) -> str:
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if tag == "tg-emoji" and name == "emoji-id":
        return value
    if tag == "blockquote" and name == "expandable":
        return "expandable"
    return current


def decode_entity(source: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML entity at `source[i] == "&"`; None when Telegram keeps it literally."""
    j = i + 1
    if j < len(source) and source[j] == "#":
        j += 1
        hexa = j < len(source) and source[j] in "xX"
        if hexa:
            j += 1
        digits = "0123456789abcdefABCDEF" if hexa else "0123456789"
        start = j
        while j < len(source) and source[j] in digits:
            j += 1
        if j == start:
            return None
        code = int(source[start:j], 16 if hexa else 10)
        if code == 0 or code > 0x10FFFF:
            return None
        char = chr(code)
    else:
        start = j
        while j < len(source) and source[j].isascii() and source[j].isalpha():
            j += 1
        named = _NAMED_ENTITIES.get(source[start:j])
        if named is None:
            return None
        char = named
    if j < len(source) and source[j] == ";":
        j += 1
    return char, j


def checked_link(url: str) -> str | None:
    """Telegram's normalisation of a link target; None when it drops the link."""
    url = url.strip()
    if not url or any(ch in url for ch in " \t\r\n"):
        return None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", url):
        scheme = url.split(":", 1)[0].lower()
        if scheme in {"http", "https"} and "/" not in url.split("://", 1)[-1]:
            return url + "/"
        return url
    if "/" not in url:
        url += "/"
    return "http://" + url


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, entities); raise `HtmlParseError` like Telegram."""
    return _Parser(source).run()
