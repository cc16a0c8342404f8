"""Method parameters as clients send them: query string, JSON, form-urlencoded or multipart.

python-telegram-bot posts form fields whose nested values are JSON-encoded strings, and uploads
files as multipart parts; plain HTTP clients often post JSON. All arrive as one `Params`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from bot.sandbox.errors import bad_request

_DISPOSITION_PARAM = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))')


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


class Params:
    """Typed access to a request's parameters, whatever encoding carried them."""

    def __init__(self, values: Mapping[str, Any], uploads: Mapping[str, Upload]) -> None:
        self.values = dict(values)
        self.uploads = dict(uploads)

    def has(self, name: str) -> bool:
        """True when the parameter is present and not empty."""
        return self.values.get(name) not in (None, "")

    def text(self, name: str) -> str | None:
        """A string parameter (numbers are turned back into text)."""
        value = self.values.get(name)
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str) -> int | None:
        """An integer parameter; 400 when it is not one."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str) -> float | None:
        """A numeric parameter that may be fractional."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """A boolean parameter; absent means False."""
        value = self.values.get(name)
        if isinstance(value, str):
            return value.strip().lower() in {"true", "1", "yes"}
        return bool(value)

    def structure(self, name: str) -> Any:
        """A JSON-serialised object or array (already decoded when the body was JSON)."""
        value = self.values.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            if name == "reply_markup":
                raise bad_request("can't parse reply keyboard markup JSON object") from None
            raise bad_request(f"can't parse {name} JSON object") from None

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat identifier: a number or an @username."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if text.startswith("@"):
            return text
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None


def parse_request(content_type: str, body: bytes, query: str) -> Params:
    """Build `Params` from a request's content type, body and query string."""
    values: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    uploads: dict[str, Upload] = {}
    media = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return Params(values, uploads)
    if media == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(decoded, dict):
            raise bad_request("can't parse JSON object")
        values.update(decoded)
    elif media == "multipart/form-data":
        boundary = _disposition_params(content_type).get("boundary")
        if not boundary:
            raise bad_request("can't parse multipart/form-data: no boundary")
        for upload in parse_multipart(body, boundary.encode("latin-1")):
            if upload.filename is None:
                values[upload.field] = upload.data.decode("utf-8", "replace")
            else:
                uploads[upload.field] = upload
    else:
        values.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return Params(values, uploads)


def parse_multipart(body: bytes, boundary: bytes) -> list[Upload]:
    """Split a multipart/form-data body into its parts."""
    parts: list[Upload] = []
    delimiter = b"--" + boundary
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            continue
        headers = _headers(head.decode("utf-8", "replace"))
        disposition = _disposition_params(headers.get("content-disposition", ""))
        name = disposition.get("name")
        if name is None:
            continue
        parts.append(
            Upload(
                field=name,
                filename=disposition.get("filename"),
                content_type=headers.get("content-type"),
                data=data.removesuffix(b"\r\n"),
            )
        )
    return parts


def _headers(block: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in block.split("\r\n"):
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return headers


def _disposition_params(header: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for match in _DISPOSITION_PARAM.finditer(header):
        key = match.group(1).lower()
        quoted, bare = match.group(2), match.group(3)
        if quoted is not None:
            params[key] = re.sub(r"\\(.)", r"\1", quoted).replace("%22", '"')
        else:
            params[key] = (bare or "").strip()
    return params
