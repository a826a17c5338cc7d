"""Transcripts and interviews (scorer.evidence.transcripts): turns are the speakers' own words."""

from evidence_helpers import evidence

from scorer.claims import credited_sentences
from scorer.evidence.transcripts import find_turns
from scorer.pipeline import score
from scorer.segment import segment
from scorer.types import TRANSCRIPT
from scorer.voice import read_voice

BRACKETED = """The harbour ferry will run again next month after a year in dry dock.

Harbour master Lena Ortiz spoke to the Gazette about the repairs.

((Gazette)) When did the work start?

((Lena Ortiz)) The hull was opened in March. Welders replaced forty plates and the engines were rebuilt.

((Gazette)) What will the first crossing carry?

((Lena Ortiz)) Mostly commuters. The timetable keeps the old departure times.
"""

QA = """Mayor Ben Cole sat down with the Gazette this week to talk about the budget.

Q: Why did the library lose its Sunday hours?

A: The council cut every department by four percent. The library board chose the day.
More money would also reopen the branch on Elm Street.

Q: Will the hours come back?

A: Next year, if the levy passes. The board hopes so.
"""

# A short interview in the middle of a story, and the story going on after it.
MID_STORY = """The river rose two metres overnight and closed the lower bridge.

Fire chief Dana Holt answered questions from reporters at the station.

Q: How many homes were evacuated?

A: About forty, all on the east bank.

Q: When will the bridge reopen?

A: Not before the water drops.

The governor declared an emergency for the county on Tuesday. Schools stayed shut.
"""

# Section headings that name teams, and the writer's own questions: no one speaks twice.
TEAM_HEADINGS = """Both sides have questions to answer before the derby.

Liverpool: can the defence hold without its captain?

The back line has conceded in every away game this season.

Chelsea: where will the goals come from?

Only one striker has scored since the spring.
"""

# Only the interviewer's questions are labelled; the answers follow on their own lines.
UNLABELLED_ANSWERS = """Biologist Ada Marsh studies river otters in the valley.

((WN)) How many otters live in the river now?

About sixty, up from twelve a decade ago. The dams came down in 2015.

((WN)) What changed for them?

The water is colder and the fish came back first.
"""

# A roundup listing the questions it put, with the answers left out: the report goes on after them.
QUESTIONS_ONLY = """The county fair opened on Friday with a record number of stalls.

The Gazette put three questions to the fair's director, Omar Reyes.

((Gazette)) How many stalls are there this year?

((Gazette)) Who judges the livestock?

((Gazette)) What will the tickets cost?

The fair closes on Sunday night. Parking is free at the north gate.
"""

# Section headings that open with a name and a colon: no questions are put, no transcript.
HEADINGS = """Here is what each candidate needs on Tuesday.

Sanders: Win by a wide margin.

He leads every poll in the state by double digits.

Clinton: Keep it close.

A narrow loss would still count as a comeback.
"""


def _texts(text, turns):
    seg = segment(text)
    return [" ".join(seg.sentences[i].text for i in t.sentences) for t in turns]


def test_bracketed_labels_make_every_line_a_turn_and_name_the_speaker():
    turns = find_turns(segment(BRACKETED))
    said = _texts(BRACKETED, turns)
    assert len(turns) == 4
    assert [t.question for t in turns] == [True, False, True, False]
    assert said[1].startswith("((Lena Ortiz)) The hull") and said[1].endswith("rebuilt.")
    ev = evidence(BRACKETED)
    speakers = [a for a in ev.attributions if a.source is not None and a.source.text == "Lena Ortiz"]
    assert len(speakers) == 2 and all(a.source_type == "named_person" for a in speakers)
    assert speakers[0].content.text.startswith("The hull") and speakers[0].content.text.endswith("rebuilt")


def test_turn_sentences_are_credited_and_never_unsourced_claims():
    ev = evidence(BRACKETED)
    seg = segment(BRACKETED)
    turn_sents = {i for t in find_turns(seg) for i in t.sentences}
    assert turn_sents and turn_sents <= credited_sentences(ev)
    assert turn_sents.isdisjoint(a.sentence for a in ev.assertions)
    # the introduction is not part of the interview
    assert 0 not in turn_sents


def test_q_and_a_labels_and_a_line_between_turns_go_on_with_the_answer():
    seg = segment(QA)
    turns = find_turns(seg)
    assert [t.question for t in turns] == [True, False, False, True, False]
    between = turns[2]
    assert seg.sentences[between.sentences[0]].text.startswith("More money")
    ev = evidence(QA)
    assert ev.why[between.sentences[0]] == (TRANSCRIPT,)


def test_a_stance_verb_inside_an_answer_keeps_the_turn_credited():
    ev = evidence(QA)
    seg = segment(QA)
    hopes = next(s.index for s in seg.sentences if s.text.startswith("The board hopes"))
    assert TRANSCRIPT in ev.why[hopes]
    assert hopes in credited_sentences(ev)
    assert hopes not in {a.sentence for a in score(QA).assertions}


def test_the_story_after_an_interview_is_the_articles_own_again():
    seg = segment(MID_STORY)
    turned = {i for t in find_turns(seg) for i in t.sentences}
    after = [s.index for s in seg.sentences if s.text.startswith(("The governor", "Schools"))]
    assert len(turned) == 4 and after and turned.isdisjoint(after)


def test_headings_with_the_writers_own_questions_are_not_a_transcript():
    assert find_turns(segment(TEAM_HEADINGS)) == []


def test_labels_after_windows_line_ends_and_a_no_break_space():
    text = QA.replace("\n", "\r\n").replace("Q: ", "Q:\u00a0").replace("A: ", "A:\u00a0")
    assert [t.question for t in find_turns(segment(text))] == [True, False, False, True, False]
    bold = QA.replace("Q: ", "**Q:** ").replace("A: ", "**A:** ")
    assert len(find_turns(segment(bold))) == 5


def test_a_long_transcript_keeps_every_turn():
    text = "The Gazette spoke to the mayor.\n\n" + "Q: Is it ready?\n\nA: Not yet, she said.\n\n" * 3000
    turns = find_turns(segment(text))
    assert len(turns) == 6000 and [t.question for t in turns[:4]] == [True, False, True, False]
def test_unlabelled_answers_after_labelled_questions_are_turns():
    seg = segment(UNLABELLED_ANSWERS)
    turned = {i for t in find_turns(seg) for i in t.sentences}
    answer = next(s.index for s in seg.sentences if s.text.startswith("About sixty"))
    assert answer in turned and 0 not in turned
    rep = score(UNLABELLED_ANSWERS)
    flagged = {a.sentence for a in rep.assertions}
    assert answer not in flagged


def test_questions_with_no_answers_between_them_leave_the_next_lines_to_the_article():
    seg = segment(QUESTIONS_ONLY)
    turns = find_turns(seg)
    assert len(turns) == 3 and all(t.question for t in turns)
    after = next(s.index for s in seg.sentences if s.text.startswith("The fair closes"))
    assert after not in {i for t in turns for i in t.sentences}


def test_name_headings_without_questions_are_not_turns():
    assert find_turns(segment(HEADINGS)) == []
    ev = evidence(HEADINGS)
    assert TRANSCRIPT not in {w for why in ev.why.values() for w in why}


def _own_words(text):
    seg = segment(text)
    return read_voice(seg, evidence(text)).own_words


def test_a_turn_is_not_the_articles_own_voice():
    plain = QA.replace("Q: ", "").replace("A: ", "")
    assert _own_words(QA) < _own_words(plain)
    assert score(QA).counts["unattributed_assertions"] < score(plain).counts["unattributed_assertions"]


def test_why_text_names_the_transcript():
    rep = score(UNLABELLED_ANSWERS)
    k = next(s.index for s in rep.sentences if UNLABELLED_ANSWERS[s.start:s.end].startswith("About sixty"))
    assert "transcript or interview" in rep.why_text(k)
    assert "transcript" in rep.to_dict()["sentences"][k]["why"]
