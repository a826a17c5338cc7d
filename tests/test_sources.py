"""Source typing (scorer.evidence.sources, attribution): numbered golden cases."""

import pytest
import texts
from evidence_helpers import evidence, only
from scorer.evidence import classify_source
from scorer.evidence.attribution import resolve_source
from scorer.evidence.mentions import MentionHistory


@pytest.mark.parametrize("text", [texts.ANONYMOUS, texts.FAMILIAR])
def test_08_anonymous_sources(text):
    # 8) "an unnamed official", "people familiar with the matter" -> anonymous
    assert only(text).source_type == "anonymous"


def test_09_vague_source():
    # 9) "Critics say" -> vague
    assert only(texts.VAGUE).source_type == "vague"


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("the Defense Department", "named_organization"),
        ("Pentagon spokesman John Reyes", "named_person"),
        ("a spokesman for the council", "anonymous"),
        ("some experts", "vague"),
        ("a report by the inspector general", "document"),
        ("Iraqi security sources", "anonymous"),
        ("many residents", "vague"),
        ("Sen. Ana Ortiz", "named_person"),
    ],
)
def test_18_source_types(phrase, expected):
    # 18) source typing of noun phrases
    assert classify_source(phrase.split()) == expected


def test_35_a_name_in_the_apposition_makes_the_source_named():
    # 35) "Another former councillor, Mayor Ana Ruiz," names her: the role before the comma does not
    a = only("Another former councillor, Mayor Ana Ruiz, said the bridge would reopen.")
    assert a.source_type == "named_person" and a.resolved_to == "Ana Ruiz"
    # the name before a role found first ("X, the chair of Y, for example, said") opens the source
    a = only("Brian Okafor, the chair of the county party, for example, said turnout was low.")
    assert a.source.text.startswith("Brian Okafor") and a.source_type == "named_person"


def test_36_unnamed_person_needs_a_person_noun():
    # 36) "the owner" is a person left unnamed; "a name" is not a person at all
    a = only("The owner said the shop would stay open.")
    assert a.source_type == "anonymous"
    assert resolve_source(["a", "name"], False, MentionHistory())[0] == "unresolved"
    assert resolve_source(["a", "bystander"], False, MentionHistory())[0] == "anonymous"
    # so "a name suggesting ..." credits no unnamed person
    assert evidence("The file carried a name suggesting the code came from abroad.").attributions == ()


def test_38_possessive_name_with_an_organisation_noun():
    # 38) "Ruiz's campaign", "Okafor's team" speak as organisations
    assert classify_source(["Ruiz's", "campaign"]) == "named_organization"
    a = only("Okafor's team thinks the levy will pass.")
    assert a.source_type == "named_organization"


def test_a_news_outlet_is_an_organisation_not_a_person():
    from scorer.evidence.sources import classify_source

    assert classify_source(["Politico"]) == "named_organization"
    assert classify_source(["The", "Hill"]) == "named_organization"
    assert classify_source(["The", "New", "York", "Times"]) == "named_organization"
    assert classify_source(["Hillary", "Clinton"]) == "named_person"  # a name that starts like an outlet is a person
