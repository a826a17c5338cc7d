"""Cue rule families (scorer.evidence.cues, verb_cues): numbered golden cases, one phenomenon each."""

import pytest
import texts
from evidence_helpers import evidence, only


def test_01_x_the_role_said():
    # 1) "X, the [role], said": source with apposition, content before it
    a = only(texts.SAID_AFTER)
    assert a.cue.text == "said"
    assert a.source.text == "Maria Lopez, the county engineer"
    assert a.source_type == "named_person" and a.resolved_to == "Maria Lopez"
    assert a.content.text == "The bridge will reopen in June"


def test_02_quote_then_said_x():
    # 2) '"...," said X, a role.': inverted order, no cue inside the quote
    a = only(texts.SAID_BEFORE)
    assert a.source.text == "Tom Reyes, a state inspector"
    assert a.content.text == "We found cracks in two of the piers"


def test_03_x_told_y():
    # 3) "Three officials told the Gazette that ..." -> anonymous, content after the recipient
    a = only(texts.TOLD)
    assert a.cue.text == "told" and a.source_type == "anonymous"
    assert a.content.text == "the plan had been shelved"


def test_04_according_to_organisation():
    # 4) "According to the Ministry of Transport, ..." -> named_organization
    a = only(texts.ACCORDING_TO)
    assert a.cue.text == "According to"
    assert a.source.text == "the Ministry of Transport"
    assert a.source_type == "named_organization"
    assert a.content.text.startswith("the line carried")


def test_05_citing_a_document():
    # 5) "citing a report by its auditors" -> document
    a = only(texts.CITING)
    assert a.cue.text == "citing" and a.source_type == "document"


def test_06_said_in_a_statement():
    # 6) "said in a statement" is one cue
    a = only(texts.STATEMENT)
    assert a.cue.text == "said in a statement"
    assert a.source_type == "named_organization"


def test_07_documents_show():
    # 7) "Records obtained by the Courier show that ..." -> document
    a = only(texts.DOCUMENT_SHOWS)
    assert a.cue.text == "show" and a.source_type == "document"


def test_10_passive_it_was_reported():
    # 10) "It was reported that ..." -> a cue with no source, vague
    a = only(texts.PASSIVE)
    assert a.source is None and a.source_type == "vague"
    assert a.content.text == "that the mayor had resigned"


def test_20_continued_after_a_quotation():
    # 20) "continued" reports speech when it closes or opens a quotation
    a = only('“The budget is tight this year,” Okafor continued.')
    assert a.cue.text == "continued" and a.resolved_to == "Okafor"
    assert evidence("The drought continued into the autumn months.").attributions == ()


def test_22_wanting_verb_with_an_object_clause():
    # 22) a wanting verb followed by its object and an infinitive
    a = only("Okafor wants voters to approve the library levy.")
    assert a.cue.text == "wants" and a.source.text == "Okafor"


def test_23_nouns_and_events_are_not_cues():
    # 23) "spoke at", "found itself", a question to the reader, "pledged delegates"
    for text in ("Okafor spoke at the harbour festival on Sunday.",
                 "The council found itself short of money in March.",
                 "Do you support the new ferry timetable?",
                 "The candidate won a majority of pledged delegates in the state."):
        assert evidence(text).attributions == (), text


def test_26_stance_aside_and_participle_after_comma():
    # 26) "X, they believe, is ..." and "..., calling him ..." after another cue of the same speaker
    a = only("His leverage, they believe, is not going anywhere.")
    assert a.cue.text == "believe" and a.source.text == "they"
    ev = evidence('Okafor repeated claims that Ruiz recites the same points, calling her a "talented speaker."')
    assert [x.cue.text for x in ev.attributions] == ["repeated", "calling"]
    assert {x.resolved_to for x in ev.attributions} == {"Okafor"}


def test_27_poll_and_point_of_view_openers():
    # 27) "In a ... poll, ..." credits the sentence to the poll; "To X, ..." to X's view
    a = only("In a Marist poll released Monday, 48 percent of voters backed the levy.")
    assert (a.cue.text, a.source.text, a.source_type) == ("In", "a Marist poll", "document")
    assert a.content.text == "48 percent of voters backed the levy"
    a = only("To Okafor, the council has lost its way.")
    assert (a.cue.text, a.source.text) == ("To", "Okafor")
    assert evidence("To stop the levy, the council must vote again.").attributions == ()
    assert evidence("To date, the council has spent $4 million.").attributions == ()


def test_28_learnt_inventory_forms_are_stance_cues():
    # 28) forms from the learnt inventory are cues under the stance-verb conditions
    from scorer import lexicon

    forms = lexicon.inventory_forms()
    assert forms and all(f.isalpha() and f == f.lower() for f in forms)
    assert all(lexicon.cue_forms()[f][0] in ("speech", "stance", "document") for f in forms)
    form = "slammed" if "slammed" in forms else forms[0]
    a = only(f"Okafor {form} the plan to close the pier.")
    assert a.cue.text == form and a.source.text == "Okafor"
    assert evidence(f"The {form} plan was dropped.").attributions == ()


def test_29_open_subject_lemmas():
    # 29) learnt lemmas take any plain noun phrase as their speaker, never after "is/was" (passive)
    from scorer import lexicon

    lemmas = lexicon.open_subject_lemmas()
    assert lemmas and lemmas <= {lem for _, lem in lexicon.cue_forms().values()}
    assert "warn" in lemmas
    a = only("The harbour team warned that the pier would close.")
    assert (a.cue.text, a.source.text) == ("warned", "The harbour team")
    assert evidence("The closure is believed to have cost the port a million dollars.").attributions == ()


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ("Okafor relentlessly attacked the levy from the council floor.", "attacked", "Okafor"),
        ("He\u2019s hoping the governor\u2019s endorsement will help.", "hoping", "He\u2019s"),
        ("Ruiz is hoping to win the county.", "is hoping", "Ruiz"),
        ("The family said the pier should stay open.", "said", "The family"),
    ],
)
def test_31_adverbs_contractions_and_progressives(text, cue, source):
    # 31) an -ly adverb between subject and verb, a pronoun contracted with its auxiliary, and a
    # progressive thinking/wanting verb; "family" is a noun, not an adverb
    a = only(text)
    assert (a.cue.text, a.source.text) == (cue, source)


def test_32_nouns_that_look_like_cues():
    # 32) "by five points", "thanks to", "a written statement", "maintained support among"
    for text in ("Okafor leads Ruiz by five points in the county.",
                 "Revealed: The Pier Will Reopen On Sunday.",
                 "Wow: the ferry ran on time all week.",
                 "Thanks to the storm, the pier closed early.",
                 "Ruiz has maintained support among older voters in the county."):
        assert evidence(text).attributions == (), text
    a = only("Okafor pointed out that the pier had closed twice.")
    assert a.cue.text == "pointed out"


def test_34_called_it():
    # 34) "X called it Y" names X's view; "called it a day" and "call it quits" do not
    a = only("Okafor called it predatory.")
    assert (a.cue.text, a.source.text) == ("called", "Okafor")
    a = only('That led to what aide Jana Ruiz called "the beginning of a new era."')
    assert a.source.text == "aide Jana Ruiz"
    assert evidence("After a long week, Okafor called it a day.").attributions == ()


def test_40_adjunct_after_an_inverted_speaker_is_not_part_of_the_name():
    # 40) '"...," said Lopez on Monday' / 'said Trump in his speech': the source is the name alone
    a = only("“We will fix the roads,” said Lopez on Monday.")
    assert a.source.text == "Lopez"
    a = only("“We will fix the roads,” said Okafor in his speech.")
    assert a.source.text == "Okafor"


def test_41_an_ing_word_inside_a_noun_phrase_is_no_cue():
    # 41) "a long serving teacher": "serving" modifies a noun; "said" is the cue
    a = only("Sexton, a long serving teacher, said the course would run again.")
    assert a.cue.text == "said" and a.source.text.startswith("Sexton")
    # a participle after a noun still reports: "a statement Wednesday saying ..."
    a = only("The town released a statement Wednesday saying the pier was safe.")
    assert a.cue.text == "saying" and a.source_type == "document"


def test_42_a_negative_subject_credits_nobody():
    # 42) "No one has claimed responsibility", "Nobody said ...": no source is credited
    for text in ("No one has claimed responsibility for the blast.", "Nobody said the vote was rigged.",
                 "No group claimed the attack on the depot."):
        assert evidence(text).attributions == (), text


def test_evidence_spans_slice(example_text):
    ev = evidence(example_text)
    assert ev.attributions
    for a in ev.attributions:
        for sp in (a.cue, a.source, a.content):
            if sp is not None:
                assert example_text[sp.start : sp.end] == sp.text
    for h in ev.hedges:
        assert example_text[h.start : h.end] == h.text


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ("Asked whether the ferry would run in winter, the harbour master shrugged.", "Asked", None),
        ("The harbour master was asked if the ferry would run in winter.", "was asked", None),
        ("Asked by a reporter whether the ferry would run, the harbour master shrugged.", "Asked", "a reporter"),
    ],
)
def test_asked_question_credits_the_asker_only_when_named(text, cue, source):
    # 2b) "Asked whether ...", "X was asked if ...": a cue whose asker is unnamed (X is asked, not
    # asking); "Asked by Y" names the asker
    a = only(text)
    assert a.cue.text == cue
    assert (a.source.text if a.source else None) == source
    assert a.content.text.startswith(("whether", "if"))


def test_asked_question_keeps_the_answer_apart():
    # 2b) "When asked about X, Y said Z": the question and the answer are two attributions
    cues = [(a.cue.text, a.source.text if a.source else None)
            for a in evidence("When asked about the ferry, Ms. Okafor said it would run all year.").attributions]
    assert cues == [("asked", None), ("said", "Ms. Okafor")]
    # a plain request is no question frame: "asked" with its asker before it stays a speech verb
    a = only("Ms. Okafor asked the council to delay the vote.")
    assert (a.cue.text, a.source.text) == ("asked", "Ms. Okafor")


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Ms. Okafor went on to say that the ferry would run all year.", "went on to say"),
        ("Ms. Okafor continued to insist that the ferry would run all year.", "continued to insist"),
    ],
)
def test_cue_verb_carried_on_by_went_on_to(text, cue):
    # a cue verb after "went on to" / "continued to" is a cue, the phrase's subject its source
    a = only(text)
    assert (a.cue.text, a.source.text) == (cue, "Ms. Okafor")
    assert a.content.text == "the ferry would run all year"
    # a plain infinitive stays no cue of its own
    assert [x.cue.text for x in evidence("Ms. Okafor wants to say more about the ferry.").attributions] == ["wants"]


@pytest.mark.parametrize("text, cue", [
    ("Okafor charges that the council hid the true cost of the levy from voters.", "charges"),
    ("In a fiery speech, Okafor charged that the council had hidden the cost.", "charged"),
    ("Police charged Okafor with fraud on Monday.", None),  # an indictment, not an accusation reported
    ("The council charges five pounds for parking on the pier.", None),
    ("The charges against Okafor were dropped in May.", None),
])
def test_charge_reports_an_accusation_only_with_that(text, cue):
    found = [a.cue.text for a in evidence(text).attributions]
    assert found == ([cue] if cue else []), text
