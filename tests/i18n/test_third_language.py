"""A third interface language is one catalog and one registration: plurals, dates, fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.digest.model import DigestContent, RegionSection, Story
from bot.digest.render import render_digest
from bot.i18n import (
    LANGUAGES,
    format_day,
    format_moment,
    language_from_code,
    language_named,
    next_language,
    region_name,
    t,
    tn,
)
from tests.i18n.french import french

PARIS = ZoneInfo("Europe/Paris")


def _story(n: int, when: datetime) -> Story:
    return Story(n, f"Story {n}", f"https://news.example/{n}", "Le Journal", when)


def test_french_plurals_come_from_cldr(tmp_path):
    with french(tmp_path):
        assert [tn("fr", "window", n, since="hier") for n in (0, 1, 2, 1_000_000)] == [
            "0 nouvel article depuis hier",  # French counts zero as singular
            "1 nouvel article depuis hier",
            "2 nouveaux articles depuis hier",
            "1000000 de nouveaux articles depuis hier",
        ]
        # Messages the small catalog lacks come in English, plural rule included.
        assert tn("fr", "export_caption", 1) == "1 feed"
        assert tn("fr", "export_caption", 2) == "2 feeds"


def test_french_dates_without_a_pattern_of_its_own_use_cldr(tmp_path):
    moment = datetime(2026, 5, 12, 14, 5, tzinfo=PARIS)
    with french(tmp_path):
        assert format_day(moment, "fr") == "mar. 12 mai"
        assert format_moment(moment, "fr") == "mar. 12 mai 14:05"


def test_one_registration_reaches_codes_names_switch_and_digest(tmp_path):
    assert "fr" not in LANGUAGES
    with french(tmp_path):
        assert list(LANGUAGES) == ["en", "zh", "fr"]
        assert language_from_code("fr-CA") == "fr"
        assert language_named("français") == "fr"
        assert language_named("French") == "fr"
        assert language_named("法语") == "fr"
        assert [next_language(c) for c in ("en", "zh", "fr")] == ["zh", "fr", "en"]
        assert LANGUAGES["fr"].native_name == "français"
        assert t("fr", "welcome", name=t("fr", "welcome_name", name="<Zoé>")).startswith(
            "👋 <b>Bonjour, &lt;Zoé&gt; !</b>\n"
        )
        assert t("fr", "help_admin").startswith("\n\n<b>Admin</b>\n")  # English fallback
        assert region_name({"en": "Taiyuan", "fr": "Taïyuan"}, "fr") == "Taïyuan"
        assert region_name({"en": "Shanxi", "zh": "山西"}, "fr") == "Shanxi"

        end = datetime(2026, 5, 12, 6, 0, tzinfo=UTC)
        one = DigestContent(
            datetime(2026, 5, 11, 6, 0, tzinfo=UTC),
            end,
            (RegionSection("taiyuan", (_story(1, end),)),),
        )
        (single,) = render_digest(one, "fr", PARIS, {"taiyuan": "Taïyuan"})
        assert single.startswith("<b>📰 Votre sélection · mar. 12 mai</b>\n")
        assert "<i>1 nouvel article depuis lun. 11 mai 08:00</i>" in single
        assert "<b>▌Taïyuan</b>" in single
        assert "<i>Le Journal · 08:00</i>" in single
        three = DigestContent(
            one.window_start,
            end,
            (RegionSection("taiyuan", tuple(_story(n, end) for n in (1, 2, 3))),),
        )
        (plural,) = render_digest(three, "fr", PARIS, {"taiyuan": "Taïyuan"})
        assert "<i>3 nouveaux articles depuis lun. 11 mai 08:00</i>" in plural
    assert "fr" not in LANGUAGES
    assert language_from_code("fr") == "en"
