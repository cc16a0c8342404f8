from __future__ import annotations

from datetime import timedelta

from bot.digest.content import Caps, bullets_for, select_content
from bot.digest.filters import KeywordFilter, parse_keywords
from bot.digest.model import DigestKey
from tests.digest.digest_factories import NOW
from tests.digest.digest_factories import digest_article as article

START = NOW - timedelta(days=1)


def key(**kwargs: object) -> DigestKey:
    values: dict[str, object] = {"regions": ("beijing", "shanxi"), "timezone": "Asia/Shanghai"}
    values.update(kwargs)
    return DigestKey(**values)  # type: ignore[arg-type]


def test_groups_by_region_newest_first() -> None:
    articles = [
        article(1, "old shanxi", hours_ago=5),
        article(2, "new shanxi", hours_ago=1),
        article(3, "beijing", regions=("beijing",), hours_ago=3),
        article(4, "elsewhere", regions=("hebei",)),
    ]
    content = select_content(articles, key(), START, NOW)
    assert [(s.region_id, [x.title for x in s.stories]) for s in content.sections] == [
        ("beijing", ["beijing"]),
        ("shanxi", ["new shanxi", "old shanxi"]),
    ]
    assert content.story_count == 3


def test_one_story_per_cluster_with_other_outlets() -> None:
    articles = [
        article(1, "Bare", source="Xinhua", cluster_id=1, summary=("One line.",), hours_ago=3),
        article(2, "Rich", source="Shanxi Daily", cluster_id=1, sections=[("Route", ["A."])]),
        article(3, "Copy", source="Xinhua", cluster_id=1, hours_ago=2),
        article(4, "Also", source="Taiyuan Evening", cluster_id=1, hours_ago=4),
    ]
    (section,) = select_content(articles, key(), START, NOW).sections
    (story,) = section.stories
    assert story.title == "Rich"
    assert story.also_reported_by == ("Taiyuan Evening", "Xinhua")


def test_a_cluster_spanning_regions_appears_once_under_the_first() -> None:
    articles = [
        article(1, "shared", regions=("shanxi",), cluster_id=9),
        article(2, "shared too", regions=("beijing",), cluster_id=9, source="Xinhua"),
    ]
    content = select_content(articles, key(), START, NOW)
    assert [s.region_id for s in content.sections] == ["beijing"]
    assert content.story_count == 1


def test_include_and_exclude_keywords() -> None:
    articles = [
        article(1, "Coal output rises", hours_ago=1),
        article(2, "Coalition talks stall", hours_ago=2),
        article(3, "Football final tonight", sections=[("", ["Coal miners' team wins."])]),
        article(4, "煤炭价格上涨", hours_ago=4),
        article(5, "Weather", summary=("Rain in the coal belt.",), hours_ago=5),
    ]
    chosen = select_content(
        articles, key(include=("COAL", "煤炭"), exclude=("football",)), START, NOW
    )
    titles = [s.title for sec in chosen.sections for s in sec.stories]
    assert titles == ["Coal output rises", "煤炭价格上涨", "Weather"]


def test_keyword_matching_rules() -> None:
    assert KeywordFilter(include=("mine",)).accepts(["Two mines closed"])
    assert not KeywordFilter(include=("coal",)).accepts(["A coalition"])
    assert KeywordFilter(include=("ｃｏａｌ",)).accepts(["COAL prices"])
    assert KeywordFilter(include=("太原",)).accepts(["山西太原市召开会议"])
    assert KeywordFilter(include=("new york",)).accepts(["In New  York today"])
    assert not KeywordFilter(exclude=("体育",)).accepts(["今日体育新闻"])
    assert KeywordFilter().accepts(["anything"])
    assert parse_keywords("coal, 煤炭，Coal; mines\n") == ("coal", "煤炭", "mines")


def test_caps_count_what_is_left_out() -> None:
    articles = [article(i, f"s{i}", hours_ago=i) for i in range(1, 6)]
    articles += [article(10 + i, f"b{i}", regions=("beijing",)) for i in range(3)]
    content = select_content(articles, key(), START, NOW, Caps(per_region=2, total=3))
    assert [(s.region_id, len(s.stories), s.omitted) for s in content.sections] == [
        ("beijing", 2, 1),
        ("shanxi", 1, 4),
    ]


def test_bullets_follow_the_summary_length() -> None:
    sections = [(f"H{i}", [f"First {i}.", f"Second {i}."]) for i in range(8)]
    rich = article(1, sections=sections)
    assert len(bullets_for(rich, "short")) == 2
    assert len(bullets_for(rich, "medium")) == 4
    long = bullets_for(rich, "long")
    assert len(long) == 6
    assert long[0].text == "First 0. Second 0."
    assert bullets_for(article(2, summary=("Only.",)), "short")[0].heading == ""
    assert bullets_for(article(3), "long") == ()
