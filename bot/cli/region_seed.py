"""Load config/regions.toml into a database that has no regions yet, for every command."""

from __future__ import annotations

import sys

from bot.news import region_admin
from bot.news.regions import RegionConfigError
from bot.settings import Settings
from bot.store import Store


def seed_regions(store: Store, settings: Settings) -> int:
    """Load the catalogue when the store has no region; a broken file is reported, not fatal."""
    catalogue = settings.config_dir / "regions.toml"
    try:
        return region_admin.seed_regions(store, catalogue)
    except RegionConfigError as exc:
        print(f"newsbot: {catalogue} not loaded: {exc}", file=sys.stderr)
        return 0
