"""Typed settings from the environment, `.env` and `config/`: the only reader of os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_API_URL = "https://api.telegram.org"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Every knob of the application, resolved to typed values."""

    bot_token: str | None = None
    api_url: str = DEFAULT_API_URL
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    database_url: str = "sqlite:///data/newsbot.db"
    timezone: str = "Asia/Shanghai"
    allow_private_urls: bool = False
    config_dir: Path = PROJECT_ROOT / "config"
    data_dir: Path = Path("data")
    log_format: str = "text"
    log_level: str = "INFO"
    global_rate: float = 25.0
    retention_days: int = 90
    health_port: int | None = None
    ingest_interval_seconds: int = 60
    outbox_lease_seconds: float = 60.0

    @property
    def has_token(self) -> bool:
        """True when a real Telegram token is configured."""
        return bool(self.bot_token)


def _flag(name: str, raw: str | None) -> bool:
    if raw is None or raw.strip() == "":
        return False
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")


def _int(name: str, raw: str | None, default: int | None) -> int | None:
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None


def _admin_ids(raw: str | None) -> frozenset[int]:
    if not raw:
        return frozenset()
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise SettingsError(
                f"NEWSBOT_ADMIN_IDS must be comma-separated Telegram user ids, not {part!r}"
            ) from None
    return frozenset(ids)


def normalize_database_url(url: str) -> str:
    """Map the short `postgresql://` form onto the psycopg 3 driver SQLAlchemy should use."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Resolve settings: real environment over `.env` over built-in defaults."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    data_dir = Path(values.get("NEWSBOT_DATA_DIR") or "data")
    default_db = f"sqlite:///{data_dir / 'newsbot.db'}"
    rate_raw = values.get("NEWSBOT_GLOBAL_RATE") or "25"
    try:
        rate = float(rate_raw)
    except ValueError:
        raise SettingsError(f"NEWSBOT_GLOBAL_RATE must be a number, not {rate_raw!r}") from None
    lease_raw = values.get("NEWSBOT_OUTBOX_LEASE") or "60"
    try:
        lease = float(lease_raw)
    except ValueError:
        lease = -1.0
    if lease <= 0:
        raise SettingsError(f"NEWSBOT_OUTBOX_LEASE must be a positive number, not {lease_raw!r}")
    log_format = (values.get("NEWSBOT_LOG_FORMAT") or "text").lower()
    if log_format not in {"text", "json"}:
        raise SettingsError(f"NEWSBOT_LOG_FORMAT must be text or json, not {log_format!r}")
    return Settings(
        bot_token=values.get("TELEGRAM_BOT_TOKEN") or None,
        api_url=(values.get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
        admin_ids=_admin_ids(values.get("NEWSBOT_ADMIN_IDS")),
        database_url=normalize_database_url(values.get("DATABASE_URL") or default_db),
        timezone=values.get("NEWSBOT_TIMEZONE") or "Asia/Shanghai",
        allow_private_urls=_flag(
            "NEWSBOT_ALLOW_PRIVATE_URLS", values.get("NEWSBOT_ALLOW_PRIVATE_URLS")
        ),
        config_dir=Path(values.get("NEWSBOT_CONFIG_DIR") or PROJECT_ROOT / "config"),
        data_dir=data_dir,
        log_format=log_format,
        log_level=(values.get("NEWSBOT_LOG_LEVEL") or "INFO").upper(),
        global_rate=rate,
        retention_days=_int("NEWSBOT_RETENTION_DAYS", values.get("NEWSBOT_RETENTION_DAYS"), 90)
        or 90,
        health_port=_int("NEWSBOT_HEALTH_PORT", values.get("NEWSBOT_HEALTH_PORT"), None),
        ingest_interval_seconds=_int(
            "NEWSBOT_INGEST_INTERVAL", values.get("NEWSBOT_INGEST_INTERVAL"), 60
        )
        or 60,
        outbox_lease_seconds=lease,
    )
