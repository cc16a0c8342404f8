from __future__ import annotations

from bot.store import MAX_QUERY_GROUPS, index_terms, make_snippet, query_groups


def test_words_are_casefolded_and_punctuation_dropped():
    assert index_terms("Flood-Warning: RIVER's (Fen)!") == "flood warning river s fen"


def test_cjk_runs_become_bigrams_then_unigrams():
    assert index_terms("太原市") == "太原 原市 太 原 市"
    assert index_terms("山西，太原") == "山西 太原 山 西 太 原"


def test_mixed_scripts_and_full_width_forms():
    assert index_terms("COVID疫苗") == "covid 疫苗 疫 苗"
    assert index_terms("ＡＢＣ１２３") == "abc123"


def test_query_groups_are_phrases_of_bigrams():
    groups = query_groups('干部培训 "flood" AND 太')
    assert [g.terms for g in groups] == [("干部", "部培", "培训"), ("flood",), ("太",)]
    assert groups[0].phrase == "干部 部培 培训"
    assert groups[0].surface == "干部培训"


def test_query_without_words_has_no_groups():
    assert query_groups('"*^():-+ 🙂 \x00') == []


def test_query_groups_are_bounded_and_deduplicated():
    groups = query_groups(" ".join(f"w{i}" for i in range(500)) + " w1 w1")
    assert len(groups) == MAX_QUERY_GROUPS
    assert len({g.terms for g in query_groups("a A a")}) == 1


def test_snippet_centres_on_the_first_match():
    text = "Intro sentence. " * 20 + "The bridge was closed." + " Tail." * 30
    snippet = make_snippet([text], ["BRIDGE"], width=80)
    assert "bridge was closed" in snippet
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert len(snippet) <= 82


def test_snippet_prefers_the_source_with_a_match_and_falls_back_to_the_first():
    assert make_snippet(["summary", "text with 太原"], ["太原"]) == "text with 太原"
    assert make_snippet(["summary here", "other"], ["nothing"]) == "summary here"
    assert make_snippet([], ["x"]) == ""


def test_upper_case_operators_are_dropped_unless_alone():
    assert [g.surface for g in query_groups("flood OR fire NOT NEAR river AND")] == [
        "flood",
        "fire",
        "river",
    ]
    assert [g.surface for g in query_groups("rock and roll")] == ["rock", "and", "roll"]
    assert [g.surface for g in query_groups("OR")] == ["or"]
    assert [g.surface for g in query_groups("ORANGE")] == ["orange"]
