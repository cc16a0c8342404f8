"""Region names per interface language: a region_names table replaces name_en and name_zh.

Revision ID: 0007_region_names
Revises: 0006_alerts_schedules
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_region_names"
down_revision: str | None = "0006_alerts_schedules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LEGACY = {"en": "name_en", "zh": "name_zh"}


def upgrade() -> None:
    op.create_table(
        "region_names",
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name="fk_region_names_region_id_regions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("region_id", "language", name="pk_region_names"),
    )
    for language, column in _LEGACY.items():
        op.execute(
            "INSERT INTO region_names (region_id, language, name) "
            f"SELECT id, '{language}', {column} FROM regions WHERE {column} <> ''"
        )
    # A plain ALTER TABLE, even on SQLite (3.35+): batch mode would rebuild `regions`, and
    # dropping the old table with foreign keys on would null feeds' regions and drop
    # subscriptions through their ON DELETE actions.
    for column in _LEGACY.values():
        op.drop_column("regions", column)


def downgrade() -> None:
    for column in _LEGACY.values():
        op.add_column(
            "regions", sa.Column(column, sa.String(200), nullable=False, server_default="")
        )
    for language, column in _LEGACY.items():
        op.execute(
            f"UPDATE regions SET {column} = (SELECT name FROM region_names "
            f"WHERE region_names.region_id = regions.id AND language = '{language}')"
            f" WHERE EXISTS (SELECT 1 FROM region_names "
            f"WHERE region_names.region_id = regions.id AND language = '{language}')"
        )
    # A region without a Chinese name had shown its English one: the old columns need both.
    op.execute("UPDATE regions SET name_zh = name_en WHERE name_zh = ''")
    if op.get_bind().dialect.name != "sqlite":  # SQLite keeps the default: no table rebuild
        for column in _LEGACY.values():
            op.alter_column("regions", column, server_default=None)
    op.drop_table("region_names")
