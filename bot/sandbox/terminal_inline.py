"""Inline mode in the terminal chat: `@bot words` lists the bot's results, a number posts one.

`+` asks for the next page while the bot offers one. A chosen result is posted into the
private chat "via @bot", as a Telegram client would post it, and printed as the user's message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.errors import SandboxError, SandboxTimeoutError
from bot.sandbox.inline_records import InlineAnswer, InlineResult
from bot.sandbox.records import Chat, User
from bot.sandbox.terminal_render import render_message

MORE = "+"


@dataclass
class _Listing:
    """The results shown for one query so far (pages appended), and where the next page starts."""

    query: str
    shown: list[tuple[str, InlineResult]] = field(default_factory=list)
    next_offset: str = ""


class InlinePicker:
    """The inline half of a terminal chat; `TerminalChat` hands it the lines meant for it."""

    def __init__(
        self,
        api: BotApiEmulator,
        user: User,
        chat: Chat,
        write: Callable[[str], None],
        *,
        echo: Callable[[str], None],
        color: bool,
        raw_html: bool,
        timeout: float,
    ) -> None:
        self._api = api
        self._user = user
        self._chat = chat
        self._write = write
        self._echo = echo
        self._color = color
        self._raw_html = raw_html
        self._timeout = timeout
        self._listing: _Listing | None = None

    def _mention(self, line: str) -> str | None:
        """The query when `line` starts with the bot's @username, else None."""
        name = f"@{self._api.bot.username}"
        head, _sep, rest = line.partition(" ")
        return rest.strip() if head.lower() == name.lower() else None

    def wants(self, line: str) -> bool:
        """True for `@bot ...`, for `+` and numbers while results are on screen."""
        if self._mention(line) is not None:
            return True
        if self._listing is None:
            return False
        if line == MORE or line.isdigit():
            return True
        self._listing = None  # anything else ends the picking
        return False

    def handle(self, line: str) -> None:
        """Ask, page or pick, as `line` says."""
        self._echo(line)
        query = self._mention(line)
        if query is not None:
            self._listing = _Listing(query)
            self._ask(self._listing, "")
        elif line == MORE:
            self._more()
        else:
            self._pick(int(line))

    def _more(self) -> None:
        listing = self._listing
        assert listing is not None
        if not listing.next_offset:
            self._write("(no more results)")
            return
        self._ask(listing, listing.next_offset)

    def _ask(self, listing: _Listing, offset: str) -> None:
        try:
            query_id = self._api.inline_query(
                self._user, listing.query, offset=offset, chat=self._chat
            )
            answer = self._api.wait_for_inline_answer(query_id, timeout=self._timeout)
        except SandboxTimeoutError:
            self._write("(no answer from the bot)")
            return
        except SandboxError as err:
            self._write(f"({err})")
            self._listing = None
            return
        self._show(listing, answer)

    def _show(self, listing: _Listing, answer: InlineAnswer) -> None:
        bot_name = f"@{self._api.bot.username}"
        lines = []
        if answer.button is not None:
            lines.append(f"  ({answer.button.text})")
        start = len(listing.shown) + 1
        for number, result in enumerate(answer.results, start=start):
            listing.shown.append((answer.query_id, result))
            lines.append(f"  [{number}] {result.title}")
            for detail in (result.description or "").splitlines():
                lines.append(f"      {detail}")
        listing.next_offset = answer.next_offset
        if answer.next_offset:
            lines.append(f"  ({MORE} shows more)")
        if not answer.results and not answer.button:
            lines.append("  (no results)")
        self._write(f"{bot_name} (inline):\n" + "\n".join(lines))

    def _pick(self, number: int) -> None:
        listing = self._listing
        assert listing is not None
        if not 1 <= number <= len(listing.shown):
            self._write(f"(there is no result {number})")
            return
        query_id, result = listing.shown[number - 1]
        self._listing = None
        try:
            posted = self._api.choose_inline_result(query_id, result.id, self._chat)
        except SandboxError as err:
            self._write(f"({err})")
            return
        body = render_message(posted, color=self._color, raw_html=self._raw_html)
        self._write(f"you (via @{self._api.bot.username}): {body}")
