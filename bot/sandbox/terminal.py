"""A chat with the emulated bot in the terminal: type as a user, read the bot's answers.

Each line is sent as a message in a private chat; a bare number presses that button of the
latest message that has buttons; `/quit` (or end of input) leaves. Messages the bot sends on
its own, such as a digest, are printed as they arrive. `@botname words` is an inline query
(see `terminal_inline`): its results are numbered, and a number then posts one.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.errors import SandboxError, SandboxTimeoutError
from bot.sandbox.records import SentMessage, User
from bot.sandbox.terminal_inline import InlinePicker
from bot.sandbox.terminal_render import render_message

QUIT_WORDS = frozenset({"/quit", "/exit"})


class TerminalChat:
    """One user's private chat with the bot, driven by a text stream."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        *,
        user: User | None = None,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        color: bool | None = None,
        reply_timeout: float = 60.0,
        # An answer of several messages arrives at about one a second after a short burst
        # (Telegram's per-chat limit, which the bot keeps): wait that long for the next part.
        settle: float = 1.3,
        follow: bool = True,
        raw_html: bool = False,
    ) -> None:
        self._api = emulator
        self._user = user or emulator.create_user("You", language_code="en")
        self._chat = emulator.create_private_chat(self._user)
        self._in = stdin or sys.stdin
        self._out = stdout or sys.stdout
        self._color = self._out.isatty() if color is None else color
        self._reply_timeout = reply_timeout
        self._settle = settle
        self._follow = follow
        self._raw_html = raw_html
        self._seen: dict[int, int] = {}
        self._answers_seen: set[str] = set()
        self._last_buttons: SentMessage | None = None
        self._print_lock = threading.Lock()
        self._stop = threading.Event()
        self._inline = InlinePicker(
            emulator,
            self._user,
            self._chat,
            self._write,
            echo=self._echo,
            color=self._color,
            raw_html=raw_html,
            timeout=reply_timeout,
        )

    @property
    def chat_id(self) -> int:
        """The private chat's id (the user's id)."""
        return self._chat.id

    def run(self) -> int:
        """Read lines until /quit or end of input; returns an exit status."""
        self._write(
            f"Chatting with @{self._api.bot.username}. Type a message; a number presses that "
            f"button; @{self._api.bot.username} words searches inline; /quit leaves."
        )
        watcher = threading.Thread(target=self._watch, daemon=True)
        if self._follow:
            watcher.start()
        try:
            for raw in self._in:
                line = raw.strip()
                if not line:
                    continue
                if line.lower() in QUIT_WORDS:
                    break
                self._handle(line)
        finally:
            self._stop.set()
            if watcher.is_alive():
                watcher.join(timeout=2)
        self._write("Bye.")
        return 0

    def _handle(self, line: str) -> None:
        if self._inline.wants(line):
            self._inline.handle(line)
            return
        before = self._signature()
        query_id = None
        if line.isdigit() and self._last_buttons is not None:
            query_id = self._press(int(line))
            if query_id is None:
                return
        else:
            self._echo(line)
            self._api.send_text(self._chat, line, user=self._user)
        self._await_answer(before, query_id)

    def _press(self, number: int) -> str | None:
        message = self._last_buttons
        assert message is not None
        buttons = message.button_list
        if not 1 <= number <= len(buttons):
            self._write(f"(there is no button {number})")
            return None
        try:
            query_id = self._api.press_button(
                self._chat, message.message_id, index=number - 1, user=self._user
            )
        except SandboxError as err:
            self._write(f"({err})")
            return None
        self._echo(f"[{number}] {buttons[number - 1].text}")
        return query_id

    def _signature(self) -> tuple[tuple[int, int, bool], ...]:
        found = self._api.messages(self._chat, include_deleted=True)
        return tuple((m.message_id, m.edits, m.deleted) for m in found)

    def _await_answer(
        self, before: tuple[tuple[int, int, bool], ...], query_id: str | None
    ) -> None:
        def answered() -> bool:
            toast = query_id is not None and self._api.callback_answer(query_id) is not None
            return toast or self._signature() != before

        try:
            self._api.wait_until(answered, timeout=self._reply_timeout, what="the bot's answer")
        except SandboxTimeoutError:
            self._write("(no answer from the bot)")
            return
        last = self._signature()
        while True:
            self._flush(query_id)
            time.sleep(self._settle)
            current = self._signature()
            if current == last:
                break
            last = current
        self._flush(query_id)

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            self._flush(None)

    def _flush(self, query_id: str | None) -> None:
        with self._print_lock:
            for message in self._api.messages(self._chat):
                printed = self._seen.get(message.message_id)
                if printed is not None and printed >= message.edits:
                    continue
                self._seen[message.message_id] = message.edits
                self._show(message, edited=printed is not None)
            answer = self._api.callback_answer(query_id) if query_id else None
            if answer is not None and answer.text and query_id not in self._answers_seen:
                self._answers_seen.add(answer.query_id)
                self._write(f"  ({answer.text})")

    def _show(self, message: SentMessage, *, edited: bool) -> None:
        if message.button_list:
            self._last_buttons = message
        bot_name = self._api.bot.first_name
        head = f"\033[36m{bot_name}:\033[0m" if self._color else f"{bot_name}:"
        body = render_message(message, color=self._color, edited=edited, raw_html=self._raw_html)
        self._write(f"{head} {body}")

    def _echo(self, line: str) -> None:
        if not self._in.isatty():
            self._write(f"you: {line}")

    def _write(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()
