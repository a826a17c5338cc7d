"""Golden cases: the content of a speech attribution is the reported statement (quote or clause),
never an opening adverbial or a neighbouring "According to X" frame (issue 15). Sentences written
for the project; each case names the phenomenon."""

import pytest
from scorer.evidence import extract
from scorer.segment import segment

# (number, phenomenon, sentence, cue, expected content)
CASES = [
    (1, "time adverbial before the subject", "Late on Tuesday, the harbour master said the channel would reopen by Friday.",
     "said", "the channel would reopen by Friday"),
    (2, "place adverbial before the subject", "In a packed town hall, Mayor Ines Duarte said the levy would be cut next year.",
     "said", "the levy would be cut next year"),
    (3, "'According to X' frame before a second speaker", "According to the Gazette, a council aide said the vote had been delayed twice.",
     "said", "the vote had been delayed twice"),
    (4, "subordinate clause before the subject", "After the meeting ended, the union's leader said members would strike on Monday.",
     "said", "members would strike on Monday"),
    (5, "participle phrase before the subject", "Speaking to reporters, the minister said no decision had been taken.",
     "said", "no decision had been taken"),
    (6, "'that' after the cue is left out", "The coroner said that the driver had not been drinking.",
     "said", "the driver had not been drinking"),
    (7, "time words after the cue are left out", "The agency said on Monday that exports fell for a third month.",
     "said", "exports fell for a third month"),
    (8, "'told' skips its recipient", "A spokeswoman told the Ledger the plant would stay open.",
     "told", "the plant would stay open"),
    (9, "quote before an inverted speaker", "\u201cWe are nowhere near a deal,\u201d said Tomas Reyes, the union's negotiator.",
     "said", "We are nowhere near a deal"),
    (10, "quote before the speaker", "\u201cThe figures do not add up,\u201d the auditor said.",
     "said", "The figures do not add up"),
    (11, "comma-separated clause before the speaker", "The bridge will reopen in May, the county engineer said.",
     "said", "The bridge will reopen in May"),
    (12, "opening prepositional phrase with a name in it", "Months after the flood, Governor Ada Kerr said the state had spent its relief fund.",
     "said", "the state had spent its relief fund"),
    (13, "'according to X' closing the sentence", "The factory will cut 200 jobs, according to a company memo.",
     "according to", "The factory will cut 200 jobs"),
    (14, "'according to X' opening the sentence", "According to court records, the firm owed nearly $2 million in back taxes.",
     "according to", "the firm owed nearly $2 million in back taxes"),
    (15, "'said in a statement' takes the clause after it", "The ministry said in a statement that the border would stay closed.",
     "said in a statement", "the border would stay closed"),
    (16, "'added' after a pronoun", "She added that the report would be published in full.",
     "added", "the report would be published in full"),
    (17, "'wrote' with a title before the name", "Dr. Lena Varga wrote that the trial had been stopped early.",
     "wrote", "the trial had been stopped early"),
    (18, "time adverbial and 'that'", "On Wednesday, the school board said that classes would resume.",
     "said", "classes would resume"),
    (19, "opening conjunction", "But the developer said the homes would be built as planned.",
     "said", "the homes would be built as planned"),
    (20, "appositive speaker", "Karl Moss, the club's treasurer, said the accounts were in order.",
     "said", "the accounts were in order"),
    (21, "anonymous speaker with its reason", "Two officials, who spoke on condition of anonymity, said the talks had stalled.",
     "said", "the talks had stalled"),
    (22, "'announced' with a clause", "The council announced that parking fees would double.",
     "announced", "parking fees would double"),
    (23, "'explained' with a clause", "The engineer explained that the cracks were cosmetic.",
     "explained", "the cracks were cosmetic"),
    (24, "'insisted' after a time phrase", "Last month, the coach insisted he would not resign.",
     "insisted", "he would not resign"),
    (25, "'warned' with a clause", "Forecasters warned that the river could burst its banks overnight.",
     "warned", "the river could burst its banks overnight"),
    (26, "'told' with a recipient and 'that'", "The captain told investigators that the radar had failed.",
     "told", "the radar had failed"),
    (27, "'according to' in mid sentence with the clause after", "The plan, according to the mayor, will cost $40 million.",
     "according to", "The plan"),
    (28, "'said' with a quotation after it", "The senator said: \u201cThis bill will not pass.\u201d",
     "said", "This bill will not pass"),
    (29, "opening 'In a letter,'", "In a letter to parents, the headteacher said the school would close early.",
     "said", "the school would close early"),
    (30, "reporting clause with a date inside", "Police said the suspect was arrested on March 3 near the station.",
     "said", "the suspect was arrested on March 3 near the station"),
    (31, "rumour frame", "The deal is already signed, so the story goes.",
     "so the story goes", "The deal is already signed"),
    (32, "'according to whispers'", "According to whispers at City Hall, the budget chief will resign.",
     "according to", "the budget chief will resign"),
]


@pytest.mark.parametrize("num, phenomenon, sentence, cue, content", CASES, ids=[f"{c[0]:02d}" for c in CASES])
def test_content_is_the_reported_statement(num, phenomenon, sentence, cue, content):
    text = "The committee met on Monday. " + sentence
    ev = extract(segment(text))
    found = [a for a in ev.attributions if a.cue.text.lower() == cue.lower()]
    assert found, f"{num} {phenomenon}: no attribution with cue {cue!r} in {[a.cue.text for a in ev.attributions]}"
    got = found[0].content
    assert got is not None, f"{num} {phenomenon}: no content"
    assert got.text == content, f"{num} {phenomenon}: content {got.text!r}"
    assert text[got.start:got.end] == got.text
