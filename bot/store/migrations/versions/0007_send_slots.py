"""The fleet-wide send slot gets a table of its own instead of a row in heartbeats.

Revision ID: 0007_send_slots
Revises: 0006_alerts_schedules
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_send_slots"
down_revision: str | None = "0007_region_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The name under which earlier versions kept the slot in heartbeats.
OLD_ROW = "outbox-send-slot"


def upgrade() -> None:
    op.create_table(
        "send_slots",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_send_slots"),
    )
    # The slot is not carried over: the first booking starts again from the database's now.
    op.execute(sa.text("DELETE FROM heartbeats WHERE name = :name").bindparams(name=OLD_ROW))


def downgrade() -> None:
    op.drop_table("send_slots")
