"""Segmentation: sentence boundaries, tokens and residue, all as spans into the input."""

import texts
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from scorer.segment import segment


def _sentences(text):
    return [text[s.start : s.end] for s in segment(text).sentences]


def test_01_abbreviations_do_not_end_sentences():
    # 1) "U.S.", "Jan.", "Gen.", "Mr.", "D.C." and initials keep the sentence whole
    sents = _sentences(texts.ABBREVIATIONS)
    assert sents == [
        "U.S. troops arrived on Jan. 3 with Gen. Mark Diaz.",
        "Mr. Diaz met officials in Washington, D.C. on Friday.",
        "J. R. Tolkien Street was closed.",
    ]


def test_02_no_split_inside_a_quotation():
    # 2) a quotation of two sentences stays in the sentence of its cue
    sents = _sentences(texts.QUOTE_INSIDE)
    assert sents[0] == '"We will rebuild. We will not leave," the mayor said.'
    assert sents[1] == "The crowd cheered."


def test_03_paragraph_break_ends_a_sentence():
    # 3) a line without a final period still ends at the paragraph break
    text = ("The council vote on the new ferry terminal is set for next week.\n\n"
            "Officials from the port authority and the council met on Monday to review the last cost estimate\n\n"
            "The count starts at noon.")
    assert _sentences(text) == ["The council vote on the new ferry terminal is set for next week.",
                                "Officials from the port authority and the council met on Monday to review the last cost estimate",
                                "The count starts at noon."]


def test_04_residue_is_excluded_with_reasons():
    # 4) headline, bio, navigation lines are excluded and in no sentence
    seg = segment(texts.RESIDUE)
    reasons = {e.text: e.reason for e in seg.excluded}
    assert reasons["Bus depot plan stalls again"] == "headline"
    assert reasons["In Other News"] == "navigation"
    assert reasons["Load More"] == "navigation"
    assert reasons["Sam Ortiz is a reporter covering transport for the Valley Post."] == "bio"
    for s in seg.sentences:
        for e in seg.excluded:
            assert not (s.start < e.end and e.start < s.end)


def test_05_dateline_and_byline():
    # 5) a wire dateline and a byline are excluded, the sentence after the dateline kept
    text = "By Ana Ruiz\n\nLISBON (Wire) — The port reopened on Friday, officials said.\n"
    seg = segment(text)
    reasons = sorted(e.reason for e in seg.excluded)
    assert reasons == ["byline", "dateline"]
    assert text[seg.sentences[0].start : seg.sentences[0].end] == "The port reopened on Friday, officials said."


def test_spans_slice_and_tokens_inside_sentences(example_text):
    seg = segment(example_text)
    assert seg.sentences
    for s, toks in zip(seg.sentences, seg.tokens):
        assert example_text[s.start : s.end] == s.text
        for tok, a, b in toks:
            assert example_text[a:b] == tok
            assert s.start <= a < b <= s.end


def test_offsets_survive_crlf_and_leading_space():
    text = "  The bridge over the river closed on Monday after the storm.\r\n\r\n  It reopens in June, the council said.\r\n"
    seg = segment(text)
    assert [text[s.start : s.end] for s in seg.sentences] == ["The bridge over the river closed on Monday after the storm.",
                                                             "It reopens in June, the council said."]


# Residue on real layouts (issue 15); texts written for the project.
_BODY = ("The county board voted on Tuesday to close two branch libraries by the end of the year, "
         "after a long debate over the cost of running them.")


def _residue(text):
    return [(e.reason, e.text) for e in segment(text).excluded]


@pytest.mark.parametrize("num, phenomenon, text, expected", [
    (1, "title-case headline ending in a period", "Board Votes To Close Two Branch Libraries.\n\n" + _BODY, ("headline", "Board Votes To Close Two Branch Libraries.")),
    (2, "short sentence-case headline above a longer lede", "Board votes to shut two libraries.\n\n" + _BODY, ("headline", "Board votes to shut two libraries.")),
    (3, "headline with no closing punctuation", "Libraries to close\n\n" + _BODY, ("headline", "Libraries to close")),
    (4, "capital subheading mid-article", _BODY + "\n\nWHAT COMES NEXT.\n\n" + _BODY, ("headline", "WHAT COMES NEXT.")),
    (5, "ranked list item", _BODY + "\n\n1. Northside (Last year: 2.)\n\n" + _BODY, ("list", "1. Northside (Last year: 2.)")),
    (6, "bare list number", _BODY + "\n\n12.\n\n" + _BODY, ("list", "12.")),
    (7, "follow-us promotion", _BODY + "\n\nFollow Dana Reyes on Twitter @danareyes.", ("promo", "Follow Dana Reyes on Twitter @danareyes.")),
    (8, "embedded post markup", _BODY + "\n\n<tweet tweet-id=\"123\"><tweet/>.\n\n" + _BODY, ("promo", "<tweet tweet-id=\"123\"><tweet/>.")),
    (9, "reported-from credit", _BODY + "\n\nReyes reported from Springfield.", ("byline", "Reyes reported from Springfield.")),
    (10, "wire contribution credit", _BODY + "\n\nAssociated Press writer Sam Cole contributed from Boston.",
     ("byline", "Associated Press writer Sam Cole contributed from Boston.")),
    (11, "picture credit", _BODY + "\n\nJo Kim via Getty Images.\n\n" + _BODY, ("caption", "Jo Kim via Getty Images.")),
    (12, "photo caption without closing punctuation", _BODY + "\n\nVolunteers sort books at the Northside branch\n\n" + _BODY,
     ("caption", "Volunteers sort books at the Northside branch")),
    (13, "link line", _BODY + "\n\nThe full results are here: http://example.org/results.\n\n" + _BODY,
     ("navigation", "The full results are here: http://example.org/results.")),
    (14, "abstract marker", "ABSTRACT.\n\n" + _BODY, ("navigation", "ABSTRACT.")),
    (15, "signature under a quoted block", _BODY + "\n\n- Reuters.\n\n" + _BODY, ("byline", "- Reuters.")),
])
def test_residue_on_real_layouts(num, phenomenon, text, expected):
    assert expected in _residue(text), f"{num} {phenomenon}: {_residue(text)}"
    seg = segment(text)
    for s in seg.sentences:  # residue never reaches the body
        assert expected[1] not in s.text


def test_a_long_first_sentence_is_not_a_headline():
    text = _BODY + "\n\n" + _BODY
    assert _residue(text) == []


# Text built from the pieces the token pattern tells apart: letters, abbreviations, initials,
# digits, the characters inside words (hyphens, apostrophes, periods, commas, soft hyphens),
# quotes and spaces.
_TOKEN_PIECES = st.sampled_from(["a", "Z", "é", "said", "Dr", "dr", "Sen", "U", "S", "e", "g", "1", "42", "_", "-", "'", "’",
                                 ".", ",", "\u00ad", '"', "“", "''", "``", "(", " ", "\n", "\u00a0", "\t"])


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKEN_PIECES, max_size=20).map("".join))
def test_token_shortcut_finds_the_tokens_of_the_pattern(text):
    # The gap-and-token pattern's shortcut for plain words finds exactly the tokens of the token
    # pattern itself, offsets and all.
    import re

    from scorer.segment import _gap_token_re, _token_re

    plain = re.compile(r"([\s\u00ad]*)(" + _token_re().pattern + ")", re.UNICODE)
    assert _gap_token_re().findall(text) == plain.findall(text)
    assert _gap_token_re().findall(text, 1, len(text) - 1) == plain.findall(text, 1, len(text) - 1)


# Lines built from the words the residue patterns look for, in any case (with the letters re.I
# also takes for "i" and "s"), links, markup and spaces.
_LINE_PIECES = st.sampled_from(["Roe", "reported", "REPORTED", "Reported", "from", "Leeds", "contributed", "CONTRIBUTED", "to",
                                "this", "report", "story", "AP", "writer", "h/t", "H/T", "(h/T", "contr\u0130buted",
                                "contr\u0131buted", "reported\u017f", "http://x.org", "HTTPS://X", "WWW.x", "www.", "<a href=x>",
                                "<tweet", "<p>", "</p>", " ", "  ", ".", ",", "\u00a0"])


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE_PIECES, max_size=12).map("".join))
@example("Roe contr\u0131buted to this report.")  # re.I takes the dotless and the dotted capital I for "i"
@example("Roe contr\u0130buted to this report.")
@example("(H/T Roe)")
def test_residue_pattern_shortcuts_answer_as_the_patterns(line):
    # The substring tests before the credit, link and markup patterns never turn down a line
    # the pattern would match.
    from scorer.segment import (_CREDIT_RE, _LINK_LINE_RE, _MARKUP_RE, _TAG_RE, EMBED_MAX_PROSE_WORDS, _credit_line,
                                _embed_line, _link_line)

    assert _credit_line(line) == bool(_CREDIT_RE.match(line))
    assert _link_line(line) == bool(_LINK_LINE_RE.search(line))
    assert _embed_line(line) == bool(_MARKUP_RE.search(line) and len(_TAG_RE.sub(" ", line).split()) <= EMBED_MAX_PROSE_WORDS)
