"""The one exception root of the operations package."""

from __future__ import annotations


class OpsError(Exception):
    """An operational task (backup, retention, leader election) cannot proceed; says why."""
