"""The claim classifier's fitting: sentence labels, article shares, or both."""

from scorer.claims import ClaimModel, fit_claims


def _article(kind: str, n: int) -> list[list[str]]:
    return [["len:m", f"w:{kind}", "w:the"] for _ in range(n)]


def test_fit_from_sentence_labels_alone():
    rows = [["w:said", "att_here"], ["w:opened", "w:bridge"]] * 6
    labels = [False, True] * 6
    m = fit_claims(rows, labels)
    assert m.probability(["w:opened", "w:bridge"]) > 0.5 > m.probability(["w:said", "att_here"])


def test_fit_learns_from_article_shares_without_any_sentence_label():
    # Articles made of "slammed" sentences were rated mostly unsourced, "testified" ones mostly
    # sourced: the article means must come out ordered like the shares.
    articles = [_article("slammed", 8), _article("testified", 8)] * 5
    shares = [0.9, 0.1] * 5
    m = fit_claims([], [], articles, shares)
    loaded, sworn = m.probability(articles[0][0]), m.probability(articles[1][0])
    assert loaded > 0.7 and sworn < 0.3
    assert m.weights["w:slammed"] > 0 > m.weights["w:testified"]


def test_article_weight_zero_ignores_the_shares():
    rows = [["w:said"], ["w:opened"]] * 6
    labels = [False, True] * 6
    articles = [_article("said", 5)] * 4
    with_shares = fit_claims(rows, labels, articles, [1.0] * 4)
    ignored = fit_claims(rows, labels, articles, [1.0] * 4, article_weight=0.0)
    assert with_shares.probability(["w:said"]) > ignored.probability(["w:said"]) + 0.1
    assert ClaimModel.from_dict(ignored.to_dict()) == ignored


def test_threshold_is_chosen_by_f1_and_travels_with_the_model():
    from dataclasses import replace

    from scorer.claims import THRESHOLDS, choose_threshold

    # Gold claims sit at 0.32-0.38, non-claims at 0.1: every candidate up to 0.32 catches them
    # all, and of those tied the highest is taken.
    probs = [0.32, 0.34, 0.38, 0.1, 0.1, 0.1]
    gold = [True, True, True, False, False, False]
    t, by = choose_threshold(probs, gold)
    assert t == max(c for c in THRESHOLDS if c <= 0.32) and by[f"{t:g}"] == 1.0 and by["0.5"] == 0.0
    m = replace(ClaimModel({"w:x": 1.0}, -1.0), threshold=t)
    assert ClaimModel.from_dict(m.to_dict()).threshold == t
    assert ClaimModel.from_dict({"weights": {}, "bias": 0.0}).threshold == 0.5  # files from before thresholds


def test_a_stance_verb_reports_a_position_but_credits_no_source():
    from scorer.claims import credited_sentences
    from scorer.evidence import default_extractor
    from scorer.segment import segment

    text = ("The mayor said on Monday that the bridge would reopen in March. "
            "The council hopes the new toll will pay for the repairs. "
            "\u201cWe are nearly there,\u201d the engineer added.")
    seg = segment(text)
    ev = default_extractor().extract(seg)
    assert {0, 1, 2} <= ev.attributed_sentences  # the stance verb is an attribution (PolNeAR's reading)
    assert credited_sentences(ev) == {0, 2}  # but only speech and quotation credit the claim


def test_which_cues_credit_a_source():
    from scorer.claims import credits_source

    for cue in ("said", "told", "according to", "wrote", "announced", ":", "—", "in"):
        assert credits_source(cue), cue
    for cue in ("hopes", "plans", "opposes", "criticism", "backs"):
        assert not credits_source(cue), cue


def test_context_features_read_credited_neighbours_and_the_paragraph():
    from scorer.claims import sentence_features
    from scorer.evidence import default_extractor
    from scorer.segment import segment

    text = ("According to the weather service, the storm turned north overnight. "
            "Its winds reached 90 miles an hour. "
            "The council hopes the new toll will pay for the repairs.\n\n"
            "Schools were closed on Tuesday. Buses ran on a shorter route.")
    seg = segment(text)
    feats = [set(f) for f in sentence_features(seg, default_extractor().extract(seg))]
    assert "prev_credited" in feats[1] and "para_credited" in feats[1]
    assert "para_credited" in feats[2]  # the paragraph opened with a credited sentence
    assert "prev_credited" not in feats[3]  # a stance verb before it credits no source
    assert "para_credited" not in feats[3] and "para_credited" not in feats[4]  # a new paragraph
    assert "para_credited" not in feats[0]


def test_flags_come_from_the_flagging_model_and_the_share_from_the_other():
    from scorer.claims import with_claims
    from scorer.evidence import default_extractor
    from scorer.segment import segment

    text = "The bridge opened on Monday. The repairs cost far more than planned. The mayor said it was safe."
    seg = segment(text)
    ev = default_extractor().extract(seg)
    # The share model reads every sentence at 0.9 but flags nothing (threshold above one); the
    # flagging model reads "repairs" sentences at 0.73 and flags from 0.5.
    flagger = ClaimModel({"w:repairs": 2.0}, -1.0, threshold=0.5)
    m = ClaimModel({}, 2.2, threshold=1.1, flag_model=flagger)
    out, probs = with_claims(seg, ev, m)
    assert [a.sentence for a in out.assertions] == [1]
    assert all(abs(p - 0.9) < 0.01 for p in probs)  # the probabilities returned are the share model's
    alone, _ = with_claims(seg, ev, ClaimModel({}, 2.2, threshold=1.1))
    assert alone.assertions == ()  # without a flagging model the model's own threshold flags
    back = ClaimModel.from_dict(m.to_dict())
    assert back.flag_model == flagger and back.flagger.threshold == 0.5
    assert "threshold" not in m.to_dict()  # the share model's threshold plays no part when a flagging model flags
    old = ClaimModel.from_dict({"weights": {"w:repairs": 2.0}, "bias": -1.0, "threshold": 0.4})  # a file from before
    assert old.flag_model is None and old.flagger is old and old.flagger.threshold == 0.4


def test_a_malformed_flagging_model_is_refused():
    import pytest

    for bad in ([], "weights", {"weights": {}, "bias": 0.0, "flag_model": {"weights": {}, "bias": 0.0}}):
        with pytest.raises(TypeError):
            ClaimModel.from_dict({"weights": {}, "bias": 0.0, "flag_model": bad})
