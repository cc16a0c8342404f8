"""The README's language table, built from the live tables: `python -m tests.language_table`.

tests/summarizer/test_language_table.py checks that README.md holds exactly this output.
"""

from __future__ import annotations

from bot.store import index_terms
from summarizer.detect import _CYRILLIC_CANDIDATES, _LATIN_CANDIDATES, _SINGLE_LANGUAGE_SCRIPTS
from summarizer.stemmers import SNOWBALL, SUMY_SPECIAL, stemmer_source
from summarizer.stopwords import JUSTEXT_LISTS, SUMY_LISTS, stop_word_source, stop_words

NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "ms": "Malay", "nb": "Norwegian",
    "ne": "Nepali", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sr": "Serbian", "sv": "Swedish", "ta": "Tamil",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese", "eu": "Basque", "ga": "Irish", "eo": "Esperanto", "mr": "Marathi",
    "bn": "Bengali", "sl": "Slovenian", "lv": "Latvian", "sw": "Swahili", "tl": "Tagalog",
}  # fmt: skip
# The rows: sumy's languages, the ones the issue named, and every language with a stemmer.
MAIN = sorted(
    set(SUMY_LISTS) | set(SNOWBALL) - {"no", "st", "yi"}
    | set(SUMY_SPECIAL) | {"zh", "ja", "ko", "th", "vi", "ar", "fa", "hi", "tr", "id", "uk"}
)  # fmt: skip


def _sentences(code: str) -> str:
    if code in {"zh", "ja"}:
        return "`。！？；` and `.!?`"
    if code in {"hi", "mr", "ne", "bn"}:
        return "danda `।`, `.!?`"
    if code in {"ar", "fa", "ur"}:
        return "`؟` `۔` `.!?`"
    if code == "el":
        return "`.!` and `;` (question)"
    if code == "th":
        return "spaces (pieces of 40+ chars), `.!?`"
    return "`.!?…`, abbreviations"


def _words(code: str) -> str:
    return {
        "zh": "jieba",
        "ja": "TinySegmenter",
        "th": "PyThaiNLP (newmm)",
        "ko": "spaces",
    }.get(code, "letters and their combining marks")


def _stop(code: str) -> str:
    source = stop_word_source(code)
    return f"{source} ({len(stop_words(code))})" if source else "—"


def _search(code: str) -> str:
    sample = {"zh": "中文", "ja": "かな", "ko": "한국", "th": "ไทย"}.get(code)
    if sample is not None and " " in index_terms(sample + "字"):
        return "character bigrams"
    return "words, case and accents folded"


def _detected(code: str) -> str:
    if code in _SINGLE_LANGUAGE_SCRIPTS.values() or code in {"zh", "ja"}:
        return "script"
    if code in _LATIN_CANDIDATES or code in _CYRILLIC_CANDIDATES:
        return "script + common words"
    if code in {"ar", "fa", "ur", "hi", "mr", "ne"}:
        return "script + common words"
    return "— (give `--language`)"


def table() -> str:
    """The Markdown table and the list of further languages that have stop words only."""
    lines = [
        "| language | detected by | sentences | words | stop words (count) | stemmer | search |",
        "|---|---|---|---|---|---|---|",
    ]
    for code in MAIN:
        name = NAMES.get(code, code)
        lines.append(
            f"| {name} `{code}` | {_detected(code)} | {_sentences(code)} | {_words(code)} "
            f"| {_stop(code)} | {stemmer_source(code) or '—'} | {_search(code)} |"
        )
    others = sorted(set(JUSTEXT_LISTS) - set(MAIN) - {"no"})
    lines.append("")
    lines.append(
        "Also with jusText stop words, no stemmer, words and sentences by the rules of their "
        "script: " + ", ".join(f"`{code}`" for code in others) + "."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
