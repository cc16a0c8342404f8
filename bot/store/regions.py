"""The region catalogue: regions, and their names per interface language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Row, func, select

from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.schema import region_names, regions


@dataclass(frozen=True)
class Region:
    """A region of the catalogue: its name per interface language, place names, time zone.

    `names` maps a language code to the name ("en" is always present once checked by
    `bot.news.regions.build_region`); `timezone` (IANA) is offered to chats that subscribe
    before choosing their own.
    """

    id: str
    names: Mapping[str, str]
    places: tuple[str, ...] = ()
    timezone: str | None = None

    def __post_init__(self) -> None:
        # A private copy in a fixed order: equal regions compare and print alike.
        object.__setattr__(self, "names", dict(sorted(self.names.items())))

    def __hash__(self) -> int:
        return hash((self.id, tuple(self.names.items()), self.places, self.timezone))


def _region(row: Row[Any], names: Mapping[str, str]) -> Region:
    return Region(
        id=row.id,
        names=names,
        places=tuple(row.places or ()),
        timezone=row.timezone,
    )


def _names_of(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, dict[str, str]]:
    query = select(region_names.c.region_id, region_names.c.language, region_names.c.name)
    if ids is not None:
        query = query.where(region_names.c.region_id.in_(list(ids)))
    found: dict[str, dict[str, str]] = {}
    for region_id, language, name in conn.execute(query):
        found.setdefault(region_id, {})[language] = name
    return found


class RegionsRepository:
    """Create, update and read regions."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def upsert(self, region: Region) -> Region:
        """Insert the region or replace the names and places of the one with its id."""
        values = {"id": region.id, "places": list(region.places), "timezone": region.timezone}
        stmt = dialect_insert(self._engine, regions).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[regions.c.id],
            set_={key: stmt.excluded[key] for key in ("places", "timezone")},
        )
        with write_transaction(self._engine) as conn:
            conn.execute(stmt)
            conn.execute(region_names.delete().where(region_names.c.region_id == region.id))
            if region.names:
                conn.execute(
                    region_names.insert(),
                    [
                        {"region_id": region.id, "language": language, "name": name}
                        for language, name in region.names.items()
                    ],
                )
        return region

    def list(self) -> list[Region]:
        """Every region, ordered by id."""
        with read_transaction(self._engine) as conn:
            rows = conn.execute(select(regions).order_by(regions.c.id)).all()
            names = _names_of(conn)
        return [_region(row, names.get(row.id, {})) for row in rows]

    def get(self, region_id: str) -> Region | None:
        """The region with this id, if any."""
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(regions).where(regions.c.id == region_id)).first()
            names = _names_of(conn, [region_id]) if row is not None else {}
        return None if row is None else _region(row, names.get(region_id, {}))

    def remove(self, region_id: str) -> bool:
        """Delete a region and its names (feeds keep existing without it); True when it existed."""
        with write_transaction(self._engine) as conn:
            conn.execute(region_names.delete().where(region_names.c.region_id == region_id))
            result = conn.execute(regions.delete().where(regions.c.id == region_id))
        return bool(result.rowcount)

    def count(self) -> int:
        """How many regions there are."""
        with read_transaction(self._engine) as conn:
            return int(conn.execute(select(func.count()).select_from(regions)).scalar_one())
