"""Inline mode (`@bot words` in any chat) through the real bot and the emulator, on both stores."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.inline_records import InlineAnswer
from bot.sandbox.records import User
from bot.store import NewArticle, SectionSummaryRecord
from tests.botapi import private_chat
from tests.chat.harness import Bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

HARBOUR_STORIES = 25


async def _ask(bot: Bot, user: User, query: str, offset: str = "") -> InlineAnswer:
    bot.api.set_inline_mode(feedback=True)
    query_id = bot.api.inline_query(user, query, offset=offset)
    return await bot.api.wait_for_inline_answer_async(query_id, timeout=15)


def _ids(answer: InlineAnswer) -> list[int]:
    return [int(result.id.removeprefix("a")) for result in answer.results]


def _add_harbour_stories(bot: Bot) -> list[int]:
    """Stories of one word, older than the seeded ones, so "newest" lists are unchanged."""
    if bot.store.search.search("harbour", limit=1).total:
        return [hit.article.id for hit in bot.store.search.search("harbour", limit=50).hits]
    start = datetime.now(UTC) - timedelta(days=3)
    ids = []
    for n in range(HARBOUR_STORIES):
        article = bot.store.articles.add(
            NewArticle(
                url=f"https://news.example/harbour/{n}",
                title=f"Harbour works, phase {n}",
                source="Port Daily",
                published_at=start - timedelta(hours=n),
                language="en",
                text="The harbour is being dredged.",
                sections=(SectionSummaryRecord("Works", (f"Phase {n} of the harbour works.",)),),
                summary=(f"Phase {n} of the harbour works.",),
                regions=("guangdong",),
            )
        )
        ids.append(article.id)
    return ids


async def test_a_query_lists_matching_stories_ranked_like_search(bot: Bot) -> None:
    user, _chat = private_chat(bot.api, "Ines")
    answer = await _ask(bot, user, "metro")
    expected = [hit.article.id for hit in bot.store.search.search("metro", limit=10).hits]
    assert _ids(answer) == expected
    assert len(expected) == 8
    first = answer.results[0]
    assert "metro" in first.title.lower() or "Metro" in first.title
    assert first.description is not None
    assert "news.example · " in first.description
    assert "the first point" in first.description
    assert answer.is_personal
    assert answer.next_offset == ""
    assert answer.button is None


async def test_results_page_with_next_offset(bot: Bot) -> None:
    ids = _add_harbour_stories(bot)
    user, _chat = private_chat(bot.api, "Jules")
    first = await _ask(bot, user, "harbour")
    assert len(first.results) == 10
    assert first.next_offset == "10"
    second = await _ask(bot, user, "harbour", offset=first.next_offset)
    assert second.next_offset == "20"
    third = await _ask(bot, user, "harbour", offset=second.next_offset)
    assert len(third.results) == HARBOUR_STORIES - 20
    assert third.next_offset == ""
    seen = _ids(first) + _ids(second) + _ids(third)
    assert sorted(seen) == sorted(ids)
    assert seen == [h.article.id for h in bot.store.search.search("harbour", limit=50).hits]


async def test_an_empty_query_lists_the_newest_stories_of_the_users_regions(bot: Bot) -> None:
    user, chat = private_chat(bot.api, "Kim")
    await bot.say(chat, "/subscribe shanxi")
    answer = await _ask(bot, user, "")
    titles = [r.title for r in answer.results]
    assert titles == ["Shanxi coal output rises in spring"]
    assert answer.button is None
    await bot.say(chat, "/subscribe taiyuan")
    both = await _ask(bot, user, "")
    expected = bot.store.articles.newest(["shanxi", "taiyuan"], limit=10)
    assert _ids(both) == [a.id for a in expected]
    assert both.results[0].title == "Metro bulletin number 7"


async def test_an_empty_query_without_regions_lists_the_newest_of_all(bot: Bot) -> None:
    _add_harbour_stories(bot)
    user, _chat = private_chat(bot.api, "Lou")
    answer = await _ask(bot, user, "")
    assert _ids(answer) == [a.id for a in bot.store.articles.newest(None, limit=10)]
    assert answer.next_offset == "10"
    assert answer.button is not None
    assert "pick your regions" in answer.button.text
    assert answer.button.start_parameter == "inline"


async def test_choosing_a_result_posts_the_summary_in_that_chat_from_the_user(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    user, _chat = private_chat(bot.api, "Mia")
    group = bot.api.create_group("Readers", members=[user], creator=bot.admin)
    answer = await _ask(bot, user, "coal")
    (result,) = answer.results
    with caplog.at_level(logging.INFO, logger="bot.chat.handlers.inline"):
        posted = bot.api.choose_inline_result(answer.query_id, result.id, group)
        await bot.api.wait_until_async(
            lambda: any("chosen" in r.getMessage() for r in caplog.records), timeout=10
        )
    assert posted.via_bot_id == bot.api.bot.id
    assert not posted.from_bot
    assert posted.text.startswith("Shanxi coal output rises in spring")
    assert "Economy" in posted.text
    assert "• Shanxi coal output rises in spring — the first point." in posted.text
    assert "A second, shorter point." in posted.text
    links = [e for e in posted.entities if e["type"] == "text_link"]
    assert links[0]["url"] == "https://news.example/shanxi/1"
    bold = {posted.text[e["offset"] : e["offset"] + e["length"]] for e in posted.entities}
    assert "Economy" in bold
    (button,) = posted.button_list
    assert button.text == "🔗 Open"
    assert button.url == "https://news.example/shanxi/1"
    stored = bot.api.messages(group, include_user=True)
    assert stored[-1].message_id == posted.message_id


async def test_a_story_posted_in_the_bots_own_chat_is_not_answered(bot: Bot) -> None:
    user, chat = private_chat(bot.api, "Noor")
    answer = await _ask(bot, user, "coal")
    bot.api.choose_inline_result(answer.query_id, answer.results[0].id, chat)
    (help_answer,) = await bot.say(chat, "/help")
    assert "/search" in help_answer.text
    await asyncio.sleep(0.5)
    assert bot.api.messages(chat) == [help_answer]


async def test_nothing_found_gets_a_button_that_says_so(bot: Bot) -> None:
    user, _chat = private_chat(bot.api, "Otto")
    answer = await _ask(bot, user, "zzqqxx <b>")
    assert answer.results == ()
    assert answer.button is not None
    assert answer.button.text == "Nothing found for “zzqqxx <b>” · open the bot"
    chinese = bot.api.create_user("王芳", language_code="zh-hans")
    answer = await _ask(bot, chinese, "不存在的词语组合")
    assert answer.button is not None
    assert answer.button.text.startswith("没有找到")


async def test_an_offset_the_bot_never_gave_ends_the_list(bot: Bot) -> None:
    user, _chat = private_chat(bot.api, "Pia")
    answer = await _ask(bot, user, "metro", offset="banana")
    assert answer.results == ()
    assert answer.next_offset == ""
