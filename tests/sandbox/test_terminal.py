"""The terminal chat, driven by a scripted input stream against a real bot."""

import asyncio
import io

from bot.sandbox import BotApiEmulator
from bot.sandbox.terminal import TerminalChat
from bot.sandbox.terminal_render import render_text
from tests.botapi import running
from tests.sandbox.pager_bot import build


async def run_terminal(
    api: BotApiEmulator, script: str, reply_timeout: float = 10, *, raw_html: bool = False
) -> str:
    output = io.StringIO()
    chat = TerminalChat(
        api,
        stdin=io.StringIO(script),
        stdout=output,
        color=False,
        settle=0.2,
        reply_timeout=reply_timeout,
        raw_html=raw_html,
    )
    async with running(build(api)):
        status = await asyncio.to_thread(chat.run)
    assert status == 0
    return output.getvalue()


async def test_a_scripted_conversation(bot_api: BotApiEmulator) -> None:
    transcript = await run_terminal(bot_api, "/start\n2\n\n/echo hello world\n/quit\n/echo never\n")
    lines = transcript.splitlines()
    assert lines[0].startswith("Chatting with @newsbot_sandbox_bot.")
    assert "you: /start" in lines
    assert "Newsbot Sandbox: **Page 1**: Taiyuan" in lines
    assert "[1] ◀  [2] ▶" in lines
    assert "you: [2] ▶" in lines
    assert "Newsbot Sandbox: (edited) **Page 2**: Datong" in lines
    assert "  (page 2)" in lines
    assert "Newsbot Sandbox: args: hello world" in lines
    assert lines[-1] == "Bye."
    assert "never" not in transcript


async def test_raw_html_shows_messages_exactly_as_sent(bot_api: BotApiEmulator) -> None:
    transcript = await run_terminal(bot_api, "/start\n", raw_html=True)
    assert "Newsbot Sandbox: <b>Page 1</b>: Taiyuan" in transcript.splitlines()
    assert "**" not in transcript


async def test_a_number_without_buttons_is_just_text(bot_api: BotApiEmulator) -> None:
    transcript = await run_terminal(bot_api, "/echo 7\n9\n", reply_timeout=1)
    before, after = transcript.split("you: 9\n")
    assert "Newsbot Sandbox: args: 7" in before
    assert after.startswith("(no answer from the bot)")


def test_rendering_links_styles_and_astral_characters() -> None:
    text = "😀 Title and more"
    entities = (
        {"type": "bold", "offset": 0, "length": 8},
        {"type": "text_link", "offset": 3, "length": 5, "url": "https://example.org/"},
        {"type": "italic", "offset": 13, "length": 4},
    )
    assert (
        render_text(text, entities, color=False) == "**😀 Title <https://example.org/>** and _more_"
    )
    coloured = render_text(text, entities, color=True)
    assert coloured.startswith("\033[1m😀 Title")
    assert "\033[3mmore\033[23m" in coloured
