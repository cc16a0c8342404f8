"""The region catalogue."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Row, func, select

from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.records import Region
from bot.store.schema import regions


def _region(row: Row[Any]) -> Region:
    return Region(
        id=row.id,
        name_en=row.name_en,
        name_zh=row.name_zh,
        places=tuple(row.places or ()),
        timezone=row.timezone,
    )


class RegionsRepository:
    """Create, update and read regions."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def upsert(self, region: Region) -> Region:
        """Insert the region or replace the names and places of the one with its id."""
        values = {
            "id": region.id,
            "name_en": region.name_en,
            "name_zh": region.name_zh,
            "places": list(region.places),
            "timezone": region.timezone,
        }
        stmt = dialect_insert(self._engine, regions).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[regions.c.id],
            set_={key: stmt.excluded[key] for key in ("name_en", "name_zh", "places", "timezone")},
        )
        with write_transaction(self._engine) as conn:
            conn.execute(stmt)
        return region

    def list(self) -> list[Region]:
        """Every region, ordered by id."""
        with read_transaction(self._engine) as conn:
            rows = conn.execute(select(regions).order_by(regions.c.id)).all()
        return [_region(row) for row in rows]

    def get(self, region_id: str) -> Region | None:
        """The region with this id, if any."""
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(regions).where(regions.c.id == region_id)).first()
        return None if row is None else _region(row)

    def remove(self, region_id: str) -> bool:
        """Delete a region (feeds keep existing without it); True when it existed."""
        with write_transaction(self._engine) as conn:
            result = conn.execute(regions.delete().where(regions.c.id == region_id))
        return bool(result.rowcount)

    def count(self) -> int:
        """How many regions there are."""
        with read_transaction(self._engine) as conn:
            return int(conn.execute(select(func.count()).select_from(regions)).scalar_one())
