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
    from scorer.claims import credits_source

    for u in d["unattributed_assertions"]:
        # A flagged sentence credits no source: it may hold only stance attributions ("hopes",
        # "opposes") or the reported-speech classifier's reading, never a quotation or a speech cue.
        for w in d["sentences"][u["sentence"]]["why"]:
            assert isinstance(w, dict) or (isinstance(w, int) and not credits_source(d["attributions"][w]["cue"]["text"]))
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


# -- schema v2 fields, reliability, views ------------------------------------------------------
SECOND_HAND = "The harbour master told Reuters that the pier would close. The ferry company said it was not told."
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore "
         "magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo "
         "consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.")


def test_via_and_second_hand(shared_scorer):
    d = shared_scorer.score(SECOND_HAND).to_dict()
    vias = [a["via"] for a in d["attributions"] if a["second_hand"]]
    assert [v["text"] for v in vias] == ["Reuters"]
    assert all(SECOND_HAND[v["start"] : v["end"]] == v["text"] for v in vias)


@pytest.mark.parametrize("text, fragment", [
    ("Hello.", "too short"),
    ("The mayor resigned on Friday.", "too short"),
    (LOREM, "does not read as English"),
    (None, "HTML tag"),
    (None, "annotation"),
])
def test_reliability_note_in_every_view(shared_scorer, example_text, text, fragment):
    if text is None:
        name = "Harold Fenn"
        assert name in example_text
        text = example_text.replace(name, f"<b>{name}</b>" if "HTML" in fragment else f"[[S1:person|{name}]]")
    rep = shared_scorer.score(text, format="text")
    assert rep.reliability and fragment in rep.reliability
    assert rep.to_dict()["reliability"] == rep.reliability
    for view in (rep.to_text(), rep.to_markdown(), rep.to_html()):
        note = view.find(rep.reliability[:30])
        assert 0 <= note < view.find("Why"), view[:300]


def test_example_is_reliable(shared_scorer, example_text):
    assert shared_scorer.score(example_text).reliability is None


def test_language_warning_above_the_reasons(shared_scorer):
    rep = shared_scorer.score(LOREM + " " + LOREM)
    assert any("may not be English" in w for w in rep.warnings)
    for view in (rep.to_text(), rep.to_markdown()):
        assert view.find("not read as English") < view.find("Why")


def test_format_html_and_auto(shared_scorer, example_text):
    import scorer

    page = "<!DOCTYPE html><html><body><article>" + "".join(f"<p>{p}</p>" for p in example_text.split("\n\n")) + "</article></body></html>"
    auto = scorer.score(page)
    assert auto.to_dict() == scorer.score(page, format="html").to_dict()
    d = auto.to_dict()
    assert "text" in d and "<p>" not in d["text"] and auto.reliability is None
    check_report(d["text"], {k: v for k, v in d.items() if k != "text"})
    as_text = scorer.score(page, format="text")
    assert as_text.reliability and "HTML tag" in as_text.reliability
    with pytest.raises(ValueError):
        scorer.score(example_text, format="pdf")


def test_article_fields_and_repr(shared_scorer, example_text):
    rep = shared_scorer.score(example_text, id="a1", title="Ferry terminal", url="https://example.org/x", path="x.txt")
    assert rep.to_dict()["article"] == {"id": "a1", "title": "Ferry terminal", "url": "https://example.org/x", "path": "x.txt"}
    r = repr(rep)
    assert "\n" not in r and len(r) < 300 and "Ferry terminal" in r and f"{rep.score:.1f}" in r
    for view in (rep.to_text(), rep.to_markdown(), rep.to_html()):
        assert "Ferry terminal" in view and "x.txt" in view and rep.model_sha256[:12] in view and rep.date in view


def test_cli_json_names_the_file_and_json_input(tmp_path):
    from conftest import EXAMPLE, run_cli

    d = json.loads(run_cli("score", str(EXAMPLE), "--format", "json").stdout)
    assert d["article"] == {"id": None, "title": None, "url": None, "path": str(EXAMPLE)}
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"id": "n7", "title": "T", "url": "u", "text": EXAMPLE.read_text()}))
    d = json.loads(run_cli("score", str(p), "--format", "json").stdout)
    assert d["article"] == {"id": "n7", "title": "T", "url": "u", "path": str(p)}


def test_explanations_are_true_and_link_their_sentences(shared_scorer, example_text):
    from scorer.report import is_direct_quotation

    rep = shared_scorer.score(example_text)
    d = rep.to_dict()
    by = {r.feature: r for r in rep.explanation}
    for r in rep.explanation:
        assert "raises" not in r.message and "lowers" not in r.message
        if r.baseline is not None and "the average article" in r.message and "about the same" not in r.message:
            more = any(w in r.message for w in ("more", "higher"))
            assert more == (r.value > r.baseline), r.message
    assert list(by["attributed_sentence_share"].sentences) == [s["index"] for s in d["sentences"] if s["attributed"]]
    quotes = sorted({a.sentence for a in rep.attributions if is_direct_quotation(rep.text, a.content)})
    assert list(by["quote_share"].sentences) == quotes
    assert len([a for a in rep.attributions if is_direct_quotation(rep.text, a.content)]) / len(rep.attributions) == pytest.approx(by["quote_share"].value)
    assert list(by["unattributed_share"].sentences) == [u["sentence"] for u in d["unattributed_assertions"]]
    assert list(by["hedges_per_sentence"].sentences) == sorted({h["sentence"] for h in d["hedges"]})


def test_same_value_same_effect(shared_scorer, example_text):
    """The linear model: a feature's effect depends on its value alone, never on the article."""
    a = {r.feature: r for r in shared_scorer.score(example_text).explanation}
    b = {r.feature: r for r in shared_scorer.score(texts.UNATTRIBUTED + " " + texts.VAGUE).explanation}
    same = [f for f in a if a[f].value == b[f].value]
    assert same and all(a[f].effect == pytest.approx(b[f].effect) for f in same)


def test_text_view_lists_claims_and_hedges(shared_scorer, example_text):
    rep = shared_scorer.score(example_text)
    text = rep.to_text()
    assert rep.assertions and rep.hedges
    for a in rep.assertions:
        assert rep.sentence_text(a.sentence) in text
    for h in rep.hedges:
        assert repr(h.text) in text


def test_train_and_evaluate_say_what_they_need(tmp_path):
    """Without the repository's training data (as from an installed package), one line saying so."""
    from conftest import run_cli

    for cmd in ("train", "evaluate"):
        r = run_cli(cmd, "--data", str(tmp_path))
        err = r.stderr.decode()
        assert r.returncode == 2 and err.count("\n") == 1 and "training_data" in err and "Traceback" not in err


def test_wording_reason_names_its_words_and_links_the_sentences_holding_them(shared_scorer, example_text):
    import re

    rep = shared_scorer.score(example_text)
    reason = next(r for r in rep.explanation if r.feature == "wording")
    assert "most telling words:" in reason.message
    words = re.findall(r"'([^']+)'", reason.message.split("most telling words:")[1])
    assert words and reason.sentences
    bodies = [rep.text[s.start:s.end].lower() for s in rep.sentences]
    # Every linked sentence holds one of the named words, and every named word is in a linked sentence.
    assert all(any(re.search(rf"\b{re.escape(w)}\b", bodies[k]) for w in words) for k in reason.sentences)
    assert all(any(re.search(rf"\b{re.escape(w)}\b", bodies[k]) for k in reason.sentences) for w in words)


def test_claim_links_are_exactly_the_flagged_sentences(shared_scorer, example_text):
    rep = shared_scorer.score(example_text)
    flagged = {u.sentence for u in rep.assertions}
    by = {r.feature: r for r in rep.explanation}
    assert flagged and set(by["unsourced_claim_share"].sentences) == flagged
    # No flagged sentence credits a source by a speech cue or a quotation.
    assert not any(isinstance(w, int) and rep.attributions[w].cue.text.lower() in ("said", "says", "told")
                   for k in flagged for w in rep.sentences[k].why)


def test_a_flagged_sentence_that_holds_a_stance_is_not_listed_as_sourced(shared_scorer, example_text):
    import re

    rep = shared_scorer.score(example_text)
    both = [s.index for s in rep.sentences if s.why and s.unattributed_assertion]
    assert both, "the example article has a sentence found by the classifier or a stance yet flagged"
    page = rep.to_html()
    sourced = page.split("Why each sentence counts as sourced", 1)[1].split("Found, but crediting no source", 1)[0]
    apart = page.split("Found, but crediting no source", 1)[1].split("</details>", 1)[0]
    for k in both:
        assert f'href="#s{k}"' not in sourced and f'href="#s{k}"' in apart
        tip = re.search(rf'id="s{k}" data-sentence="{k}"><a class="sn" href="#s{k}" title="([^"]*)"', page).group(1)
        assert "credits no source" in tip


def test_a_line_of_only_a_soft_hyphen_is_no_claim(shared_scorer):
    text = "The bridge reopened on Monday, the mayor said.\n\n\u00ad\n\nThe toll rose to four dollars last year."
    rep = shared_scorer.score(text)
    for u in rep.assertions:
        assert any(c.isalnum() for c in rep.sentence_text(u.sentence))


def test_second_hand_reason_counts_per_sentence_and_links_its_sentences(shared_scorer):
    text = ("The minister told Reuters that the plan would go ahead in spring. "
            "The cost has doubled since the survey, the engineer said. "
            "Work will begin in April, the council said in a statement.")
    rep = shared_scorer.score(text)
    reason = next(r for r in rep.explanation if r.feature == "second_hand_per_sentence")
    assert reason.message.startswith(f"1 attributions in {len(rep.sentences)} sentences pass on another outlet's reporting")
    assert reason.sentences == (0,)
