"""Stop words per language: sumy's curated lists first, then jusText's frequency lists.

jusText (installed with trafilatura) ships lists of the most frequent words of about 100
languages, taken from Wikipedia and ordered by frequency. Their heads are function words;
their tails drift into common content words ("village", "Nobel"), so only the head is used.
"""

from __future__ import annotations

import pkgutil
import re
from functools import cache

from summarizer.marks import MARKS

# sumy's own lists (sumy/data/stopwords/<name>.txt), curated by hand.
SUMY_LISTS: dict[str, str] = {
    "ar": "arabic",
    "cs": "czech",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "he": "hebrew",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "pl": "polish",
    "pt": "portuguese",
    "sk": "slovak",
    "sv": "swedish",
    "th": "thai",
    "uk": "ukrainian",
    "zh": "chinese",
}

# jusText's file names (justext/stoplists/<name>.txt) by ISO 639-1 code.
JUSTEXT_LISTS: dict[str, str] = {
    "af": "Afrikaans", "an": "Aragonese", "ar": "Arabic", "az": "Azerbaijani",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cv": "Chuvash", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "fy": "West_Frisian", "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "io": "Ido", "is": "Icelandic", "it": "Italian",
    "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "nb": "Norwegian_Bokmal", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "oc": "Occitan", "pl": "Polish",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "su": "Sundanese", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tk": "Turkmen", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "yo": "Yoruba",
}  # fmt: skip

# How much of a jusText list counts as stop words (its head is function words).
JUSTEXT_HEAD = 200
# How much of it profiles a language for detection; the same size for every language keeps
# the vote fair between languages with long and short lists.
PROFILE_HEAD = 120

# A few common words of Russian that sumy lacks and that jusText's Wikipedia list ranks low.
_EXTRA_STOP_WORDS: dict[str, str] = {
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
    только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже
    или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
    тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем
    чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после
    над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо
    свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между
    также это года году который которые которая которого""",
}

# Leading and trailing punctuation on list entries ("yoktur.", "(ur.") is not part of a word.
# Combining marks are not \w, yet they end many words (Hindi "के"): they stay.
_EDGE_PUNCTUATION = re.compile(rf"^[^\w{MARKS}]+|[^\w{MARKS}]+$")


def _read(package: str, resource: str) -> list[str]:
    """Lines of a data file shipped in a package; empty when it is missing."""
    try:
        data = pkgutil.get_data(package, resource)
    except (ImportError, OSError):
        return []
    if not data:
        return []
    return data.decode("utf-8", "replace").splitlines()


def _clean_entries(lines: list[str]) -> list[str]:
    words: dict[str, None] = {}
    for line in lines:
        word = _EDGE_PUNCTUATION.sub("", line.strip().lower())
        if word and not word.isdigit():
            words[word] = None
    return list(words)


@cache
def justext_head(code: str, size: int) -> tuple[str, ...]:
    """The ``size`` most frequent words of jusText's list for a language (lower case)."""
    name = JUSTEXT_LISTS.get(code)
    if name is None:
        return ()
    return tuple(_clean_entries(_read("justext", f"stoplists/{name}.txt"))[:size])


@cache
def stop_words(code: str) -> frozenset[str]:
    """Return the lower-case stop words of a language; empty for one without a list."""
    code = code.lower()
    words: set[str] = set()
    name = SUMY_LISTS.get(code)
    if name is not None:
        words.update(_clean_entries(_read("sumy", f"data/stopwords/{name}.txt")))
    else:
        words.update(justext_head(code, JUSTEXT_HEAD))
    words.update(_EXTRA_STOP_WORDS.get(code, "").split())
    return frozenset(words)


def stop_word_source(code: str) -> str | None:
    """Say where a language's stop words come from ("sumy", "jusText"), None without any."""
    if code in SUMY_LISTS:
        return "sumy"
    if code in JUSTEXT_LISTS:
        return "jusText"
    return None


@cache
def profile(code: str) -> frozenset[str]:
    """The commonest words of a language, the same number for each: detection votes on them."""
    head = justext_head(code, PROFILE_HEAD)
    return frozenset(head) if head else stop_words(code)
