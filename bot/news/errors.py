"""The one exception family of bot.news; every message is written for an admin to read."""

from __future__ import annotations


class FeedError(Exception):
    """Root of every error bot.news raises; `str(error)` is a sentence an admin understands."""


class UnsafeUrlError(FeedError):
    """The address is not allowed: wrong scheme, or it points into a private network."""


class PrivateAddressError(UnsafeUrlError):
    """The host resolves to a private, loopback, link-local or reserved address."""

    def __init__(self, address: str) -> None:
        super().__init__(f"address is private ({address}) — refused")
        self.address = address


class FetchError(FeedError):
    """The network request failed (connection, DNS, TLS, protocol)."""


class HttpStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status} — {reason}")
        self.status = status


class FetchTimeoutError(FetchError):
    """The request did not complete within its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"timeout after {seconds:g} s")
        self.seconds = seconds


class TooLargeError(FetchError):
    """The response (after decompression) is larger than the byte cap."""

    def __init__(self, cap_bytes: int) -> None:
        super().__init__(f"response larger than {_human_size(cap_bytes)}")
        self.cap_bytes = cap_bytes


class TooManyRedirectsError(FetchError):
    """The server redirected more times than allowed (or in a loop)."""

    def __init__(self) -> None:
        super().__init__("too many redirects")


class NotAFeedError(FeedError):
    """The document is not RSS, Atom or RDF."""


class UnsafeXmlError(FeedError):
    """The XML declares entities or a DTD that could expand without bound."""

    def __init__(self) -> None:
        super().__init__("unsafe XML (entity declarations are not allowed) — refused")


class FeedNotFoundError(FeedError):
    """A page was given and it links to no feed."""


def _human_size(count: int) -> str:
    """Render a byte count the way an admin writes it: 5 MB, 512 KB, 100 bytes."""
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MB"
    if count >= 1024 and count % 1024 == 0:
        return f"{count // 1024} KB"
    return f"{count} bytes"
