"""Lists of other stories leave the main text by their links, in any language."""

from __future__ import annotations

from lxml import etree

from summarizer import extract_article
from summarizer.blocks import Block
from summarizer.extract import _xml_blocks
from summarizer.related_blocks import drop_link_lines, prune_related

_STORY = [
    "The council voted on Tuesday to rebuild the old harbour wall before the winter storms.",
    "Engineers had warned for years that the stones were loosening under the pressure of waves.",
    "The work will close the northern quay to fishing boats for about four months, they said.",
    "Local traders welcomed the decision but asked for help while the quay stays closed.",
    "A public meeting on the timetable is planned for the first week of next month.",
]


def _page(extra: str, *, before: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in _STORY)
    return (
        "<html><head><title>Harbour wall to be rebuilt</title></head><body><article>"
        f"{before}<h1>Harbour wall to be rebuilt</h1>{paragraphs}{extra}"
        "</article></body></html>"
    )


def _text(html: str) -> str:
    return extract_article(html).text


def _main(xml: str) -> etree._Element:
    return etree.fromstring(f"<main>{xml}</main>")


def test_linked_headlines_with_standfirsts_and_their_label_go() -> None:
    main = _main(
        "<p>The story of the day, told at length in a paragraph of its own words.</p>" * 6
        + '<head rend="h3">Plus d\'actualités</head>'
        + '<head rend="h4"><ref target="/a">Rabbit halts racing</ref></head>'
        + "<p>1:57PM A rabbit dug two holes on the track before the first race.</p>"
        + '<head rend="h4"><ref target="/b">Virgin fathers fourteen</ref></head>'
        + "<p>5:09PM A donor talks about his unusual life.</p>"
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "Plus d'actualités" not in text
    assert "Rabbit" not in text
    assert "rabbit" not in text
    assert "donor" not in text
    assert "story of the day" in text


def test_a_lone_linked_heading_over_real_text_stays() -> None:
    main = _main(
        "<p>The story of the day, told at length in a paragraph of its own words.</p>" * 6
        + '<head rend="h2"><ref target="/report">The full report</ref></head>'
        + "<p>The report runs to ninety pages and was published on Monday morning.</p>"
    )
    prune_related(main)
    assert "ninety pages" in "".join(main.itertext())


def test_headed_list_of_headlines_glued_to_ledes_goes() -> None:
    main = _main(
        "<p>История дня, рассказанная подробно в отдельном абзаце своими словами.</p>" * 6
        + '<head rend="h2">Ещё по теме</head><list>'
        + '<item><ref target="/1">Туризм по-южноуральски</ref>Накануне праздников '
        + "южноуральцы всерьёз озадачены вопросом, где скоротать каникулы.</item>"
        + '<item><ref target="/2">День снеговика</ref>Медиа-холдинг объявил новый праздник, '
        + "который будут отмечать каждый год.</item></list>"
        + "<p>Продолжение истории дня, рассказанное в ещё одном длинном абзаце, "
        + "идёт под списком.</p>"
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "Ещё по теме" not in text
    assert "снеговика" not in text
    assert "Продолжение истории" in text


def test_glued_teaser_lines_outside_a_list_go() -> None:
    main = _main(
        "<p>Historia dnia, opowiedziana dokładnie w osobnym akapicie własnymi słowami.</p>" * 6
        + '<p><ref target="/1">Po meczu: jest atak na sędziów</ref>Borussia awansowała po '
        + "emocjonującej końcówce do półfinału.</p>"
        + '<p><ref target="/2">Zobacz najpiękniejsze mieszkania</ref>Specjaliści wybrali '
        + "najpiękniejsze domy świata.</p>"
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "Borussia" not in text
    assert "mieszkania" not in text


def test_mostly_linked_paragraph_inside_the_story_goes() -> None:
    story = "".join(f"<p>{text}</p>" for text in _STORY)
    html = (
        "<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>"
        f"{story[:200]}"
        '<p><a href="/other">Opinion: the harbour plan is a disaster that needs fixing</a></p>'
        f"{story[200:]}</article></body></html>"
    )
    text = _text(html)
    assert "disaster" not in text
    assert "Engineers had warned" in text


def test_section_label_right_above_the_headline_goes() -> None:
    text = _text(_page("", before="<h2>Новости Донбасса</h2>"))
    assert "Донбасса" not in text
    assert "northern quay" in text


def test_a_page_that_is_only_a_list_keeps_its_items() -> None:
    items = "".join(
        f'<p><a href="/{n}">Story number {n} about the harbour</a>A lede of story {n}.</p>'
        for n in range(4)
    )
    main = _main(items)
    prune_related(main)
    assert len(main) == 4


def test_other_extractors_lose_link_lines_and_repeated_captions() -> None:
    caption = Block("Concepts for a habitat on Mars, drawn for a design competition.")
    story = [Block(text) for text in _STORY]
    blocks = [
        caption,
        caption,
        caption,
        *story[:2],
        Block("DISTANT LIFE: scientists theorize about strange sounds", link_share=0.8),
        *story[2:],
    ]
    kept = [b.text for b in drop_link_lines(blocks)]
    assert kept == _STORY


def test_link_lines_stay_when_nothing_else_would() -> None:
    blocks = [Block(f"Story number {n} about the harbour", link_share=1.0) for n in range(5)]
    assert drop_link_lines(blocks) == blocks


def test_labelled_list_of_links_inside_the_story_goes() -> None:
    main = _main(
        "<p>Historia dnia, opowiedziana dokładnie w osobnym akapicie własnymi słowami.</p>" * 4
        + "<p>ZOBACZ TAKŻE</p><list>"
        + '<item><ref target="/1">Komary atakują: dlaczego gryzą?</ref> (22-08-11, 15:29)</item>'
        + '<item><ref target="/2">Meszki, kleszcze i komary</ref> (09-05-07, 18:45)</item>'
        + "</list><p>Dalszy ciąg historii dnia w kolejnym długim akapicie tekstu.</p>"
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "ZOBACZ" not in text
    assert "Komary" not in text
    assert "Dalszy ciąg" in text


def test_bold_kicker_and_section_name_over_the_headline_go() -> None:
    main = _main(
        '<head rend="h2">生活新聞</head><p><hi rend="#b">速報&gt;&gt;</hi></p>'
        + '<head rend="h1">流感疫情燒不停</head>'
        + "<p>流感疫情燒不停，台灣人衛生習慣太糟也可能是元兇之一，專家這樣說。</p>" * 8
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "生活新聞" not in text
    assert "速報" not in text
    assert "流感疫情燒不停" in text


def test_readers_comments_under_a_story_go() -> None:
    posts = "".join(
        f'<p><hi rend="#b">{name}</hi><lb/>{text}</p>'
        for name, text in (
            ("Joe", "Blue Monday is junk science and a state of mind."),
            ("MJ, ON", "Definitely mind over matter."),
            ("Tom Hanna", "I kind of like dwelling on that little chicken."),
        )
    )
    main = _main(
        "<div>"
        + "<p>The story of the day, told at length in a paragraph of its own words.</p>" * 14
        + '<p><hi rend="#b">Comments are now closed for this story</hi></p>'
        + posts
        + "</div>"
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "Comments are now closed" not in text
    assert "mind over matter" not in text
    assert "story of the day" in text


def test_a_forum_thread_keeps_its_posts() -> None:
    posts = "".join(
        f'<p><hi rend="#b">Poster {n}</hi><lb/>Post number {n} of the thread, with a view.</p>'
        for n in range(6)
    )
    main = _main(posts)
    prune_related(main)
    assert len(main) == 6


def test_text_inside_a_wrapper_div_is_read() -> None:
    # trafilatura keeps a page's wrapper <div> at times; its paragraphs are the story.
    main = _main('<div><head rend="h2">Harbour</head><div><p>The wall goes.</p></div></div>')
    blocks = _xml_blocks(main)
    assert [(b.text, b.marked) for b in blocks] == [("Harbour", True), ("The wall goes.", False)]


def test_video_caption_with_its_running_time_goes() -> None:
    blocks = [Block(text) for text in _STORY]
    caption = Block("Before and after: the harbour wall in ruins0:37", marked=True, level=3)
    kept = drop_link_lines([*blocks[:2], caption, *blocks[2:]])
    assert [b.text for b in kept] == _STORY


def test_label_and_link_to_another_story_go() -> None:
    main = _main(
        "<p>История дня, рассказанная подробно в отдельном абзаце своими словами.</p>" * 4
        + '<p><hi rend="#b">Читай также: <ref target="/x">Почему он не хочет секса</ref></hi></p>'
        + "<p>Источник: агентство, которое первым сообщило о событии в своей ленте.</p>"
    )
    prune_related(main)
    text = "".join(main.itertext())
    assert "Читай также" not in text
    assert "Источник" in text
