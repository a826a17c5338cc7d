"""Attribution cues: one function per rule family, one dispatcher (:func:`find_attributions`).

Rule families, each trying the token a cue may start at and returning where reading goes on
(None when it does not apply):

1. :func:`according_to`: "according to X" and "citing X" (the source follows the cue);
2. :func:`asked_question`: a question put to someone ("Asked whether ...", "when asked about"),
   then :func:`speech_verb`: reporting, stance and document verbs
   (:mod:`scorer.evidence.verb_cues`), and the cue classifier for the verbs the rules turn down;
3. :func:`poll`: "In a new Marist poll, 48 percent ...";
4. :func:`point_of_view`: "To Frank, the party has lost its way";
5. :func:`dash_signature`: '"..." ― Ana Ruiz', '... — Ana Ruiz (@aruiz)';
6. :func:`speaker_colon`: 'Lopez: "..."', 'TAPPER: Do you ...';
7. :func:`colon_before_quote`: a source, a colon and a quotation.

Before them, :func:`impersonal` finds phrases with no source ("it was reported", "it is widely
believed"); after them, :func:`colon_before_quotation` credits a quotation paragraph to the
sentence before it ("Park was blunt:"). A sentence they leave without a cue goes to the stance
tagger (:mod:`scorer.evidence.learned_cues`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .. import lexicon
from ..segment import Sentence as SegSentence
from ..types import Attribution, Span
from .attribution import Found, SentencePass, make_attribution
from .grammar import BE_FORMS, CLOSE_QUOTES, DASHES, DETERMINERS, OPEN_QUOTES, POSSESSIVE_TOKENS, PRONOUN_WORDS, TIME_WORDS, is_cap
from .learned_cues import VERB_CONTEXTS, Collector, CueClassifier, StanceTagger, cue_context, cue_features, rate_buckets, stance_cues
from .mentions import MentionHistory
from .phrases import apposition_right, first_np_end, names_source, np_left, np_right
from .sentences import Sentence
from .sources import classify_source, speaker_words
from .verb_cues import idiom, verb_cue

# Nouns of opinion polls: "in the polls", "in a new survey" credit what follows to the poll.
_POLL_HEADS = frozenset({"poll", "polls", "survey", "surveys", "polling"})
# "In a ... poll" names its poll within this many tokens after "In".
MAX_POLL_NAME = 9
# Words after a poll's name that still describe it ("poll released Monday", "conducted last week").
_POLL_DESCRIPTION = frozenset({"released", "published", "conducted", "taken", "out", "last", "this", "on"})
# Object pronouns and quantifiers that can hold a point of view ("To him, ...", "To many, ...").
_VIEW_PRONOUNS = ("him", "her", "them", "me", "us")
# A dash signature names its source in at most this many tokens after the first.
MAX_SIGNATURE_EXTRA = 4
# A speaker's name before a colon opening the sentence has at most this many tokens.
MAX_SPEAKER_TOKENS = 4
# A source before a colon and quotation starts within this many tokens of the sentence start.
MAX_COLON_SOURCE_START = 2
_FIRST_CONJUNCTIONS = ("but", "and", "yet")
# Words that open a question put to someone after "asked" ("Asked whether ...", "when asked about").
_QUESTION_NEXT = frozenset("whether if about what who whom why how where which by on during".split())
# Words before "asked" that make it a frame with no asker named ("When asked", ", asked").
_ASKED_FRAMES = frozenset({"when", "after", "once", "being", "while", ",", "and", "but", "before", "if"})


class Learned(NamedTuple):
    """The learned passes in use (None: left out) and the training rows being gathered."""

    cue: CueClassifier | None = None
    stance: StanceTagger | None = None
    collector: Collector | None = None


@lexicon.derived
def _impersonal_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The impersonal phrases ("it was reported", ...) by their first word, longest first."""
    return lexicon.by_first_word(lexicon.phrases("vague_phrases.txt"))


@lexicon.derived
def triggers() -> frozenset[str]:
    """Tokens without which a sentence cannot hold an attribution."""
    return (frozenset(lexicon.cue_forms()) | frozenset(_impersonal_phrases()) | DASHES | _POLL_HEADS
            | {"according", "citing", ":"})


@lexicon.derived
def _impersonal_by_two() -> tuple[dict[tuple[str, str], tuple[tuple[str, ...], ...]], dict[str, tuple[tuple[str, ...], ...]]]:
    """The impersonal phrases by their first two words ("it" opens two dozen)."""
    return lexicon.by_first_two_words(_impersonal_phrases())


def impersonal(p: SentencePass) -> None:
    """Impersonal phrases ("it was reported", "it is widely believed"): cues with no source."""
    s = p.s
    low, toks, n = s.low, s.toks, len(s.toks)
    phrases = _impersonal_phrases()
    if phrases.keys().isdisjoint(low):
        return
    pairs, singles = _impersonal_by_two()
    for i in [k for k, w in enumerate(low) if w in phrases]:  # only where a phrase can start
        for ph in lexicon.candidates(pairs, singles, low, i):
            m = len(ph)
            if tuple(low[i : i + m]) == ph and p.free(i, i + m - 1):
                after = toks[i + m].start if i + m < n else s.content_end
                content = (after, s.content_end) if i + m < n - 1 else (toks[0].start, toks[i].start)
                p.add((i, i + m - 1), None, content, "vague")
                p.take(i, i + m - 1)
                break


def according_to(p: SentencePass, i: int, learned: Learned) -> int | None:
    """1) "according to X" / "citing X": the source follows the cue; the content is the rest of
    the sentence when the cue opens it, what came before when it closes it."""
    s = p.s
    low, toks, n = s.low, s.toks, len(s.toks)
    lw = low[i]
    if not ((lw == "according" and i + 1 < n and low[i + 1] == "to") or (lw == "citing" and i + 1 < n)):
        return None
    np_ = np_right(s, i + 2 if lw == "according" else i + 1)
    if np_ is None or i in p.used:
        return None
    rumour = _rumour_source(s, np_)
    app = apposition_right(s, np_[1] + 1, at_start=i <= 1) if rumour is None else None
    src = rumour or (np_[0], app if app is not None else np_[1])
    first_start = toks[0].start
    content: tuple[int, int] | None
    if i <= 1 or (rumour is not None and src[1] + 1 < n - 1):
        content = (toks[src[1] + 1].start if src[1] + 1 < n else s.content_end, s.content_end)
    elif toks[i - 1].text == "," and src[1] + 1 >= n - 1:
        content = (first_start, toks[i - 1].start)  # at the end after a comma: content precedes
    elif lw == "citing":
        content = None
    else:
        content = (first_start, toks[i].start)
        if src[1] + 1 < n - 1 and i <= 2:
            content = (toks[src[1] + 1].start, s.content_end)
    p.add((i, i + 1 if lw == "according" else i), src, content, "vague" if rumour is not None else None)
    p.take(i, src[1])
    return src[1] + 1


def _rumour_source(s: Sentence, np_: tuple[int, int]) -> tuple[int, int] | None:
    """The source range when the noun phrase opens with talk rather than a speaker ("whispers",
    "the rumours"): it ends at that noun (what follows is the content, not the source)."""
    k = np_[0] + (1 if s.low[np_[0]] in ("the", "some", "persistent", "online") else 0)
    if k > np_[1] or s.low[k] not in lexicon.words("rumour_nouns.txt"):
        return None
    # "whispers at City Hall" is the whole source; "whispers the inspection ..." runs on into
    # the content at the next determiner.
    for j in range(k + 1, np_[1] + 1):
        if s.low[j] in DETERMINERS or s.low[j] in PRONOUN_WORDS:
            return (np_[0], j - 1)
    return np_


def speech_verb(p: SentencePass, i: int, learned: Learned) -> int | None:
    """2) a cue verb with its source before or after it; a verb the rules turn down goes to the
    cue classifier (or, when gathering training rows, to the collector)."""
    s = p.s
    info = lexicon.cue_forms().get(s.low[i])
    if info is None or i in p.used or (is_cap(s.toks[i].text) and i > 0 and not s.title_case):
        return None
    res = verb_cue(s, i, info, p.sources[-1] if p.sources else None)
    if res is not None:
        cue, src, content = res
        if not p.free(cue[0], cue[1]):
            return None
        p.add(cue, src, content)
        p.take(cue[0], cue[1])
        if src:
            p.sources.append(src)
            p.take(src[0], src[1])
        return cue[1] + 1
    rows = learned.collector.turned_down if learned.collector is not None else None
    if (learned.cue is None and rows is None) or (i - 1) in p.used or cue_context(s.low, i) not in VERB_CONTEXTS \
            or idiom(s, i, info[1]):
        # Only verb uses go to the classifier: not a noun ("the support", "Trump's plan"), an
        # infinitive or a negation, nor a word right after a cue, which is its object
        # ("repeated claims that"), nor an idiom ("charged with fraud", "thanks to").
        return None
    if rows is not None:
        feats, _ = cue_features(s, i)
        rows.append((s.toks[i].start, s.toks[i].end, feats))
        return None
    assert learned.cue is not None
    src = learned.cue.accepts(s, i)
    if src is None:
        return None
    # The cue classifier overrules the rules: the subject found before the word (if any) is the
    # source, the clause after it the content.
    if not p.free(src[0], src[1]):
        src = None
    n = len(s.toks)
    content = (s.toks[i + 1].start, s.content_end) if i + 1 < n - 1 else ((s.toks[0].start, s.toks[i].start) if i > 0 else None)
    p.add((i, i), src, content)
    p.used.add(i)
    if src is not None:
        p.take(src[0], src[1])
    return i + 1


def asked_question(p: SentencePass, i: int, learned: Learned) -> int | None:
    """2b) a question put to someone: "Asked whether ...", "when asked about", "X was asked if" (a
    cue with no source: X is asked, not asking), "Asked by Y to ..." (Y the source)."""
    s = p.s
    low, n = s.low, len(s.toks)
    if low[i] != "asked" or i + 1 >= n or i in p.used:
        return None
    nxt = low[i + 1]
    if not (nxt in _QUESTION_NEXT or nxt in OPEN_QUOTES):
        return None
    passive = i > 0 and low[i - 1] in BE_FORMS
    if not (i == 0 or passive or low[i - 1] in _ASKED_FRAMES):
        return None
    start = i - 1 if passive else i
    src = np_right(s, i + 2) if nxt == "by" and i + 2 < n else None  # "Asked by a reporter whether ..."
    if not p.free(start, i) or (src is not None and not p.free(src[0], src[1])):
        return None
    after = src[1] + 1 if src is not None else i + 1
    p.add((start, i), src, (s.toks[after].start, s.content_end) if after + 1 < n else None)
    p.take(start, src[1] if src is not None else i)
    return after


def poll(p: SentencePass, i: int, learned: Learned) -> int | None:
    """3) a poll as the source of the sentence: "In a new Marist poll, 48 percent ..."."""
    s = p.s
    low, toks, n = s.low, s.toks, len(s.toks)
    if low[i] not in _POLL_HEADS or i in p.used:
        return None
    j = i - 1
    while j >= 0 and i - j <= MAX_POLL_NAME and low[j] != "in" and (toks[j].text[0].isalnum() or toks[j].text in ("/", "-", "'s", "’s", "&")):
        j -= 1
    if not ((j == 0 or (j == 1 and low[0] in _FIRST_CONJUNCTIONS)) and low[j] == "in" and i - j >= 2 and p.free(j, i)):
        return None
    k = i + 1
    while k < n and (is_cap(toks[k].text) or low[k] in _POLL_DESCRIPTION or low[k] in TIME_WORDS) and toks[k].text[0].isalnum():
        k += 1  # "... poll released Monday"
    content = (toks[k + 1].start, s.content_end) if k + 1 < n and toks[k].text == "," else None
    p.add((j, j), (j + 1, i), content)
    p.take(j, k - 1)
    return k


def point_of_view(p: SentencePass, i: int, learned: Learned) -> int | None:
    """4) "To X, ...": the view that follows is X's ("To Frank, the party has lost its way")."""
    s = p.s
    low, toks, n = s.low, s.toks, len(s.toks)
    if i != 0 or low[0] != "to" or n <= 3:
        return None
    np_ = np_right(s, 1)
    if (np_ is None or np_[1] + 1 >= n or toks[np_[1] + 1].text != "," or low[1:3] == ["a", "person"]
            or not (is_cap(toks[1].text) or low[1] in DETERMINERS or low[1] in _VIEW_PRONOUNS or low[1] == "many")):
        return None
    app = apposition_right(s, np_[1] + 1, at_start=True)
    end = app if app is not None else np_[1]
    words = s.words(np_[0], np_[1])
    if not ((len(words) == 1 and low[1] in _VIEW_PRONOUNS) or classify_source(words) in ("named_person", "anonymous", "vague")):
        return None
    after = end + 2 if end + 1 < n and toks[end + 1].text == "," else end + 1
    content = (toks[after].start, s.content_end) if after < n else None
    p.add((0, 0), (np_[0], end), content)
    p.take(0, end)
    return end + 1


def _quotation_before(text: str, start: int) -> tuple[bool, tuple[int, int]]:
    """Whether the text before ``start`` ends with a closing quotation mark, and the span of that
    quotation (from its opening mark or the start of its line)."""
    e = start
    while e > 0 and text[e - 1].isspace():
        e -= 1
    return text[e - 1 : e] in ("”", '"'), (max(text.rfind("“", 0, e), text.rfind("\n", 0, e) + 1), e)


def dash_signature(p: SentencePass, i: int, learned: Learned) -> int | None:
    """5) a dash that signs a quotation or a post: '"..." ― Ana Ruiz', '... — Ana Ruiz (@aruiz)'."""
    s = p.s
    toks, n = s.toks, len(s.toks)
    if toks[i].text not in DASHES or i + 1 >= n or not is_cap(toks[i + 1].text) or i in p.used:
        return None
    np_ = np_right(s, i + 1)
    if i > 0:
        quoted = toks[i - 1].text in CLOSE_QUOTES
        content = (toks[0].start, toks[i].start)
    else:  # the quotation ended the previous sentence
        quoted, content = _quotation_before(p.text, s.start)
    if np_ is None or np_[1] - np_[0] > MAX_SIGNATURE_EXTRA:
        return None
    handle = np_[1] + 2 < n and toks[np_[1] + 1].text == "(" and toks[np_[1] + 2].text == "@"
    if not (quoted or handle) or classify_source(s.words(np_[0], np_[1])) not in ("named_person", "named_organization"):
        return None
    p.add((i, i), np_, content)
    p.take(i, np_[1])
    return np_[1] + 1


def speaker_colon(p: SentencePass, i: int, learned: Learned) -> int | None:
    """6) a colon after a speaker's name that opens the sentence: 'Lopez: "..."', 'TAPPER: Do you ...'."""
    s = p.s
    toks, n = s.toks, len(s.toks)
    if (toks[i].text != ":" or not 0 < i <= MAX_SPEAKER_TOKENS or i + 1 >= n or i in p.used or toks[i + 1].text in OPEN_QUOTES
            or toks[i + 1].text[0].isdigit()):
        return None
    if not speaker_words(s.words(0, i - 1)):
        return None
    p.add((i, i), (0, i - 1), (toks[i + 1].start, s.content_end))
    p.take(0, i)
    return i + 1


def colon_before_quote(p: SentencePass, i: int, learned: Learned) -> int | None:
    """7) a colon before a quotation, after a source: Lopez said this: "..."."""
    s = p.s
    toks, n = s.toks, len(s.toks)
    if toks[i].text != ":" or i + 1 >= n or toks[i + 1].text not in OPEN_QUOTES or i == 0 or i in p.used:
        return None
    np_ = np_left(s, i - 1)
    if np_ is None or (i - 1) in p.used:
        return None
    if s.low[np_[1]] in PRONOUN_WORDS or (classify_source(s.words(np_[0], np_[1])) != "unresolved" and np_[0] <= MAX_COLON_SOURCE_START):
        p.add((i, i), np_, (toks[i + 1].start, s.content_end))
        p.take(np_[0], i)
        return i + 1
    return None


Rule = Callable[[SentencePass, int, Learned], int | None]
RULES: tuple[Rule, ...] = (
    according_to, asked_question, speech_verb, poll, point_of_view, dash_signature, speaker_colon, colon_before_quote)


@lexicon.derived
def _rules_at() -> dict[str, tuple[Rule, ...]]:
    """Per trigger word, the rules that can start at it, in :data:`RULES` order: each rule's
    first test turns down every word but these (a rule left out of this table is tried at every
    word). Most trigger words ("the", "it", which open impersonal phrases) start no rule."""
    starts: dict[Rule, frozenset[str]] = {
        according_to: frozenset({"according", "citing"}), asked_question: frozenset({"asked"}),
        speech_verb: frozenset(lexicon.cue_forms()), poll: _POLL_HEADS, point_of_view: frozenset({"to"}),
        dash_signature: DASHES, speaker_colon: frozenset({":"}), colon_before_quote: frozenset({":"}),
    }
    return {w: tuple(r for r in RULES if r not in starts or w in starts[r]) for w in triggers() | {"to"}}


# The most attributions one sentence yields before the rest of it is left unread. Real sentences
# hold at most 4 (the 400 corpus and 924 PolNeAR articles, measured 2026-12); only degenerate text
# ("He said said said ...", "A told B who told C who told ...") reaches this, and reading on
# would cost time quadratic in the sentence's length (each attribution's content runs to its end).
MAX_ATTRIBUTIONS_PER_SENTENCE = 16


def find_attributions(s: Sentence, text: str, history: MentionHistory, learned: Learned) -> list[Found]:
    """The attributions of one sentence: the rule families in order over every token a cue may
    start at, then the stance tagger when the rules found none."""
    low = s.low
    rows = learned.collector.stance if learned.collector is not None else None
    stance = (learned.stance is not None or rows is not None) and not rate_buckets().keys().isdisjoint(low)
    trig = triggers()
    if trig.isdisjoint(low) and not (low and low[0] == "to"):
        # no cue word, colon, dash, poll or impersonal phrase: only the stance tagger may find one
        return stance_cues(SentencePass(s, text, history), learned.stance, rows) if stance else []
    p = SentencePass(s, text, history)
    impersonal(p)
    inside = s.inside
    # Where a cue can start: a trigger word outside quotation marks (words inside a quotation
    # are the speaker's, not the article's), or "To" opening the sentence.
    i = 0
    rules_at = _rules_at()
    for pos in [k for k, w in enumerate(low) if (w in trig or (k == 0 and w == "to")) and not inside[k]]:
        if pos < i:
            continue  # inside a span already taken
        if len(p.found) >= MAX_ATTRIBUTIONS_PER_SENTENCE:
            break
        i = pos
        for rule in rules_at.get(low[i], RULES):
            nxt = rule(p, i, learned)
            if nxt is not None:
                i = nxt
                break
        else:
            i += 1
    found = sorted(p.found, key=lambda x: x[0].cue.start)
    if len(found) > 1:
        # A cue inside another attribution's source ("X, who spoke on condition of
        # anonymity, said") belongs to that source phrase.
        found = [f for f, inner in zip(found, _cue_inside_another(found, lambda a: a.source)) if not inner]
    if len(found) > 1:
        # A thinking/wanting verb inside what a source said ("X says he expects ...") is part
        # of that content, not a separate attribution.
        nested = _cue_inside_another(found, lambda a: a.content)
        found = [f for f, inner in zip(found, nested) if not (inner and _stance_cue(f[0], text))]
    if stance and not found:
        found = stance_cues(SentencePass(s, text, history), learned.stance, rows)
    return found


def _stance_cue(att: Attribution, text: str) -> bool:
    """A thinking/wanting cue, unless it is an -ing word after a comma (", saying")."""
    cue = att.cue.text.replace("\u00ad", "")  # a soft hyphen inside the word is not part of it
    info = lexicon.cue_forms().get(cue.split()[-1].lower())
    if info is None or info[0] != "stance":
        return False
    if not cue.lower().endswith("ing"):
        return True
    k = att.cue.start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return not (k > 0 and text[k - 1] == ",")


def _cue_inside_another(found: list[Found], span_of: Callable[[Attribution], Span | None]) -> list[bool]:
    """For each attribution (in order of cue start), whether another attribution's span
    (``span_of``: its source or its content) contains its cue. One sweep over the spans in order
    of start, keeping the two furthest-reaching ends seen (each attribution owns one span)."""
    spans = sorted((sp.start, sp.end, k) for k, (a, _) in enumerate(found) if (sp := span_of(a)) is not None)
    best_end, best_owner, second_end = -1, -1, -1
    j = 0
    out = []
    for k, (a, _) in enumerate(found):
        while j < len(spans) and spans[j][0] <= a.cue.start:
            _, end, owner = spans[j]
            if end > best_end:
                second_end, best_end, best_owner = best_end, end, owner
            elif end > second_end:
                second_end = end
            j += 1
        reach = second_end if best_owner == k else best_end
        out.append(reach >= a.cue.end)
    return out


def colon_before_quotation(s: Sentence, nxt: SegSentence, nxt_toks: tuple, text: str, history: MentionHistory) -> Found | None:
    """A sentence ending in a colon before a quotation paragraph ("Park was blunt:"): the colon is
    the cue, the sentence's opening name the source, the next sentence the content."""
    toks = s.toks
    if not toks or toks[-1].text != ":" or not nxt_toks or nxt_toks[0][0] not in OPEN_QUOTES:
        return None
    np_ = np_left(s, first_np_end(s))
    if np_ is None or np_[0] != 0 or not names_source(s.words(np_[0], np_[1])):
        return None
    att, key = make_attribution(s, text, (len(toks) - 1, len(toks) - 1), np_, None, history)
    att = Attribution(att.sentence, att.cue, att.source, Span(nxt.start, nxt.end, nxt.text), att.source_type, att.resolved_to)
    return att, key
