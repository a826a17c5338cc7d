"""The annotated corpus: every file parses, spans slice, types and levels are valid."""

from collections import Counter
from pathlib import Path

import pytest
from scorer.corpus import EXCLUDE_REASONS, SOURCE_TYPES, load_corpus, parse_article, CorpusFormatError

DATA = Path(__file__).resolve().parent.parent / "training_data" / "articles"
ARTICLES = load_corpus(DATA)


def test_size_and_level_coverage():
    assert len(ARTICLES) >= 60
    levels = Counter(a.level for a in ARTICLES)
    assert set(levels) == {1, 2, 3, 4, 5}
    assert len({a.id for a in ARTICLES}) == len(ARTICLES)


@pytest.mark.parametrize("art", ARTICLES, ids=lambda a: a.id)
def test_article_annotations(art):
    text = art.text
    assert "[[" not in text and "]]" not in text
    assert (art.score >= 80) == (art.level == 5) or abs(art.score - 80) <= 2
    rec = art.to_record()
    for a in rec["attributions"]:
        assert a["source_type"] in SOURCE_TYPES
        for key in ("cue", "source"):
            if a[key] is not None:
                s, e, t = a[key]
                assert text[s:e] == t and t.strip() == t and t
        for s, e, t in a["content"]:
            assert text[s:e] == t
        if a["source"] is not None and a["cue"] is not None:
            # a source and its cue never overlap
            assert a["source"][1] <= a["cue"][0] or a["cue"][1] <= a["source"][0]
    for s, e, reason, t in rec["excluded"]:
        assert reason in EXCLUDE_REASONS and text[s:e] == t
    for s, e, t in rec["hedges"]:
        assert text[s:e] == t and t


def test_markup_errors_are_reported():
    with pytest.raises(CorpusFormatError):
        parse_article("level: 3\nscore: 50\n---\nThe [[C1|said]] thing.")  # cue with no type or source
    with pytest.raises(CorpusFormatError):
        parse_article("level: 3\nscore: 50\n---\nThe [[S1:famous|Jo]] [[C1|said]].")
    with pytest.raises(CorpusFormatError):
        parse_article("level: 9\nscore: 50\n---\nText.")


def test_stance_layer_spans_are_stances_outside_the_speech_layer():
    from scorer.corpus import STANCE_FILE, load_stance_rows

    rows = load_stance_rows(DATA.parent / STANCE_FILE)
    by_id = {a.id: a for a in ARTICLES}
    assert len(rows) >= 500 and {r[0] for r in rows} <= set(by_id)
    for aid, s, e, text in rows:
        art = by_id[aid]
        assert art.text[s:e] == text and text.strip() == text
        # not a speech cue, and not inside what a speech attribution reports
        assert not any(g.cue and g.cue[0] < e and s < g.cue[1] for g in art.attributions)
        assert not any(q[0] <= s and e <= q[1] for g in art.attributions for q in g.content)


def test_stance_layer_rejects_malformed_rows(tmp_path):
    from scorer.corpus import load_stance_cues

    bad = tmp_path / "stance.tsv"
    bad.write_text("article_id\tstart\tend\ttext\na01\tx\t4\twant\n", encoding="utf-8")
    with pytest.raises(CorpusFormatError, match="stance.tsv:2"):
        load_stance_cues(bad)
    assert load_stance_cues(tmp_path / "missing.tsv") == {}
