"""The segmenter's Punkt (scorer.sentence_breaks): its shortcut decides every candidate boundary as
Punkt's own annotation passes do, so sentences are split exactly as before."""

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st
from punkt import PunktSentenceTokenizer

from scorer.corpus import load_corpus
from scorer.segment import _body_and_residue, _punkt
from scorer.sentence_breaks import AbbreviationPunkt

ROOT = Path(__file__).resolve().parent.parent


def _library_decision(tok, context):
    """Punkt's own decision, without the shortcut (the method the shortcut overrides)."""
    return PunktSentenceTokenizer._context_has_sentbreak(tok, context)


def _paragraphs():
    texts = [a.text for a in load_corpus(ROOT / "training_data" / "articles")]
    dev = os.environ.get("SCORER_POLNEAR_DEV")
    if dev and Path(dev).is_file():
        with open(dev, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    for text in texts:
        body, _ = _body_and_residue(text)
        yield from (text[s:e] for s, e in body)


def test_shortcut_decides_as_punkt_on_the_corpus():
    tok = _punkt()
    assert isinstance(tok, AbbreviationPunkt) and tok._shortcut
    library = PunktSentenceTokenizer(tok.params, rules=tok.rules)
    contexts = decided = 0
    for para in _paragraphs():
        for cand in tok._boundaries.detect(para):
            contexts += 1
            decided += tok._shortcut_decision(cand.context) is not None
            assert tok._context_has_sentbreak(cand.context) == _library_decision(tok, cand.context), cand.context
        assert list(tok.span_tokenize(para)) == list(library.span_tokenize(para))
    # Most boundaries in news text take the shortcut (86% on PolNeAR dev).
    assert contexts > 1000 and decided > contexts / 2


# Contexts built from the characters the shortcut reads: letters, abbreviations, the three marks,
# quotes and brackets, digits, number punctuation and several kinds of space.
_PIECES = st.sampled_from(["a", "Z", "said", "Mr", "mr", "Gen", "U", "S", "No", "e", "g", ".", "?", "!", '"', "“", "”",
                           "'", "’", "(", ")", "1", "-", ",", ":", " ", "  ", "\n", "\t", "\u00a0", "\u2009", "..."])


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
@example("Mr. Smith.)")  # after an abbreviation, a later period that breaks (the shortcut leaves it to Punkt)
@example("Mr. Smith?\"")
@example("No. 5")
@example("said. 5")
@example("etc. The")
@example("Wow?!")
@example("aa.\t.\t.")  # found by Hypothesis in CI: spaces then punctuation after the period
def test_shortcut_decides_as_punkt_on_any_string(context):
    tok = _punkt()
    assert tok._context_has_sentbreak(context) == _library_decision(tok, context)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join))
def test_spans_as_punkt(text):
    tok = _punkt()
    assert list(tok.span_tokenize(text)) == list(PunktSentenceTokenizer(tok.params, rules=tok.rules).span_tokenize(text))
