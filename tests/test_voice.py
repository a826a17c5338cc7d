"""The article's own voice: first person, loaded words, rhetorical questions, second-hand
attributions and explained anonymity. Sentences written for the project; each case names the
phenomenon."""

import pytest
from scorer.evidence import extract
from scorer.segment import segment
from scorer.voice import read_voice

LEDE = "The council met on Monday to discuss the budget for the coming year. "


def voice_of(text):
    seg = segment(text)
    ev = extract(seg)
    return seg, ev, read_voice(seg, ev)


@pytest.mark.parametrize("num, phenomenon, sentence, loaded", [
    (1, "a loaded verb in the article's own voice", "The mayor slammed the plan as a waste of money.", ["slammed"]),
    (2, "a loaded label in the article's own voice", "The so-called reform will raise fares again.", ["so-called"]),
    (3, "a loaded word inside a quotation is the speaker's, not the article's",
     "\u201cThis is a sham,\u201d the councillor said.", []),
    (4, "plain news words are not loaded", "The vote failed after a cable failed at the plant, and the scandal grew.", []),
    (5, "a loaded word in reported speech is the source's", "The councillor said the plan was a hoax.", []),
])
def test_loaded_words(num, phenomenon, sentence, loaded):
    _, _, v = voice_of(LEDE + sentence)
    assert [s.text.lower() for s in v.loaded] == loaded, f"{num} {phenomenon}"


def test_first_person_only_in_the_articles_own_voice():
    _, _, v = voice_of(LEDE + "I think we should all pay less. \u201cI will vote no,\u201d the councillor said.")
    assert [s.text for s in v.first_person] == ["I", "we"]


def test_rhetorical_question_in_the_articles_own_voice():
    seg, _, v = voice_of(LEDE + "Who will pay for all of this in the end? \u201cWho pays?\u201d a resident asked.")
    assert len(v.questions) == 1
    assert seg.sentences[v.questions[0]].text.startswith("Who will pay")


@pytest.mark.parametrize("num, phenomenon, sentence, outlet", [
    (1, "told an outlet", "A senior official told Reuters the talks had stalled.", "Reuters"),
    (2, "according to an outlet", "The deal is close, according to the New York Times.", "the New York Times"),
    (3, "an outlet reported", "The Guardian reported that the mine would close.", "The Guardian"),
    (4, "a first-hand source is not second-hand", "The mayor said the pier would reopen in May.", None),
    (5, "'times' the plural is no newspaper", "The mayor said three times that the pier would reopen.", None),
    (6, "said on a broadcaster", "The senator said on CNN that the bill would pass.", "CNN"),
    (7, "an interview on a named programme", "In an interview on NBC News, the governor said the roads would reopen.", "NBC News"),
    (8, "remarks to a wire service", "In remarks to Agence France-Presse, the envoy said aid would arrive.", "Agence France-Presse"),
    (9, "a partisan site named in the list", "The senator told the Washington Free Beacon that he would vote no.",
     "the Washington Free Beacon"),
    (10, "a non-US broadcaster", "The minister told Deutsche Welle that the border would stay open.", "Deutsche Welle"),
    (11, "an outlet naming itself in house capitals is its own reporting", "The senator told POLITICO he would vote no.",
     None),
    (12, "the same outlet in running text is another's", "The senator told Politico he would vote no.", "Politico"),
    (13, "an outlet that published the document cited", "The firm lost money that year, according to tax records "
     "the New York Times published on Sunday.", "the New York Times"),
    (14, "'on' a legislature, not on air", "The senator said the vote on the Hill would come in May.", None),
    (15, "a ban on a broadcaster is no broadcast", "The minister said the ban on RT would stand.", None),
    (16, "an outlet in a court's finding", "Newsmax was found liable, the court said.", None),
    (17, "'broke' its rules, not a story", "Officials said Fox News broke its own rules.", None),
    (18, "a name read in lower case is no outlet", "A rise in US weekly jobless claims was expected, economists said.",
     None),
    (19, "an initialism with a hyphen is no house style", "The senator told ABS-CBN the talks had stalled.", "ABS-CBN"),
    (20, "a sentence in capitals keeps its outlets", "THE SENATOR TOLD REUTERS THE TALKS HAD STALLED.", "REUTERS"),
    (21, "house capitals as the source itself", "POLITICO reported that the senator would vote no.", None),
    (22, "an outlet's name in the possessive", "Senator Ruiz told CNN's Jake Tapper that he would vote no.", "CNN"),
    (23, "a programme of a broadcaster's", "Senator Ruiz said on ABC\u2019s flagship show that he would vote no.", "ABC"),
])
def test_second_hand_attributions(num, phenomenon, sentence, outlet):
    _, ev, v = voice_of(LEDE + sentence)
    vias = [x.text if x else None for x, a in zip(v.via, ev.attributions) if a.sentence == 1]
    assert vias and vias[0] == outlet, f"{num} {phenomenon}: {vias}"
    assert (len(v.second_hand) > 0) == (outlet is not None)


def test_explained_anonymity():
    _, ev, v = voice_of(LEDE + "Two officials, who spoke on condition of anonymity because the talks are private, "
                        "said the deal was close. A source said the mayor would resign.")
    anon = [k for k, a in enumerate(ev.attributions) if a.source_type == "anonymous"]
    assert len(anon) == 2
    assert v.explained_anonymous == (anon[0],)


def test_own_words_leave_out_quotes_and_reported_speech():
    _, _, lede = voice_of(LEDE)
    _, _, v = voice_of(LEDE + "\u201cWe will win,\u201d the mayor said.")
    # Of the six words added, only the frame ("the mayor said") can be the article's own voice.
    assert lede.own_words > 0 and 0 <= v.own_words - lede.own_words <= 3


@pytest.mark.parametrize("num, phenomenon, dateline, sentence, outlet", [
    (1, "the wire the dateline credits is the article's own", "WASHINGTON (AP) \u2014 ",
     "The senator told The Associated Press he would vote no.", None),
    (2, "its short name too", "WASHINGTON (AP) \u2014 ", "The senator told the AP he would vote no.", None),
    (3, "another wire in the same article is still another's", "WASHINGTON (AP) \u2014 ",
     "The senator told Reuters he would vote no.", "Reuters"),
    (4, "a dateline without a wire credits none", "WASHINGTON \u2014 ",
     "The senator told The Associated Press he would vote no.", "The Associated Press"),
    (5, "a Reuters dateline", "LONDON (Reuters) - ", "The senator told Reuters he would vote no.", None),
    (6, "another spelling of the same wire", "PARIS (AFP) - ", "The senator told Agence France Presse he would vote no.",
     None),
    (7, "the own wire passed over for another outlet in the sentence", "WASHINGTON (AP) \u2014 ",
     "The senator told the AP he would vote no, as first reported by Politico.", "Politico"),
])
def test_own_wire_is_first_hand(num, phenomenon, dateline, sentence, outlet):
    text = "Senator to vote no on the bill.\n\n" + dateline + "The bill came to the floor on Monday. " + sentence
    seg, ev, v = voice_of(text)
    last = len(seg.sentences) - 1
    vias = [x.text if x else None for x, a in zip(v.via, ev.attributions) if a.sentence == last]
    assert vias and vias[-1] == outlet, f"{num} {phenomenon}: {vias}"
