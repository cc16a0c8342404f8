"""Page furniture by shape in any language: date lines, member statistics, repeated templates.

The pages here are written for the tests (a German forum thread, a Chinese portal story with
readers' comments); no third-party markup.
"""

from __future__ import annotations

from datetime import date

import pytest

from summarizer import extract_article, parse_article, summarize
from summarizer.blocks import Block
from summarizer.furniture import drop_furniture, is_date_line, is_stat_line, repeated_templates
from summarizer.headings import is_heading
from summarizer.metadata import find_date
from summarizer.model import Summary
from tests.summarizer.stories import BRIDGE_STORY


def _shown(summary: Summary) -> list[str]:
    lines = list(summary.sentences)
    for section in summary.sections:
        lines.append(section.heading or "")
        lines.extend(section.sentences)
    return [line for line in lines if line]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("27. September 2017", "de"),
        ("V.I.P. 17.03.2020, 21:44", "de"),
        ("6. kolovoza 2020. 15:56", "hr"),
        ("3 марта 2020 г.", "ru"),
        ("mardi 17 mars 2020", "fr"),
        ("2020年3月17日（火）15:30", "ja"),
        ("2020-08-03 10:21", "zh"),
        ("2020년 3월 17일 15:30", "ko"),
        ("Posted by Runner on Aug 10, 2014, 10:31:40 AM Quote this Post", "en"),
        ("June 03, 2020, 04:19:36 PM", "en"),
    ],
)
def test_date_lines_in_many_languages(line: str, code: str) -> None:
    assert is_date_line(line, code)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Der Bundestag hat am 17. März 2020 ein neues Gesetz beschlossen.", "de"),
        ("The council met on March 5, 2020 to discuss the bridge and the new budget plan.", "en"),
        ("Coronavirus Sammelthread", "de"),
        ("Top 10 films of 2020", "en"),
        ("Chapter 3: The long way home", "en"),
        ("市政府宣布2020年将新建十所学校，总投资约二十亿元。", "zh"),
    ],
)
def test_sentences_and_headlines_are_not_date_lines(line: str, code: str) -> None:
    assert not is_date_line(line, code)


@pytest.mark.parametrize(
    "line",
    [
        "Beiträge: 5.539",
        "Activity: 2226 Merit: 3414",
        "Joined: Mar 2012",
        "Posts: 1,234",
        "回复：12",
        "Zuletzt bearbeitet: 17. März 2020",
    ],
)
def test_member_statistics(line: str) -> None:
    assert is_stat_line(line, "de")


@pytest.mark.parametrize(
    "line",
    ["COVID-19: 5,000 new cases in a day", "Geschlecht: männlich", "Note: the vote was 12 to 3"],
)
def test_labels_over_words_are_no_statistics(line: str) -> None:
    assert not is_stat_line(line, "en")


def test_dates_in_words_of_the_page_language() -> None:
    assert find_date("erstellt am 17. März 2020", "de") == date(2020, 3, 17)
    assert find_date("Objavljeno: 6. kolovoza 2020.", "hr") == date(2020, 8, 6)
    assert find_date("Posted on Aug 10, 2014") == date(2014, 8, 10)
    assert find_date("17.03.2020, 21:44", "de") == date(2020, 3, 17)


def test_repeated_templates_but_not_enumerations() -> None:
    blocks = [Block(f"Activity: {n} Merit: {n * 3}") for n in (2226, 18, 945)]
    blocks += [Block(f"Step {n}") for n in (1, 2, 3)]
    blocks += [Block("Reply"), Block("Reply"), Block("Reply")]
    repeated = repeated_templates(blocks)
    assert "activity: 0 merit: 0" in repeated
    assert "reply" in repeated
    assert "step 0" not in repeated
    kept = [b.text for b in drop_furniture(blocks, "en")]
    assert kept == ["Step 1", "Step 2", "Step 3"]


def test_a_date_line_is_never_a_heading_after_furniture_goes() -> None:
    blocks = [
        Block("Registriert seit:"),
        Block("26. Februar 2012"),
        Block("Beiträge:"),
        Block("14.395"),
    ]
    kept = drop_furniture(blocks, "de")
    # A bare number stays here; it is a stray label for the section reader, never a heading.
    assert [b.text for b in kept] == ["Registriert seit:", "Beiträge:", "14.395"]
    assert not is_heading(kept[0], kept[1])


POSTS_DE = [
    (
        "Lotte_K",
        "17.03.2020, 21:30",
        "27. September 2017",
        "5.539",
        "Die Stadtbibliothek hat ab morgen geschlossen, und die Ausleihe läuft nur noch über "
        "die Website der Bibliothek. Bücher, die jetzt fällig wären, kann man bis Ende April "
        "behalten, ohne dass eine Gebühr anfällt.",
    ),
    (
        "Brückenbauer",
        "17.03.2020, 21:44",
        "18. Januar 2016",
        "4.644",
        "Bei uns im Dorf hat der Bäcker angefangen, das Brot bis an die Haustür zu bringen, "
        "damit ältere Leute nicht mehr in den Laden kommen müssen. Das finde ich eine sehr "
        "gute Idee für die nächsten Wochen.",
    ),
    (
        "Kieler_Sprotte",
        "17.03.2020, 22:05",
        "26. Februar 2012",
        "14.395",
        "Die Fähre nach Laboe fährt seit heute nur noch zweimal am Tag, und die Fahrräder "
        "dürfen nicht mehr mit an Bord. Wer pendelt, sollte sich den neuen Fahrplan vorher "
        "genau ansehen.",
    ),
    (
        "Lotte_K",
        "18.03.2020, 08:12",
        "27. September 2017",
        "5.539",
        "Danke für den Hinweis mit der Fähre, das wusste ich noch nicht. Ich werde morgen "
        "trotzdem mit dem Rad zur Arbeit fahren, weil der Bus im Moment sehr voll ist.",
    ),
]


def _forum_de() -> str:
    posts = []
    for number, (name, when, joined, count, text) in enumerate(POSTS_DE, start=1):
        posts.append(
            f"""<li class="message" id="post-{number}">
  <div class="messageUserInfo"><h3 class="userText">{name} <em>Mitglied</em>
    <small>{when}</small></h3>
    <dl class="pairs"><dt>Registriert seit:</dt><dd>{joined}</dd></dl>
    <dl class="pairs"><dt>Beiträge:</dt><dd>{count}</dd></dl></div>
  <div class="messageContent"><div><b>AW: Alltag in der Krise</b></div><br>
    <article><blockquote class="messageText">{text}</blockquote></article></div>
  <div class="messageMeta"><a href="#post-{number}">#{number}</a></div>
</li>"""
        )
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Alltag in der Krise | Nachbarschaftsforum</title></head><body>
<nav><a href="/">Foren</a> <a href="/neu">Neue Beiträge</a></nav>
<h1>Alltag in der Krise</h1>
<p>Dieses Thema im Forum "Nachbarschaft" wurde erstellt von Lotte_K, 17. März 2020.</p>
<ol class="messageList">{"".join(posts)}</ol>
<footer>Nachbarschaftsforum 2020</footer></body></html>"""


def test_german_forum_thread_shows_posts_only() -> None:
    article = extract_article(_forum_de())
    summary = summarize(article)
    assert summary.title == "Alltag in der Krise"
    shown = _shown(summary)
    texts = " ".join(post[4] for post in POSTS_DE)
    names = {post[0] for post in POSTS_DE}
    for line in shown:
        assert line in texts or line in names or line.startswith("Dieses Thema"), line
    body = "\n".join(p for s in article.sections for p in s.paragraphs)
    for joined in ("27. September 2017", "Registriert seit", "5.539", "17.03.2020"):
        assert joined not in body
    headings = [s.heading for s in article.sections if s.heading]
    assert not any(is_date_line(h, "de") for h in headings)


STORY_ZH = [
    "记者从市交通运输局获悉，本市第三条地铁线路将于下月底开通试运营，全长二十八公里，"
    "共设车站二十二座。",
    "该线路连接城市东部的高铁站和西部的大学城，开通后两地之间的通行时间将由一个多小时"
    "缩短到四十分钟左右。",
    "市交通运输局表示，试运营初期列车最小行车间隔为六分钟，随后将根据客流情况逐步加密。",
]
COMMENTS_ZH = [
    ("东城网友", "2020-08-03 10:21", "终于等到了，以后上学方便多了。", 12),
    ("老李头", "2020-08-03 11:05", "希望票价不要太贵，老人能不能免费？", 8),
    ("西站附近居民", "2020-08-03 12:40", "施工这么久，总算要通车了。", 5),
]


def _portal_zh() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY_ZH)
    comments = "".join(
        f"""<div class="comment-item"><div class="user-info"><span class="name">{name}</span>
<span class="time">{when}</span></div><p class="comment-text">{text}</p>
<div class="comment-tools"><a href="#">回复</a> <span>点赞：{likes}</span></div></div>"""
        for name, when, text, likes in COMMENTS_ZH
    )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta property="og:title" content="地铁三号线下月底开通试运营">
<title>地铁三号线下月底开通试运营_新闻中心</title>
</head><body><div class="top-nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
<div class="article"><h1>地铁三号线下月底开通试运营</h1>
<div class="info"><span>2020-08-03 09:30</span> <span>来源：城市晚报</span></div>
{paragraphs}</div>
<div class="comments"><h3>网友评论</h3>{comments}</div></body></html>"""


def test_chinese_portal_story_without_its_comment_furniture() -> None:
    article = extract_article(_portal_zh())
    summary = summarize(article)
    assert summary.title == "地铁三号线下月底开通试运营"
    assert article.published == date(2020, 8, 3)
    story = "".join(STORY_ZH)
    for line in _shown(summary):
        assert line in story, line
    body = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert "2020-08-03 10:21" not in body
    assert "点赞" not in body


def test_plain_text_thread_loses_its_stat_lines() -> None:
    text = "\n\n".join(
        line
        for name, when, joined, count, post in POSTS_DE
        for line in (name, when, f"Registriert seit: {joined}", f"Beiträge: {count}", post)
    )
    summary = summarize(parse_article(text))
    texts = " ".join(post[4] for post in POSTS_DE)
    for line in _shown(summary):
        assert line in texts or line in {p[0] for p in POSTS_DE}, line


@pytest.mark.parametrize(
    "line",
    [
        "(Das erklärt auch, warum es so viele kaufen.)",
        "Schema here: https://example.org/scheme.pdf",
        "4.000% $822.57 ($1,443.50) 4.070% Details",
    ],
)
def test_lines_that_head_nothing(line: str) -> None:
    paragraph = Block("A paragraph of running text follows the line, as a body paragraph does.")
    assert not is_heading(Block(line), paragraph)


@pytest.mark.parametrize("line", ["1. Background", "Top 10 films of 2020", "Reaction abroad"])
def test_headings_with_numbers_stay(line: str) -> None:
    paragraph = Block("A paragraph of running text follows the line, as a body paragraph does.")
    assert is_heading(Block(line), paragraph)


STORY_EN = BRIDGE_STORY[:3]


def _page_with_h1(h1: str, head_title: str) -> str:
    # No og:title: trafilatura then names the page by its only <h1>, wherever it stands.
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY_EN)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{head_title} | Valley Courier</title>
</head><body><article>{paragraphs}</article>
<aside><h1>{h1}</h1><ul><li><a href="/a">Another story about the valley</a></li>
<li><a href="/b">A third story about the valley</a></li></ul></aside></body></html>"""


def test_a_short_widget_heading_is_not_the_headline() -> None:
    page = _page_with_h1(
        "More From Valley Courier", "Council votes to rebuild the flood-hit bridge"
    )
    assert extract_article(page).title == "Council votes to rebuild the flood-hit bridge"


def test_a_longer_headline_beats_a_search_title_in_other_words() -> None:
    headline = "Council votes to rebuild the old stone bridge closed since last winter's flood"
    page = _page_with_h1(headline, "Valley infrastructure grant news")
    assert extract_article(page).title == headline


POSTS_EN = [
    [
        "The new release changes how the node stores its block index on disk.",
        "Anyone who runs an older version should read the upgrade notes before installing it.",
        "The first start after the upgrade rebuilds the index, which can take several hours.",
        "Wallets written by versions older than two years are still read without trouble.",
    ],
    [
        "I upgraded two servers last night and both came back without any errors at all.",
        "The rebuild took about three hours on the older machine with a spinning disk.",
        "Memory use during the rebuild stayed well under the limit that the notes mention.",
        "After that the node caught up with the network in a few minutes as usual.",
    ],
    [
        "Is there a way to skip the rebuild when the index was already checked last week?",
        "Our machines are small and three hours without a working node is a long time for us.",
        "We could run the old and the new version side by side until the index is ready.",
        "Has anyone tried that on a machine with only a few gigabytes of free memory?",
    ],
]


def _table_forum() -> str:
    rows = ""
    for number, (name, sentences) in enumerate(
        zip(["harbourfox", "quietmiller", "lantern_ops"], POSTS_EN, strict=True)
    ):
        body = "<br />".join(" ".join(sentences) for _ in range(6))
        rows += f"""<tr><td class="poster_info"><b><a href="/u/{number}">{name}</a></b>
<div class="smalltext">Member<br />Activity: {100 + number * 37}<br />Merit: {10 + number}<br />
</div></td><td class="td_headerandpost"><div class="subject"><a href="/t#{number}">Re: Node 4.2
released</a></div><div class="smalltext">June 0{number + 3}, 2020, 04:19:36 PM</div><hr />
<div class="post">{body}</div></td></tr>"""
    return f"""<html><head><title>Node 4.2 released</title></head><body>
<table><tr><td><span>Welcome, Guest. Please login or register.</span> <a href="/">Home</a>
<a href="/help">Help</a> <a href="/search">Search</a></td></tr></table>
<table class="bordercolor">{rows}</table></body></html>"""


def test_a_table_layout_read_as_one_paragraph_is_read_again() -> None:
    summary = summarize(extract_article(_table_forum()))
    sentences = {s for post in POSTS_EN for s in post}
    for line in _shown(summary):
        assert "Welcome, Guest" not in line
        assert "Activity:" not in line
        assert line in sentences or line.startswith("Re: Node"), line
