"""The wording model: words of the body (names out), tf-idf vectors, a ridge fit."""

import math

from scorer.framing import FramingModel, article_words, fit_framing, term_counts
from scorer.segment import segment
from scorer.types import Span


def test_article_words_keep_lower_case_words_and_sentence_openers_not_names():
    seg = segment("Officials said the bridge would reopen. Mayor Okafor disagreed with the timetable.")
    spans = article_words(seg)
    words = [s.text for s in spans]
    assert all(seg.text[s.start:s.end].lower() == s.text for s in spans)
    assert "said" in words and "bridge" in words and "disagreed" in words
    assert "mayor" in words  # a sentence opener is a word, whatever its case
    assert "okafor" not in words  # a capitalised word inside a sentence is a name


def test_term_counts_count_the_article_words_and_keep_headline_words_apart():
    seg = segment("Officials said it. Okafor said the Bridge would reopen.")
    counts = term_counts(seg, [Span(0, 7, "Slammed")])
    # "Okafor" opens its sentence, so it counts; "Bridge" inside one is taken for a name.
    assert counts == {"officials": 1, "said": 2, "it": 1, "okafor": 1, "the": 1, "would": 1, "reopen": 1, "h:slammed": 1}
    assert counts.keys() - {"h:slammed"} == {s.text for s in article_words(seg)}


def test_vector_is_unit_length_sublinear_and_ignores_unknown_words():
    m = FramingModel({"said": 1.0}, 50.0, {"said": 1.0, "slammed": 2.0})
    v = m.vector({"said": 3, "slammed": 1, "zebra": 9})
    assert set(v) == {"said", "slammed"}
    assert math.isclose(sum(x * x for x in v.values()), 1.0)
    # (1 + ln 3) * 1 against (1 + ln 1) * 2
    assert math.isclose(v["said"] / v["slammed"], (1 + math.log(3)) / 2.0)
    assert m.vector({"zebra": 2}) == {} and m.score({"zebra": 2}) == 50.0


def test_fit_learns_which_words_go_with_high_and_low_scores():
    docs, y, groups = [], [], []
    for k in range(30):
        g = f"pub{k % 5}"
        docs.append({"testified": 2, "filings": 1, "the": 5})
        y.append(85.0)
        groups.append(g)
        docs.append({"slammed": 2, "scheme": 1, "the": 5})
        y.append(30.0)
        groups.append(g)
    m = fit_framing(docs, y, groups, alpha=0.3)
    assert m.weights["testified"] > 0 > m.weights["slammed"]
    assert m.score({"testified": 1}) > 70 > 45 > m.score({"slammed": 1})
    assert FramingModel.from_dict(m.to_dict()) == m
    # A word used by a single publisher never enters the vocabulary.
    docs.append({"parochial": 3})
    y.append(10.0)
    groups.append("pub0")
    docs.append({"parochial": 3})
    y.append(10.0)
    groups.append("pub0")
    docs.append({"parochial": 3})
    y.append(10.0)
    groups.append("pub0")
    assert "parochial" not in fit_framing(docs, y, groups, alpha=0.3).idf


def test_article_words_with_only_are_the_same_spans_filtered():
    seg = segment("Said the mayor: we said no. Officials Said it twice, and said so again. Critics said otherwise.")
    only = {"said", "critics", "twice"}
    assert article_words(seg, only) == [s for s in article_words(seg) if s.text in only]
