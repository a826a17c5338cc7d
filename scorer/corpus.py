"""Reader for the project's annotated corpus (``training_data/``).

Each article is a plain-text file: a header of ``key: value`` lines, a line
``---``, then the article body with inline annotations of the form
``[[TAG|text]]``. Annotations nest. The reader strips the markup and returns
the clean text with every annotation as a character span into it.

Tags (see ``training_data/README.md`` for the guide):

* ``C<n>`` / ``C<n>:<type>`` -- cue of attribution *n* (the type is given on
  the cue only when the attribution has no source span);
* ``S<n>:<type>`` or ``S<n>:<type>=<name>`` -- source of attribution *n*;
  ``=<name>`` names the antecedent of a pronoun or back-reference;
* ``Q<n>`` -- content of attribution *n* (may repeat for a split quote);
* ``H`` -- a hedge; ``U`` -- an unattributed assertion;
* ``X:<reason>`` -- page residue excluded from every count.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE_TYPES = (
    "named_person",
    "named_organization",
    "document",
    "anonymous",
    "vague",
    "unresolved",
)
EXCLUDE_REASONS = ("navigation", "bio", "byline", "caption", "headline", "dateline", "correction", "promo")

_TAG_RE = re.compile(
    r"^(?:(?P<kind>[CSQ])(?P<num>\d+)(?::(?P<type>[a-z_]+)(?:=(?P<name>[^|\]]+))?)?"
    r"|H|U|X:(?P<reason>[a-z_]+))$"
)


class CorpusFormatError(ValueError):
    """An annotated article does not follow the corpus format."""


@dataclass
class GoldAttribution:
    """One gold attribution, spans as ``(start, end)`` into the clean text."""

    num: int
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    source_type: str | None = None
    resolved_to: str | None = None

    def spans(self) -> list[tuple[int, int]]:
        """Every span of the attribution: cue, source and content parts."""
        return [sp for sp in (self.cue, self.source) if sp is not None] + list(self.content)


@dataclass
class GoldArticle:
    """A parsed article: clean text, header fields and gold spans."""

    id: str
    text: str
    level: int
    score: float
    meta: dict[str, str]
    attributions: list[GoldAttribution]
    hedges: list[tuple[int, int]]
    unattributed: list[tuple[int, int]]
    excluded: list[tuple[int, int, str]]

    def to_record(self) -> dict[str, Any]:
        """A JSON-serialisable record with spans and their texts."""

        def span(s: tuple[int, int] | None) -> list[Any] | None:
            return None if s is None else [s[0], s[1], self.text[s[0] : s[1]]]

        return {
            "id": self.id,
            "level": self.level,
            "score": self.score,
            "meta": self.meta,
            "text": self.text,
            "attributions": [
                {
                    "cue": span(a.cue),
                    "source": span(a.source),
                    "content": [span(c) for c in a.content],
                    "source_type": a.source_type,
                    "resolved_to": a.resolved_to,
                }
                for a in self.attributions
            ],
            "hedges": [span(h) for h in self.hedges],
            "unattributed_assertions": [span(u) for u in self.unattributed],
            "excluded": [[s, e, r, self.text[s:e]] for s, e, r in self.excluded],
        }


def parse_markup(body: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Strip ``[[TAG|text]]`` markup; return clean text and ``(tag, start, end)`` spans."""
    out: list[str] = []
    pos = 0  # length of clean text so far
    stack: list[tuple[str, int]] = []
    spans: list[tuple[str, int, int]] = []
    i = 0
    n = len(body)
    while i < n:
        if body.startswith("[[", i):
            bar = body.find("|", i + 2)
            if bar < 0:
                raise CorpusFormatError(f"unterminated tag at offset {i}")
            tag = body[i + 2 : bar]
            if not _TAG_RE.match(tag):
                raise CorpusFormatError(f"unknown tag {tag!r} at offset {i}")
            stack.append((tag, pos))
            i = bar + 1
        elif body.startswith("]]", i) and stack:
            tag, start = stack.pop()
            spans.append((tag, start, pos))
            i += 2
        else:
            out.append(body[i])
            pos += 1
            i += 1
    if stack:
        raise CorpusFormatError(f"unclosed tag {stack[-1][0]!r}")
    return "".join(out), spans


def parse_article(raw: str, article_id: str = "") -> GoldArticle:
    """Parse one annotated article file's contents."""
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise CorpusFormatError("missing '---' line between header and body")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip()
    try:
        level = int(meta.pop("level"))
        score = float(meta.pop("score"))
    except (KeyError, ValueError) as exc:
        raise CorpusFormatError(f"header needs integer 'level' and numeric 'score': {exc}") from None
    if not 1 <= level <= 5 or not 0 <= score <= 100:
        raise CorpusFormatError("level must be 1..5 and score 0..100")
    text, spans = parse_markup(body.strip("\n") + "\n")
    attrs: dict[int, GoldAttribution] = {}
    hedges, unattributed, excluded = [], [], []
    for tag, start, end in spans:
        m = _TAG_RE.match(tag)
        assert m is not None
        if tag == "H":
            hedges.append((start, end))
        elif tag == "U":
            unattributed.append((start, end))
        elif m.group("reason"):
            excluded.append((start, end, m.group("reason")))
        else:
            num = int(m.group("num"))
            a = attrs.setdefault(num, GoldAttribution(num))
            kind, typ, name = m.group("kind"), m.group("type"), m.group("name")
            if typ is not None and typ not in SOURCE_TYPES:
                raise CorpusFormatError(f"unknown source type {typ!r} in {tag!r}")
            if kind == "C":
                if a.cue is not None:
                    raise CorpusFormatError(f"attribution {num} has two cues")
                a.cue = (start, end)
                if typ:
                    a.source_type = typ
            elif kind == "S":
                if a.source is not None:
                    raise CorpusFormatError(f"attribution {num} has two sources")
                if not typ:
                    raise CorpusFormatError(f"source tag {tag!r} needs a type")
                a.source = (start, end)
                a.source_type = typ
                a.resolved_to = name.strip() if name else None
            else:
                a.content.append((start, end))
    for a in attrs.values():
        if a.cue is None:
            raise CorpusFormatError(f"attribution {a.num} has no cue")
        if a.source_type is None:
            raise CorpusFormatError(f"attribution {a.num} has no source type")
        a.content.sort()
    for reason in (r for _, _, r in excluded):
        if reason not in EXCLUDE_REASONS:
            raise CorpusFormatError(f"unknown exclusion reason {reason!r}")
    return GoldArticle(
        id=meta.pop("id", article_id) or article_id,
        text=text,
        level=level,
        score=score,
        meta=meta,
        attributions=sorted(attrs.values(), key=lambda a: a.cue or (0, 0)),
        hedges=sorted(hedges),
        unattributed=sorted(unattributed),
        excluded=sorted(excluded),
    )


def load_corpus(directory: str | Path) -> list[GoldArticle]:
    """Load every ``*.txt`` article under ``directory``, sorted by file name."""
    root = Path(directory)
    articles = []
    for path in sorted(root.glob("**/*.txt")):
        try:
            articles.append(parse_article(path.read_text(encoding="utf-8"), path.stem))
        except CorpusFormatError as exc:
            raise CorpusFormatError(f"{path}: {exc}") from None
    return articles


STANCE_FILE = "stance_cues.tsv"


def load_stance_rows(path: str | Path) -> list[tuple[str, int, int, str]]:
    """The corpus's stance-cue layer as its rows: ``(article_id, start, end, text)``, spans into
    the clean text. A missing file is an empty layer."""
    p = Path(path)
    if not p.is_file():
        return []
    rows = []
    with open(p, encoding="utf-8") as fh:
        next(fh, None)
        for n, line in enumerate(fh, 2):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4 or not parts[1].isdigit() or not parts[2].isdigit():
                raise CorpusFormatError(f"{p}:{n}: expected article_id, start, end, text")
            rows.append((parts[0], int(parts[1]), int(parts[2]), parts[3]))
    return rows


def load_stance_cues(path: str | Path) -> dict[str, list[tuple[int, int]]]:
    """The stance-cue layer's spans by article (see :func:`load_stance_rows`)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for aid, start, end, _ in load_stance_rows(path):
        out.setdefault(aid, []).append((start, end))
    return out


def corpus_hash(articles: list[GoldArticle]) -> str:
    """SHA-256 over the records of a corpus, stable across runs."""
    h = hashlib.sha256()
    for a in articles:
        h.update(json.dumps(a.to_record(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def split_of(article_id: str, test_share: float = 0.25) -> str:
    """Fixed train/test assignment by a hash of the article id (stable as the corpus grows)."""
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return "test" if digest[0] / 256.0 < test_share else "train"
