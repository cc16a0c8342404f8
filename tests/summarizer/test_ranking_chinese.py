"""The news ranker on Chinese news written for these tests: jieba words, punctuation sentences.

"Never worse than the first sentence" is made concrete: on a short post (three sentences
or fewer) the lede is always among the picks, whatever the count; on longer articles the
picks are the informative sentences, never the page debris around them.
"""

from __future__ import annotations

import pytest

from summarizer.algorithms import select
from summarizer.languages import get_language

ZH = get_language("zh")

SHORT_POSTS = [
    "晋源区图书馆新馆今日正式开放，藏书二十万册。市民可凭身份证免费办理借阅证。",
    "受强降雨影响，太原至晋中的城际列车今天停运。铁路部门提醒旅客及时办理退票。"
    "预计明天上午恢复运行。",
    "本市今年新增公共停车位五千个，主要分布在老城区。",
    "山西省气象台今天发布暴雨黄色预警。",
    "晋源区第一届葡萄文化节开幕。活动持续十天，共有八十家果农参展。主办方预计接待游客十万人次。",
]

LONG_ARTICLE = [
    # 0: the lede carries who, what, how much
    "太原市晋源区今年投入三千万元改造老旧小区，惠及居民一万二千户。",
    "记者走进义井小区时，几位老人正在新修的凉亭里下棋。",
    # 2, 3: the substance of the story
    "改造内容包括更换供水管网、加装电梯和整修小区道路，共涉及四十六个小区。",
    "区住建局负责人表示，全部改造工程将于十月底前完工。",
    "“真没想到还能住上有电梯的房子。”",
    "居民王女士说，加装电梯后，家里的老人上下楼方便多了。",
    "据了解，晋源区计划在未来三年内完成全部老旧小区改造，总投资约一亿元。",
    "扫码关注我们，获取更多本地新闻。",
    "来源：晋源区融媒体中心",
    "责任编辑：李明",
]
DEBRIS = {7, 8, 9}


@pytest.mark.parametrize("post", SHORT_POSTS)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_the_lede_of_a_short_post_is_always_kept(post: str, count: int) -> None:
    sentences = list(ZH.tokenizer.to_sentences(post))
    assert 1 <= len(sentences) <= 3
    picked = select(sentences, count, language=ZH)
    assert picked[0] == 0
    if len(sentences) <= count:
        assert picked == list(range(len(sentences)))


def test_a_long_article_yields_its_lede_and_substance_not_debris() -> None:
    picked = select(LONG_ARTICLE, 3, language=ZH)
    assert picked[0] == 0
    assert not DEBRIS & set(picked)
    assert 4 not in picked  # a bare quote says nothing on its own
    assert {2, 3, 6} & set(picked)


def test_one_sentence_summary_of_a_long_article_is_the_lede() -> None:
    assert select(LONG_ARTICLE, 1, language=ZH) == [0]


def test_a_digest_budget_keeps_chinese_picks_within_max_chars() -> None:
    picked = select(LONG_ARTICLE, 3, language=ZH, max_chars=80)
    assert picked[0] == 0
    assert len(" ".join(LONG_ARTICLE[i] for i in picked)) <= 80


def test_traditional_script_ranks_too() -> None:
    article = [
        "臺北市政府今天宣布，明年起公車票價凍漲，受惠市民約兩百萬人。",
        "市長表示，凍漲所需經費約三億元，由市府預算支應。",
        "交通局指出，公車每日載客量已恢復至疫情前九成。",
        "責任編輯：陳小明",
    ]
    picked = select(article, 2, language=ZH)
    assert picked[0] == 0
    assert 3 not in picked
