"""The learned cue passes: the cue classifier, which may accept a cue word the rules turned down,
and the stance tagger, which finds cues in a sentence where the rules found none.

Both score a word straight from their weights (:class:`scorer.learned.CueModel`); the same
features as named strings are the training rows, gathered into an explicit :class:`Collector`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from .. import lexicon
from ..learned import CueModel
from .attribution import Found, SentencePass
from .grammar import ADVERBS_BEFORE_CUE, AUXILIARIES, BE_FORMS, DETERMINERS, NEGATORS, POSSESSIVE_ENDINGS, PRONOUN_WORDS, Token, shape
from .phrases import NOT_SPEAKER_HEADS, Range, plain_np
from .sentences import Sentence
from .sources import person_noun
from .subjects import candidate_subject

# A training row: a candidate word's character span and its features.
Row = tuple[int, int, list[str]]

# The clause positions in which a turned-down cue word is put to the cue classifier: verb uses.
VERB_CONTEXTS = frozenset({"other", "first", "participle", "passive"})
_NEIGHBOURS = ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2"))
# The stance tagger's features that depend on a word's place in its sentence, in this order.
STANCE_CONTEXT_KINDS = ("ctx", "pos", "wn", "wp", "p2", "p1", "n1", "n2", "p2s", "p1s", "n1s", "n2s")
_ZEROS = (0.0,) * len(STANCE_CONTEXT_KINDS)
# dict.get typed for a table and a context word that may be None (it then gets 0.0).
_table_get: Callable[[dict[str, float], str | None, float], float] = dict.get  # type: ignore[assignment]
# A word's position in its sentence is a feature up to this index (later positions share it).
MAX_POSITION = 4
# Cue rates are bucketed in tenths, the last bucket holding 0.9 and above.
RATE_BUCKETS = 10
# Participles whose passive credits the view to no one named: "X is expected / believed / said to"
# (unlike "X is convinced", "X is determined", where X holds the view).
_IMPERSONAL_PASSIVES = "impersonal_passives.txt"


@dataclass
class Collector:
    """Training rows gathered during extraction, each list when wanted (None: not gathered).

    ``turned_down``: the cue words the rules turn down, with the cue classifier's features; they
    are then collected instead of being put to the classifier. ``stance``: the stance tagger's
    candidate words, with its features; they are then collected instead of being scored.
    """

    turned_down: list[Row] | None = None
    stance: list[Row] | None = None

    @classmethod
    def turned_down_cues(cls) -> Collector:
        return cls(turned_down=[])

    @classmethod
    def stance_candidates(cls) -> Collector:
        return cls(stance=[])


@lexicon.derived
def rate_buckets() -> dict[str, str]:
    """The words the stance tagger considers, with how often each is a cue (in tenths)."""
    return {w: str(min(int(r * RATE_BUCKETS), RATE_BUCKETS - 1)) for w, r in lexicon.cue_rates().items()}


def category(w: str) -> str:
    """The cue category of a word ("speech", "stance", "document"), "none" outside the lexicon."""
    info = lexicon.cue_forms().get(w)
    return info[0] if info is not None else "none"


def cue_context(low: list[str], i: int) -> str:
    """How a cue word sits in its clause: negated, an infinitive, after a determiner or a
    possessive (a noun), after a form of "be" (passive), an -ing word after a noun, first, other."""
    lw = low[i]
    prev = low[i - 1] if i > 0 else ""
    if prev in NEGATORS or (i > 1 and low[i - 2] in NEGATORS):
        return "negated"
    if prev == "to":
        return "infinitive"
    if prev in DETERMINERS:
        return "determiner"
    if prev.endswith(POSSESSIVE_ENDINGS) and prev not in PRONOUN_WORDS:
        return "possessive"
    if prev in BE_FORMS or (prev.endswith("ly") and i > 1 and low[i - 2] in BE_FORMS):
        return "passive"
    if lw.endswith("ing") and prev not in (",", "and", "but"):
        return "participle"
    return "first" if i == 0 else "other"


class CueClassifier:
    """Decides whether a cue word the rules turned down is a cue after all."""

    def __init__(self, model: CueModel) -> None:
        self.model = model

    def accepts(self, s: Sentence, i: int) -> Range | None:
        """The subject of the word at ``i`` when the classifier accepts it as a cue with that
        subject, else None. Scored straight from the weights (no feature names are built); the
        subject is only looked for when the rest leaves the word a chance."""
        low, toks = s.low, s.toks
        lw = low[i]
        cat, lemma = lexicon.cue_forms()[lw]
        ctx = cue_context(low, i)
        model = self.model
        t = model.table
        z = (model.bias + t("lw").get(lw, 0.0) + t("lemma").get(lemma, 0.0) + t("cat").get(cat, 0.0)
             + t("ctx").get(ctx, 0.0) + t("lemctx").get(lemma + " " + ctx, 0.0) + t("pos").get(str(min(i, MAX_POSITION)), 0.0)
             + (t("quote").get("", 0.0) if True in s.inside else 0.0))
        for name, word, shp in _around(low, toks, i):
            z += t(name).get(word, 0.0)
            if shp:
                z += t(name + "s").get(shp, 0.0)
        need = model.threshold_logit
        if z + model.subject_bound < need:
            return None  # no subject can lift it to the threshold
        src, typ = candidate_subject(s, i)
        z += t("subj").get(typ, 0.0) + t("subjcat").get(typ + " " + cat, 0.0)
        return src if z >= need else None


def _around(low: list[str], toks: tuple[Token, ...], i: int) -> list[tuple[str, str, str | None]]:
    """The cue classifier's neighbour features: (kind, word, shape) two words either side."""
    n = len(low)
    return [(name, low[i + k], shape(toks[i + k].text)) if 0 <= i + k < n else (name, "<>", None) for k, name in _NEIGHBOURS]


def cue_features(s: Sentence, i: int) -> tuple[list[str], Range | None]:
    """The cue classifier's features of a turned-down cue word and the subject found before it:
    the word, its lemma and category, how it sits in the clause, the words and word shapes
    around it, whether the sentence quotes, where the word stands, and the type of the subject."""
    low = s.low
    lw = low[i]
    cat, lemma = lexicon.cue_forms()[lw]
    ctx = cue_context(low, i)
    feats = ["lw:" + lw, "lemma:" + lemma, "cat:" + cat, "ctx:" + ctx, "lemctx:" + lemma + " " + ctx]
    for name, word, shp in _around(low, s.toks, i):
        feats.append(name + ":" + word)
        if shp:
            feats.append(name + "s:" + shp)
    if True in s.inside:
        feats.append("quote")
    feats.append("pos:" + str(min(i, MAX_POSITION)))
    src, typ = candidate_subject(s, i)
    feats.append("subj:" + typ)
    feats.append("subjcat:" + typ + " " + cat)
    return feats, src


def stance_context(low: list[str], toks: tuple[Token, ...], k: int) -> tuple[str | None, ...]:
    """The values of :data:`STANCE_CONTEXT_KINDS` for the word at ``k``: how it sits in its
    clause, where it stands, the word pairs it forms, its neighbours and their shapes (None past
    the sentence's ends)."""
    n = len(low)
    w = low[k]
    p2, p1, s2, s1 = (low[k - 2], low[k - 1], shape(toks[k - 2].text), shape(toks[k - 1].text)) if k > 1 else (
        ("<>", low[0], None, shape(toks[0].text)) if k == 1 else ("<>", "<>", None, None))
    n1, n2, t1, t2 = (low[k + 1], low[k + 2], shape(toks[k + 1].text), shape(toks[k + 2].text)) if k + 2 < n else (
        (low[k + 1], "<>", shape(toks[k + 1].text), None) if k + 1 < n else ("<>", "<>", None, None))
    return (cue_context(low, k), str(min(k, MAX_POSITION)), w + " " + (n1 if k + 1 < n else "$"), (p1 if k > 0 else "^") + " " + w,
            p2, p1, n1, n2, s2, s1, t1, t2)


class StanceTagger:
    """Decides whether a word that often carries an attribution is a cue here."""

    def __init__(self, model: CueModel) -> None:
        self.model = model
        # The tagger's weights for each word's own features, summed once, and its context tables.
        t = model.table
        self.word_z = {w: model.bias + t("w").get(w, 0.0) + t("r").get(b, 0.0) + t("cat").get(category(w), 0.0)
                       for w, b in rate_buckets().items()}
        self.tables = tuple(t(kind) for kind in STANCE_CONTEXT_KINDS)

    def logit(self, w: str, quote: str, context: tuple[str | None, ...]) -> float:
        """The logit of a word from its own and its context's weights, before its subject's."""
        return self.word_z[w] + self.model.table("q").get(quote, 0.0) + sum(map(_table_get, self.tables, context, _ZEROS), 0.0)

    def subject_logit(self, typ: str, bucket: str) -> float:
        """What a subject of type ``typ`` adds to the logit of a word of cue-rate ``bucket``."""
        table = self.model.table
        return table("subj").get(typ, 0.0) + table("subjcat").get(typ + " " + bucket, 0.0)


def _stance_row(s: Sentence, k: int, bucket: str, quote: str, context: tuple[str | None, ...]) -> Row:
    """The training row of a stance candidate word."""
    w = s.low[k]
    _, typ = candidate_subject(s, k)
    feats = [f"w:{w}", f"r:{bucket}", "cat:" + category(w), f"q:{quote}"]
    feats += [kind + ":" + v for kind, v in zip(STANCE_CONTEXT_KINDS, context) if v is not None]
    feats += ["subj:" + typ, "subjcat:" + typ + " " + bucket]
    return s.toks[k].start, s.toks[k].end, feats


# Words before a participle that make it a verb of the clause ("was ordered by"), not a reduced
# relative clause describing the noun before it ("a strike ordered by").
_AUXILIARY_BEFORE_PARTICIPLE = frozenset("is are was were be been being has have had get got gets".split())


def stance_cues(p: SentencePass, tagger: StanceTagger | None, rows: list[Row] | None) -> list[Found]:
    """Cues the stance tagger finds in a sentence where the rules found none: words that
    often carry an attribution, outside quotations. (In a sentence that already reports
    someone, a stance word is nearly always part of what is reported: "X says he expects".)
    With ``rows`` given, the candidates and their features are collected there instead."""
    s = p.s
    low, toks, inside = s.low, s.toks, s.inside
    n = len(toks)
    quote = "1" if True in inside else "0"
    buckets = rate_buckets()
    for k in [k for k, w in enumerate(low) if w in buckets and not inside[k]]:
        w = low[k]
        if k in p.used or (w.endswith("ed") and k > 0 and low[k - 1] in DETERMINERS):
            continue  # "the slammed plan", "a proposed rule": a participle describing a noun
        if (w.endswith("ed") and 0 < k < n - 1 and low[k + 1] == "by" and low[k - 1] not in _AUXILIARY_BEFORE_PARTICIPLE
                and low[k - 1][:1].isalpha()):
            continue  # "a drone strike ordered by the president": a participle after its noun, not a stance of that noun
        context = stance_context(low, toks, k)
        if context[0] == "negated":
            continue  # "has not commented", "did not say how": no stance is reported
        if rows is not None:
            rows.append(_stance_row(s, k, buckets[w], quote, context))
            continue
        assert tagger is not None
        src = _stance_source(s, k, tagger, buckets[w], tagger.logit(w, quote, context), context[0] == "passive", p)
        if isinstance(src, bool):  # False: turned down (it is never True)
            continue
        # Opening the sentence ("Word is that ...", "Asked whether ...") or a passive: a cue with no source.
        content = (toks[k + 1].start, s.content_end) if k + 1 < n - 1 else None
        p.add((k, k), src, content)
        p.used.add(k)
        if src is not None:
            p.take(src[0], src[1])
    return p.found


def _stance_source(s: Sentence, k: int, tagger: StanceTagger, bucket: str, z: float, passive: bool,
                   p: SentencePass) -> Range | None | bool:
    """The source of an accepted stance word (None: a cue with no source), or False when the
    tagger turns the word down or no one can hold the stance."""
    model = tagger.model
    if z + model.subject_bound < model.threshold_logit:
        return False
    src, typ = candidate_subject(s, k)
    z += tagger.subject_logit(typ, bucket)
    if z < model.threshold_logit or typ == "negative":
        return False  # "Nobody said": no one is credited
    if passive and s.low[k] in lexicon.words(_IMPERSONAL_PASSIVES):
        return None  # "Parents are expected to ...": the subject is what is expected, not who expects it
    if src is None:
        return None if k == 0 else False  # "..., and declined to": a holder the rules cannot find, not an impersonal view
    if not p.free(src[0], src[1]) or not _stance_subject(s.words(src[0], src[1]), typ):
        return False  # the words before it cannot hold a stance ("However", "That"): no holder, no cue
    return src


@lexicon.derived
def _openers() -> frozenset[str]:
    """One-word sentence openers that are no one's name, though capitalised at the start of a
    sentence ("However", "Now", "That")."""
    return (ADVERBS_BEFORE_CUE | lexicon.words("not_speakers.txt") | NOT_SPEAKER_HEADS | DETERMINERS
            | frozenset("together overall instead indeed thus yet but and or so now today here there".split()))


def _stance_subject(words: list[str], typ: str) -> bool:
    """Whether a subject found before a stance word can hold the stance: not a sentence opener
    ("However", "Now", "That"), no clause ("Ruiz has maintained" before "support": the word is
    its object), and, when untyped, a plain noun phrase whose head names a person or a group
    ("superdelegates", "a former aide"; not "a name" before "suggesting")."""
    low = [w.lower() for w in words]
    if len(words) == 1 and (low[0] in _openers() or low[0].endswith("ly")):
        return False
    if not AUXILIARIES.isdisjoint(w for w in words if w.islower()):
        return False  # (written in lower case: "Will Hurd" is a name)
    if typ != "unresolved":
        return True
    if not plain_np(words):
        return False
    head = low[-1]
    return person_noun(head) or (head.endswith("s") and not head.endswith("ss"))
