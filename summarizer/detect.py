"""Offline language detection: Unicode script first, then stop-word overlap within a script."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from summarizer.languages import NEUTRAL
from summarizer.marks import MARKS
from summarizer.stopwords import profile, stop_words
from summarizer.words import word_set

_SAMPLE_CHARS = 3000
_MIN_LETTERS = 20
_MIN_STOP_SHARE = 0.12
_MIN_CLEAR_SHARE = 0.06
_CLEAR_MARGIN = 3.0

# Unicode ranges of scripts that identify a language (or a small family) by themselves.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("han", "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
    ("kana", "\u3040-\u30ff\u31f0-\u31ff"),
    ("hangul", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("cyrillic", "\u0400-\u04ff"),
    ("greek", "\u0370-\u03ff\u1f00-\u1fff"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    ("hebrew", "\u0590-\u05ff"),
    ("thai", "\u0e00-\u0e7f"),
    ("lao", "\u0e80-\u0eff"),
    ("khmer", "\u1780-\u17ff"),
    ("myanmar", "\u1000-\u109f"),
    ("devanagari", "\u0900-\u097f"),
    ("bengali", "\u0980-\u09ff"),
    ("gurmukhi", "\u0a00-\u0a7f"),
    ("gujarati", "\u0a80-\u0aff"),
    ("oriya", "\u0b00-\u0b7f"),
    ("tamil", "\u0b80-\u0bff"),
    ("telugu", "\u0c00-\u0c7f"),
    ("kannada", "\u0c80-\u0cff"),
    ("malayalam", "\u0d00-\u0d7f"),
    ("sinhala", "\u0d80-\u0dff"),
    ("georgian", "\u10a0-\u10ff"),
    ("armenian", "\u0530-\u058f"),
    ("ethiopic", "\u1200-\u137f"),
)


_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS}
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]+")
_VOTING_WORD = re.compile(rf"[^\W\d_]+(?:[{MARKS}][^\W\d_]*)*(?:['’][^\W\d_]+)?")

_SINGLE_LANGUAGE_SCRIPTS = {
    "hangul": "ko",
    "greek": "el",
    "hebrew": "he",
    "thai": "th",
    "lao": "lo",
    "khmer": "km",
    "myanmar": "my",
    "bengali": "bn",
    "gurmukhi": "pa",
    "gujarati": "gu",
    "oriya": "or",
    "tamil": "ta",
    "telugu": "te",
    "kannada": "kn",
    "malayalam": "ml",
    "sinhala": "si",
    "georgian": "ka",
    "armenian": "hy",
    "ethiopic": "am",
}
# Languages voted on within a script, by their commonest words. Latin is the crowded one:
# every language with a word list competes, and near neighbours (Czech and Slovak, Danish and
# Norwegian, Indonesian and Malay) are told apart by the words they do not share.
_LATIN_CANDIDATES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "hu", "ro", "cs",
    "sk", "pl", "hr", "sl", "sq", "et", "lv", "lt", "tr", "az", "id", "ms", "vi", "tl",
    "sw", "ca", "gl", "eu", "af", "cy", "ga", "is", "mt", "uz", "tk", "la", "eo", "lb",
    "fy", "br", "oc", "jv", "su", "ht", "yo", "ig", "bs",
)  # fmt: skip
_CYRILLIC_CANDIDATES = ("ru", "uk", "bg", "sr", "mk", "be", "kk", "ky")
_ARABIC_CANDIDATES = ("ar", "fa", "ur")
_DEVANAGARI_CANDIDATES = ("hi", "mr", "ne")
_FULL_LIST_CODES = frozenset({"en", "fr", "de", "es", "it"})
# A telltale letter must occur this often: one quoted foreign name does not decide.
_TELLTALE_MIN = 2
# Letters that only one language of a script uses often: a quick, sure sign.
_TELLTALE: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "cyrillic": (
        ("be", re.compile("ў")),
        ("kk", re.compile("[әғқңөұһ]")),
        ("sr", re.compile("[ђћџ]")),
        ("mk", re.compile("[ѓќѕ]")),
        ("uk", re.compile("[ґєії]")),
    ),
    "arabic": (
        ("ur", re.compile("[ٹڈڑںے]")),
        ("fa", re.compile("[پچژگ]")),
    ),
}
# Close neighbours that share most function words, and what tells them apart: words, or
# single letters (a one-character entry matches any word holding that letter).
_NEIGHBOURS: tuple[tuple[str, str, frozenset[str], frozenset[str]], ...] = (
    (
        "da",
        "nb",
        word_set(
            """af efter havde mig dig nogle hvad bliver tilbage meget siger næste tager håber
            mellem sejler"""
        ),
        word_set(
            """av etter hadde meg deg noen hva blir tilbake mye sier neste tar håper mellom
            seiler"""
        ),
    ),
    ("cs", "sk", word_set("ř ě ů"), word_set("ľ ĺ ŕ ô ä")),
    ("id", "ms", word_set("karena bisa uang sekarang"), word_set("kerana boleh wang")),
)
# Vietnamese letters no other Latin-script language combines so often.
_VIETNAMESE = re.compile("[ơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
# Characters written only in traditional Chinese (their simplified forms differ).
_TRADITIONAL = re.compile(
    "[們這個說國來時會對學為與發經關後從動點應還進過當現開門問間長見書車東馬話語讀電實體義頭號]"
)
_SIMPLIFIED = re.compile(
    "[们这个说国来时会对学为与发经关后从动点应还进过当现开门问间长见书车东马话语读电实体义头号]"
)


@dataclass(frozen=True)
class Detection:
    """The detected language: an ISO 639-1 code ("und" when unknown) and how it was found."""

    code: str
    variant: str | None = None
    reason: str = ""


def _script_counts(sample: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    # Only characters beyond Latin can belong to these scripts; most text has few of them.
    other = "".join(_NON_LATIN.findall(sample))
    if not other:
        return counts
    for name, pattern in _SCRIPT_RE.items():
        found = len(pattern.findall(other))
        if found:
            counts[name] = found
    return counts


def _stop_word_vote(sample: str, candidates: _Candidates) -> str | None:
    words = Counter(w.lower() for w in _VOTING_WORD.findall(sample))
    total = sum(words.values())
    if not total:
        return None
    # One pass over the sample's words through an index from word to languages, rather than
    # one set intersection per candidate: Latin script has fifty candidates.
    hits: Counter[str] = Counter()
    for word, count in words.items():
        for code in candidates.index.get(word, ()):
            hits[code] += count
    # Ties go to the likelier language: candidates are listed most likely first.
    ranked = sorted(hits, key=lambda code: (-hits[code], candidates.order[code]))
    if not ranked:
        return None
    shares = {code: hits[code] / total for code in ranked}
    best = ranked[0]
    runner_up = shares[ranked[1]] if len(ranked) > 1 else 0.0
    # Agglutinative languages (Finnish, Hungarian) have few separate function words: a low
    # share still decides when no other language comes close.
    clear = shares[best] >= _MIN_CLEAR_SHARE and shares[best] >= _CLEAR_MARGIN * runner_up
    if shares[best] < _MIN_STOP_SHARE and not clear:
        return None
    return _tell_neighbours_apart(best, ranked[1] if len(ranked) > 1 else best, words)


def _tell_neighbours_apart(best: str, second: str, words: Counter[str]) -> str:
    """Between two close neighbours, the words and letters only one of them uses decide."""
    for first, other, own_words, other_words in _NEIGHBOURS:
        if {best, second} != {first, other}:
            continue
        own = sum(n for w, n in words.items() if w in own_words or own_words & set(w))
        theirs = sum(n for w, n in words.items() if w in other_words or other_words & set(w))
        if own != theirs:
            return first if own > theirs else other
    return best


@dataclass(frozen=True)
class _Candidates:
    """The languages voted on within one script: word -> the languages that use it often."""

    index: dict[str, tuple[str, ...]]
    order: dict[str, int]


@cache
def _profiles(codes: tuple[str, ...]) -> _Candidates:
    index: dict[str, list[str]] = {}
    for code in codes:
        for word in _profile(code):
            index.setdefault(word, []).append(code)
    order = {code: rank for rank, code in enumerate(codes)}
    return _Candidates({word: tuple(langs) for word, langs in index.items()}, order)


def _profile(code: str) -> frozenset[str]:
    # The big five keep sumy's full curated lists as well, as they always had: short texts
    # full of their function words stay recognised, and they are the likeliest guesses.
    if code in _FULL_LIST_CODES:
        return profile(code) | stop_words(code)
    return profile(code)


def _chinese_variant(sample: str) -> str:
    traditional = len(_TRADITIONAL.findall(sample))
    return "hant" if traditional > len(_SIMPLIFIED.findall(sample)) else "hans"


def detect_language(text: str) -> Detection:
    """Detect the language of ``text``; never raises, returns code "und" when unsure."""
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_LETTERS:
        return Detection(NEUTRAL, reason="too little text")
    scripts = _script_counts(sample)
    if scripts["kana"] >= 0.05 * letters:
        return Detection("ja", reason="kana")
    if scripts["han"] >= 0.25 * letters:
        return Detection("zh", variant=_chinese_variant(sample), reason="han")
    if scripts:
        script, count = scripts.most_common(1)[0]
        if count >= 0.4 * letters:
            return _detect_in_script(script, sample)
    if len(_VIETNAMESE.findall(sample.lower())) >= 0.03 * letters:
        return Detection("vi", reason="vietnamese letters")
    vote = _stop_word_vote(sample, _profiles(_LATIN_CANDIDATES))
    if vote is None:
        return Detection(NEUTRAL, reason="no stop-word match")
    return Detection(vote, reason="stop words")


def _vote_within(script: str, sample: str, candidates: Iterable[str], default: str) -> Detection:
    lower = sample.lower()
    for code, letters in _TELLTALE.get(script, ()):
        if len(letters.findall(lower)) >= _TELLTALE_MIN:
            return Detection(code, reason=f"{script} letters")
    vote = _stop_word_vote(sample, _profiles(tuple(candidates)))
    return Detection(vote or default, reason=f"{script} script")


def _detect_in_script(script: str, sample: str) -> Detection:
    if script in _SINGLE_LANGUAGE_SCRIPTS:
        return Detection(_SINGLE_LANGUAGE_SCRIPTS[script], reason=script)
    if script == "cyrillic":
        return _vote_within(script, sample, _CYRILLIC_CANDIDATES, "ru")
    if script == "arabic":
        return _vote_within(script, sample, _ARABIC_CANDIDATES, "ar")
    if script == "devanagari":
        return _vote_within(script, sample, _DEVANAGARI_CANDIDATES, "hi")
    return Detection(NEUTRAL, reason=f"{script} script")
