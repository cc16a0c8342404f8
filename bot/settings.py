"""Typed settings from the environment, `.env` and `config/`: the only reader of os.environ."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_API_URL = "https://api.telegram.org"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = "newsbot.toml"


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
    alerts_per_hour: int = 5

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


def _number(name: str, raw: str | None, default: float) -> float:
    """A positive number, or the default when unset."""
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise SettingsError(f"{name} must be a positive number, not {raw!r}")
    return value


def _timezone(raw: str | None) -> str:
    name = (raw or "Asia/Shanghai").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"NEWSBOT_TIMEZONE must be an IANA time zone such as Asia/Shanghai, not {name!r}"
        ) from None
    return name


def _config_defaults(config_dir: Path) -> dict[str, str]:
    """The deployment's defaults from `config/newsbot.toml` (keys are the variable names)."""
    path = config_dir / DEFAULTS_FILE
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path} is not valid TOML: {exc}") from None
    return {str(key): str(value) for key, value in table.items() if not isinstance(value, dict)}


def _gather(environ: Mapping[str, str] | None, env_file: Path | None) -> dict[str, str]:
    """Merge the sources: real environment over `.env` over `config/newsbot.toml`."""
    overrides: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        overrides.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    overrides.update(os.environ if environ is None else environ)
    config_dir = Path(overrides.get("NEWSBOT_CONFIG_DIR") or PROJECT_ROOT / "config")
    values = _config_defaults(config_dir)
    values.update(overrides)
    values["NEWSBOT_CONFIG_DIR"] = str(config_dir)
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Resolve settings: real environment over `.env` over `config/newsbot.toml` defaults."""
    values = _gather(environ, env_file)
    data_dir = Path(values.get("NEWSBOT_DATA_DIR") or "data")
    default_db = f"sqlite:///{data_dir / 'newsbot.db'}"
    log_format = (values.get("NEWSBOT_LOG_FORMAT") or "text").lower()
    if log_format not in {"text", "json"}:
        raise SettingsError(f"NEWSBOT_LOG_FORMAT must be text or json, not {log_format!r}")
    return Settings(
        bot_token=values.get("TELEGRAM_BOT_TOKEN") or None,
        api_url=(values.get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
        admin_ids=_admin_ids(values.get("NEWSBOT_ADMIN_IDS")),
        database_url=normalize_database_url(values.get("DATABASE_URL") or default_db),
        timezone=_timezone(values.get("NEWSBOT_TIMEZONE")),
        allow_private_urls=_flag(
            "NEWSBOT_ALLOW_PRIVATE_URLS", values.get("NEWSBOT_ALLOW_PRIVATE_URLS")
        ),
        config_dir=Path(values["NEWSBOT_CONFIG_DIR"]),
        data_dir=data_dir,
        log_format=log_format,
        log_level=(values.get("NEWSBOT_LOG_LEVEL") or "INFO").upper(),
        global_rate=_number("NEWSBOT_GLOBAL_RATE", values.get("NEWSBOT_GLOBAL_RATE"), 25.0),
        retention_days=_int("NEWSBOT_RETENTION_DAYS", values.get("NEWSBOT_RETENTION_DAYS"), 90)
        or 90,
        health_port=_int("NEWSBOT_HEALTH_PORT", values.get("NEWSBOT_HEALTH_PORT"), None),
        ingest_interval_seconds=_int(
            "NEWSBOT_INGEST_INTERVAL", values.get("NEWSBOT_INGEST_INTERVAL"), 60
        )
        or 60,
        outbox_lease_seconds=_number(
            "NEWSBOT_OUTBOX_LEASE", values.get("NEWSBOT_OUTBOX_LEASE"), 60.0
        ),
        alerts_per_hour=_positive_int(
            "NEWSBOT_ALERTS_PER_HOUR", values.get("NEWSBOT_ALERTS_PER_HOUR"), 5
        ),
    )


def _positive_int(name: str, raw: str | None, default: int) -> int:
    """A whole number of at least 1, or the default when unset."""
    value = _int(name, raw, default)
    if value is None or value < 1:
        raise SettingsError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return value
