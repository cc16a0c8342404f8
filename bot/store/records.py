"""The region record; every other record lives beside its repository (feeds, articles ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """A region of the catalogue: names in both interface languages, place names, time zone.

    `timezone` (IANA) is offered to chats that subscribe before choosing their own.
    """

    id: str
    name_en: str
    name_zh: str
    places: tuple[str, ...] = ()
    timezone: str | None = None
