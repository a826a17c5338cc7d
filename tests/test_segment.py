"""Segmentation: sentence boundaries, tokens and residue, all as spans into the input."""

import texts
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
    sents = _sentences("The vote is next week.\n\nOfficials met on Monday\n\nThe count starts at noon.")
    assert sents == ["The vote is next week.", "Officials met on Monday", "The count starts at noon."]


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
    text = "  The bridge closed.\r\n\r\n  It reopens in June, the council said.\r\n"
    seg = segment(text)
    assert [text[s.start : s.end] for s in seg.sentences] == ["The bridge closed.", "It reopens in June, the council said."]
