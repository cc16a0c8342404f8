"""A third interface language, registered for this module only, through the running bot."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.botapi import private_chat
from tests.chat.harness import Bot
from tests.i18n.french import french

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module", autouse=True)
def _french(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with french(tmp_path_factory.mktemp("locales")):
        yield


async def test_start_help_regions_and_digest_in_the_third_language(bot: Bot) -> None:
    admin_chat = bot.api.create_private_chat(bot.admin)
    (renamed,) = await bot.say(admin_chat, "/editregion taiyuan name_fr Taïyuan")
    assert "Names: Taiyuan / 太原 / Taïyuan" in renamed.text

    _user, chat = private_chat(bot.api, "Amélie", "fr-FR")
    (welcome,) = await bot.say(chat, "/start")
    assert welcome.text.startswith("👋 Bonjour, Amélie !\nJe résume")
    labels = [b.text for b in welcome.button_list]
    assert "Taïyuan" in labels
    assert "Shanxi" in labels  # no French name: the English one
    (helped,) = await bot.say(chat, "/help")
    assert helped.text.startswith("Ce que je sais faire\n/regions — les régions")
    (regions,) = await bot.say(chat, "/regions")
    assert regions.text.startswith("Régions\n")
    assert "Taïyuan — taiyuan" in regions.text

    (subscribed,) = await bot.say(chat, "/subscribe shanxi")
    assert subscribed.text.startswith("✅ Abonné à Shanxi. Votre sélection arrive à 08:00")
    (digest,) = await bot.say(chat, "/digest")
    assert digest.text.startswith("📰 Votre sélection · ")
    assert re.search(r"\n1 nouvel article depuis \S+\. \d+ \S+ \d\d:\d\d\n", digest.text)
    assert "Shanxi coal output rises in spring" in digest.text

    _other, reader = private_chat(bot.api, "Basile", "fr")
    await bot.say(reader, "/subscribe taiyuan")
    (digest,) = await bot.say(reader, "/digest")
    match = re.search(r"\n(\d+) nouveaux articles depuis ", digest.text)
    assert match is not None
    assert int(match.group(1)) > 1
    assert "▌Taïyuan" in digest.text


async def test_settings_offer_the_third_language(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Chloé", "en")
    (bad,) = await bot.say(chat, "/settings lang klingon")
    assert bad.text == "Choose en (English), zh (中文), or fr (français)."
    (usage,) = await bot.say(chat, "/settings colour blue")
    assert "/settings lang en|zh|fr · " in usage.text
    (chosen,) = await bot.say(chat, "/settings lang français")
    assert chosen.text == "Langue : français."
    (panel,) = await bot.say(chat, "/settings")
    assert "Language: français" in panel.text  # a message the catalog lacks: English
    (edited,) = await bot.press(chat, panel, label="🗣 English", expect_new=0)
    assert "Language: English" in edited.text
    (edited,) = await bot.press(chat, edited, label="🗣 中文", expect_new=0)
    assert "语言：中文" in edited.text
    (edited,) = await bot.press(chat, edited, label="🗣 français", expect_new=0)
    assert "Language: français" in edited.text
    record = bot.store.chats.get(chat.id)
    assert record is not None
    assert record.language == "fr"
