"""Every language: detection, sentences, words, stop words, stemmers and whole summaries."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import summarize
from summarizer.algorithms import ALGORITHMS, select
from summarizer.cli import main
from summarizer.detect import detect_language
from summarizer.languages import get_language, is_supported
from summarizer.stemmers import load_stemmer
from tests.multilingual import BY_CODE, STORIES, Story

IDS = [story.code for story in STORIES]


def test_the_stories_cover_at_least_25_languages() -> None:
    assert len({story.code for story in STORIES}) >= 25


def test_most_languages_are_detected() -> None:
    wrong = {s.code: detect_language(s.text).code for s in STORIES}
    wrong = {code: got for code, got in wrong.items() if got != code}
    assert len(wrong) <= len(STORIES) // 10, wrong


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_sentences_split_where_the_writer_ended_them(story: Story) -> None:
    tokenizer = get_language(story.code).tokenizer
    split = [s for text in story.paragraph_texts() for s in tokenizer.to_sentences(text)]
    assert split == story.sentences


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_every_language_summarizes(story: Story) -> None:
    summary = summarize(story.text, sentences=2)
    assert summary.language == story.code
    assert summary.sentences
    assert set(summary.sentences) <= set(story.sentences)
    assert is_supported(story.code)


@pytest.mark.parametrize("code", ["pl", "el", "tr", "cs", "uk", "hi", "fa", "vi", "th"])
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_works_in_languages_sumy_cannot_stem_alone(
    code: str, algorithm: str
) -> None:
    summary = summarize(BY_CODE[code].text, sentences=2, algorithm=algorithm)
    assert summary.sentences


@pytest.mark.parametrize(
    ("code", "word", "stem"),
    [
        ("pl", "samochodów", "samochod"),
        ("el", "αποφάσεις", "αποφασ"),
        ("tr", "belediyesinin", "belediye"),
        ("en", "Running", "run"),
    ],
)
def test_stemmers_stem(code: str, word: str, stem: str) -> None:
    assert get_language(code).stem(word) == stem


def test_a_stemmer_that_cannot_load_degrades_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def missing() -> object:
        raise ImportError("No module named 'stemmer_package'")

    with caplog.at_level(logging.WARNING, logger="summarizer.stemmers"):
        stem_words = load_stemmer("xx", missing)  # type: ignore[arg-type]
    assert stem_words(["słowa"]) == ["słowa"]
    assert [r.getMessage() for r in caplog.records] == [
        "no stemmer for language 'xx' (ImportError: No module named 'stemmer_package'); "
        "words are only lower-cased"
    ]


def test_a_stemmer_failing_on_one_word_keeps_that_word_and_stems_the_rest() -> None:
    def fragile() -> object:
        def stem_words(words: list[str]) -> list[str]:
            if "odd" in words:
                raise ValueError("cannot stem 'odd'")
            return [word[:3] for word in words]

        return stem_words

    stem_words = load_stemmer("xx", fragile)  # type: ignore[arg-type]
    assert stem_words(["running", "odd", "jumping"]) == ["run", "odd", "jum"]


def test_each_language_is_built_once_and_shared() -> None:
    russian = get_language("ru")
    assert get_language("RU") is russian
    assert get_language("ru-RU") is russian
    assert russian.name == russian.tokenizer.language == "russian"
    assert get_language("und").name == "neutral"
    assert get_language("und").stop_words == frozenset()


def test_the_stem_hook_and_the_ranking_terms_stem_alike() -> None:
    english = get_language("en")
    words = ["Britain’s", "added", "Running", "the", "roads"]
    content = [w.lower() for w in words if w.lower() not in english.stop_words]
    assert english.terms(words) == tuple(english.stem(w) for w in content)
    assert english.terms(words) == ("britain’", "add", "run", "road")
    # Stop words have stems too, for rankers that look at every word (Edmundson).
    assert english.stem("the") == "the"


def test_russian_stop_words_are_left_out_of_ranking_terms() -> None:
    russian = get_language("ru")
    words = russian.tokenizer.to_words(
        "Он сказал, что это было не так, и мэр подписал указ о новых трамваях."
    )
    assert russian.terms(words) == ("сказа", "мэр", "подписа", "указ", "нов", "трамва")


RUSSIAN_STORY = [
    "В Казани открыли новую линию трамвая от вокзала до университета.",
    "Линия длиной восемь километров обошлась городу в два миллиарда рублей.",
    "Мэр сказал, что это только начало и что он будет строить ещё.",
    "Библиотека на улице Баумана получила новые книги для детей и взрослых.",
    "Трамваи будут ходить каждые семь минут с шести утра до полуночи.",
]


def test_a_title_of_russian_stop_words_does_not_steer_the_ranker() -> None:
    russian = get_language("ru")
    untitled = select(RUSSIAN_STORY, 2, language=russian)
    stop_title = "Это было бы так, что он и она там были"
    assert select(RUSSIAN_STORY, 2, language=russian, title=stop_title) == untitled
    # A title of content words does steer it, so the line above could fail.
    content_title = "Библиотека получила новые книги"
    assert select(RUSSIAN_STORY, 2, language=russian, title=content_title) != untitled


@pytest.mark.parametrize(
    ("code", "word"), [("vi", "của"), ("tr", "ve"), ("id", "yang"), ("fa", "از"), ("hi", "के")]
)
def test_stop_words_beyond_sumy_come_from_justext(code: str, word: str) -> None:
    assert word in get_language(code).stop_words


@pytest.mark.parametrize(
    ("code", "sentence", "words"),
    [
        ("hi", "मेट्रो सुबह छह बजे से चलेगी।", ["मेट्रो", "सुबह", "छह", "बजे", "से", "चलेगी"]),
        (
            "ja",
            "新しい図書館が開館しました。",
            ["新しい", "図書", "館", "が", "開館", "し", "まし", "た"],
        ),
        ("th", "สวนสาธารณะแห่งใหม่ริมแม่น้ำปิง", ["สวนสาธารณะ", "แห่ง", "ใหม่", "ริมแม่น้ำ", "ปิง"]),
        ("ar", "افتتحت المكتبة أبوابها.", ["افتتحت", "المكتبة", "أبوابها"]),
        ("ko", "부산시는 새 도서관을 열었다.", ["부산시는", "새", "도서관을", "열었다"]),
    ],
)
def test_words_keep_their_vowel_signs_and_segmenters_split_unspaced_scripts(
    code: str, sentence: str, words: list[str]
) -> None:
    assert list(get_language(code).tokenizer.to_words(sentence)) == words


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_cli_summarizes_html_pages_in_every_language(
    story: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / f"{story.code}.html"
    page.write_text(story.html(), encoding="utf-8")
    assert main([str(page), "--html", "--sentences", "2"]) == 0
    out = capsys.readouterr().out
    assert any(sentence in out for sentence in story.sentences), out


def test_python_m_summarizer_on_a_polish_page_has_no_traceback(tmp_path: Path) -> None:
    page = tmp_path / "pl.html"
    page.write_text(BY_CODE["pl"].html(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "--html", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Tramwaje" in done.stdout or "W Krakowie" in done.stdout
