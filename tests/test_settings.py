"""Settings: the environment over `.env` over `config/newsbot.toml`, and clear errors."""

from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, SettingsError, load_settings


def test_built_in_defaults_come_from_the_shipped_config() -> None:
    settings = load_settings(environ={}, env_file=None)
    assert settings.config_dir == PROJECT_ROOT / "config"
    assert settings.timezone == "Asia/Shanghai"
    assert settings.global_rate == 25.0
    assert settings.bot_token is None
    assert settings.database_url == "sqlite:///data/newsbot.db"


def test_environment_over_dotenv_over_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "newsbot.toml").write_text(
        'NEWSBOT_TIMEZONE = "Europe/London"\n'
        "NEWSBOT_GLOBAL_RATE = 10\n"
        "NEWSBOT_RETENTION_DAYS = 30\n"
    )
    dotenv = tmp_path / ".env"
    dotenv.write_text("NEWSBOT_GLOBAL_RATE=12\nNEWSBOT_ADMIN_IDS=7, 8\n")
    settings = load_settings(
        environ={"NEWSBOT_CONFIG_DIR": str(config), "NEWSBOT_RETENTION_DAYS": "7"},
        env_file=dotenv,
    )
    assert settings.timezone == "Europe/London"  # only the config file sets it
    assert settings.global_rate == 12.0  # .env beats the config file
    assert settings.retention_days == 7  # the environment beats both
    assert settings.admin_ids == frozenset({7, 8})


def test_postgres_urls_use_psycopg() -> None:
    settings = load_settings(environ={"DATABASE_URL": "postgresql://u@h/db"}, env_file=None)
    assert settings.database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("NEWSBOT_GLOBAL_RATE", "fast", "NEWSBOT_GLOBAL_RATE must be a positive number"),
        ("NEWSBOT_OUTBOX_LEASE", "-5", "NEWSBOT_OUTBOX_LEASE must be a positive number"),
        ("NEWSBOT_TIMEZONE", "Mars/Olympus", "NEWSBOT_TIMEZONE must be an IANA time zone"),
        ("NEWSBOT_ADMIN_IDS", "12,abc", "NEWSBOT_ADMIN_IDS must be comma-separated"),
        ("NEWSBOT_ALLOW_PRIVATE_URLS", "maybe", "NEWSBOT_ALLOW_PRIVATE_URLS must be"),
        ("NEWSBOT_LOG_FORMAT", "xml", "NEWSBOT_LOG_FORMAT must be text or json"),
        ("NEWSBOT_HEALTH_PORT", "80a", "NEWSBOT_HEALTH_PORT must be a whole number"),
    ],
)
def test_bad_values_name_the_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(environ={variable: value}, env_file=None)


def test_a_broken_config_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "newsbot.toml").write_text("NEWSBOT_TIMEZONE = \n")
    with pytest.raises(SettingsError, match="is not valid TOML"):
        load_settings(environ={"NEWSBOT_CONFIG_DIR": str(tmp_path)}, env_file=None)
