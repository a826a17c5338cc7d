"""Evidence about the article's own voice and how it sources: what raters weigh beyond counts.

Runs after extraction, on the segmented text and its evidence. It finds:

- **own-voice tokens**: words outside quotation marks and outside every attribution's content,
  i.e. what the article says in its own name;
- **first person**: "I", "we", "you" in the article's own voice (columns, letters, opinion);
- **loaded words** in the article's own voice ("slammed", "so-called", "cover-up"), the
  innuendo the rubric places at its lowest level;
- **rhetorical questions**: own-voice sentences ending in a question mark;
- **second-hand attributions**: information credited through a news outlet ("told Reuters",
  "according to the New York Times", "as first reported by Politico", "said on CNN"); an outlet
  written in capitals as its own house style does ("told POLITICO", "told USA TODAY"), or the
  wire service the article's dateline credits ("WASHINGTON (AP) -" then "told the AP"), is the
  article's own reporting, not another's;
- **explained anonymity**: anonymous attributions whose sentence says why the source is not named.

Word lists are data files in ``scorer/data/`` (``outlets.txt``, ``loaded.txt``,
``first_person.txt``, ``anonymity_explained.txt``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, Sequence

from . import lexicon
from .segment import SOFT_HYPHEN
from .types import TRANSCRIPT, Attribution, Evidence, Span

if TYPE_CHECKING:
    from .segment import Segmented

_OPEN_QUOTES = frozenset({"“", "«", "``"})
_CLOSE_QUOTES = frozenset({"”", "»", "''"})
_STRAIGHT = '"'
_text, _start, _head = itemgetter(0), itemgetter(1), itemgetter(slice(0, 1))  # of a token; a word's first character


@dataclass(frozen=True)
class Voice:
    """Own-voice and second-hand signals of one article (counts; spans index the text)."""

    own_words: int
    first_person: tuple[Span, ...]
    loaded: tuple[Span, ...]
    questions: tuple[int, ...]  # sentence indices
    second_hand: tuple[int, ...]  # attribution indices
    via: tuple[Span | None, ...]  # per attribution: the outlet it came through, or None
    explained_anonymous: tuple[int, ...]  # attribution indices
    headline_wording: tuple[Span, ...] = ()  # the words of the headline(s) set aside as residue


@lexicon.derived
def _outlet_pattern() -> re.Pattern[str]:
    names = sorted(lexicon.words("outlets.txt"), key=len, reverse=True)
    # The names grouped by their first letter, each group in the same order (longest first): at a
    # position only one group can open, so the engine tries one group's names instead of all of
    # them, and the match found is the same (3x faster on real text).
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(n[:1].lower(), []).append(n[1:])
    alt = "|".join(re.escape(k) + "(?:" + "|".join(re.escape(rest).replace(r"\ ", r"\s+") for rest in rests) + ")"
                   for k, rests in groups.items())
    # Outlet names are proper nouns: match them capitalised as written in text (the list is lower
    # case), so "times" the plural noun is not taken for the newspaper.
    return re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?i:{alt})(?![\w-])")


@lru_cache(maxsize=1)
def _via_pattern() -> re.Pattern[str]:
    # The frames that pass information on from an outlet: "told <outlet>", "according to <outlet>",
    # "<outlet> reported", "reported by <outlet>", "in an interview with <outlet>", "citing <outlet>",
    # "in remarks to <outlet>", "published by <outlet>", "said on <outlet>" (a broadcaster's air:
    # "on" only after a word of speaking or appearing, so "the vote on the Hill" is no frame).
    return re.compile(
        r"(?i:\btold\s+|\baccording\s+to\s+|\breported\s+by\s+|\bcited\s+by\s+|\bciting\s+|\binterview\s+with\s+"
        r"|\bspeaking\s+to\s+|\bsaid\s+to\s+|\bconfirmed\s+to\s+|\bfirst\s+reported\s+by\s+|\bquoted\s+by\s+|\bin\s+"
        r"|\bremarks\s+to\s+|\bpublished\s+by\s+|\bbroadcast\s+by\s+"
        r"|\b(?:said|says|saying|spoke|speaks|speaking|appeared|appears|appearing|interview|remarks|comments?)"
        r"(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|earlier"
        r"|later|again|last\s+week|this\s+week)(?:\s+(?:morning|afternoon|evening|night))?)?\s+on\s+)$"
    )


@lexicon.derived
def _loaded_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The loaded phrases by their first word, longest first (word lists are read once)."""
    return lexicon.by_first_word(lexicon.phrases("loaded.txt"))


@lexicon.derived
def _outlet_words() -> frozenset[str]:
    """Every word of every outlet name that must be capitalised in a match (lower case; not the
    particles, such as "the" and "of", that may stay lower case): text holding none of them
    capitalised names no outlet. (With the particles in, every sentence opened by "The" went on
    to the name pattern.)"""
    return frozenset(w for name in lexicon.words("outlets.txt") for w in name.split() if w not in _NAME_PARTICLES)


_WORD_RE = re.compile(r"[A-Za-z][\w.&'’-]*")
# An outlet's name in capitals with at least this many letters, and no hyphen, is not an
# initialism ("CNN", "MSNBC", "ABS-CBN") but a publisher's house style for its own name
# ("POLITICO", "USA TODAY"): in running text ("told POLITICO") it marks the article's own
# reporting. Not applied in a sentence written mostly in capitals. On PolNeAR train, leaving these
# out took the Spearman of the second-hand count with the raters' count from 0.540 to 0.562.
_HOUSE_CAPITALS = 6
# Words of an outlet's name that stay lower case in running text ("Times of India", "Folha de
# S.Paulo"); every other word of a name must be capitalised ("US weekly jobless claims" is no
# magazine).
_NAME_PARTICLES = frozenset({"of", "the", "and", "de", "da", "do", "del", "della", "la", "le", "el", "di", "y", "&"})


def _bare(word: str) -> str:
    """A word as outlet names list it: lower case, without a closing full stop or possessive
    ("CNN's" -> "cnn")."""
    low = word.lower().rstrip(".")
    return low[:-2] if low.endswith(("'s", "’s")) else low


def outlet_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of outlet names written as proper nouns inside ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    words = _outlet_words()
    # The name regex is long; capitalised words that belong to no outlet name rule most text out first.
    if not any(_bare(m.group()) in words for m in _WORD_RE.finditer(text, start, end) if m.group()[0].isupper()):
        return out
    for m in _outlet_pattern().finditer(text, start, end):
        name = m.group()
        core = name[4:].lstrip() if name.lower().startswith("the ") else name
        if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in core.split()):
            continue
        if core.isupper() and "-" not in core and sum(map(str.isalpha, core)) >= _HOUSE_CAPITALS \
                and not _shouted(text[start:m.start()] + text[m.end():end]):
            continue  # "POLITICO", "USA TODAY": a publisher's style for its own name
        out.append((m.start(), m.end()))
    return out


def _shouted(around: str) -> bool:
    """Whether the words around an outlet's name are mostly capitals (a headline or a shouted
    line, where a name in capitals says nothing of house style); no words around it ("POLITICO"
    as a source span of its own) is no shouting."""
    letters = [c for c in around if c.isalpha()]
    return sum(map(str.isupper, letters)) > len(letters) / 2 if letters else False


# A reporting verb after an outlet's name: "Reuters reported", "ABC News is reporting", "the
# Guardian broke the story" (not "was found liable", not "broke its own rules").
_REPORTS_AFTER = re.compile(
    r"\s*(?:(?:has|had)\s+)?(?:reported|reports|revealed|first\s+reported|said|says|wrote|noted|found|learned|obtained"
    r"|published|(?:(?:is|was|are|were)\s+)?reporting|broke\s+(?:the\s+)?(?:story|news))\b")


def _reports_after(text: str, end: int, limit: int) -> bool:
    """True when an outlet name at ``end`` is followed by a reporting verb ("Reuters reported")."""
    tail = text[end:min(limit, end + 40)].lower()
    return bool(_REPORTS_AFTER.match(tail))


def _via(text: str, att: Attribution, sent_start: int, sent_end: int,
         in_sentence: dict[tuple[int, int], Span | None] | None = None, own: frozenset[str] = frozenset()) -> Span | None:
    """The outlet through which an attribution's information came, or None; an outlet in ``own``
    (:func:`own_outlets`) is the article's own and passes nothing on. ``in_sentence`` caches the
    sentence-wide answer, which does not depend on the attribution (a sentence with many
    attributions is then read once, not once per attribution)."""
    if att.source is not None:
        for s, e in outlet_spans(text, att.source.start, att.source.end):
            if _another(text[s:e], own):
                return Span(s, e, text[s:e])
    if in_sentence is None:
        return _via_in_sentence(text, sent_start, sent_end, own)
    key = (sent_start, sent_end)
    if key not in in_sentence:
        in_sentence[key] = _via_in_sentence(text, sent_start, sent_end, own)
    return in_sentence[key]


def _via_in_sentence(text: str, sent_start: int, sent_end: int, own: frozenset[str] = frozenset()) -> Span | None:
    """The first outlet of a sentence, other than the article's ``own``, named in a frame that
    passes information on."""
    for s, e in outlet_spans(text, sent_start, sent_end):
        if not _another(text[s:e], own):
            continue
        before = text[max(sent_start, s - 40):s]
        if _via_pattern().search(before) or _reports_after(text, e, sent_end):
            return Span(s, e, text[s:e])
    return None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering ``spans``."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_VOICE_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES | {_STRAIGHT}


def _outside_contents(toks: Sequence[tuple[str, int, int]], contents: list[tuple[int, int]], j: int) -> list[bool]:
    """Per token, whether no content range from ``contents[j]`` on holds its start (the ranges
    sorted and apart, none before ``j`` reaching the sentence)."""
    starts = list(map(_start, toks))
    mask = [True] * len(toks)
    last = starts[-1]
    while j < len(contents) and contents[j][0] <= last:
        a, b = bisect_left(starts, contents[j][0]), bisect_left(starts, contents[j][1])
        mask[a:b] = [False] * (b - a)
        j += 1
    return mask


def _own_voice_mask(seg: Segmented, ev: Evidence) -> list[list[bool]]:
    """Per sentence, per token: True when the token is in the article's own voice. One pass over
    the tokens in text order, with a pointer into the merged content ranges (linear time). A
    sentence with no quotation mark is settled at once when no content range reaches it. A turn
    of a transcript or interview that holds no attribution is the speaker's words, none of it the
    article's own voice; one that holds an attribution is read like any sentence holding one (its
    content set apart). Setting those apart whole too was measured: cross-validated Wikinews
    0.679 -> 0.667 and the domain shift 0.524 -> 0.494, PolNeAR train 0.533 -> 0.536."""
    turns = {k for k, why in ev.why.items() if why == (TRANSCRIPT,)}
    # What the writer credits to "I" or "we" ("I think we should ...") is still the writer's own voice.
    first = lexicon.words("first_person.txt")
    contents = _merged([(a.content.start, a.content.end) for a in ev.attributions
                        if a.content is not None and not (a.source is not None and a.source.text.lower() in first)])
    n_contents = len(contents)
    masks = []
    depth = 0
    straight = False
    j = 0
    lower = seg.lowered()
    for sent, toks, low in zip(seg.sentences, seg.tokens, lower):
        if sent.start in seg.paragraph_starts:
            depth, straight = 0, False
        if sent.index in turns:
            masks.append([False] * len(toks))
            continue
        if toks and _VOICE_QUOTES.isdisjoint(low):
            if depth or straight:
                masks.append([False] * len(toks))
                continue
            # The pointer only moves forward, so moving it here to the sentence's first token is
            # what the token loop would do; no range starting after the last token reaches it.
            j = _past(contents, j, toks[0][1])
            if j == n_contents or contents[j][0] > toks[-1][1]:
                masks.append([True] * len(toks))
                continue
            # No quotation mark: a token is out of the own voice when a content range holds its
            # start, so each range reaching the sentence clears a slice of the mask.
            masks.append(_outside_contents(toks, contents, j))
            j = _past(contents, j, toks[-1][1])
            continue
        if not toks:
            masks.append([])
            continue
        mask, depth, straight = _quoted_mask(toks, contents, j, depth, straight)
        masks.append(mask)
        j = _past(contents, j, toks[-1][1])
    return masks


def _past(contents: list[tuple[int, int]], j: int, pos: int) -> int:
    """The first content range from ``contents[j]`` on that ends after ``pos`` (the pointer only
    moves forward)."""
    while j < len(contents) and contents[j][1] <= pos:
        j += 1
    return j


def _quoted_mask(toks: Sequence[tuple[str, int, int]], contents: list[tuple[int, int]], j: int, depth: int,
                 straight: bool) -> tuple[list[bool], int, bool]:
    """The own-voice mask of a sentence holding quotation marks, and the quotation state after
    it (curly depth, straight quote open). A mark is never own voice; the tokens between two
    marks share one state, so each run is settled at once, and a token outside every quotation
    is own voice when no content range holds it (:func:`_outside_contents`)."""
    mask = _outside_contents(toks, contents, j)
    texts = list(map(_text, toks))
    prev = 0
    for q in compress(range(len(texts)), map(_VOICE_QUOTES.__contains__, texts)):
        if depth or straight:
            mask[prev:q] = [False] * (q - prev)
        mask[q] = False
        if texts[q] in _OPEN_QUOTES:
            depth += 1
        elif texts[q] in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        else:
            straight = not straight
        prev = q + 1
    if depth or straight:
        mask[prev:] = [False] * (len(texts) - prev)
    return mask, depth, straight


@dataclass
class _OwnVoice:
    """What the own-voice words of an article's sentences hold, gathered sentence by sentence."""

    own: int = 0
    first_spans: list[Span] = field(default_factory=list)
    loaded_spans: list[Span] = field(default_factory=list)
    questions: list[int] = field(default_factory=list)


def _read_own_words(acc: _OwnVoice, text: str, toks: Sequence[tuple[str, int, int]], low: Sequence[str], mask: list[bool],
                    first: frozenset[str] | set[str], by_first: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """Count a sentence's own-voice words into ``acc``; return how many are words (not punctuation).
    First-person words and loaded phrases are looked for only in sentences that hold one of their
    words (a set test), each list still filled in token order."""
    own_alpha = sum(map(str.isalnum, map(_head, compress(low, mask))))
    acc.own += own_alpha
    kept = list(compress(range(len(mask)), mask)) if not (first.isdisjoint(low) and by_first.keys().isdisjoint(low)) else []
    if not first.isdisjoint(low):
        for i in kept:
            w = low[i]
            if w in first and not (w == "us" and toks[i][0] == "US"):
                tok = toks[i]
                acc.first_spans.append(Span(tok[1], tok[2], tok[0]))
    if not by_first.keys().isdisjoint(low):
        for i in kept:
            for ph in by_first.get(low[i], ()):
                if tuple(low[i : i + len(ph)]) == ph and all(mask[i : i + len(ph)]):
                    start, end = toks[i][1], toks[i + len(ph) - 1][2]
                    acc.loaded_spans.append(Span(start, end, text[start:end]))
                    break
    return own_alpha


def _read_own_voice(seg: Segmented, masks: list[list[bool]]) -> _OwnVoice:
    """The own-voice words, first person, loaded phrases and questions of every sentence."""
    text = seg.text
    first = lexicon.words("first_person.txt")
    by_first = _loaded_index()
    acc = _OwnVoice()
    lower = seg.lowered()
    for sent, toks, mask, low in zip(seg.sentences, seg.tokens, masks, lower):
        own_alpha = _read_own_words(acc, text, toks, low, mask, first, by_first)
        if toks and low[-1] == "?" and mask[-1] and own_alpha >= 3:
            acc.questions.append(sent.index)
    return acc


# Other names of one wire service, each keyed to one name: "(AP)" in a dateline and "told the
# Associated Press" in the body name one outlet.
_SAME_OUTLET = {"ap": "associated press", "afp": "agence france-presse", "agence france presse": "agence france-presse",
                "thomson reuters": "reuters"}


def _outlet_key(name: str) -> str:
    """An outlet's name compared across its spellings: lower case, spaces as one, no leading
    "the", short wire names as their long ones."""
    low = " ".join(name.lower().split())
    low = low[4:] if low.startswith("the ") else low
    return _SAME_OUTLET.get(low, low)


def _another(name: str, own: frozenset[str]) -> bool:
    """Whether the outlet ``name`` is another's than the article's ``own`` (:func:`own_outlets`)."""
    return not own or _outlet_key(name) not in own


def own_outlets(seg: Segmented) -> frozenset[str]:
    """The outlets a dateline credits with the article ("WASHINGTON (AP) -", "LONDON (Reuters) -"),
    as :func:`_outlet_key` keys: what the article says it heard itself is that outlet's own
    reporting. On the rated PolNeAR train articles, leaving these out took the Spearman of the
    second-hand count with the raters' count from 0.550 to 0.558 (Wikinews, without wire
    datelines, unchanged)."""
    text = seg.text
    return frozenset(_outlet_key(text[s:e]) for x in seg.excluded if x.reason == "dateline"
                     for s, e in outlet_spans(text, x.start, x.end))


def _may_name_outlet(toks: Sequence[tuple[str, int, int]], low: Sequence[str]) -> bool:
    """Whether a sentence holds a capitalised word of an outlet's name."""
    capitalised = compress(low, map(str.isupper, map(_head, map(_text, toks))))
    return not _outlet_words().isdisjoint(map(_bare, capitalised))


def _second_hand(seg: Segmented, ev: Evidence) -> tuple[list[Span | None], list[int], list[int]]:
    """Per attribution, the outlet it came through (or None); the second-hand attributions; the
    anonymous ones whose anonymity the sentence explains. Only the sentences that hold an
    attribution are searched for an outlet's name, each once."""
    text = seg.text
    lower = seg.lowered()
    may_name_outlet: dict[int, bool] = {}
    sent_bounds = {s.index: (s.start, s.end) for s in seg.sentences}
    explained_phrases = lexicon.phrases("anonymity_explained.txt")
    via: list[Span | None] = []
    second: list[int] = []
    explained: list[int] = []
    via_cache: dict[tuple[int, int], Span | None] = {}
    own = own_outlets(seg) if seg.excluded else frozenset()
    for k, att in enumerate(ev.attributions):
        s0, s1 = sent_bounds.get(att.sentence, (att.cue.start, att.cue.end))
        k_sent = att.sentence
        if k_sent not in may_name_outlet:
            may_name_outlet[k_sent] = 0 <= k_sent < len(seg.tokens) and _may_name_outlet(seg.tokens[k_sent], lower[k_sent])
        v = _via(text, att, s0, s1, via_cache, own) if may_name_outlet[k_sent] else None
        via.append(v)
        if v is not None:
            second.append(k)
        if att.source_type == "anonymous":
            sent_low = " ".join(text[s0:s1].replace(SOFT_HYPHEN, "").lower().split())  # soft hyphens read through
            if any(" ".join(ph) in sent_low for ph in explained_phrases):
                explained.append(k)
    return via, second, explained


def read_voice(seg: Segmented, ev: Evidence) -> Voice:
    """The own-voice and second-hand signals of a segmented article and its evidence."""
    text = seg.text
    masks = _own_voice_mask(seg, ev)
    acc = _read_own_voice(seg, masks)
    # A headline is no claim to count, but its framing is the article's own: editors read it.
    from .segment import tokenize

    headline = tuple(Span(t[1], t[2], t[0]) for x in seg.excluded if x.reason == "headline"
                     for t in tokenize(text, x.start, x.end) if t[0][:1].isalpha())
    via, second, explained = _second_hand(seg, ev)
    return Voice(acc.own, tuple(acc.first_spans), tuple(acc.loaded_spans), tuple(acc.questions), tuple(second), tuple(via),
                 tuple(explained), headline)
