"""Report invariants: schema v2, spans slice, counts equal evidence, determinism, round trip."""

import json

import pytest
import texts

SCHEMA_KEYS = ["schema_version", "scorer_version", "model", "article", "score", "level", "label", "reliability", "counts", "sentences",
               "excluded", "attributions", "sources", "hedges", "unattributed_assertions", "explanation", "warnings"]
COUNT_KEYS = ["sentences", "words", "attributions", "named_person", "named_organization", "document", "anonymous",
              "vague", "unresolved", "hedges", "unattributed_assertions"]
TYPES = {"named_person", "named_organization", "document", "anonymous", "vague", "unresolved"}
ALL_TEXTS = [getattr(texts, n) for n in dir(texts) if n.isupper()]


def check_report(text, d):
    assert list(d) == SCHEMA_KEYS
    assert d["schema_version"] == 2
    assert list(d["article"]) == ["id", "title", "url", "path"]
    assert all(v is None or isinstance(v, str) for v in d["article"].values())
    assert d["reliability"] is None or (isinstance(d["reliability"], str) and d["reliability"])
    assert 0 <= d["score"] <= 100 and 1 <= d["level"] <= 5
    assert d["label"] == {1: "opaque", 2: "weak", 3: "mixed", 4: "good", 5: "exemplary"}[d["level"]]
    assert list(d["counts"]) == COUNT_KEYS
    c = d["counts"]
    assert c["sentences"] == len(d["sentences"])
    assert c["attributions"] == len(d["attributions"])
    assert c["hedges"] == len(d["hedges"])
    assert c["unattributed_assertions"] == len(d["unattributed_assertions"])
    for t in TYPES:
        assert c[t] == sum(1 for a in d["attributions"] if a["source_type"] == t)
    assert sum(s["mentions"] for s in d["sources"]) == sum(1 for a in d["attributions"] if a["source"] is not None)
    for a in d["attributions"]:
        assert a["source_type"] in TYPES
        assert a["second_hand"] is (a["via"] is not None)
        for k in ("cue", "source", "content", "via"):
            if a[k] is not None:
                assert text[a[k]["start"] : a[k]["end"]] == a[k]["text"]
    for h in d["hedges"]:
        assert text[h["start"] : h["end"]] == h["text"]
    for e in d["excluded"]:
        assert text[e["start"] : e["end"]] == e["text"]
        for s in d["sentences"]:
            assert not (s["start"] < e["end"] and e["start"] < s["end"])
    for i, s in enumerate(d["sentences"]):
        assert s["index"] == i and 0 <= s["start"] < s["end"] <= len(text)
    unatt = {u["sentence"] for u in d["unattributed_assertions"]}
    assert unatt == {s["index"] for s in d["sentences"] if s["unattributed_assertion"]}
    for u in d["unattributed_assertions"]:
        assert not d["sentences"][u["sentence"]]["attributed"]
    check_why(d)


def check_why(d):
    """Every attributed sentence says why, every other says nothing; each attribution index names
    an attribution in the sentence or one whose content runs over it."""
    for s in d["sentences"]:
        assert bool(s["why"]) == s["attributed"], s
        for w in s["why"]:
            if isinstance(w, int):
                a = d["attributions"][w]
                c = a["content"]
                assert a["sentence"] == s["index"] or (c and c["start"] < s["end"] and s["start"] < c["end"])
            elif isinstance(w, dict):
                assert w["classifier"] == "reported speech" and 0.0 <= w["probability"] <= 1.0
            else:
                assert w in ("quotation", "continues")


@pytest.mark.parametrize("text", ALL_TEXTS + [None])
def test_invariants(text, shared_scorer, example_text):
    text = text or example_text
    rep = shared_scorer.score(text)
    check_report(text, rep.to_dict())


def test_json_round_trip_and_determinism(shared_scorer, example_text):
    a = shared_scorer.score(example_text).to_json()
    b = shared_scorer.score(example_text).to_json()
    assert a == b
    assert json.loads(a) == shared_scorer.score(example_text).to_dict()


def test_explanation_accounts_for_the_score(shared_scorer, example_text):
    rep = shared_scorer.score(example_text)
    total = sum(r.effect for r in rep.explanation)
    assert abs(rep.baseline + total - rep.score) < 1e-6
    # largest effect first; effects equal to 1e-6 (float noise of a tree model) are in name order
    effects = [round(abs(r.effect), 6) for r in rep.explanation]
    assert effects == sorted(effects, reverse=True)
    assert all(r.message for r in rep.explanation)


def test_library_score_equals_scorer(shared_scorer, example_text):
    import scorer

    assert scorer.score(example_text).to_dict() == shared_scorer.score(example_text).to_dict()


def test_renderers(shared_scorer, example_text):
    rep = shared_scorer.score(example_text)
    text = rep.to_text()
    assert f"{rep.score:.0f}/100" in text and "source" in text
    md = rep.to_markdown()
    assert md.startswith("## Sourcing transparency") and "| source" in md
    page = rep.to_html()
    assert page.startswith("<!DOCTYPE html>") and page.count("<mark") >= len(rep.attributions)
    assert "http://" not in page and "https://" not in page


def test_type_errors_and_empty():
    import scorer

    with pytest.raises(TypeError):
        scorer.score(b"bytes")
    with pytest.raises(scorer.EmptyArticleError):
        scorer.score("   \n ")
    with pytest.raises(scorer.EmptyArticleError):
        scorer.score("12\n34\n56")


def test_thread_safety(shared_scorer, example_text):
    from concurrent.futures import ThreadPoolExecutor

    want = shared_scorer.score(example_text).to_json()
    with ThreadPoolExecutor(4) as ex:
        got = list(ex.map(lambda _: shared_scorer.score(example_text).to_json(), range(8)))
    assert all(g == want for g in got)
