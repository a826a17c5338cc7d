"""Stage 5: the report of one article: assembly from the stages' output, the schema v2 dict and
JSON, and the explanations. The views are in :mod:`scorer.report_text` (text and Markdown) and
:mod:`scorer.report_html` (HTML); their names stay importable from here.

:func:`assemble` is where a report is built (the pipeline calls it): it turns the model's
per-feature effects into sentences an editor can check (each saying how the article compares
with the average training article and listing exactly the sentences behind the feature), adds
what voice reading found about second-hand sourcing, and says when the score should not be
trusted (:func:`reliability_note`).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple, Sequence

from .types import (LEVEL_LABELS, NAMED_TYPES, SOURCE_TYPES, UNNAMED_TYPES, Assertion, Attribution, ClassifierReason,
                    Evidence, Excluded, Hedge, Source, WhyItem, why_to_json)

from .report_html import (BAND_COLOURS, HEDGE_STYLE, MUTED_TEXT, OKABE_ITO, PAGE_BACKGROUND, PAGE_TEXT,  # noqa: F401
                          TARGET_BACKGROUND, TINT, TYPE_STYLE, UNATTRIBUTED_BACKGROUND, TypeStyle, render_html, tint)
from .report_text import MIN_SHOWN_EFFECT, _md, render_markdown, render_text  # noqa: F401

if TYPE_CHECKING:
    from .segment import Segmented
    from .voice import Voice

SCHEMA_VERSION = 2

# -- reliability --------------------------------------------------------------------------------
# Fewer body words than this and the score is not to be trusted: every rated article the model was
# fitted on has at least 123 words (the shortest rated Wikinews brief; the project's own corpus
# starts at 253), and below about 120 words each share feature rests on a handful of sentences,
# so one sentence moves it by ten points or more.
MIN_RELIABLE_WORDS = 120
# Share of common English function words among a text's words below which it may not be English
# (English news prose runs 35-50%; 10% leaves room for lists and headlines). Needs at least
# ENGLISH_MIN_WORDS words to judge.
MIN_ENGLISH_FUNCTION_SHARE = 0.10
ENGLISH_MIN_WORDS = 20
_FUNCTION_WORDS = frozenset(
    "the a an of to in and is was for on that with as by at from it be are were has have had said "
    "he she they his her their this which not but or will would".split()
)
NOT_ENGLISH_WARNING = "text may not be English: the scorer's lexicons are English and its figures may not hold"
# Markup that extraction should have removed: HTML tags and entities, and span annotations of the
# kind "[[S1:document|...]]" (the project's corpus markup); the scorer would read them as words.
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|img|script|style|b|i|u|em|strong|h[1-6]|li|ul|ol|table|tr|td|th|html|body|head|"
    r"meta|link|iframe|figure|figcaption|section|article|header|footer|nav|blockquote|noscript|form|input|button|"
    r"small|sup|sub|title)\b[^<>]{0,500}>", re.I)
_HTML_ENTITY = re.compile(r"&(?:nbsp|amp|quot|lt|gt|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip|#\d{2,5}|#x[0-9a-f]{2,4});", re.I)
_ANNOTATION = re.compile(r"\[\[[A-Za-z][\w-]*(?::[\w-]+)?\|")


def english_warning(text: str) -> str | None:
    """:data:`NOT_ENGLISH_WARNING` when too few of the opening words are English function words."""
    words = text[:8000].lower().split(maxsplit=600)[:600]  # the opening 600 words tell the language (the rest unsplit)
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    # A function word has no punctuation at its ends, so "w or w stripped is one" is "w stripped is one".
    share = sum(map(_FUNCTION_WORDS.__contains__, map(str.strip, words, repeat(".,;:\"“”'’()")))) / len(words)
    return NOT_ENGLISH_WARNING if share < MIN_ENGLISH_FUNCTION_SHARE else None


def markup_found(text: str) -> str | None:
    """A short description of markup left in the text, or None."""
    found = []
    for pattern, what in ((_HTML_TAG, "HTML tag"), (_HTML_ENTITY, "HTML entity"), (_ANNOTATION, "[[...|...]] annotation")):
        hits = pattern.findall(text)
        if hits:
            found.append(f"{len(hits)} {what}{'s' if len(hits) > 1 else ''} such as {hits[0]!r}")
    return "; ".join(found) if found else None


def reliability_note(text: str, words: int, not_english: bool | None = None) -> str | None:
    """Why the score should not be trusted (too short, not English, markup in the text), or None.
    ``not_english``: whether :func:`english_warning` warns about the text, when already known."""
    notes = []
    if words < MIN_RELIABLE_WORDS:
        notes.append(f"too short to score reliably: {words} word{'s' if words != 1 else ''} of article text, "
                     f"and the model was fitted on articles of at least {MIN_RELIABLE_WORDS}")
    if english_warning(text) if not_english is None else not_english:
        notes.append("the text does not read as English, and the scorer's word lists and model are English")
    markup = markup_found(text)
    if markup:
        notes.append(f"markup left in the text ({markup}) is read as words; pass HTML as HTML so that its text is extracted")
    return "; ".join(notes) if notes else None


# -- report types -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ArticleInfo:
    """What the input said about the article (each None when it said nothing)."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "path": self.path}

    def display_name(self) -> str:
        """Title, else file, URL or id: how the article is named in a report."""
        return self.title or self.path or self.url or self.id or "untitled article"


class SentenceInfo(NamedTuple):
    """One body sentence of the report (a named tuple: an article has dozens, built per score)."""

    index: int  # type: ignore[assignment]  # the field shadows tuple.index, which no caller uses
    start: int
    end: int
    attributed: bool
    unattributed_assertion: bool
    why: tuple[WhyItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "attributed": self.attributed,
            "unattributed_assertion": self.unattributed_assertion,
            "why": [why_to_json(w) for w in self.why],
        }


@dataclass(frozen=True, init=False)
class Reason:
    """One feature's effect in score points, the sentence saying it, and the sentences behind it
    (0-based indices; not part of the JSON, used by the views' links). (``__init__`` written out,
    as for the evidence types: see :mod:`scorer.types`.)"""

    feature: str
    value: float
    effect: float
    message: str
    baseline: float | None = None
    sentences: tuple[int, ...] = ()

    def __init__(self, feature: str, value: float, effect: float, message: str, baseline: float | None = None,
                 sentences: tuple[int, ...] = ()) -> None:
        object.__setattr__(self, "feature", feature)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "effect", effect)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "baseline", baseline)
        object.__setattr__(self, "sentences", sentences)

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": round(self.value, 4), "effect": round(self.effect, 2), "message": self.message}



@dataclass(frozen=True)
class Report:
    """Everything the scorer says about one article. ``to_dict()`` is schema v2."""

    text: str
    scorer_version: str
    model_name: str
    model_sha256: str
    score: float
    level: int
    counts: dict[str, int]
    sentences: tuple[SentenceInfo, ...]
    excluded: tuple[Excluded, ...]
    attributions: tuple[Attribution, ...]
    sources: tuple[Source, ...]
    hedges: tuple[Hedge, ...]
    assertions: tuple[Assertion, ...]
    explanation: tuple[Reason, ...]
    baseline: float
    warnings: tuple[str, ...] = field(default_factory=tuple)
    include_text: bool = False
    article: ArticleInfo = field(default_factory=ArticleInfo)
    reliability: str | None = None
    date: str = ""  # the day it was scored (ISO, UTC); shown in the views, not in the JSON

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def model_version(self) -> str:
        """The model's name and the first 12 characters of its bundle SHA-256."""
        return f"{self.model_name} {self.model_sha256[:12]}" if self.model_sha256 else self.model_name

    def __repr__(self) -> str:
        return (f"Report(score={self.score:.1f}, level={self.level}, label={self.label!r}, "
                f"article={self.article.display_name()!r}, sentences={len(self.sentences)}, "
                f"attributions={len(self.attributions)}, reliability={self.reliability!r})")

    def to_dict(self) -> dict[str, Any]:
        """The report as the schema v2 dictionary."""
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "scorer_version": self.scorer_version,
            "model": {"name": self.model_name, "sha256": self.model_sha256},
            "article": self.article.to_dict(),
            "score": round(self.score, 1),
            "level": self.level,
            "label": self.label,
            "reliability": self.reliability,
            "counts": dict(self.counts),
            "sentences": [s.to_dict() for s in self.sentences],
            "excluded": [e.to_dict() for e in self.excluded],
            "attributions": [a.to_dict() for a in self.attributions],
            "sources": [s.to_dict() for s in self.sources],
            "hedges": [h.to_dict() for h in self.hedges],
            "unattributed_assertions": [a.to_dict() for a in self.assertions],
            "explanation": [r.to_dict() for r in self.explanation],
            "warnings": list(self.warnings),
        }
        if self.include_text:
            d["text"] = self.text
        return d

    def to_json(self, indent: int | None = 2) -> str:
        """The schema v2 dictionary as JSON (stable key order, UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    # -- human views ---------------------------------------------------------------------------
    def to_text(self) -> str:
        """A plain-text report: header, reliability, score, counts, sources, reasons, claims, hedges."""
        return render_text(self)

    def to_markdown(self) -> str:
        """A Markdown report for tickets and CMS comments."""
        return render_markdown(self)

    def to_html(self) -> str:
        """A self-contained HTML page with the article's spans highlighted."""
        return render_html(self)

    # -- helpers for the views -------------------------------------------------------------------
    def top_notes(self) -> list[str]:
        """Warnings shown at the top of every view (the language warning is in the reliability
        note when there is one)."""
        return [w for w in self.warnings if not (self.reliability and w == NOT_ENGLISH_WARNING)]

    def sentence_text(self, k: int) -> str:
        s = self.sentences[k]
        return " ".join(self.text[s.start : s.end].split())

    def why_text(self, k: int) -> str:
        """A sentence's ``why`` in words."""
        out = []
        for w in self.sentences[k].why:
            if isinstance(w, int):
                a = self.attributions[w]
                who = a.resolved_to or (a.source.text if a.source else "no named source")
                where = "in this sentence" if a.sentence == k else f"its content runs on from sentence {a.sentence + 1}"
                out.append(f"attribution {w + 1} ({a.cue.text!r}, {who}, {a.source_type.replace('_', ' ')}; {where})")
            elif isinstance(w, ClassifierReason):
                out.append(f"the sentence classifier reads it as {w.classifier} (probability {w.probability:.2f})")
            elif w == "quotation":
                out.append("a direct quotation")
            elif w == "continues":
                out.append("continues the colon or quotation of the sentence before")
            elif w == "transcript":
                out.append("a turn of a transcript or interview (the speaker's own words)")
            else:
                out.append(str(w))
        return "; ".join(out)


# -- explanations -------------------------------------------------------------------------------
_QUOTE_CHARS = frozenset('"“”‘’«»')
# Below this difference from the average article a value is "about the same": a hundredth of a
# share (one percentage point) or of a per-sentence rate, a tenth of a count or of a rating point.
_SAME = {"count": 0.05, "rating": 0.5, "share": 0.005, "rate": 0.005}
# What each feature measures: its kind (how it is compared and written), the noun phrase for
# "more/fewer ...", and the phrase saying what the article has.
_KIND = {
    "attributions_per_sentence": "rate", "hedges_per_sentence": "rate", "second_hand_per_sentence": "rate", "first_person_rate": "rate", "loaded_rate": "rate",
    "distinct_named_sources": "count", "distinct_unnamed_sources": "count", "wording": "rating",
}


def is_direct_quotation(text: str, content: Any) -> bool:
    """Whether an attribution's content is a direct quotation: a quotation mark at (or just
    outside) one of its ends. The same test as the ``quote_share`` feature's."""
    if content is None:
        return False
    lo, hi = max(0, content.start - 1), min(len(text), content.end + 1)
    edges = text[lo : content.start + 1] + text[content.end - 1 : hi]
    return any(c in _QUOTE_CHARS for c in edges)


def _compare(feature: str, value: float, baseline: float | None, more: str, fewer: str) -> str:
    """"more X than the average article (B)", from the value's distance to the baseline."""
    if baseline is None:
        return ""
    kind = _KIND.get(feature, "share")
    fmt = {"share": "{:.0%}", "rate": "{:.2f}", "count": "{:.1f}", "rating": "{:.0f}"}[kind]
    avg = fmt.format(baseline)
    if abs(value - baseline) < _SAME[kind]:
        return f"about the same as the average article ({avg})"
    return f"{more if value > baseline else fewer} than the average article ({avg})"


def explain(feature: str, value: float, baseline: float | None, counts: dict[str, int], n_quotes: int = 0,
            n_second_hand: int = 0) -> str:
    """The sentence for one feature: what the article has, and how that compares with the
    average training article. Direction words come from the comparison, so the sentence is true
    whatever the model's weight; the effect in points is given beside it."""
    n_att = counts.get("attributions", 0)
    n_sent = counts.get("sentences", 0)
    if feature == "degenerate_text":
        return f"a sentence of {value:,.0f} tokens is not prose: the score is capped"
    if feature.startswith("share_"):
        typ = feature[len("share_"):].replace("_", " ")
        c = _compare(feature, value, baseline, "a higher share", "a lower share")
        return f"{counts.get(feature[6:], 0)} of {n_att} attributions go to {typ} sources ({value:.0%}): {c}"
    # Each entry is formatted only when its feature is asked for.
    simple = {
        "attributions_per_sentence": lambda: (f"{n_att} attributions in {n_sent} sentences ({value:.2f} per sentence)",
                                              "more attributions per sentence", "fewer attributions per sentence"),
        "attributed_sentence_share": lambda: (f"{value:.0%} of sentences hold an attribution or a quotation", "a higher share", "a lower share"),
        "unattributed_share": lambda: (f"{counts.get('unattributed_assertions', 0)} of {n_sent} sentences state claims with no source ({value:.0%})",
                                       "a higher share", "a lower share"),
        "hedges_per_sentence": lambda: (f"{counts.get('hedges', 0)} hedges in {n_sent} sentences ({value:.2f} per sentence)",
                                        "more hedges", "fewer hedges"),
        "distinct_named_sources": lambda: (f"{value:.0f} distinct named sources", "more", "fewer"),
        "distinct_unnamed_sources": lambda: (f"{value:.0f} distinct anonymous or vague sources", "more", "fewer"),
        "quote_share": lambda: (f"{n_quotes} of {n_att} attributions are direct quotations ({value:.0%})", "a higher share", "a lower share"),
        "own_voice_share": lambda: (f"{value:.0%} of the words are in the article's own voice, outside quotes and reported speech",
                                    "a higher share", "a lower share"),
        "first_person_rate": lambda: (f"{value:.2f} first- or second-person words per 100 words of the article's own voice",
                                      "more", "fewer"),
        "loaded_rate": lambda: (f"{value:.2f} loaded words per 100 words of the article's own voice", "more", "fewer"),
        "question_share": lambda: (f"{value:.0%} of sentences are questions in the article's own voice", "a higher share", "a lower share"),
        "second_hand_per_sentence": lambda: (f"{n_second_hand} attributions in {n_sent} sentences pass on another outlet's reporting "
                                             f"({value:.2f} per sentence)", "more second-hand attributions per sentence",
                                             "fewer second-hand attributions per sentence"),
        "unexplained_anonymous_share": lambda: (f"{value:.0%} of attributions go to anonymous sources with no reason given for anonymity",
                                                "a higher share", "a lower share"),
        "wording": lambda: (f"the article's wording rates {value:.0f} on the 0-100 scale of the wording model", "higher", "lower"),
        "unsourced_claim_share": lambda: (f"the claim classifier reads {value:.0%} of sentences as claims with no source, on average "
                                          f"({counts.get('unattributed_assertions', 0)} of {n_sent} sentences flagged)",
                                          "a higher share", "a lower share"),
    }
    if feature in simple:
        what, more, fewer = simple[feature]()
        return f"{what}: {_compare(feature, value, baseline, more, fewer)}"
    from .features import FEATURE_LABELS

    return f"{FEATURE_LABELS.get(feature, feature)}: {value:.2f}, {_compare(feature, value, baseline, 'higher', 'lower')}"


def _behind_in_evidence(feature: str, text: str, sentences: Sequence[SentenceInfo], ev: Evidence) -> tuple[int, ...] | None:
    """The sentences behind a feature of the evidence (None when ``feature`` is not one)."""
    atts = ev.attributions

    def of(pred) -> tuple[int, ...]:
        return tuple(sorted({a.sentence for a in atts if pred(a)}))

    if feature.startswith("share_") and feature != "share_named":
        typ = feature[len("share_"):]
        return of(lambda a: a.source_type == typ)
    by_attribution = {
        "share_named": lambda a: a.source_type in NAMED_TYPES,
        "attributions_per_sentence": lambda a: True,
        "distinct_named_sources": lambda a: a.source_type in NAMED_TYPES and a.source is not None,
        "distinct_unnamed_sources": lambda a: a.source_type in UNNAMED_TYPES and a.source is not None,
        "quote_share": lambda a: is_direct_quotation(text, a.content),
    }
    if feature in by_attribution:
        return of(by_attribution[feature])
    if feature == "attributed_sentence_share":
        return tuple(s.index for s in sentences if s.attributed)
    if feature in ("unattributed_share", "unsourced_claim_share"):
        # Exactly the sentences flagged as unsourced claims (one that credits a source never is).
        return tuple(a.sentence for a in ev.assertions)
    if feature == "hedges_per_sentence":
        return tuple(sorted({h.sentence for h in ev.hedges}))
    return None


def _sentence_at(starts: Sequence[int], pos: int) -> int:
    """The index of the sentence holding character ``pos``, given the sentences' starts."""
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _behind_in_voice(feature: str, sentences: Sequence[SentenceInfo], ev: Evidence, voice: Voice) -> tuple[int, ...]:
    """The sentences behind a feature of the article's voice (empty when ``feature`` is not one)."""
    atts = ev.attributions
    starts = [s.start for s in sentences]

    if feature == "second_hand_per_sentence":
        second = set(voice.second_hand)
        return tuple(sorted({a.sentence for k, a in enumerate(atts) if k in second}))
    if feature == "unexplained_anonymous_share":
        explained = set(voice.explained_anonymous)
        return tuple(sorted({a.sentence for k, a in enumerate(atts) if a.source_type == "anonymous" and k not in explained}))
    if feature == "question_share":
        return tuple(sorted(voice.questions))
    if feature == "first_person_rate":
        return tuple(sorted({_sentence_at(starts, s.start) for s in voice.first_person}))
    if feature == "loaded_rate":
        return tuple(sorted({_sentence_at(starts, s.start) for s in voice.loaded}))
    return ()


def sentences_behind(feature: str, text: str, sentences: Sequence[SentenceInfo], ev: Evidence, voice: Voice | None) -> tuple[int, ...]:
    """Exactly the sentences that make up a feature's value (empty for features of the whole
    text, such as the wording model's rating)."""
    found = _behind_in_evidence(feature, text, sentences, ev)
    if found is not None:
        return found
    if voice is None:
        return ()
    return _behind_in_voice(feature, sentences, ev, voice)


def _with_wording(reason: Reason, words: Sequence[tuple[str, float, Sequence[Any]]],
                  sentences: Sequence[SentenceInfo]) -> Reason:
    """The wording reason with the words that moved the rating most, and the sentences holding them."""
    from dataclasses import replace

    up = [f"'{w}'" for w, e, _ in words if e > 0]
    down = [f"'{w}'" for w, e, _ in words if e < 0]
    parts = ([f"raised by {', '.join(up)}"] if up else []) + ([f"lowered by {', '.join(down)}"] if down else [])
    starts = [s.start for s in sentences]
    behind = sorted({sentences[_sentence_at(starts, sp.start)].index for _, _, spans in words for sp in spans})
    return replace(reason, message=f"{reason.message}; most telling words: {'; '.join(parts)}", sentences=tuple(behind))


def assemble(*, seg: Segmented, ev: Evidence, voice: Voice, score: float,
             level: int, effects: Sequence[Any], feature_names: Sequence[str], baseline_features: Sequence[float],
             baseline_score: float, scorer_version: str, model_name: str, model_sha256: str,
             warnings: Sequence[str] = (), include_text: bool = False, article: ArticleInfo | None = None,
             date: str = "",
             wording_words: Sequence[tuple[str, float, Sequence[Any]]] = ()) -> Report:
    """Build the report of one article from the stages' output.

    ``effects`` are the model's per-feature effects (``feature``, ``value``, ``effect``), which add
    up to ``score - baseline_score``; ``ev`` (its unsourced claims flagged by the claim classifier)
    and ``voice`` are what the features were computed from; ``wording_words`` the words that moved
    the wording model most, each with its effect on the wording rating and its spans
    (:meth:`scorer.framing.FramingModel.contributions`).
    """
    text = seg.text
    by_type = dict.fromkeys(SOURCE_TYPES, 0)
    for a in ev.attributions:
        by_type[a.source_type] += 1
    words = seg.word_count
    counts = {
        "sentences": len(seg.sentences),
        "words": words,
        "attributions": len(ev.attributions),
        **by_type,
        "hedges": len(ev.hedges),
        "unattributed_assertions": len(ev.assertions),
    }
    second = set(voice.second_hand)
    attributions = tuple(
        Attribution(a.sentence, a.cue, a.source, a.content, a.source_type, a.resolved_to,
                    voice.via[k] if k < len(voice.via) else None, k in second)
        for k, a in enumerate(ev.attributions)
    )
    unatt = {a.sentence for a in ev.assertions}
    sentences = tuple(
        SentenceInfo(s.index, s.start, s.end, s.index in ev.attributed_sentences, s.index in unatt, tuple(ev.why.get(s.index, ())))
        for s in seg.sentences
    )
    n_quotes = sum(1 for a in ev.attributions if is_direct_quotation(text, a.content))
    base = dict(zip(feature_names, baseline_features))
    ordered = sorted(effects, key=lambda e: (-abs(round(e.effect, 6)), e.feature))
    reasons = tuple(
        Reason(e.feature, e.value, e.effect, explain(e.feature, e.value, base.get(e.feature), counts, n_quotes, len(second)),
               base.get(e.feature), sentences_behind(e.feature, text, sentences, ev, voice))
        for e in ordered
    )
    if wording_words:
        reasons = tuple(_with_wording(r, wording_words, sentences) if r.feature == "wording" else r for r in reasons)
    all_warnings = list(warnings)
    w = english_warning(text)
    if w:
        all_warnings.append(w)
    return Report(
        text=text, scorer_version=scorer_version, model_name=model_name, model_sha256=model_sha256, score=score,
        level=level, counts=counts, sentences=sentences, excluded=seg.excluded, attributions=attributions,
        sources=ev.sources, hedges=ev.hedges, assertions=ev.assertions, explanation=reasons, baseline=baseline_score,
        warnings=tuple(all_warnings), include_text=include_text, article=article or ArticleInfo(),
        reliability=reliability_note(text, words, bool(w)), date=date,
    )


# -- text and Markdown ----------------------------------------------------------------------------
