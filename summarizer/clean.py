"""Recognise lines that are not the article: end markers, credits, embeds, prompts, captions.

Each rule looks at one whole line (paragraph) and is deliberately narrow: a rule fires only on
short lines or on markers no prose contains, so body sentences are never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TERMINAL = tuple(".!?。！？…\"”'’)）")
_LONG_LINE = 400

_END_MARKER = re.compile(
    r"^[\s\-—–_=~*·.]*(?:end|the end|完|全文完|（完）|\(完\)|【完】)[\s\-—–_=~*·.]*$",
    re.IGNORECASE,
)
_TRAILING_END = re.compile(r"\s*(?:[（(【\[]\s*完\s*[）)】\]]|-\s*END\s*-)\s*$")

# Credit keys that head a credit line even without a colon ("Source 德 Yang Runde").
_CREDIT = re.compile(
    r"^[（(【\[]?\s*(?:sources?|editors?|editor[\s-]*in[\s-]*(?:chief|law)|reporters?|reporting by"
    r"|photographers?|correspondents?|translated by|proofread by|reviewed by|produced by"
    r"|责任编辑|责编|编辑|主编|来源|记者|通讯员|摄影|摄像|审核|审校|校对|监制|终审|复审|初审"
    r"|本文来源|稿件来源|信息来源)(?=[\s:：|｜/\-—])",
    re.IGNORECASE,
)
# Words that are credits only with a colon or bar after them ("Photo: AP", "策划：王五").
_KEYED_CREDIT = re.compile(
    r"^[（(【\[]?\s*(?:photos?|photography|images?|pictures?|video|graphics?|translator|design"
    r"|layout|planning|producer|contributors?|interns?|reviewer|writer|文|图|文字|视频|图片|图文"
    r"|文/图|制作|策划|出品|翻译|设计|排版|美编|作者|撰文|数据|统筹)\s*[:：|｜]",
    re.IGNORECASE,
)
_CREDIT_PARENTHESISED = re.compile(
    r"^[（(【\[][^）)】\]]{0,40}(?:记者|通讯员|来源|编辑|摄)[^）)】\]]*[）)】\]]$"
)

# A credit glued to the start of a Chinese lede: bracketed, or "记者<name>／<place>报道".
_CREDIT_WORDS = r"(?:记者|記者|通讯员|通訊員|报道|報導|报导|電|电|讯|訊)"
_LEADING_CREDIT = re.compile(
    rf"^\s*(?:[【\[（(][^】\]）)]{{0,30}}{_CREDIT_WORDS}[^】\]）)]{{0,20}}[】\]）)]"
    r"|(?:本报|本報)?(?:记者|記者)[^，。,/／\s]{1,12}\s*[／/|｜]\s*[^，。,\s]{1,10}?(?:报道|報導|报导))\s*"
)
_MIN_AFTER_CREDIT = 10

_STRONG_DEBRIS = re.compile(
    r"video/snapshot|data-version|ueditor|x-oss-process|<iframe|<video|<embed|\bM_fast\b"
    r"|\bF_(?:JPG|PNG|WEBP)\b|javascript:|\{\{|\}\}",
    re.IGNORECASE,
)
_WEAK_DEBRIS = re.compile(
    r"\.mp4\b|\.m3u8\b|\.flv\b|transcoding|\bT_\d+\b|\bcontrols\s*=|style\s*=|data-src"
    r"|\bwidth\s*:\s*\d+px",
    re.IGNORECASE,
)

_PROMPT = re.compile(
    r"^(?:share (?:this|on|via)|share$|tweet this|subscribe|sign up|follow us|like us"
    r"|read more|read also|also read|see also|related(?: articles| stories| news|:)|recommended"
    r"|more from|click here|tap here|download (?:the|our) app|advertisement|sponsored"
    r"|scroll down|watch the video|watch:|listen:|comments?$|leave a comment|print this"
    r"|email this|back to top|next article|previous article|you may also like"
    r"|点击阅读原文|阅读原文|点击(?:关注|下方|上方|蓝字|图片|链接|这里|进入)|分享(?:到|至|给)"
    r"|转发(?:分享)?$|点赞|在看|关注(?:我们|公众号|微信)|扫码|扫描二维码|长按(?:识别|二维码|扫码)"
    r"|订阅(?:我们|号)?$|推荐阅读|相关阅读|延伸阅读|相关新闻|更多精彩|往期回顾|热门推荐|↓|▼)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|all rights reserved|版权所有|版权归.{0,12}所有"
    r"|转载请注明|禁止转载|不得转载|未经授权不得",
    re.IGNORECASE,
)
# Caption shapes no body sentence has: "Photo: ...", "▲ ...", ".../Getty Images".
_CAPTION = re.compile(
    r"^(?:photo|image|picture|pictured|credit|caption|图片|图为|图注|组图|配图|资料图)\s*[:：/]"
    r"|^[▲△↑]|\((?:photo|image|picture)s?\b[^)]*\)$"
    r"|/\s*(?:getty images|afp|reuters|ap|epa|xinhua|新华社)\)?$",
    re.IGNORECASE,
)
# Weaker caption shape, trusted only on a short line that is not a sentence.
_CAPTION_CREDIT = re.compile(
    r"\b(?:photo|image|picture)s?\s*(?:by\b|:|/|credit)|（图[^）]{0,20}）$", re.I
)
_KEYED = re.compile(r"^[^:：]{1,25}[:：]")
_SCROLL_PREFIX = re.compile(r"^scroll down for (?:video|more)\s*", re.IGNORECASE)


def _word_count(line: str) -> int:
    """Count words, treating each CJK character as half a word (about two per word)."""
    cjk = sum(1 for ch in line if "\u3400" <= ch <= "\u9fff")
    return len(line.split()) + cjk // 2


def _is_short(line: str, words: int) -> bool:
    return _word_count(line) <= words


def _has_final_punctuation(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL)


def is_end_marker(line: str) -> bool:
    """Tell whether a line only marks the end of the article ("- END -", "（完）")."""
    return bool(_END_MARKER.match(line))


def junk_reason(line: str) -> str | None:
    """Name the rule that makes a line junk ("credit", "debris", ...), or None for content."""
    text = line.strip()
    if not text:
        return "empty"
    if len(text) > _LONG_LINE:
        # Every other rule needs a short line; debris shows itself early in a long one.
        return "debris" if _STRONG_DEBRIS.search(text, 0, _LONG_LINE) else None
    if _STRONG_DEBRIS.search(text) or len(_WEAK_DEBRIS.findall(text)) >= 2:
        return "debris"
    if _COPYRIGHT.search(text) and _is_short(text, 30):
        return "copyright"
    if _is_credit(text):
        return "credit"
    if _PROMPT.match(text) and _is_short(text, 12) and not _has_final_punctuation(text):
        return "prompt"
    if _CAPTION.search(text) and _is_short(text, 30):
        return "caption"
    short_fragment = _is_short(text, 15) and not _has_final_punctuation(text)
    if short_fragment and _CAPTION_CREDIT.search(text):
        return "caption"
    return None


def _is_credit(text: str) -> bool:
    if _KEYED_CREDIT.match(text) or _CREDIT_PARENTHESISED.match(text):
        return _is_short(text, 20)
    return bool(_CREDIT.match(text)) and _is_credit_shaped(text)


def _is_credit_shaped(text: str) -> bool:
    """A credit is short and either keyed with a colon or not a sentence."""
    if not _is_short(text, 14):
        return False
    keyed = _KEYED.match(text) is not None
    return keyed or not _has_final_punctuation(text)


def strip_inline_junk(line: str) -> str:
    """Remove junk that sticks to real text: a trailing "（完）", a "Scroll down for video", a
    reporter's credit opening a Chinese lede ("【記者林宜靜台北報導】", "记者张三／北京报道")."""
    line = _TRAILING_END.sub("", line)
    line = _SCROLL_PREFIX.sub("", line)
    stripped = _LEADING_CREDIT.sub("", line, count=1)
    return stripped if len(stripped) >= _MIN_AFTER_CREDIT else line


def clean_lines(lines: Iterable[str]) -> list[str]:
    """Drop junk lines; stop at an end marker, since what follows it is other stories."""
    kept: list[str] = []
    for raw in lines:
        if is_end_marker(raw) and kept:
            break
        line = strip_inline_junk(raw.strip())
        if line and junk_reason(line) is None:
            kept.append(line)
    return kept
