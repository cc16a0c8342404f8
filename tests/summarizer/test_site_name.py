"""extract_page(): the site name a page states about itself, never a host name."""

from __future__ import annotations

import pytest

from summarizer.extract import extract_page

BODY = (
    "<article><h1>Rail line opens</h1>"
    "<p>The new metro line opened on Tuesday, linking the airport with the centre.</p>"
    "<p>Officials expect forty thousand riders a day in the first year of service.</p>"
    "<p>Engineers dug under the old city walls without closing a single street.</p>"
    "</article>"
)


def page(head: str, body: str = BODY) -> str:
    return f"<html><head><title>Rail line opens</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:site_name" content="City  News">', "City News"),
        ('<meta name="application-name" content="Shanxi Daily">', "Shanxi Daily"),
        ('<meta name="twitter:site" content="@CityNews">', "CityNews"),
        ("", None),
        ('<meta property="og:site_name" content="citynews.example.org">', None),
        ('<meta name="copyright" content="Copyright 2024 City News">', None),
        ('<meta property="og:site_name" content="Rail line opens">', None),
    ],
)
def test_site_name_of_a_full_page(head: str, expected: str | None) -> None:
    extracted = extract_page(page(head), url="http://127.0.0.1:8080/rail")
    assert extracted.article.title == "Rail line opens"
    assert extracted.site_name == expected


def test_site_name_when_the_own_parser_reads_the_page() -> None:
    tiny = "<p>The bridge opened on Sunday.</p>"
    named = extract_page(page('<meta property="og:site_name" content="City News">', tiny))
    assert named.article.text == "The bridge opened on Sunday."
    assert named.site_name == "City News"
    assert extract_page(page("", tiny), url="http://127.0.0.1:8080/").site_name is None
