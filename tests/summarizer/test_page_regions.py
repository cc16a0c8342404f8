"""Which region of a page is the article: runs of body text, breaks, header labels, the lede."""

from __future__ import annotations

from summarizer import extract_article
from summarizer.blocks import Block
from summarizer.boilerplate import is_cut
from summarizer.description_check import agreement, agrees, same_part, strayed
from summarizer.parse import DocumentMeta, build_article
from tests.summarizer.stories import BRIDGE_STORY

ARTICLE = BRIDGE_STORY[:3]
# Teasers of other stories that read as sentences, as portals print them under a box label.
TEASERS = [
    "Weekend markets: the farmers are back on the square with cheese, honey and bread for all.",
    "Film night: the old cinema shows three classics in a row and the tickets cost nothing.",
    "Cycling routes: the new trail along the canal is open and it runs for twelve miles now.",
    "Swimming season: the lido opens a week early this year because the spring was so warm.",
    "Night buses: two new lines run to the villages on Friday and Saturday nights from May.",
]


def _paragraphs(blocks: list[Block]) -> list[str]:
    article = build_article(blocks, DocumentMeta(title="Bridge to be rebuilt"), "en")
    return [p for section in article.sections for p in section.paragraphs]


def _headings(blocks: list[Block]) -> list[str | None]:
    article = build_article(blocks, DocumentMeta(title="Bridge to be rebuilt"), "en")
    return [section.heading for section in article.sections]


def test_teasers_after_an_empty_box_heading_do_not_join_the_article() -> None:
    blocks = [
        *(Block(p) for p in ARTICLE),
        Block("From the region", marked=True, level=3),
        Block("Around town", marked=True, level=2),
        *(Block(t) for t in TEASERS),
    ]
    assert _paragraphs(blocks) == ARTICLE


def test_a_long_list_inside_the_article_parts_nothing() -> None:
    # A list of any length between paragraphs (steps, names, a forum's post furniture)
    # leaves the story whole: only an empty section marks the page moving on.
    items = [Block(f"Step {n}: check the bolts on pier {n}") for n in range(1, 13)]
    blocks = [Block(ARTICLE[0]), *items, Block(ARTICLE[1]), Block(ARTICLE[2])]
    paragraphs = _paragraphs(blocks)
    assert paragraphs[0] == ARTICLE[0]
    assert paragraphs[-1] == ARTICLE[-1]


def test_sections_of_one_article_stay_together() -> None:
    blocks = [
        Block(ARTICLE[0]),
        Block("The cost", marked=True, level=2),
        Block(ARTICLE[1]),
        Block("Reactions", marked=True, level=2),
        Block("From the shops", marked=True, level=3),
        Block(ARTICLE[2]),
    ]
    assert _paragraphs(blocks) == ARTICLE
    # Of a chapter heading over a sub-heading with nothing between, the chapter stays.
    assert _headings(blocks) == [None, "The cost", "Reactions"]


def test_a_longer_article_after_a_break_wins_over_a_site_blurb_above_it() -> None:
    blurb = "Valley News has covered the towns of the valley since 1921 and is read by many."
    blocks = [
        Block(blurb),
        Block("Menu", marked=True, level=2),
        Block("Sections", marked=True, level=2),
        *(Block(p) for p in ARTICLE * 2),
    ]
    assert blurb not in _paragraphs(blocks)
    assert _paragraphs(blocks)[-1] == ARTICLE[-1]


def test_a_label_above_an_article_without_sections_is_no_heading() -> None:
    blocks = [Block("Relevant offers", marked=True, level=2), *(Block(p) for p in ARTICLE)]
    assert _headings(blocks) == [None]
    assert _paragraphs(blocks) == ARTICLE


def test_a_heading_above_a_sectioned_article_stays() -> None:
    blocks = [
        Block("Background", marked=True, level=2),
        Block(ARTICLE[0]),
        Block("The cost", marked=True, level=2),
        Block(ARTICLE[1]),
    ]
    assert _headings(blocks) == ["Background", "The cost"]


def test_a_lede_set_as_a_heading_is_kept() -> None:
    lede = "Opposition to the plan to close the ferry is growing, and with good reason."
    blocks = [Block(lede, marked=True, level=2), *(Block(p) for p in ARTICLE)]
    article = build_article(blocks, DocumentMeta(title="Ferry plan"), "en")
    shown = [s.heading for s in article.sections] + [
        p for s in article.sections for p in s.paragraphs
    ]
    assert lede in shown


def test_a_caption_cut_short_above_the_article_is_dropped() -> None:
    caption = "Photo: The mayor, left, listens as the chief engineer, right, speaks during a..."
    blocks = [Block(caption), Block("By Jo Reyes, Staff Writer"), *(Block(p) for p in ARTICLE)]
    assert _paragraphs(blocks) == ARTICLE


def test_a_line_is_cut_when_an_ellipsis_stops_it_mid_phrase() -> None:
    assert is_cut("Skates - not afraid of the frost? Take your friends along, enjoy...")
    assert is_cut("Read the whole story, …")
    assert not is_cut("He paused. Then he said: wait for it...?")
    assert not is_cut("It was over.")
    assert not is_cut("...")
    assert is_cut("三星智能电视亮相消费电子展，三星此次推出...")
    assert not is_cut("他停了一下，说：“我再想想……”")


def test_the_description_is_measured_against_what_was_extracted() -> None:
    lede = ARTICLE[0]
    assert agreement("Too short to judge.", [Block(lede)]) is None
    assert agreement(lede, [Block(lede)]) == 1.0
    assert agrees(lede, [Block(lede), Block(ARTICLE[1])])
    assert strayed(lede, [Block(t) for t in TEASERS])
    assert not strayed(None, [Block(t) for t in TEASERS])
    assert same_part([Block(ARTICLE[1])], [Block(p) for p in ARTICLE])
    assert not same_part([Block(t) for t in TEASERS], [Block(p) for p in ARTICLE])


LEDE = (
    "The regional water board raised the price of tap water by nine percent on Tuesday, "
    "blaming the cost of repairing pipes that burst during the January frost."
)
STORY = [
    "Households will pay the new rate from the first of March, the board said in a "
    "statement, and businesses that use more than a set amount will pay a further surcharge.",
    "The board's chair said the repairs had cost twice what was planned because many of the "
    "burst pipes were laid more than sixty years ago and had to be replaced entirely.",
    "Consumer groups said the rise was too steep and asked the regional assembly to review "
    "how the board plans its maintenance before the next winter arrives.",
    "The last rise, two years ago, was three percent, and the board had promised then that "
    "prices would stay flat until the new treatment plant opened in the spring of next year.",
    "Officials said the plant, which will serve about forty thousand homes across the valley, "
    "is on schedule, although its cost has also grown because of higher prices for steel.",
]
OPINIONS = [
    "I have paid more every year and the water tastes worse than ever, who is checking this?",
    "Typical, they never fixed anything when the weather was good and now we get the bill.",
    "My street had no water for three days in January and nobody even called us back.",
    "They should sell the board's new offices before asking pensioners for more money.",
    "Nine percent is a joke when salaries went up by two, this cannot go on much longer.",
    "Finally someone writes about it, the pipes in the old town are a disgrace to us all.",
    "Why does the assembly let them decide this alone, we elected them for a reason here.",
]


def _commented_page(description: bool) -> str:
    """A story written as loose text between <br>s (no <p>), under readers' opinions in <p>s:
    the shape on which trafilatura takes the opinions for the article."""
    story = "<br/><br/>".join([f"<b>{LEDE}</b>", *STORY])
    opinions = "".join(
        f'<div class="opinion"><div class="hd"><span>reader{i}</span> '
        f'<span>[2024-01-2{i} 14:08]</span></div><div class="txt"><p>{text}</p></div></div>'
        for i, text in enumerate(OPINIONS)
    )
    meta = f'<meta name="description" content="{LEDE}">' if description else ""
    return (
        f"<html><head><title>Water price rises by nine percent</title>{meta}</head><body>"
        '<div class="article"><h1>Water price rises by nine percent</h1>'
        f'<div class="cnt">{story}</div></div>'
        f"<h3>Readers' opinions</h3>{opinions}</body></html>"
    )


def test_the_page_description_leads_to_the_story_when_the_first_reading_took_the_comments() -> None:
    article = extract_article(_commented_page(description=True))
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert LEDE in text
    assert STORY[-1] in text
    assert not any(opinion in text for opinion in OPINIONS)


def test_without_a_description_the_first_reading_stands() -> None:
    # The same page without the description: nothing says the opinions are not the story.
    article = extract_article(_commented_page(description=False))
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert OPINIONS[0] in text


def test_the_run_holding_the_description_is_the_article_however_short() -> None:
    blocks = [
        Block(ARTICLE[0]),
        Block(ARTICLE[1]),
        Block("Around town", marked=True, level=2),
        Block("Our choice", marked=True, level=2),
        *(Block(t) for t in TEASERS * 2),
    ]
    described = DocumentMeta(title="Bridge to be rebuilt", description=ARTICLE[0])
    article = build_article(blocks, described, "en")
    assert [p for s in article.sections for p in s.paragraphs] == ARTICLE[:2]
    # Without the description the longer run below is taken for the article.
    assert TEASERS[0] in _paragraphs(blocks)
