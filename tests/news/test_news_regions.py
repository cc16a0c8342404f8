"""The region catalogue and place-name tagging."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.news.regions import RegionConfigError, RegionTagger, load_regions, parse_regions
from bot.store import Region

CATALOGUE = Path(__file__).resolve().parents[2] / "config" / "regions.toml"


def test_shipped_catalogue_loads():
    entries = load_regions(CATALOGUE)
    ids = [entry.region.id for entry in entries]
    assert {"taiyuan", "shanxi", "beijing", "shanghai", "guangdong", "hongkong"} <= set(ids)
    assert any(not entry.region.name_zh.isascii() for entry in entries)
    assert all(entry.region.places for entry in entries)


def test_latin_names_match_whole_words_cjk_names_anywhere():
    tagger = RegionTagger(
        [
            Region("london", "London", "伦敦", ("London", "Camden")),
            Region("taiyuan", "Taiyuan", "太原", ("Taiyuan", "太原", "晋源")),
        ]
    )
    assert tagger.tag("Londoners queue for tickets", "") == ()
    assert tagger.tag("News from london today", "") == ("london",)
    assert tagger.tag("晋源区干部培训", "") == ("taiyuan",)
    assert tagger.tag("Weather", "Rain in Camden and 太原市", "beijing") == (
        "beijing",
        "london",
        "taiyuan",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[region]\nid=", "not valid TOML"),
        ('[[region]]\nid = "Bad Id"\nname_en="x"\nname_zh="y"', "id must be"),
        ('[[region]]\nid = "a"\nname_en="x"', "region 'a': name_zh is required"),
        ('[[region]]\nid="a"\nname_en=" "\nname_zh="y"', "name_en is required"),
        ('[[region]]\nid="a"\nname_en="x"\nname_zh="y"\ntimezone="Mars/Base"', "not an IANA"),
        ('[[region]]\nid="a"\nname_en="x"\nname_zh="y"\ntimezone=8', "timezone must be"),
        ('[[region]]\nid="a"\nname_en="x"\nname_zh="y"\nplaces="z"', "places must be a list"),
        (
            '[[region]]\nid="a"\nname_en="x"\nname_zh="y"\n[[region]]\nid="a"\nname_en="x"\nname_zh="y"',
            "duplicate id",
        ),
    ],
)
def test_bad_catalogue_is_explained(text, message):
    with pytest.raises(RegionConfigError, match=message):
        parse_regions(text)
