"""answerInlineQuery, validated as the Bot API validates it (article results only)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.formatting import FormattedText, format_outgoing
from bot.sandbox.inline_records import InlineAnswer, InlineButton, InlineResult
from bot.sandbox.params import Params
from bot.sandbox.world import World

MAX_RESULTS = 50
MAX_ID_BYTES = 64
MAX_OFFSET_BYTES = 64
DEFAULT_CACHE_TIME = 300
# Telegram drops an inline query whose answer has not come within about ten seconds.
ANSWER_WINDOW_SECONDS = 10.0
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Result types the Bot API knows; the emulator renders articles only.
_KNOWN_TYPES = frozenset(
    {
        "article",
        "audio",
        "contact",
        "document",
        "game",
        "gif",
        "location",
        "mpeg4_gif",
        "photo",
        "sticker",
        "venue",
        "video",
        "voice",
    }
)


def answer_inline_query(world: World, p: Params) -> bool:
    """answerInlineQuery: at most 50 results with unique ids, once per query."""
    query_id = p.text("inline_query_id") or ""
    state = world.inline.queries.get(query_id)
    late = state is not None and world.clock() - state.asked_at > ANSWER_WINDOW_SECONDS
    if state is None or state.answer is not None or late:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    raw = p.structure("results")
    if not isinstance(raw, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(raw) > MAX_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    results: list[InlineResult] = []
    seen: set[str] = set()
    for item in raw:
        result = _result(item)
        if result.id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result.id)
        results.append(result)
    offset = p.text("next_offset") or ""
    if len(offset.encode("utf-8")) > MAX_OFFSET_BYTES:
        raise bad_request("NEXT_OFFSET_INVALID")
    cache_time = p.integer("cache_time")
    if cache_time is not None and cache_time < 0:
        raise bad_request("invalid cache_time specified")
    state.answer = InlineAnswer(
        query_id=query_id,
        results=tuple(results),
        next_offset=offset,
        button=_button(p),
        cache_time=DEFAULT_CACHE_TIME if cache_time is None else cache_time,
        is_personal=p.flag("is_personal"),
    )
    world.touch()
    return True


def _result(item: Any) -> InlineResult:
    if not isinstance(item, dict):
        raise bad_request("can't parse InlineQueryResult: object expected")
    kind = item.get("type")
    if kind not in _KNOWN_TYPES:
        raise bad_request("RESULT_TYPE_INVALID")
    if kind != "article":
        raise bad_request(f"inline results of type {kind} are not emulated")
    result_id = item.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= MAX_ID_BYTES:
        raise bad_request("RESULT_ID_INVALID")
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        raise bad_request("ARTICLE_TITLE_EMPTY")
    content = item.get("input_message_content")
    if not isinstance(content, dict) or "message_text" not in content:
        raise bad_request('Field "input_message_content" must be of type Object')
    formatted = _message(content)
    description = item.get("description")
    url = item.get("url")
    return InlineResult(
        id=result_id,
        title=title,
        description=description if isinstance(description, str) else None,
        text=formatted.text,
        entities=formatted.entities,
        source=formatted.source,
        parse_mode=formatted.parse_mode,
        reply_markup=_keyboard(item.get("reply_markup")),
        link_preview_options=_preview(content),
        url=url if isinstance(url, str) and url else None,
    )


def _message(content: Mapping[str, Any]) -> FormattedText:
    text = content.get("message_text")
    entities = content.get("entities")
    try:
        return format_outgoing(
            text if isinstance(text, str) else None,
            content.get("parse_mode"),
            entities if isinstance(entities, list) else None,
        )
    except ApiError as err:
        # sendMessage words these two differently from the inline path.
        if err.description.endswith("message text is empty"):
            raise bad_request("MESSAGE_EMPTY") from None
        if err.description.endswith("message is too long"):
            raise bad_request("MESSAGE_TOO_LONG") from None
        raise


def _preview(content: Mapping[str, Any]) -> Mapping[str, Any] | None:
    options = content.get("link_preview_options")
    if isinstance(options, dict):
        return options
    if content.get("disable_web_page_preview"):
        return {"is_disabled": True}
    return None


def _keyboard(markup: Any) -> Mapping[str, Any] | None:
    if markup is None:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("REPLY_MARKUP_INVALID")
    for row in rows:
        for button in row:
            _check_button(button)
    return markup if rows else None


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("REPLY_MARKUP_INVALID")
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_EMPTY")
    url = button.get("url")
    data = button.get("callback_data")
    if url is None and data is None and "switch_inline_query" not in button:
        raise bad_request("BUTTON_TYPE_INVALID")
    if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
        raise bad_request("BUTTON_URL_INVALID")
    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
        raise bad_request("BUTTON_DATA_INVALID")


def _button(p: Params) -> InlineButton | None:
    raw = p.structure("button")
    if raw is None and p.has("switch_pm_text"):
        # The pre-6.7 spelling of the same button, still accepted by Telegram.
        raw = {"text": p.text("switch_pm_text"), "start_parameter": p.text("switch_pm_parameter")}
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw["text"]:
        raise bad_request("SWITCH_PM_TEXT_EMPTY")
    parameter = raw.get("start_parameter")
    if "web_app" in raw and parameter is None:
        return InlineButton(raw["text"], "")
    if not isinstance(parameter, str) or not _START_PARAMETER.fullmatch(parameter):
        raise bad_request("START_PARAM_INVALID")
    return InlineButton(raw["text"], parameter)
