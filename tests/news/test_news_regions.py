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
    assert any(not entry.region.names["zh"].isascii() for entry in entries)
    assert all(entry.region.places for entry in entries)


def test_latin_names_match_whole_words_cjk_names_anywhere():
    tagger = RegionTagger(
        [
            Region("london", {"en": "London", "zh": "伦敦"}, ("London", "Camden")),
            Region("taiyuan", {"en": "Taiyuan", "zh": "太原"}, ("Taiyuan", "太原", "晋源")),
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
        ('[[region]]\nid = "a"\nname_zh="x"', "region 'a': name_en is required"),
        ('[[region]]\nid = "a"\nnames = { en = "x", xx = "y" }', "no interface language xx"),
        ('[[region]]\nid = "a"\nnames = "x"', "names must be a table"),
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


def test_names_per_language_in_a_table_or_in_older_keys():
    (table, older, english_only) = parse_regions(
        '[[region]]\nid = "a"\nnames = { en = "Datong", zh = "大同" }\n'
        '[[region]]\nid = "b"\nname_en = "Pingyao"\nname_zh = "平遥"\n'
        '[[region]]\nid = "c"\nnames = { en = "Wutai", zh = " " }\n'
    )
    assert table.region.names == {"en": "Datong", "zh": "大同"}
    assert older.region.names == {"en": "Pingyao", "zh": "平遥"}
    assert english_only.region.names == {"en": "Wutai"}  # an empty name is no name
