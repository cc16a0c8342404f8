"""Generated news pages that look like the real thing: bylines, dates, tables, nested markup.

Used by the extraction stress test and the soak bench. Every page is built from a seed, so a
run can be repeated exactly; nothing is downloaded. Pages vary in what trafilatura and lxml
have to do: JSON-LD and meta authors (metadata extraction), tables and lists, deeply nested
`<div>`s, comments and scripts to strip, long bodies, and English, Chinese or mixed text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "config" / "sample_feeds" / "articles"
CHARSETS = ("utf-8", "utf-8", "gbk", "big5", "windows-1252", "iso-8859-1")
ZH_CHARS = (
    "太原市晋源区干部培训新模式红色寻访基地教学结对帮扶学员送教流动讲堂山西省地铁二号线开通"
    "运营票价换乘车站广州深圳香港湾区通勤上海洋山港集装箱码头自动化北京书展读者出版社"
)


@dataclass(frozen=True)
class Page:
    """One generated page: its title, markup as bytes, and the charset it is encoded in."""

    title: str
    body: bytes
    charset: str
    lang: str

    @property
    def content_type(self) -> str:
        """The Content-Type a server sends for it."""
        return f"text/html; charset={self.charset}"


def english_words() -> list[str]:
    """The English words of the sample articles, to write plausible text with."""
    words: set[str] = set()
    for page in SAMPLES.glob("*.html"):
        if page.stem.endswith("-zh"):
            continue
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        words.update(re.findall(r"[A-Za-z]{3,}", text))
    return sorted(words)


class PageMaker:
    """Makes varied article pages from one seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.words = english_words()

    def _sentence(self, lang: str) -> str:
        rng = self.rng
        if lang == "zh":
            return "".join(rng.choice(ZH_CHARS) for _ in range(rng.randint(18, 40))) + "。"
        text = " ".join(rng.sample(self.words, rng.randint(9, 18))).capitalize() + "."
        if lang == "fr":  # Latin-1 letters, for the single-byte charsets
            text = text.replace("e", "é", 2).replace("a", "à", 1)
        return text

    def _paragraph(self, lang: str) -> str:
        return " ".join(self._sentence(lang) for _ in range(self.rng.randint(2, 5)))

    def _table(self, lang: str) -> str:
        # Short cells: libxml2 interns text nodes this short in its string dictionary.
        rng = self.rng
        rows = "".join(
            f"<tr><td>{escape(self._sentence(lang)[:30])}</td><td>{rng.randint(0, 99999)}</td>"
            f"<td>{rng.uniform(-50, 50):.2f}%</td><td>{rng.choice(self.words)[:12]}</td></tr>"
            for _ in range(rng.randint(3, 30))
        )
        return f"<table class='data'><thead><tr><th>A</th><th>B</th></tr></thead>{rows}</table>"

    def _nested(self, lang: str, depth: int) -> str:
        inner = f"<p>{escape(self._paragraph(lang))}</p>"
        for level in range(depth):
            inner = f"<div class='wrap-{level}'><span></span>{inner}</div>"
        return inner

    def page(self, n: int) -> Page:
        """Page number `n`: its language, charset and shape drawn from the seed."""
        rng = self.rng
        charset = rng.choice(CHARSETS)
        if charset in ("gbk", "big5"):
            lang = "zh"
        elif charset in ("windows-1252", "iso-8859-1"):
            lang = "fr"
        else:
            lang = rng.choice(("en", "en", "zh"))
        title = self._sentence(lang).rstrip(".。")[:70] + f" {n}"
        author = rng.choice(("Li Wei", "Anna Smith", "王芳", "J. Doe", "Staff Reporter"))
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sections = []
        for s in range(rng.randint(2, 8 if rng.random() < 0.8 else 40)):
            parts = [f"<h2>{escape(self._sentence(lang)[:40])}</h2>"]
            parts += [f"<p>{escape(self._paragraph(lang))}</p>" for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.3:
                parts.append(self._table(lang))
            if rng.random() < 0.3:
                parts.append(self._nested(lang, rng.randint(5, 60)))
            if rng.random() < 0.2:
                items = "".join(f"<li>{escape(self._sentence(lang))}</li>" for _ in range(4))
                parts.append(f"<ul>{items}</ul>")
            if s == 0 and rng.random() < 0.5:
                parts.append(f"<p class='byline'>By <a rel='author' href='/a'>{author}</a></p>")
            sections.append("".join(parts))
        json_ld = (
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"'
            + escape(title)
            + f'","author":{{"@type":"Person","name":"{author}"}},"datePublished":"{day}"}}'
            "</script>"
        )
        head = (
            f'<meta charset="{charset}"><title>{escape(title)} | Regional Wire</title>'
            f'<meta name="author" content="{escape(author)}">'
            f'<meta property="article:published_time" content="{day}T08:00:00Z">'
            f'<meta property="og:site_name" content="Regional Wire">{json_ld}'
            "<style>.x{color:red}</style><script>var a = 1; // tracking</script>"
        )
        aside = "".join(
            f"<li><a href='/other/{rng.randint(1, 999)}'>"
            f"{escape(self._sentence(lang)[:50])}</a></li>"
            for _ in range(rng.randint(3, 15))
        )
        html = (
            f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>'
            "<header><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav></header>"
            f"<!-- ad slot --><main><article><h1>{escape(title)}</h1>"
            f"<div class='meta'><span class='author'>{escape(author)}</span>"
            f"<time datetime='{day}'>{day}</time></div>"
            f"<p>{escape(self._paragraph(lang))}</p>{''.join(sections)}</article>"
            f"<aside><h3>Related</h3><ul>{aside}</ul></aside></main>"
            "<footer><p>Copyright 2024 Regional Wire. All rights reserved.</p></footer>"
            "</body></html>"
        )
        return Page(title, html.encode(charset, errors="xmlcharrefreplace"), charset, lang)

    def pages(self, count: int) -> list[Page]:
        """`count` pages numbered from 1."""
        return [self.page(n) for n in range(1, count + 1)]
