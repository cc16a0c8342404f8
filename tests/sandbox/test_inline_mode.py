"""Inline mode in the emulator, driven by python-telegram-bot's own `telegram.Bot`."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import telegram
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.sandbox import BotApiEmulator, SandboxError
from tests.botapi import group_chat, private_chat


def article(result_id: str, text: str = "<b>Story</b> text", **extra: object) -> object:
    return InlineQueryResultArticle(
        result_id,
        f"Title {result_id}",
        InputTextMessageContent(text, parse_mode=ParseMode.HTML),
        **extra,  # type: ignore[arg-type]
    )


async def _query(api: BotApiEmulator, ptb_bot: telegram.Bot, text: str = "metro") -> str:
    """A user's inline query, read back through getUpdates as python-telegram-bot parses it."""
    user, chat = private_chat(api)
    query_id = api.inline_query(user, text, chat=chat)
    (update,) = await ptb_bot.get_updates(timeout=1)
    await ptb_bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert update.inline_query is not None
    assert update.inline_query.id == query_id
    assert update.inline_query.query == text
    assert update.inline_query.chat_type == "sender"
    assert update.inline_query.from_user.id == user.id
    return query_id


async def test_inline_mode_is_off_until_botfather_switches_it_on(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    user, _chat = private_chat(bot_api)
    with pytest.raises(SandboxError, match="setinline"):
        bot_api.inline_query(user, "metro")
    assert not (await ptb_bot.get_me()).supports_inline_queries
    bot_api.set_inline_mode()
    assert (await ptb_bot.get_me()).supports_inline_queries
    with pytest.raises(SandboxError, match="256"):
        bot_api.inline_query(user, "x" * 257)


async def test_an_answer_is_kept_with_its_parsed_messages(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    bot_api.set_inline_mode()
    query_id = await _query(bot_api, ptb_bot)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Open", url="https://example.com/a")]])
    results = [article("a1", reply_markup=keyboard, description="Outlet · today"), article("a2")]
    assert await ptb_bot.answer_inline_query(
        query_id, results, cache_time=30, is_personal=True, next_offset="2"
    )
    answer = bot_api.inline_answer(query_id)
    assert answer is not None
    assert [r.id for r in answer.results] == ["a1", "a2"]
    assert (answer.next_offset, answer.cache_time, answer.is_personal) == ("2", 30, True)
    first = answer.results[0]
    assert (first.title, first.description, first.text) == (
        "Title a1",
        "Outlet · today",
        "Story text",
    )
    assert first.entities == ({"type": "bold", "offset": 0, "length": 5},)
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await ptb_bot.answer_inline_query(query_id, results)


@pytest.mark.parametrize(
    ("results", "extra", "error"),
    [
        ([article(f"r{n}") for n in range(51)], {}, "RESULTS_TOO_MUCH"),
        ([article("same"), article("same")], {}, "RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], {}, "RESULT_ID_INVALID"),
        ([article("long", "é" * 4097)], {}, "MESSAGE_TOO_LONG"),
        ([article("bad", "<b>open")], {}, "can't parse entities"),
        ([article("ok")], {"next_offset": "9" * 65}, "NEXT_OFFSET_INVALID"),
        (
            [],
            {"button": InlineQueryResultsButton("Open", start_parameter="not valid!")},
            "START_PARAM_INVALID",
        ),
        (
            [
                article(
                    "js",
                    reply_markup=InlineKeyboardMarkup(
                        [[InlineKeyboardButton("x", url="javascript:alert(1)")]]
                    ),
                )
            ],
            {},
            "BUTTON_URL_INVALID",
        ),
    ],
)
async def test_bad_answers_are_refused_as_telegram_refuses_them(
    bot_api: BotApiEmulator,
    ptb_bot: telegram.Bot,
    results: list[InlineQueryResultArticle],
    extra: dict[str, object],
    error: str,
) -> None:
    bot_api.set_inline_mode()
    query_id = await _query(bot_api, ptb_bot)
    with pytest.raises(BadRequest, match=f"(?i){error}"):
        await ptb_bot.answer_inline_query(query_id, results, **extra)  # type: ignore[arg-type]
    assert bot_api.inline_answer(query_id) is None
    # A refused answer leaves the query open: a correct one is still taken.
    assert await ptb_bot.answer_inline_query(query_id, [article("fine")])


async def test_an_unknown_query_is_refused(ptb_bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await ptb_bot.answer_inline_query("12345", [article("a")])


async def test_a_button_instead_of_results(bot_api: BotApiEmulator, ptb_bot: telegram.Bot) -> None:
    bot_api.set_inline_mode()
    query_id = await _query(bot_api, ptb_bot, "nothing")
    button = InlineQueryResultsButton("Nothing found · open the bot", start_parameter="inline")
    await ptb_bot.answer_inline_query(query_id, [], button=button)
    answer = bot_api.inline_answer(query_id)
    assert answer is not None
    assert answer.results == ()
    assert answer.button is not None
    assert (answer.button.text, answer.button.start_parameter) == (
        "Nothing found · open the bot",
        "inline",
    )


async def test_choosing_posts_via_the_bot_and_reports_the_choice(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    bot_api.set_inline_mode(feedback=True)
    admin, _own = private_chat(bot_api, "Admin")
    user, _chat = private_chat(bot_api, "Reader")
    group = group_chat(bot_api, admin, user)
    query_id = bot_api.inline_query(user, "coal", chat=group)
    (update,) = await ptb_bot.get_updates(timeout=1)
    assert update.inline_query is not None
    assert update.inline_query.chat_type == "group"
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Open", url="https://example.com/c")]])
    await ptb_bot.answer_inline_query(query_id, [article("c1", reply_markup=keyboard)])
    with pytest.raises(SandboxError, match="no result 'c2'"):
        bot_api.choose_inline_result(query_id, "c2", group)
    posted = bot_api.choose_inline_result(query_id, "c1", group)
    assert posted.text == "Story text"
    assert posted.via_bot_id == bot_api.bot.id
    assert not posted.from_bot
    updates = await ptb_bot.get_updates(offset=update.update_id + 1, timeout=1)
    message = updates[0].message
    assert message is not None
    assert message.via_bot is not None
    assert message.via_bot.username == "newsbot_sandbox_bot"
    assert message.from_user is not None
    assert message.from_user.id == user.id
    assert message.chat.id == group.id
    assert message.reply_markup == keyboard
    chosen = updates[1].chosen_inline_result
    assert chosen is not None
    assert (chosen.result_id, chosen.query, chosen.from_user.id) == ("c1", "coal", user.id)
    assert chosen.inline_message_id


async def test_a_user_cannot_post_into_someone_elses_private_chat(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    bot_api.set_inline_mode()
    query_id = await _query(bot_api, ptb_bot)
    await ptb_bot.answer_inline_query(query_id, [article("a")])
    _other, elsewhere = private_chat(bot_api, "Other")
    with pytest.raises(SandboxError, match="cannot post"):
        bot_api.choose_inline_result(query_id, "a", elsewhere)


async def test_an_answer_after_ten_seconds_is_too_late() -> None:
    ticks = iter(range(0, 10**6, 20))  # every reading of the clock is 20 s after the last
    with BotApiEmulator(clock=lambda: float(next(ticks))) as api:
        api.set_inline_mode()
        user, _chat = private_chat(api)
        query_id = api.inline_query(user, "late")
        async with telegram.Bot(api.token, base_url=api.base_url) as bot:
            with pytest.raises(BadRequest, match=r"(?i)query is too old"):
                await bot.answer_inline_query(query_id, [article("a")])


def test_inline_switches_and_via_posts_survive_a_saved_state(tmp_path: Path) -> None:
    results = [
        {"type": "article", "id": "x", "title": "X", "input_message_content": {"message_text": "X"}}
    ]
    with BotApiEmulator() as first, httpx.Client() as http:
        first.set_inline_mode(placeholder="Search news…", feedback=True)
        user, chat = private_chat(first)
        query_id = first.inline_query(user, "metro")
        http.post(
            f"{first.base_url}{first.token}/answerInlineQuery",
            json={"inline_query_id": query_id, "results": results},
        )
        first.choose_inline_result(query_id, "x", chat)
        first.save_state(tmp_path / "s.json")
    with BotApiEmulator() as second, httpx.Client() as http:
        second.load_state(tmp_path / "s.json")
        (posted,) = second.messages(chat, include_user=True)
        assert posted.via_bot_id == second.bot.id
        assert second.inline_answer(query_id) is None  # queries expire; they are not kept
        second.inline_query(user, "metro again", chat=chat)
        me = http.get(f"{second.base_url}{second.token}/getMe").json()["result"]
        assert me["supports_inline_queries"] is True


def test_the_control_api_drives_inline_mode() -> None:
    with BotApiEmulator(control_api=True) as api, httpx.Client() as http:

        def control(action: str, **kwargs: object) -> object:
            response = http.post(f"{api.root}/sandbox/{action}", content=json.dumps(kwargs))
            assert response.status_code == 200, response.text
            return response.json()["result"]

        control("set_inline_mode", feedback=True)
        user = api.create_user("Remote")
        chat = api.create_private_chat(user)
        query_id = control("inline_query", user=user.id, query="coal")
        assert isinstance(query_id, str)
        assert control("inline_answer", query_id=query_id) is None
        results = [{"type": "article", "id": "x", "title": "X"}]
        results[0]["input_message_content"] = {"message_text": "<i>X</i>", "parse_mode": "HTML"}
        sent = http.post(
            f"{api.base_url}{api.token}/answerInlineQuery",
            json={"inline_query_id": query_id, "results": results},
        )
        assert sent.json() == {"ok": True, "result": True}
        answer = control("inline_answer", query_id=query_id)
        assert isinstance(answer, dict)
        assert answer["results"][0]["text"] == "X"
        posted = control("choose_inline_result", query_id=query_id, result_id="x", chat=chat.id)
        assert isinstance(posted, dict)
        assert posted["via_bot_id"] == api.bot.id
