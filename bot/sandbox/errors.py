"""The sandbox's exception root and the Bot API error a method answers with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class SandboxError(Exception):
    """Root of every error raised by the sandbox's own Python API."""


class SandboxTimeoutError(SandboxError, TimeoutError):
    """A `wait_for` condition did not hold before its deadline."""


class ApiError(SandboxError):
    """A Bot API failure, answered as `{"ok": false, "error_code": ..., "description": ...}`."""

    def __init__(
        self, status: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str, parameters: Mapping[str, Any] | None = None) -> ApiError:
    """A 400 with Telegram's "Bad Request: ..." wording."""
    return ApiError(400, f"Bad Request: {reason}", parameters)


def forbidden(reason: str) -> ApiError:
    """A 403 with Telegram's "Forbidden: ..." wording."""
    return ApiError(403, f"Forbidden: {reason}")


NOT_FOUND = ApiError(404, "Not Found")
UNAUTHORIZED = ApiError(401, "Unauthorized")
