"""Store test helpers: a region catalogue and an article factory on the `store` fixture."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import pytest

from bot.store import Article, NewArticle, Region, Store

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)
SHANXI = Region("shanxi", {"en": "Shanxi", "zh": "山西"}, ("Taiyuan", "太原", "Datong"))
HEBEI = Region("hebei", {"en": "Hebei", "zh": "河北"}, ("Shijiazhuang", "石家庄"))

MakeArticle = Callable[..., Article]


@pytest.fixture
def regions(store: Store) -> tuple[Region, Region]:
    store.regions.upsert(SHANXI)
    store.regions.upsert(HEBEI)
    return SHANXI, HEBEI


@pytest.fixture
def make_article(store: Store, regions: tuple[Region, Region]) -> MakeArticle:
    numbers = count(1)

    def make(**fields: Any) -> Article:
        n = next(numbers)
        fields.setdefault("url", f"https://news.example/{n}")
        fields.setdefault("title", f"Story number {n}")
        fields.setdefault("published_at", NOW - timedelta(hours=n))
        return store.articles.add(NewArticle(**fields))

    return make
