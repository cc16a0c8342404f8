"""The one exception root of the digest package."""

from __future__ import annotations


class DigestError(ValueError):
    """A digest setting or input that cannot be used; the message is fit for a user."""
