"""Inline keyboards: region pickers, the settings panel, search paging and summary buttons."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chat import callbacks
from bot.chat.render import region_name
from bot.i18n import LANGUAGES, next_language, t
from bot.store import Region, SearchHit


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def regions_keyboard(
    language: str, regions: Iterable[Region], *, unsubscribe: bool = False
) -> InlineKeyboardMarkup | None:
    """One button per region (two a row); None when there is nothing to offer."""
    buttons: list[InlineKeyboardButton] = []
    for region in regions:
        if not callbacks.region_id_is_encodable(region.id):
            continue
        action: callbacks.Callback = (
            callbacks.Unsubscribe(region.id) if unsubscribe else callbacks.Subscribe(region.id)
        )
        buttons.append(
            InlineKeyboardButton(
                region_name(region, language), callback_data=callbacks.encode(action)
            )
        )
    return InlineKeyboardMarkup(_rows(buttons, 2)) if buttons else None


def _next_name(language: str) -> str:
    """The name (in itself) of the language the panel's switch changes to."""
    return LANGUAGES[next_language(language)].native_name


def settings_keyboard(language: str, length: str, paused: bool) -> InlineKeyboardMarkup:
    """The /settings panel: time and zone prompts, language switch, length cycle, pause."""

    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            label, callback_data=callbacks.encode(callbacks.SettingsAction(action))
        )

    length_label = t(language, f"length_{length}")
    rows = [
        [button(t(language, "button_time"), "time"), button(t(language, "button_tz"), "tz")],
        [
            button(t(language, "button_lang", language=_next_name(language)), "lang"),
            button(t(language, "button_length", length=length_label), "len"),
        ],
        [
            button(t(language, "button_keywords"), "kw"),
            button(
                t(language, "button_resume" if paused else "button_pause"),
                "resume" if paused else "pause",
            ),
        ],
        [
            button(t(language, "button_schedule"), "sched"),
            button(t(language, "button_quiet"), "quiet"),
        ],
    ]
    return InlineKeyboardMarkup(rows)


def search_keyboard(
    language: str,
    search_id: str,
    page: int,
    page_count: int,
    hits: Sequence[SearchHit],
    offset: int,
) -> InlineKeyboardMarkup:
    """A "Summary" button per hit, then ◀ ▶ for the neighbouring pages that exist."""
    summary_buttons = [
        InlineKeyboardButton(
            t(language, "button_summary", n=offset + index),
            callback_data=callbacks.encode(callbacks.SummaryOf(hit.article.id)),
        )
        for index, hit in enumerate(hits, start=1)
    ]
    rows = _rows(summary_buttons, 3)
    paging: list[InlineKeyboardButton] = []
    if page > 0:
        paging.append(
            InlineKeyboardButton(
                t(language, "button_prev"),
                callback_data=callbacks.encode(callbacks.SearchPage(search_id, page - 1)),
            )
        )
    if page + 1 < page_count:
        paging.append(
            InlineKeyboardButton(
                t(language, "button_next"),
                callback_data=callbacks.encode(callbacks.SearchPage(search_id, page + 1)),
            )
        )
    if paging:
        rows.append(paging)
    return InlineKeyboardMarkup(rows)
