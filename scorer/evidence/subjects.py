"""Subjects: the noun phrase before a verb that may be its speaker ("X said", "X, the role of Z,
said", "X, who ..., said", "X — an aside — says"), and the subject opening a clause."""

from __future__ import annotations

from .. import lexicon
from .grammar import (
    ADVERBS_BEFORE_CUE,
    AUXILIARIES,
    BOUNDARY_WORDS,
    CLOSE_QUOTES,
    DASHES,
    DETERMINERS,
    NEGATIVE_SUBJECTS,
    OPEN_QUOTES,
    PRONOUN_WORDS,
    is_cap,
)
from .phrases import MAX_APPOSITION_TOKENS, Range, names_source, nominal_ing, np_left, np_right, plain_np, typing_words
from .sentences import Sentence
from .sources import classify_source, given_names

# A dashed aside between a name and its verb may run this many tokens more than an apposition.
DASHED_ASIDE_EXTRA = 6
# A subject walks back over at most this many comma-separated appositive chunks.
MAX_APPOSITIVE_CHUNKS = 3
# A run of capitalised words between two commas of at most this many tokens is a name.
MAX_NAME_CHUNK = 5
# A clause's opening phrase of at most this many words is a plain subject.
MAX_OPENING_SUBJECT = 3
# A turned-down cue word looks for its subject over at most this many adverbs before it.
MAX_ADVERBS_BEFORE = 3
# Words that open an introductory phrase before the subject ("On Monday, ...", "Speaking to CNBC, ...").
_INTRO_WORDS = frozenset("in on at after before during when while since as with without by for from "
                         "earlier later last speaking asked addressing writing".split())
_QUOTE_MARKS = OPEN_QUOTES | CLOSE_QUOTES


def _is_dash(s: Sentence, k: int) -> bool:
    """A dash token, or the second hyphen of "--" written as two tokens."""
    t = s.toks[k].text
    return t in DASHES or (t == "-" and k > 0 and s.toks[k - 1].text == "-")


def subject_before(s: Sentence, subj_end: int, verb: str) -> Range | None:
    """The source noun phrase before a verb whose last non-adverb token is ``subj_end``.

    Handles "X said", "X, the role of Z, said", "X, 58, who lives in Y, said",
    "The group's chair, Priya Nandakumar, said", and a verb sharing the clause's subject
    ("X arrived and said", "X left, saying").
    """
    if subj_end < 0:
        return None
    t = s.toks[subj_end].text
    if s.low[subj_end] in ("and", "but") or (t == "," and verb.endswith("ing")):
        return clause_subject(s, subj_end)
    if s.low[subj_end] in ("who", "which") and subj_end > 0:
        return _relative_subject(s, subj_end)
    if t[0].isalnum() or t in (")", "%"):
        return np_left(s, subj_end)
    if _is_dash(s, subj_end):
        return _dashed_subject(s, subj_end)
    if t != "," or subj_end == 0:
        return None
    return _appositive_subject(s, subj_end)


def _relative_subject(s: Sentence, subj_end: int) -> Range:
    """"business leaders who say": the relative pronoun with its antecedent."""
    toks, low = s.toks, s.low
    k = subj_end - 1 if toks[subj_end - 1].text != "," else subj_end - 2
    ante = np_left(s, k)
    if ante is not None:
        a0 = ante[0]
        for k2 in range(ante[1] - 1, ante[0] - 1, -1):
            w = low[k2]
            if w == "to" or w in AUXILIARIES or (w.endswith("ed") and not is_cap(toks[k2].text)):
                a0 = k2 + 1  # "ammunition to council members who", "the levy angered members who"
                break
        words = s.words(a0, ante[1])
        if classify_source(words) != "unresolved" or plain_np(words):
            return (a0, subj_end)
    return (subj_end, subj_end)


def _dashed_subject(s: Sentence, subj_end: int) -> Range | None:
    """"Ines Moreau — a baker from the old town — says": the name before the dashed aside."""
    width = 2 if s.toks[subj_end].text == "-" else 1  # "--" as two hyphens
    reach = MAX_APPOSITION_TOKENS + DASHED_ASIDE_EXTRA
    k = subj_end - width
    while k >= 0 and subj_end - k <= reach and not _is_dash(s, k):
        k -= 1
    if k <= 0 or subj_end - k > reach:
        return None
    k -= 2 if s.toks[k].text == "-" else 1
    head = np_left(s, k) if k >= 0 else None
    if head is not None:
        words = s.words(head[0], head[1])
        if names_source(words) or plain_np(words):
            return (head[0], subj_end - width)
    return None


def _appositive_subject(s: Sentence, subj_end: int) -> Range | None:
    """Walk back from the comma before a verb over up to three comma-separated appositive chunks
    to the phrase that names the source."""
    toks = s.toks
    right = subj_end  # the comma closing the chunk
    for _ in range(MAX_APPOSITIVE_CHUNKS):
        k2 = right - 1
        while k2 >= 0 and toks[k2].text != "," and right - k2 <= MAX_APPOSITION_TOKENS:
            if toks[k2].text in _QUOTE_MARKS and not (toks[k2].text in ("’", "'") and k2 > 0 and s.low[k2 - 1].endswith("s")):
                break  # a quotation mark, not a plural possessive ("Sanders’ campaign manager")
            k2 -= 1
        if _chunk_is_clause(s, k2 + 1, right) or (k2 >= 0 and toks[k2].text != ","):
            return None
        if all(is_cap(tk.text) for tk in toks[k2 + 1 : right]) and (k2 < 0 or right - k2 <= MAX_NAME_CHUNK):
            # "The group's chair, Priya Nandakumar, wrote": the name between the commas.
            return (k2 + 1, subj_end - 1)
        if k2 < 0:
            return None
        head = np_left(s, k2 - 1)
        if head is not None and names_source(s.words(head[0], head[1])):
            return (named_before(s, head[0]), subj_end - 1)
        right = k2
    return None


def _chunk_is_clause(s: Sentence, first: int, right: int) -> bool:
    """Whether the chunk of tokens ``first`` up to ``right`` is empty or holds a lower-case cue
    word after its first word (a clause, not an apposition), unless it opens with "who"."""
    chunk = s.low[first:right]
    if not chunk:
        return True
    if chunk[0] == "who":
        return False
    cues = lexicon.cue_forms()
    return any(w in cues and not is_cap(s.toks[first + m].text) and not nominal_ing(s.low, first + m)
               for m, w in enumerate(chunk) if m > 0)


def coordinated_names(s: Sentence, start: int) -> int:
    """Where a subject starts when names are coordinated before it: "Trump and other
    Republicans", "Crane, Kibbe and other libertarians" start at the first name."""
    toks, low = s.toks, s.low
    k = start
    if k < 2 or low[k - 1] != "and":
        return start
    j = k - 2
    while j >= 0 and (is_cap(toks[j].text) or (toks[j].text == "," and j > 0 and is_cap(toks[j - 1].text))):
        j -= 1
    first = j + 1
    if first >= k - 1 or not (first == 0 or low[first - 1] in BOUNDARY_WORDS or toks[first - 1].text in (",", ";", ":", "—")):
        return start
    if not is_cap(toks[first].text) or low[first] in _INTRO_WORDS or low[first] in DETERMINERS:
        return start
    if classify_source([t.text for t in toks[first : k - 1] if t.text != ","]) != "named_person":
        return start
    return first


def named_before(s: Sentence, start: int) -> int:
    """Where a source phrase starts when a person's name stands before its role.

    "Brian Okafor, the chair of the county party, for example, said": the role found first
    is an apposition to the name, which opens the source.
    """
    if start < 2 or s.toks[start - 1].text != "," or is_cap(s.toks[start].text):
        return start
    name = np_left(s, start - 2)
    if name is None or not (name[0] == 0 or s.low[name[0] - 1] in BOUNDARY_WORDS | {","}):
        return start
    words = s.words(name[0], name[1])
    if classify_source(words) == "named_person" and any(w.lower() in given_names() for w in words):
        return name[0]
    return start


def _clause_start(s: Sentence, before: int) -> int | None:
    """Where the clause ending before token ``before`` starts its subject: after an introductory
    phrase ("On Monday, ...", "Speaking to CNBC, ..."), if any; None when there is no room."""
    toks, low = s.toks, s.low
    start = 0
    if start < before and (not is_cap(toks[0].text) or low[0] in _INTRO_WORDS or low[0].endswith("ing")) and low[0] not in PRONOUN_WORDS:
        k = 0
        while k < before and toks[k].text != ",":
            k += 1
        if k >= before:
            return None
        start = k + 1
    return start if start < before else None


def clause_subject(s: Sentence, before: int) -> Range | None:
    """The subject at the start of the clause that ends before token ``before``."""
    low = s.low
    start = _clause_start(s, before)
    if start is None:
        return None
    np_ = np_right(s, start)
    if np_ is None or np_[1] >= before:
        return None
    words = s.words(np_[0], np_[1])
    if len(words) == 1 and words[0].lower() in PRONOUN_WORDS:
        return np_
    common_past = lexicon.words("common_past_tenses.txt")
    for end in range(np_[1], np_[0] - 1, -1):
        # "The president left no doubt ..., saying": the longest opening that names a source
        if end == np_[0] and low[end] in PRONOUN_WORDS:
            return (end, end)  # "he proceeded ..., saying"
        if classify_source(words[: end - np_[0] + 1]) != "unresolved" and (
                end == np_[1] or low[end + 1] in AUXILIARIES or low[end + 1] in common_past or low[end + 1].endswith("ed")):
            return (np_[0], end)  # the opening ends where a verb starts, not inside a compound
        if is_cap(s.toks[end].text):
            break
    return np_ if plain_np(words) and len(words) <= MAX_OPENING_SUBJECT and not low[np_[1]].endswith("ed") else None


def subject_type(s: Sentence, src: Range | None) -> str:
    """The source type of a subject's words as typed alone; "pronoun" or "none" (no subject)."""
    if src is None:
        return "none"
    named = typing_words(s.words(src[0], src[1]))
    return "pronoun" if len(named) == 1 and named[0].lower() in PRONOUN_WORDS else classify_source(named)


def candidate_subject(s: Sentence, i: int) -> tuple[Range | None, str]:
    """The subject before a cue word the rules turned down (or a stance word), and its type
    ("none" without one, "negative" for "No one", "Nobody": no one is credited)."""
    low = s.low
    k = i - 1
    while k >= 0 and low[k] in ADVERBS_BEFORE_CUE and i - k <= MAX_ADVERBS_BEFORE:
        k -= 1
    src = subject_before(s, k, low[i]) if k >= 0 else None
    if src is not None and low[src[0]] in NEGATIVE_SUBJECTS:
        return None, "negative"  # "No one has claimed responsibility": nobody is credited
    typ = subject_type(s, src)
    if i > 0:
        # "A driver who has worked the route for years said ...", "Planning documents lodged
        # with the council show ...": the clause's own subject, when it has a type
        alt = clause_subject(s, i)
        alt_typ = subject_type(s, alt)
        if alt is not None and alt_typ not in ("none", "unresolved") and (src is None or alt[0] < src[0]) and low[alt[0]] not in NEGATIVE_SUBJECTS:
            src, typ = alt, alt_typ
    return src, typ
