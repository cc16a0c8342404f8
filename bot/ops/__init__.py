"""Operations: metrics, health and readiness, leader election, logs, alerts, retention, backups."""

from bot.ops.errors import OpsError

__all__ = ["OpsError"]
