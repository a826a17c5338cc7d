"""The seed article (a real news article kept outside the repository), read as a user would.

Skips cleanly when ../shared/seeds/drone-article.txt is not beside the checkout.
"""

import json

import pytest
from conftest import DRONE, run_cli

pytestmark = pytest.mark.skipif(not DRONE.is_file(), reason=f"seed article not present at {DRONE}")


@pytest.fixture(scope="module")
def report():
    r = run_cli("score", str(DRONE), "--format", "json")
    assert r.returncode == 0, r.stderr
    return DRONE.read_text(encoding="utf-8"), json.loads(r.stdout), r.stdout


def _types(d):
    return {a["source"]["text"]: a["source_type"] for a in d["attributions"] if a["source"]}


def test_anonymous_sources(report):
    _, d, _ = report
    types = _types(d)
    for phrase in ("Iraqi security sources", "an unnamed U.S. official", "Pentagon officials"):
        assert types.get(phrase) == "anonymous", (phrase, types)


def test_named_sources(report):
    _, d, _ = report
    types = _types(d)
    assert any(k.startswith("Agnes Callamard") and v == "named_person" for k, v in types.items())
    assert types.get("the Defense Department") == "named_organization"
    assert types.get("the New York Times") == "named_organization"
    callamard = [s for s in d["sources"] if s["name"] == "Agnes Callamard"]
    assert callamard and callamard[0]["mentions"] == 2  # "Callamard wrote" resolves to her


def test_hedges(report):
    _, d, _ = report
    assert {"reportedly", "allegedly"} <= {h["text"] for h in d["hedges"]}


def test_spans_slice_and_sentences(report):
    text, d, _ = report
    for a in d["attributions"]:
        for k in ("cue", "source", "content"):
            if a[k]:
                assert text[a[k]["start"] : a[k]["end"]] == a[k]["text"]
    for s in d["sentences"]:
        sent = text[s["start"] : s["end"]]
        assert not sent.endswith("U.S."), sent
        for residue in ("In Other News", "Load More", "Marine Corps veteran"):
            assert residue not in sent
    reasons = {e["text"]: e["reason"] for e in d["excluded"]}
    assert reasons.get("In Other News") == "navigation" and reasons.get("Load More") == "navigation"
    assert any(r == "bio" for r in reasons.values())


def test_deterministic_and_equal_to_library(report):
    import scorer

    text, d, raw = report
    again = run_cli("score", str(DRONE), "--format", "json").stdout
    assert again == raw
    assert scorer.score(text, path=str(DRONE)).to_dict() == d
