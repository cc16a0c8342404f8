"""Offline language detection: Unicode script first, then stop-word overlap within a script."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from summarizer.languages import NEUTRAL, stop_words

_SAMPLE_CHARS = 3000
_MIN_LETTERS = 20
_MIN_STOP_SHARE = 0.12

# Unicode ranges of scripts that identify a language (or a small family) by themselves.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("han", "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
    ("kana", "\u3040-\u30ff\u31f0-\u31ff"),
    ("hangul", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("cyrillic", "\u0400-\u04ff"),
    ("greek", "\u0370-\u03ff\u1f00-\u1fff"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f"),
    ("hebrew", "\u0590-\u05ff"),
    ("thai", "\u0e00-\u0e7f"),
    ("devanagari", "\u0900-\u097f"),
    ("georgian", "\u10a0-\u10ff"),
    ("armenian", "\u0530-\u058f"),
)
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS}
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

_SINGLE_LANGUAGE_SCRIPTS = {
    "hangul": "ko",
    "greek": "el",
    "hebrew": "he",
    "thai": "th",
    "devanagari": "hi",
    "georgian": "ka",
    "armenian": "hy",
}
_LATIN_CANDIDATES = ("en", "fr", "de", "es", "it", "pt", "sv", "cs", "sk", "pl")
# A few of the commonest words of Latin-script languages that have a stemmer but no sumy
# stop-word list, so that they are recognised instead of mistaken for a neighbour.
_EXTRA_LATIN = {
    "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als maar om bij",
    "da": "og i at det en den til er som på de med han af for ikke der var mig sig men et har",
    "nb": "og i det at en et den til er som på de med han av ikke der var meg seg men ble har",
    "fi": "ja on ei se että hän oli ole mutta kun niin myös tai jos ovat kuin mitä sen tämä",
    "hu": "a az és hogy nem is egy de meg van volt ez már csak mint még ki el azt ezt vagy",
    "ro": "și în de la cu a pe care nu o un din este să mai ce fost sau pentru dar au lui",
}
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


def _stop_word_vote(sample: str, candidates: dict[str, frozenset[str]]) -> str | None:
    words = Counter(w.lower() for w in _WORD.findall(sample))
    total = sum(words.values())
    if not total:
        return None
    shares = {
        code: sum(words[w] for w in words.keys() & vocabulary) / total
        for code, vocabulary in candidates.items()
    }
    best = max(shares, key=lambda code: shares[code])
    return best if shares[best] >= _MIN_STOP_SHARE else None


@cache
def _latin_candidates() -> dict[str, frozenset[str]]:
    candidates = {code: stop_words(code) for code in _LATIN_CANDIDATES}
    candidates.update({code: frozenset(text.split()) for code, text in _EXTRA_LATIN.items()})
    return candidates


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
    vote = _stop_word_vote(sample, _latin_candidates())
    if vote is None:
        return Detection(NEUTRAL, reason="no stop-word match")
    return Detection(vote, reason="stop words")


def _detect_in_script(script: str, sample: str) -> Detection:
    if script in _SINGLE_LANGUAGE_SCRIPTS:
        return Detection(_SINGLE_LANGUAGE_SCRIPTS[script], reason=script)
    if script == "cyrillic":
        if re.search("[ґєії]", sample.lower()):
            return Detection("uk", reason="ukrainian letters")
        vote = _stop_word_vote(sample, {"ru": stop_words("ru"), "uk": stop_words("uk")})
        return Detection(vote or "ru", reason="cyrillic")
    if script == "arabic":
        vote = _stop_word_vote(sample, {"ar": stop_words("ar")})
        return Detection(vote or NEUTRAL, reason="arabic script")
    return Detection(NEUTRAL, reason=f"{script} script")
