"""Quotation state and scope (scorer.evidence.quotes): numbered golden cases."""

import texts
from evidence_helpers import evidence, only


def test_12_quote_in_the_next_sentence_after_a_colon():
    # 12) 'Park was blunt:' then a quotation paragraph: colon cue, content is the quotation
    ev = evidence(texts.QUOTE_NEXT_SENTENCE)
    a = ev.attributions[0]
    assert a.cue.text == ":" and a.source.text == "Park"
    assert a.content.text.startswith('"This cannot go on.')
    assert ev.attributed_sentences == {0, 1}


def test_17_quotation_continuing_an_attribution_is_in_scope():
    # 17) a bare quotation after an attributed sentence is not an unattributed claim
    text = 'Lopez said the bridge was unsafe. "Nobody should drive on it until the repairs are done."'
    ev = evidence(text)
    assert ev.attributed_sentences == {0, 1}
    assert ev.assertions == ()


def test_19_mixed_quotation_marks_close():
    # 19) a curly opening mark closed by a straight one still ends the quotation
    a = only('“We will rebuild the pier before summer," Okafor said.')
    assert a.cue.text == "said" and a.source.text == "Okafor"
