"""The pipeline (`scorer.Scorer`): input forms, errors, and how it wires the stages."""

import gc

import pytest
import scorer
from scorer import EmptyArticleError, Scorer
from scorer.pipeline import GC_PAUSE_MIN_CHARS

TEXT = ("The harbour board voted on Tuesday to delay the ferry terminal, its chair said. "
        "\u201cWe need a firmer price,\u201d said Dana Okafor, the board's chair.")


def test_html_is_read_as_the_cli_reads_it(shared_scorer):
    page = f"<html><body><nav><a href='/'>Home</a></nav><article><p>{TEXT}</p></article></body></html>"
    rep = shared_scorer.score(page)  # format="auto": an HTML page
    d = rep.to_dict()
    assert "Home" not in d["text"] and d["text"].startswith("The harbour board")
    assert shared_scorer.score(page, format="text").to_dict().get("text") is None


def test_options_are_keyword_only(shared_scorer):
    with pytest.raises(TypeError):
        shared_scorer.score(TEXT, ["a warning"])  # noqa  (positional warnings were the old signature)


@pytest.mark.parametrize("bad, exc", [(b"bytes", TypeError), ("", EmptyArticleError), ("   \n ", EmptyArticleError)])
def test_errors(shared_scorer, bad, exc):
    with pytest.raises(exc):
        shared_scorer.score(bad)


def test_unknown_format(shared_scorer):
    with pytest.raises(ValueError, match="format"):
        shared_scorer.score(TEXT, format="pdf")


def test_article_fields_and_warnings_reach_the_report(shared_scorer):
    d = shared_scorer.score(TEXT, id="a1", title="Ferry vote", url="https://example.org/a1", warnings=["decoded as Latin-1"]).to_dict()
    assert d["article"] == {"id": "a1", "title": "Ferry vote", "url": "https://example.org/a1", "path": None}
    assert "decoded as Latin-1" in d["warnings"]


def test_a_long_text_is_scored_with_the_collector_paused_and_restored(shared_scorer):
    long_text = (TEXT + "\n\n") * (GC_PAUSE_MIN_CHARS // len(TEXT) + 2)
    assert gc.isenabled()
    rep = shared_scorer.score(long_text)
    assert gc.isenabled() and rep.counts["sentences"] > 100
    gc.disable()
    try:  # a caller who disabled the collector finds it still disabled
        shared_scorer.score(long_text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_library_function_uses_one_shared_scorer():
    assert scorer.score(TEXT).to_json() == Scorer().score(TEXT).to_json()
