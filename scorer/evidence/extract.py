"""The evidence stage wired together: every sentence read once, in order, for names, attributions
and hedges; then quotations stretched, attributed sentences marked and unattributed assertions
found (:class:`Extractor`)."""

from __future__ import annotations

import bisect
from functools import lru_cache

from .. import lexicon
from ..learned import ExtractionWeights, sentence_features as _features
from ..segment import Segmented, Sentence as SegSentence
from ..types import CONTINUES, QUOTATION, TRANSCRIPT, Attribution, ClassifierReason, Evidence, WhyItem
from .attribution import Found, SourceKey, make_attribution
from .assertions import find_assertions
from .cues import Learned, colon_before_quotation, find_attributions
from .grammar import OPEN_QUOTES
from .hedges import find_hedges
from .learned_cues import Collector, CueClassifier, StanceTagger
from .mentions import MentionHistory, distinct_sources, learn_names
from .quotes import extend_quotes, has_long_quote
from .sentences import Sentence, read_sentences
from .transcripts import Turn, find_turns


class Extractor:
    """Finds the evidence in a segmented article with the given learned parts. Holds no
    per-article state; safe to share between threads."""

    def __init__(self, weights: ExtractionWeights) -> None:
        self.weights = weights
        self._cue = CueClassifier(weights.cue) if weights.cue is not None else None
        self._stance = StanceTagger(weights.stance) if weights.stance is not None else None

    def extract(self, seg: Segmented, collector: Collector | None = None) -> Evidence:
        """Find attributions, hedges and unattributed assertions in a segmented article.

        Args:
            seg: the segmented article.
            collector: when given, the training rows its lists ask for are gathered into it
                (see :class:`Collector`).
        """
        text = seg.text
        learned = Learned(self._cue, self._stance, collector)
        history = MentionHistory()
        attributions: list[Attribution] = []
        keys: list[SourceKey | None] = []  # (key, display name, type) per attribution
        hedges = []
        attributed: set[int] = set()
        marked: dict[int, str] = {}  # sentence -> QUOTATION, CONTINUES or TRANSCRIPT, when that made it attributed
        colon_open: int | None = None  # sentence index whose cue ended with a colon
        sents = seg.sentences
        sentences = read_sentences(seg)
        turns = find_turns(seg)
        in_turn = {i for t in turns for i in t.sentences}
        opening = {t.sentences[0]: t for t in turns}
        for s in sentences:
            learn_names(s, history)
            found = find_attributions(s, text, history, learned)
            if s.idx in opening:
                found = _answer_attribution(opening[s.idx], s, text, history, found, sents) + found
            nxt = s.idx + 1
            if not found and nxt < len(sents):
                # "Park was blunt:" followed by a quotation: the colon is the cue.
                colon = colon_before_quotation(s, sents[nxt], seg.tokens[nxt], text, history)
                found = [colon] if colon is not None else []
            for att, key in found:
                attributions.append(att)
                keys.append(key)
            hedges.extend(find_hedges(s, text))
            if found:
                attributed.add(s.idx)
            elif colon_open is not None and colon_open == s.idx - 1:
                attributed.add(s.idx)
                marked[s.idx] = CONTINUES
            elif (s.toks and s.toks[0].text in OPEN_QUOTES) or has_long_quote(s.toks, s.inside):
                attributed.add(s.idx)  # a direct quotation is someone's words, not the article's claim
                marked[s.idx] = QUOTATION
            if s.idx in in_turn:  # a turn of a transcript or interview: the speaker's words, whatever it holds
                attributed.add(s.idx)
                marked[s.idx] = TRANSCRIPT
            colon_open = s.idx if found and sents[s.idx].text.rstrip().endswith(":") else colon_open
        attributions = extend_quotes(seg, attributions, [s.opened_inside for s in sentences])
        # Content that runs into other sentences marks them attributed too.
        by_att = _sentences_by_attribution(seg, attributions)
        attributed.update(*by_att.values())
        probabilities: dict[int, float] = {}  # of the sentences the classifier reads as someone's words
        assertions = find_assertions(sentences, attributed, self.weights.sentence, probabilities)
        return Evidence(
            attributions=tuple(attributions),
            hedges=tuple(hedges),
            assertions=tuple(assertions),
            sources=distinct_sources(keys),
            attributed_sentences=frozenset(attributed),
            why=self._why(attributed, by_att, marked, probabilities),
        )

    @staticmethod
    def _why(attributed: set[int], by_att: dict[int, set[int]], marked: dict[int, str],
             probabilities: dict[int, float]) -> dict[int, tuple[WhyItem, ...]]:
        """Per attributed sentence, what made it attributed: the attributions it holds or whose
        content runs over it, a direct quotation, a continued colon or quotation, a turn of a
        transcript, or the sentence classifier (``probabilities``: its probability for each
        sentence it alone made attributed)."""
        why: dict[int, list[WhyItem]] = {k: [] for k in sorted(attributed)}
        for k, sents in by_att.items():
            for j in sorted(sents):
                why[j].append(k)
        for j, tag in marked.items():
            why[j].append(tag)
        for j, p in probabilities.items():
            why[j].append(ClassifierReason(p))
        return {k: tuple(v) for k, v in why.items()}

    @staticmethod
    def sentence_features(seg: Segmented) -> list[list[str]]:
        """The sentence classifier's features for every sentence of an article."""
        cues = lexicon.cue_forms()
        return [_features(s.low, s.inside, cues) for s in read_sentences(seg)]


def _answer_attribution(turn: Turn, s: Sentence, text: str, history: MentionHistory, found: list[Found],
                        sents: tuple[SegSentence, ...]) -> list[Found]:
    """The attribution of an answer whose label names its speaker ("((Jane Doe)) We began..."), as
    a list of one: the name is the source, the label's closing brackets the cue, the turn its
    content. An empty list for a question, a label without a name, or a label a rule has read
    already ("TAPPER:", the speaker-colon rule's)."""
    if turn.question or turn.name is None or turn.label is None:
        return []
    if any(turn.label[0] <= att.cue.start < turn.label[1] for att, _ in found):
        return []
    src = [k for k, t in enumerate(s.toks) if turn.name[0] <= t.start < turn.name[1]]
    cue = [k for k, t in enumerate(s.toks) if turn.name[1] <= t.start < turn.label[1]]
    if not src or not cue:
        return []
    content = (turn.label[1], sents[turn.sentences[-1]].end)
    return [make_attribution(s, text, (cue[0], cue[-1]), (src[0], src[-1]), content, history)]


def _sentences_by_attribution(seg: Segmented, attributions: list[Attribution]) -> dict[int, set[int]]:
    """Per attribution index, its own sentence and the sentences its content runs over (each is
    marked attributed, and the map says why)."""
    starts = [sent.start for sent in seg.sentences]
    out: dict[int, set[int]] = {}
    for i, att in enumerate(attributions):
        got = {att.sentence}
        if att.content is not None:
            k = max(0, bisect.bisect_right(starts, att.content.start) - 1)
            while k < len(starts) and starts[k] < att.content.end:
                if att.content.start < seg.sentences[k].end:
                    got.add(k)
                k += 1
        out[i] = got
    return out


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor with the weights shipped with the package, built on first use."""
    return Extractor(ExtractionWeights.shipped())


def extract(seg: Segmented, extractor: Extractor | None = None) -> Evidence:
    """Find attributions, hedges and unattributed assertions in a segmented article, with
    ``extractor`` (the shipped weights when None)."""
    return (extractor or default_extractor()).extract(seg)
