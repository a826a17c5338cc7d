"""The speech-verb rule family: a reporting, stance or document verb in any inflection with its
source before it ("X said", "X, the role, said", "X told Y", "the report shows") or after it
(``"...," said X``), extended by "in a statement" and the like (:func:`verb_cue`)."""

from __future__ import annotations

from typing import NamedTuple

from .. import lexicon
from .grammar import (
    ADVERBS_BEFORE_CUE,
    AUXILIARIES,
    BE_FORMS,
    CLOSE_QUOTES,
    DETERMINERS,
    LINKING_PREP,
    NEGATIVE_SUBJECTS,
    NEGATORS,
    NOT_STANCE_OBJECTS,
    OPEN_QUOTES,
    POSSESSIVE_ENDINGS,
    PRONOUN_BASE,
    PRONOUN_WORDS,
    STANDALONE_QUANTIFIERS,
    TIME_WORDS,
    is_cap,
)
from .phrases import Range, apposition_right, names_source, nominal_ing, np_right, plain_np, short_np, typing_words
from .sentences import Sentence
from .sources import classify_source, person_noun
from .subjects import MAX_ADVERBS_BEFORE, clause_subject, coordinated_names, subject_before

# (cue range, source range or None, content character span or None)
VerbCue = tuple[Range, Range | None, tuple[int, int] | None]

# A cue extends leftwards over at most MAX_ADVERBS_BEFORE adverbs and auxiliaries ("has also
# said"; the limit subjects.py uses too).
# An -ly word longer than this between a subject and its verb is an adverb ("relentlessly").
MIN_LY_ADVERB = 6
# The verbs that report speech almost whenever they follow a noun phrase: any plain noun phrase
# before them is taken as the speaker ("nine in 10 said", "callers asked", "another said").
_STRONG_SPEECH = frozenset("say tell add write".split())
# Verbs of speaking for which "the/a + noun" before them is a person speaking ("the owner said").
_SPEAKING = frozenset("say tell add write explain insist note recall reply respond answer testify tweet post "
                      "announce confirm deny warn argue admit acknowledge claim".split())
# Verbs whose subject may be a document ("the report shows"), and those of them that only a
# document takes as subject (a person who "finds" or "suggests" is a cue too).
_DOCUMENT_LEMMAS = frozenset("show find reveal indicate suggest conclude estimate read list detail outline "
                             "record document project identify note".split())
_DOCUMENT_ONLY_LEMMAS = _DOCUMENT_LEMMAS - {"find", "note", "conclude", "estimate", "reveal", "suggest", "indicate"}
# Verbs besides the stance verbs that need a source and, for some, a clause or quotation after them.
_NEED_SUBJECT = frozenset("find show see know read call continue post note claim report question answer promise "
                          "plan support oppose endorse".split())
# Stance verbs that take a plain object ("supports the plan"), not only a clause.
_TAKE_OBJECT = frozenset("support oppose endorse call back prefer seek".split())
# Nouns of studies before "found" ("the survey found").
_STUDY_NOUNS = frozenset("report study survey poll audit review analysis investigation".split())
# "called off", "called it quits": idioms, not a view.
_CALL_IDIOMS = frozenset("off up in back out quits".split())
# Words between a cue and its content that are no part of the content ("said on Monday that").
_BEFORE_CONTENT = frozenset({"that", "on", "last", "this", "late", "early"})
_BEFORE_CONTENT_TOLD = frozenset({"that", "on", "last", "this"})
# Determiners in "said in a/the/his statement".
_MEDIUM_DETS = frozenset({"a", "an", "the", "his", "her", "its", "their"})
_PREPS_BEFORE_NOUN = frozenset({"of", "in", "on", "for", "with", "by", "about"})
# Verbs that carry a cue verb on in an infinitive: "went on to say", "continued to insist".
_GO_ON = frozenset("went goes go going".split())
_CONTINUE = frozenset("continued continues continue continuing".split())
# Words that end a clause before an -ing cue with the same speaker ("..., adding", "before adding").
_SAME_SPEAKER_BEFORE_ING = frozenset({",", "before", "after", "while", "by", "when", "without", "and"})


class _Verb(NamedTuple):
    """A candidate cue verb: its token index, lower-case form, lemma and category, the words
    around it, and the last token of its subject (-1 when none)."""

    i: int
    lw: str
    category: str
    lemma: str
    prev: str
    nxt: str
    subj_end: int


def verb_cue(s: Sentence, i: int, info: tuple[str, str], last_src: Range | None = None) -> VerbCue | None:
    """Decide whether the verb at token ``i`` (lexicon ``(category, lemma)``) is a cue; return
    its (cue, source, content) ranges. ``last_src`` is the source of the sentence's previous cue."""
    low = s.low
    n = len(low)
    category, lemma = info
    prev = low[i - 1] if i > 0 else ""
    nxt = low[i + 1] if i + 1 < n else ""
    if _idiom(s, i, lemma, prev, nxt) or _not_a_verb(s, i, category, lemma, prev):
        return None
    cs, subj_end = _extend_left(s, i)
    v = _Verb(i, low[i], category, lemma, prev, nxt, subj_end)
    ce, after = _extend_right(s, v)
    src = _subject(s, v, last_src)
    if src is not None:
        rejected, src = _checked_subject(s, v, src)
        if rejected:
            return None
    if (category == "stance" or lemma in _NEED_SUBJECT) and _lacks_complement(s, v, src):
        return None
    if src is not None:
        return (cs, ce), src, _content(s, v, src, after)
    return _inverted(s, v, cs, ce)


def idiom(s: Sentence, i: int, lemma: str) -> bool:
    """Whether the cue verb at token ``i`` (of ``lemma``) is used in an idiom that reports nothing
    (see :func:`_idiom`): final, the cue classifier does not overrule it."""
    low = s.low
    return _idiom(s, i, lemma, low[i - 1] if i > 0 else "", low[i + 1] if i + 1 < len(low) else "")


def _idiom(s: Sentence, i: int, lemma: str, prev: str, nxt: str) -> bool:
    """Uses of cue verbs that report nothing: "leads by five points", "thanks to", "a written
    statement", "spoke at the convention", "found itself"."""
    lw = s.low[i]
    if lemma == "point" and nxt not in ("out", "to"):
        return True  # "leads by five points"
    if lemma == "maintain" and nxt not in ("that", ",", ":") and nxt not in OPEN_QUOTES:
        return True  # "maintained support among older voters"
    if lemma == "charge" and nxt != "that":
        return True  # "charged with fraud", "charges $5": an accusation only as "charged that"
    if (lw == "thanks" and nxt == "to") or (lw == "written" and prev not in AUXILIARIES):
        return True  # "thanks to the storm", "a written statement"
    if lemma in ("speak", "talk") and nxt not in ("about", "of", "out"):
        return True  # "spoke at the convention", "talked with reporters", "spoke on condition of anonymity"
    return lemma == "find" and nxt != "that" and prev not in _STUDY_NOUNS  # "found itself", "found a receptive audience"


def _not_a_verb(s: Sentence, i: int, category: str, lemma: str, prev: str) -> bool:
    """Negated, infinitive, noun and modifier uses: "has not said", "to say", "the report",
    "Trump's plans", "a long serving teacher", "a super PAC supporting X", "was told"."""
    low = s.low
    lw = low[i]
    # Negated: "has not said how", "never told anyone" report no words of the source.
    if prev in NEGATORS or (i > 1 and low[i - 2] in ("not", "n't", "never") and prev in AUXILIARIES | {"yet", "publicly"}):
        return True
    noun_like = lw in lexicon.words("noun_like_cues.txt")
    if prev in DETERMINERS and not (not noun_like and _quantified_speaker(low, i, category, lemma)):
        return True  # "the report", "a call"; but "Many believe", "Another said", "one in five say"
    if prev == "to" and lw != "according" and _carried_on(low, i) == i:
        return True  # "to say", but not "went on to say"
    if i > 0 and ((prev.endswith(POSSESSIVE_ENDINGS) and prev not in PRONOUN_WORDS) or (noun_like and prev in _PREPS_BEFORE_NOUN)):
        return True  # "Curiel's alleged bias", "the rise of support"
    if nominal_ing(low, i):
        return True  # "a long serving teacher", "the opening briefing": part of a noun phrase
    progressive = prev in BE_FORMS or (prev in PRONOUN_WORDS and PRONOUN_BASE[prev] != prev)  # "is hoping", "he’s hoping"
    if category == "stance" and lw.endswith("ing") and prev not in (",", "and", "but") and not progressive:
        return True  # "a super PAC supporting X": a participle modifying a noun
    return prev in BE_FORMS and lw in lexicon.words("passive_recipient_verbs.txt")


def _quantified_speaker(low: list[str], i: int, category: str, lemma: str) -> bool:
    """A quantifier standing alone as the speaker before the verb ("Another said", "one in five
    say", "Many believe")."""
    prev = low[i - 1]
    if lemma in _STRONG_SPEECH and (prev in STANDALONE_QUANTIFIERS or (i > 2 and low[i - 2] == "in")):
        return True
    alone = prev in STANDALONE_QUANTIFIERS and (i == 1 or low[i - 2] in (",", "and", "but", "while"))
    return category == "stance" and alone


def _is_adverb(s: Sentence, k: int) -> bool:
    """An adverb or auxiliary between a subject and its verb ("has also", "relentlessly")."""
    w = s.low[k]
    if w in ADVERBS_BEFORE_CUE:
        return True
    return (w.endswith("ly") and len(w) >= MIN_LY_ADVERB and w.isalpha() and w not in lexicon.words("not_adverbs.txt")
            and k > 0 and not is_cap(s.toks[k].text))


def _carried_on(low: list[str], i: int) -> int:
    """Where "went on to" / "continued to" starts before the verb at ``i`` (``i`` when absent)."""
    if i >= 2 and low[i - 1] == "to" and low[i - 2] in _CONTINUE:
        return i - 2
    if i >= 3 and low[i - 1] == "to" and low[i - 2] == "on" and low[i - 3] in _GO_ON:
        return i - 3
    return i


def _extend_left(s: Sentence, i: int) -> tuple[int, int]:
    """Where the cue starts (over an auxiliary: "has said", over "went on to") and where its
    subject ends, past adverbs and auxiliaries ("has also said", "relentlessly attacked")."""
    start = _carried_on(s.low, i)
    if start < i:
        return start, start - 1
    k = i - 1
    while k >= 0 and _is_adverb(s, k) and i - k <= MAX_ADVERBS_BEFORE:
        k -= 1
    cs = i
    if cs >= 1 and cs - 1 > k and s.low[cs - 1] in AUXILIARIES:
        cs -= 1
    return cs, k


def _extend_right(s: Sentence, v: _Verb) -> tuple[int, int]:
    """Where the cue ends ("said in a statement", "pointed out") and the token after it."""
    low, i = s.low, v.i
    n = len(low)
    ce, j = i, i + 1
    if (j < n and low[j] in ("in", "on") and j + 2 < n and low[j + 1] in _MEDIUM_DETS
            and low[j + 2] in lexicon.words("cue_extensions.txt")):
        ce, j = j + 2, j + 3
    if v.lemma in ("call", "point", "speak", "talk", "refer", "spoke") and v.nxt in ("for", "on", "out", "to", "about", "of"):
        ce, j = i + 1, i + 2
    return ce, j


def _subject(s: Sentence, v: _Verb, last_src: Range | None) -> Range | None:
    """The source before the verb: the previous cue's ('"...," Rubio said, adding ...', "Rubio
    said X and added Y") or the subject phrase before it."""
    low, subj_end = s.low, v.subj_end
    if last_src is not None and subj_end >= 0 and (
            (v.lw.endswith("ing") and low[subj_end] in _SAME_SPEAKER_BEFORE_ING)
            or (low[subj_end] in ("and", "but") and v.category == "speech")):
        src: Range | None = last_src
    else:
        src = subject_before(s, subj_end, v.lw)
        if (src is not None and v.lw.endswith("ing") and src[1] == subj_end and src[0] > 0
                and not person_noun(low[src[1]]) and short_np(low[src[0] : src[1] + 1])
                and classify_source(s.words(src[0], src[1])) not in ("document", "named_organization")):
            # "The mayor sent back a reply saying ...": the message is the object; its author,
            # the clause's subject, is the source.
            src = clause_subject(s, src[0]) or src
    if src is not None:
        src = (coordinated_names(s, src[0]), src[1])
    return src


def _checked_subject(s: Sentence, v: _Verb, src: Range) -> tuple[bool, Range | None]:
    """Whether the subject rules the verb out as a cue, and else the source kept (None when the
    subject is no plausible source for this verb)."""
    words = s.words(src[0], src[1])
    wlow = [w.lower() for w in words]
    core = wlow[: wlow.index(",")] if "," in wlow else wlow
    aux = next((k for k, w in enumerate(core) if w in AUXILIARIES), None)
    not_adverbs = lexicon.words("not_adverbs.txt")
    if aux is not None and aux > 0 and "," not in wlow and all(
            w in ADVERBS_BEFORE_CUE or w in AUXILIARIES or (w.endswith("ly") and w not in not_adverbs) for w in core[aux:]):
        # "Party leaders are now openly questioning": the subject ends before the auxiliary.
        src = (src[0], src[0] + aux - 1)
        words, wlow = words[:aux], wlow[:aux]
        core = wlow
        aux = None
    if (aux == 0 or core[-1] in LINKING_PREP or (core[-1] in DETERMINERS and not plain_np(core)) or core[0] in ("given", "like")
            or core[0] in NEGATIVE_SUBJECTS  # "No one has claimed ...": nobody is credited
            or any(w == "to" and k + 1 < len(core) and core[k + 1].isalpha() and core[k + 1] not in DETERMINERS
                   and not is_cap(words[k + 1]) for k, w in enumerate(core))
            or (src[0] > 0 and s.low[src[0] - 1] in ("do", "does", "did"))):
        return True, None  # "a majority of pledged", "states to help turn out X", "Do you support"
    return False, (src if _plausible_source(s, v, words) else None)


def _plausible_source(s: Sentence, v: _Verb, words: list[str]) -> bool:
    """Whether a subject can be the source of this verb, by its type and the verb's category."""
    named = typing_words(words)
    head = named[-1].lower()
    is_pron = len(named) == 1 and head in PRONOUN_WORDS
    typ = "pronoun" if is_pron else classify_source(named)
    wlow = [w.lower() for w in words]
    if wlow[0] == "the" and len(wlow) == 2 and wlow[1] in lexicon.words("org_backrefs.txt"):
        typ = "named_organization"
    lemma, category = v.lemma, v.category
    if typ == "unresolved" and not is_pron:
        if lemma in _SPEAKING and short_np(words):
            return True  # "the owner said": a specific, unnamed person (typed anonymous later)
        if (not v.lw.endswith("ing") or s.low[v.subj_end] == ",") and plain_np(named) and (
                lemma in _STRONG_SPEECH or (lemma in lexicon.open_subject_lemmas() and v.prev not in BE_FORMS)):
            return True  # "callers said", "nine in 10 said": an unnamed speaker (typed later)
        return category == "stance" and len(named) == 1 and head in STANDALONE_QUANTIFIERS  # "Many believe", "Both think"
    if category == "document" and lemma in _DOCUMENT_ONLY_LEMMAS and typ != "document":
        return False
    if category == "stance" and typ not in ("pronoun", "named_person", "anonymous", "vague", "named_organization"):
        return False
    if v.lw in lexicon.words("noun_like_cues.txt") and not is_pron and typ == "document" and lemma not in _DOCUMENT_LEMMAS | {"say", "state"}:
        return False
    return not (head in ("it", "this", "that") and lemma != "say")


def _lacks_complement(s: Sentence, v: _Verb, src: Range | None) -> bool:
    """Stance verbs and verbs with a common other sense need a source and a clause, quotation or
    infinitive after them ("X believes that", "X seemed to", "X continued: ...")."""
    if src is None:
        return True
    low, lemma, nxt = s.low, v.lemma, v.nxt
    aside = nxt == "," and src[0] > 0 and s.toks[src[0] - 1].text == ","  # "His leverage, they believe, is ..."
    stance_object = nxt.isalpha() and nxt not in NOT_STANCE_OBJECTS and nxt not in AUXILIARIES
    if v.category == "stance" and not stance_object and not aside and lemma not in _TAKE_OBJECT:
        return True
    if lemma in ("seem", "appear", "expect") and nxt != "to":
        return True  # "X seemed to ...", "X is expected to ..."
    i, n = v.i, len(low)
    if lemma == "call" and (nxt in _CALL_IDIOMS or i + 1 >= n or (nxt == "it" and i + 2 < n and low[i + 2] in ("quits", "a", "off"))):
        return True
    if lemma == "continue" and nxt not in (",", ":", ".") and nxt not in OPEN_QUOTES:
        return True
    return lemma == "read" and nxt not in (",", ":") and nxt not in OPEN_QUOTES


def _content(s: Sentence, v: _Verb, src: Range, after: int) -> tuple[int, int] | None:
    """The content: the clause after the cue (past "on Monday that", and the recipient of
    "told"), else what came before the subject."""
    toks, low = s.toks, s.low
    n = len(low)
    while after < n and (low[after] in TIME_WORDS or low[after] in _BEFORE_CONTENT):
        after += 1
    if v.lemma == "tell" and after < n:
        rec = np_right(s, after)
        if rec is not None:
            # "told the Ledger the plant would ...": the recipient ends before a second determiner.
            cut = next((j for j in range(rec[0] + 1, rec[1] + 1) if low[j] in DETERMINERS and low[j - 1] not in DETERMINERS), None)
            after = (cut if cut is not None else rec[1] + 1)
            while after < n and (low[after] in TIME_WORDS or low[after] in _BEFORE_CONTENT_TOLD):
                after += 1
    before_src = toks[src[0] - 1].text if src[0] > 0 else ""
    clause_after = after < n - 1 and toks[after].text != "."
    # What came before the subject is the content when a quotation ends there ('"...," Lopez
    # said'), or when a comma ends it and nothing follows the verb ("We will win, Lopez said.").
    # An opening adverbial or frame before the subject ("Months after the strike, X said that
    # ...", "According to Reuters, an official said ...") is no content: the clause after is.
    quote_before = before_src in CLOSE_QUOTES or (before_src == "," and src[0] > 1 and toks[src[0] - 2].text in CLOSE_QUOTES)
    if src[0] > 1 and (quote_before or (before_src == "," and not clause_after)):
        return toks[0].start, toks[src[0] - 1].start
    if clause_after:
        return toks[after].start, s.content_end
    if src[0] > 0:
        return toks[0].start, toks[src[0] - 1].start
    return None


def _inverted(s: Sentence, v: _Verb, cs: int, ce: int) -> VerbCue | None:
    """The source after a speech verb that follows a quotation or a comma: '"...," said Lopez',
    ', said the agency.'"""
    toks, i = s.toks, v.i
    if v.category != "speech" or i == 0:
        return None
    before = toks[i - 1].text
    if not (before == "," or before in CLOSE_QUOTES or (before in OPEN_QUOTES and i > 1 and toks[i - 2].text in (",", ".", "?", "!"))):
        return None
    np_ = np_right(s, ce + 1)
    if np_ is None:
        return None
    app = apposition_right(s, np_[1] + 1)
    end = app if app is not None else np_[1]
    words = s.words(np_[0], np_[1])
    if names_source(words) or (v.lemma in _SPEAKING and short_np(words)):
        content = (toks[0].start, toks[i - 1].start) if i > 1 else None
        return (cs, ce), (np_[0], end), content
    # A bare speech verb after a quotation with a pronoun in the quote's scope is not resolvable.
    return None
