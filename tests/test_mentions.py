"""Mention history and resolution (scorer.evidence.mentions): numbered golden cases."""

import texts
from evidence_helpers import evidence, only


def test_11_pronoun_chain_is_one_named_source():
    # 11) "she said", "she added" resolve to Nadia Park: one source, three mentions
    ev = evidence(texts.PRONOUN_CHAIN)
    assert [a.resolved_to for a in ev.attributions] == ["Nadia Park"] * 3
    assert all(a.source_type == "named_person" for a in ev.attributions)
    assert [(s.name, s.type, s.mentions) for s in ev.sources] == [("Nadia Park", "named_person", 3)]


def test_13_unresolved_pronoun():
    # 13) a pronoun with no earlier person is unresolved
    a = only("He said the vote would be delayed.")
    assert a.source_type == "unresolved" and a.resolved_to is None


def test_39_epithet_refers_back_to_the_last_named_person():
    # 39) "the candidate said" after a named candidate is that person
    ev = evidence("Ana Ruiz toured the harbour on Monday. The candidate said the ferry needs new boats.")
    a = ev.attributions[-1]
    assert a.source_type == "named_person" and a.resolved_to == "Ana Ruiz"
