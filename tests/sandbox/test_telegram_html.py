"""Telegram's HTML parse mode: errors and entities exactly as the Bot API reports them."""

import pytest

from bot.sandbox.errors import ApiError
from bot.sandbox.formatting import detect_entities, format_outgoing
from bot.sandbox.telegram_html import HtmlParseError, parse_html, utf16_len

SURROGATES = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        (
            "🏟 🏟&lt;<i    aba>",
            'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
        ),
        ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            "🏟 🏟&lt;<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("&#57311;", SURROGATES),
    ],
)
def test_invalid_html_gets_telegrams_error(source: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)
    assert str(caught.value) == error


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        ("&lt;&gt;&amp;&quot;&laquo;&#12345678;", '<>&"&laquo;&#12345678;', []),
        ("➡️ ➡️<i>➡️ ➡️</i><b>➡️ ➡️</b>", "➡️ ➡️➡️ ➡️➡️ ➡️", [("italic", 5, 5), ("bold", 10, 5)]),
        ("🏟 🏟<i>🏟 &gt;<b aba = caba>&lt🏟</b></i>", "🏟 🏟🏟 ><🏟", [("italic", 5, 7), ("bold", 9, 3)]),
        ("<i>a</>", "a", [("italic", 0, 1)]),
        ('<pre><code class="language-py">x</code></pre>', "x", [("pre", 0, 1)]),
        ("<pre><code>x</code></pre>", "x", [("pre", 0, 1), ("code", 0, 1)]),
        ('<span class="tg-spoiler">s</span>', "s", [("spoiler", 0, 1)]),
        ("<blockquote expandable>q</blockquote>", "q", [("expandable_blockquote", 0, 1)]),
        ("<b></b>x", "x", []),
    ],
)
def test_valid_html_yields_text_and_entities(
    source: str, text: str, entities: list[tuple[str, int, int]]
) -> None:
    parsed_text, parsed = parse_html(source)
    assert parsed_text == text
    assert [(e["type"], e["offset"], e["length"]) for e in parsed] == entities


def test_links_carry_their_url() -> None:
    _, entities = parse_html(
        '<a href="https://example.org/a?b=1&amp;c=2">x</a> <a href=example.org>y</a>'
    )
    assert [e["url"] for e in entities] == ["https://example.org/a?b=1&c=2", "http://example.org/"]


def test_length_is_counted_in_utf16_code_units() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("😀") == 2
    assert utf16_len("中文") == 2
    format_outgoing("😀" * 2048, None, None)
    with pytest.raises(ApiError) as caught:
        format_outgoing("😀" * 2048 + "a", None, None)
    assert caught.value.description == "Bad Request: message is too long"


def test_markup_does_not_count_towards_the_limit_but_text_is_trimmed() -> None:
    formatted = format_outgoing("  <b>" + "x" * 4096 + "</b>\n", "HTML", None)
    assert len(formatted.text) == 4096
    assert formatted.entities == ({"type": "bold", "offset": 0, "length": 4096},)


def test_blank_text_is_refused() -> None:
    with pytest.raises(ApiError) as caught:
        format_outgoing("<b> </b>", "HTML", None)
    assert caught.value.description == "Bad Request: message text is empty"


def test_user_text_gets_command_and_link_entities() -> None:
    found = detect_entities(
        "/summary@newsbot_sandbox_bot https://example.org/a, 😀 example.com @ann #news"
    )
    kinds = [(e["type"], e["offset"], e["length"]) for e in found]
    assert kinds == [
        ("bot_command", 0, 28),
        ("url", 29, 21),
        ("url", 55, 11),
        ("mention", 67, 4),
        ("hashtag", 72, 5),
    ]


def test_a_slash_inside_a_word_is_not_a_command() -> None:
    assert detect_entities("and/or") == []
