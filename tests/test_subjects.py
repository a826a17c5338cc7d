"""Subjects and noun phrases (scorer.evidence.subjects, phrases): numbered golden cases."""

import pytest
from evidence_helpers import only
from scorer.evidence import classify_source
from scorer.evidence.sentences import read_sentences
from scorer.evidence.subjects import clause_subject
from scorer.segment import segment


def test_21_plain_noun_phrase_speakers():
    # 21) any plain noun phrase before said/told is an unnamed speaker, typed by its shape
    a = only("Nine in 10 said the ferry fares were too high.")
    assert a.source.text == "Nine in 10" and a.source_type == "vague"
    a = only("Another said the market should stay open on Sundays.")
    assert a.source_type == "anonymous"
    # after a noun, a participle of "say" belongs to that noun (here a document), not to a new speaker
    a = only("The council put up a notice saying the pool would close.")
    assert a.source.text == "a notice" and a.source_type == "document"


def test_24_compound_document_source():
    # 24) "according to press reports": the source keeps its plural noun
    a = only("The pier will close in May, according to press reports.")
    assert a.source.text == "press reports"


@pytest.mark.parametrize(
    "text, cue, source, typ",
    [
        ("On the budget, 42% say they are satisfied with the council.", "say", "42%", "vague"),
        ("Fares rose again, and one in five say they are too high.", "say", "one in five", "vague"),
        ("The levy angered council members who say the rate is too high.", "say", "council members who", "anonymous"),
        ("Jana Ruiz — a teacher from Mount Pleasant — says she made a late decision.", "says",
         "Jana Ruiz — a teacher from Mount Pleasant", "named_person"),
        ("Sen. Ana Ortiz (a Democrat who once ran the port authority) says the bill is dead.", "says",
         "Sen. Ana Ortiz (a Democrat who once ran the port authority)", "named_person"),
        ("Mayor Okafor Tells Council The Pier Will Reopen In May.", "Tells", "Mayor Okafor", "named_person"),
        ("Polls there show Okafor trailing Ruiz ahead of the vote.", "show", "Polls there", "document"),
        ("Many believe the council has already lost the argument.", "believe", "Many", "vague"),
    ],
)
def test_25_subjects_of_many_shapes(text, cue, source, typ):
    # 25) percentages, "one in five", relative clauses, dashed and bracketed asides, headlines,
    # capitalised document words and lone quantifiers as the subjects of cues
    a = only(text)
    assert (a.cue.text, a.source.text, a.source_type) == (cue, source, typ)


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ('"The plan will fail," Ana Ruiz, director of the Harbor Project at the Coastal Institute, said.', "said",
         "Ana Ruiz, director of the Harbor Project at the Coastal Institute"),
        ("\u201cWho pays for the new bridge?\u201d said Okafor, using a phrase Ruiz had used.", "said", "Okafor"),
        ("The mayor left no doubt about her plans for the pier, saying that it must reopen.", "saying", "The mayor"),
        ("He proceeded to attack the plan, saying it would fail.", "saying", "He"),
        ("A third said the fares were too high.", "said", "A third"),
    ],
)
def test_30_long_asides_split_quotes_and_clause_subjects(text, cue, source):
    # 30) a capitalised cue word inside an aside does not end it; a quotation ending in "?" does
    # not end the sentence before "said X"; ", saying" finds the clause's subject
    a = only(text)
    assert (a.cue.text, a.source.text) == (cue, source)


def test_33_clause_subject_does_not_stop_inside_a_compound():
    # 33) the subject found for a later verb of the clause is never cut inside a compound:
    # "hundreds of Ohio-based" alone would type as a named person
    (s,) = read_sentences(segment("On Sunday, hundreds of Ohio-based ferry riders gathered at the pier to protest the closure and chant slogans."))
    assert classify_source(["hundreds", "of", "Ohio-based"]) == "named_person"
    assert clause_subject(s, s.low.index("and")) is None
    # a shortened opening is kept where a verb starts ("Ohio-based union members gathered")
    (s,) = read_sentences(segment("On Sunday, Ohio-based union members gathered at the pier and chanted slogans."))
    assert s.words(*clause_subject(s, s.low.index("and"))) == ["Ohio-based", "union", "members"]


def test_37_message_noun_before_a_participle_credits_the_clause_subject():
    # 37) "Okafor sent back a reply saying ...": the reply is Okafor's
    a = only("Later that day, Okafor sent back a reply saying he would not back the levy.")
    assert a.cue.text == "saying" and a.source.text == "Okafor" and a.source_type == "named_person"
