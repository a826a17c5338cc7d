"""Stage 5: the report of one article: assembly from the stages' output, the schema v2 dict and
JSON, and the text, Markdown and HTML views.

:func:`assemble` is where a report is built (the pipeline calls it): it turns the model's
per-feature effects into sentences an editor can check (each saying how the article compares
with the average training article and listing exactly the sentences behind the feature), adds
what voice reading found about second-hand sourcing, and says when the score should not be
trusted (:func:`reliability_note`).
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple, Sequence

from .types import (LEVEL_LABELS, NAMED_TYPES, SOURCE_TYPES, UNNAMED_TYPES, Assertion, Attribution, ClassifierReason,
                    Evidence, Excluded, Hedge, Source, WhyItem, why_to_json)

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
    words = text[:8000].lower().split()[:600]  # the opening 600 words tell the language
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    share = len([w for w in words if w in _FUNCTION_WORDS or w.strip(".,;:\"“”'’()") in _FUNCTION_WORDS]) / len(words)
    return NOT_ENGLISH_WARNING if share < MIN_ENGLISH_FUNCTION_SHARE else None


def markup_found(text: str) -> str | None:
    """A short description of markup left in the text, or None."""
    found = []
    for pattern, what in ((_HTML_TAG, "HTML tag"), (_HTML_ENTITY, "HTML entity"), (_ANNOTATION, "[[...|...]] annotation")):
        hits = pattern.findall(text)
        if hits:
            found.append(f"{len(hits)} {what}{'s' if len(hits) > 1 else ''} such as {hits[0]!r}")
    return "; ".join(found) if found else None


def reliability_note(text: str, words: int) -> str | None:
    """Why the score should not be trusted (too short, not English, markup in the text), or None."""
    notes = []
    if words < MIN_RELIABLE_WORDS:
        notes.append(f"too short to score reliably: {words} word{'s' if words != 1 else ''} of article text, "
                     f"and the model was fitted on articles of at least {MIN_RELIABLE_WORDS}")
    if english_warning(text):
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

    index: int
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


@dataclass(frozen=True)
class Reason:
    """One feature's effect in score points, the sentence saying it, and the sentences behind it
    (0-based indices; not part of the JSON, used by the views' links)."""

    feature: str
    value: float
    effect: float
    message: str
    baseline: float | None = None
    sentences: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": round(self.value, 4), "effect": round(self.effect, 2), "message": self.message}


def _md(text: str) -> str:
    """Article text for the Markdown report: HTML-significant characters escaped (a CMS that
    renders the Markdown must not run a ``<script>`` from a claim), line breaks and table bars kept
    from breaking the list or table."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


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
    "attributions_per_sentence": "rate", "hedges_per_sentence": "rate", "first_person_rate": "rate", "loaded_rate": "rate",
    "distinct_named_sources": "count", "distinct_unnamed_sources": "count", "own_wording": "rating",
}
# Probability at which a sentence counts as one the claim classifier reads as an unsourced claim,
# for the links of "unsourced_claim_share" (the feature itself is the mean probability).
CLAIM_LINK_PROBABILITY = 0.5


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
    simple = {
        "attributions_per_sentence": (f"{n_att} attributions in {n_sent} sentences ({value:.2f} per sentence)",
                                      "more attributions per sentence", "fewer attributions per sentence"),
        "attributed_sentence_share": (f"{value:.0%} of sentences carry sourcing", "a higher share", "a lower share"),
        "unattributed_share": (f"{counts.get('unattributed_assertions', 0)} of {n_sent} sentences state claims with no source ({value:.0%})",
                               "a higher share", "a lower share"),
        "hedges_per_sentence": (f"{counts.get('hedges', 0)} hedges in {n_sent} sentences ({value:.2f} per sentence)",
                                "more hedges", "fewer hedges"),
        "distinct_named_sources": (f"{value:.0f} distinct named sources", "more", "fewer"),
        "distinct_unnamed_sources": (f"{value:.0f} distinct anonymous or vague sources", "more", "fewer"),
        "quote_share": (f"{n_quotes} of {n_att} attributions are direct quotations ({value:.0%})", "a higher share", "a lower share"),
        "own_voice_share": (f"{value:.0%} of the words are in the article's own voice, outside quotes and reported speech",
                            "a higher share", "a lower share"),
        "first_person_rate": (f"{value:.2f} first- or second-person words per 100 words of the article's own voice",
                              "more", "fewer"),
        "loaded_rate": (f"{value:.2f} loaded words per 100 words of the article's own voice", "more", "fewer"),
        "question_share": (f"{value:.0%} of sentences are questions in the article's own voice", "a higher share", "a lower share"),
        "second_hand_share": (f"{n_second_hand} of {n_att} attributions pass on another outlet's reporting ({value:.0%})",
                              "a higher share", "a lower share"),
        "unexplained_anonymous_share": (f"{value:.0%} of attributions go to anonymous sources with no reason given for anonymity",
                                        "a higher share", "a lower share"),
        "own_wording": (f"the article's own wording rates {value:.0f} on the 0-100 scale of the wording model", "higher", "lower"),
        "unsourced_claim_share": (f"the claim classifier reads {value:.0%} of sentences as claims with no source",
                                  "a higher share", "a lower share"),
    }
    if feature in simple:
        what, more, fewer = simple[feature]
        return f"{what}: {_compare(feature, value, baseline, more, fewer)}"
    from .features import FEATURE_LABELS

    return f"{FEATURE_LABELS.get(feature, feature)}: {value:.2f}, {_compare(feature, value, baseline, 'higher', 'lower')}"


def sentences_behind(feature: str, text: str, sentences: Sequence[SentenceInfo], ev: Evidence, voice: Voice | None,
                     claim_probabilities: Sequence[float] | None) -> tuple[int, ...]:
    """Exactly the sentences that make up a feature's value (empty for features of the whole
    text, such as the wording model's rating)."""
    atts = ev.attributions

    def of(pred) -> tuple[int, ...]:
        return tuple(sorted({a.sentence for k, a in enumerate(atts) if pred(k, a)}))

    if feature.startswith("share_") and feature != "share_named":
        typ = feature[len("share_"):]
        return of(lambda k, a: a.source_type == typ)
    if feature == "share_named":
        return of(lambda k, a: a.source_type in NAMED_TYPES)
    if feature == "attributions_per_sentence":
        return of(lambda k, a: True)
    if feature == "attributed_sentence_share":
        return tuple(s.index for s in sentences if s.attributed)
    if feature == "unattributed_share":
        return tuple(a.sentence for a in ev.assertions)
    if feature == "hedges_per_sentence":
        return tuple(sorted({h.sentence for h in ev.hedges}))
    if feature == "distinct_named_sources":
        return of(lambda k, a: a.source_type in NAMED_TYPES and a.source is not None)
    if feature == "distinct_unnamed_sources":
        return of(lambda k, a: a.source_type in UNNAMED_TYPES and a.source is not None)
    if feature == "quote_share":
        return of(lambda k, a: is_direct_quotation(text, a.content))
    if feature == "unsourced_claim_share" and claim_probabilities is not None:
        return tuple(k for k, p in enumerate(claim_probabilities) if p >= CLAIM_LINK_PROBABILITY)
    if voice is None:
        return ()
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(starts, pos) - 1)

    if feature == "second_hand_share":
        second = set(voice.second_hand)
        return of(lambda k, a: k in second)
    if feature == "unexplained_anonymous_share":
        explained = set(voice.explained_anonymous)
        return of(lambda k, a: a.source_type == "anonymous" and k not in explained)
    if feature == "question_share":
        return tuple(sorted(voice.questions))
    if feature == "first_person_rate":
        return tuple(sorted({sentence_of(s.start) for s in voice.first_person}))
    if feature == "loaded_rate":
        return tuple(sorted({sentence_of(s.start) for s in voice.loaded}))
    return ()


def assemble(*, seg: Segmented, ev: Evidence, voice: Voice, claim_probabilities: Sequence[float], score: float,
             level: int, effects: Sequence[Any], feature_names: Sequence[str], baseline_features: Sequence[float],
             baseline_score: float, scorer_version: str, model_name: str, model_sha256: str,
             warnings: Sequence[str] = (), include_text: bool = False, article: ArticleInfo | None = None,
             date: str = "") -> Report:
    """Build the report of one article from the stages' output.

    ``effects`` are the model's per-feature effects (``feature``, ``value``, ``effect``), which add
    up to ``score - baseline_score``; ``voice`` and ``claim_probabilities`` are what the features
    were computed from.
    """
    text = seg.text
    by_type = dict.fromkeys(SOURCE_TYPES, 0)
    for a in ev.attributions:
        by_type[a.source_type] += 1
    words = sum(len([t for t in toks if t[0][0].isalnum()]) for toks in seg.tokens)
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
        replace(a, via=voice.via[k] if k < len(voice.via) else None, second_hand=k in second) for k, a in enumerate(ev.attributions)
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
               base.get(e.feature), sentences_behind(e.feature, text, sentences, ev, voice, claim_probabilities))
        for e in ordered
    )
    all_warnings = list(warnings)
    w = english_warning(text)
    if w:
        all_warnings.append(w)
    return Report(
        text=text, scorer_version=scorer_version, model_name=model_name, model_sha256=model_sha256, score=score,
        level=level, counts=counts, sentences=sentences, excluded=seg.excluded, attributions=attributions,
        sources=ev.sources, hedges=ev.hedges, assertions=ev.assertions, explanation=reasons, baseline=baseline_score,
        warnings=tuple(all_warnings), include_text=include_text, article=article or ArticleInfo(),
        reliability=reliability_note(text, words), date=date,
    )


# -- text and Markdown ----------------------------------------------------------------------------
# Effects smaller than this (in score points) are left out of the views' reasons (they round to 0.0).
MIN_SHOWN_EFFECT = 0.05


def _header_lines(rep: Report) -> list[str]:
    a = rep.article
    where = [f"{k} {v}" for k, v in (("id", a.id), ("file", a.path), ("URL", a.url)) if v]
    lines = [f"Article: {a.title or 'untitled'}" + (f" ({', '.join(where)})" if where else "")]
    lines.append(f"Model: {rep.model_version} (sourcing-scorer {rep.scorer_version})" + (f"; scored {rep.date}" if rep.date else ""))
    return lines


def _sentence_refs(ks: Sequence[int]) -> str:
    return ", ".join(str(k + 1) for k in ks)


def render_text(rep: Report) -> str:
    """The plain-text view."""
    from tabulate import tabulate

    out = ["Sourcing report", *_header_lines(rep), ""]
    if rep.reliability:
        out += [f"NOT RELIABLE: {rep.reliability}.", ""]
    for w in rep.top_notes():
        out.append(f"warning: {w}")
    if rep.top_notes():
        out.append("")
    qual = " (see the note above)" if rep.reliability else ""
    out += [f"Sourcing transparency: {rep.score:.0f}/100 (level {rep.level}, {rep.label}){qual}", ""]
    out.append(tabulate([[k.replace("_", " "), v] for k, v in rep.counts.items()], headers=["count", "n"], tablefmt="simple"))
    out.append("")
    if rep.sources:
        srows = [[s.name, s.type.replace("_", " "), s.mentions] for s in rep.sources]
        out += [tabulate(srows, headers=["source", "type", "mentions"], tablefmt="simple"), ""]
    second = [a for a in rep.attributions if a.second_hand and a.via]
    if second:
        out.append("Second-hand attributions (information passed on through another outlet):")
        out += [f"  sentence {a.sentence + 1}: {a.cue.text!r}, via {a.via.text}" for a in second if a.via]
        out.append("")
    out.append(f"Why (effects in points against a baseline of {rep.baseline:.0f}, the average article in training; "
               f"sentence numbers in brackets):")
    rrows = [[f"{r.effect:+.1f}", r.message + (f" [{_sentence_refs(r.sentences)}]" if r.sentences else "")]
             for r in rep.explanation if abs(r.effect) >= MIN_SHOWN_EFFECT]
    out.append(tabulate(rrows, headers=["effect", "reason"], tablefmt="simple", disable_numparse=True))
    out.append("")
    out.append(f"Unattributed claims ({len(rep.assertions)}):")
    out += [f"  {a.sentence + 1}. {rep.sentence_text(a.sentence)}" for a in rep.assertions] or ["  none"]
    out.append("")
    out.append(f"Hedges ({len(rep.hedges)}):")
    out += [f"  {h.sentence + 1}. {h.text!r} in: {rep.sentence_text(h.sentence)}" for h in rep.hedges] or ["  none"]
    return "\n".join(out) + "\n"


def render_markdown(rep: Report) -> str:
    """The Markdown view."""
    from tabulate import tabulate

    qual = ": not reliable, see the note below" if rep.reliability else ""
    out = [f"## Sourcing transparency: {rep.score:.0f}/100 (level {rep.level}, {rep.label}){qual}", ""]
    out += [f"{_md(line)}  " for line in _header_lines(rep)] + [""]
    if rep.reliability:
        out += [f"> **Not reliable:** {_md(rep.reliability)}.", ""]
    for w in rep.top_notes():
        out.append(f"> warning: {_md(w)}")
    if rep.top_notes():
        out.append("")
    out.append(tabulate([[k.replace("_", " "), v] for k, v in rep.counts.items()], headers=["count", "n"], tablefmt="github"))
    out.append("")
    if rep.sources:
        out += ["### Sources", ""]
        out.append(tabulate([[_md(s.name), s.type.replace("_", " "), s.mentions] for s in rep.sources],
                            headers=["source", "type", "mentions"], tablefmt="github"))
        out.append("")
    second = [a for a in rep.attributions if a.second_hand and a.via]
    if second:
        out += ["### Second-hand attributions", ""]
        out += [f"- sentence {a.sentence + 1}: *{_md(a.cue.text)}*, via **{_md(a.via.text)}**" for a in second if a.via]
        out.append("")
    out += [f"### Why (points against a baseline of {rep.baseline:.0f}, the average training article)", ""]
    for r in rep.explanation:
        if abs(r.effect) >= MIN_SHOWN_EFFECT:
            refs = f" (sentences {_sentence_refs(r.sentences)})" if r.sentences else ""
            out.append(f"- **{r.effect:+.1f}** {_md(r.message)}{refs}")
    out.append("")
    if rep.assertions:
        out += ["### Unattributed claims", ""]
        out += [f"- **{a.sentence + 1}.** {_md(rep.sentence_text(a.sentence))}" for a in rep.assertions]
        out.append("")
    if rep.hedges:
        out += ["### Hedges", ""]
        out += [f"- sentence {h.sentence + 1}: *{_md(h.text)}*" for h in rep.hedges]
        out.append("")
    return "\n".join(out)


# -- HTML ---------------------------------------------------------------------------------------
# The Okabe-Ito palette (Okabe and Ito 2008), chosen to stay distinguishable with every common
# colour-vision deficiency; tests check it under simulated protanopia, deuteranopia and tritanopia.
OKABE_ITO = {
    "orange": "#e69f00", "sky_blue": "#56b4e9", "bluish_green": "#009e73", "yellow": "#f0e442",
    "blue": "#0072b2", "vermillion": "#d55e00", "reddish_purple": "#cc79a7", "black": "#000000",
}
PAGE_TEXT = "#111111"
PAGE_BACKGROUND = "#ffffff"
MUTED_TEXT = "#595959"  # residue and secondary text: 7:1 on white
# Share of the accent colour in a highlight's background (the rest white): pale enough that dark
# text keeps at least 4.5:1 (WCAG AA), strong enough to tell the hues apart.
TINT = 0.30


def tint(hex_colour: str, share: float = TINT) -> str:
    """``hex_colour`` mixed with white, ``share`` of the colour."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


@dataclass(frozen=True)
class TypeStyle:
    """How a source type is shown: an accent colour, a border style and a label, so that the
    type reads without colour too (the label is written after every source)."""

    accent: str
    line: str
    label: str

    @property
    def background(self) -> str:
        return tint(self.accent)


TYPE_STYLE = {
    "named_person": TypeStyle(OKABE_ITO["blue"], "solid", "person"),
    "named_organization": TypeStyle(OKABE_ITO["bluish_green"], "double", "organisation"),
    "document": TypeStyle(OKABE_ITO["reddish_purple"], "solid", "document"),
    "anonymous": TypeStyle(OKABE_ITO["vermillion"], "dashed", "anonymous"),
    "vague": TypeStyle(OKABE_ITO["orange"], "dotted", "vague"),
    "unresolved": TypeStyle(OKABE_ITO["sky_blue"], "dotted", "unresolved"),
}
HEDGE_STYLE = TypeStyle(OKABE_ITO["yellow"], "dashed", "hedge")
UNATTRIBUTED_BACKGROUND = "#ebebeb"
TARGET_BACKGROUND = tint(OKABE_ITO["yellow"], 0.55)
# Gauge bands, level 1 to 5.
BAND_COLOURS = (OKABE_ITO["vermillion"], OKABE_ITO["orange"], OKABE_ITO["yellow"], OKABE_ITO["sky_blue"], OKABE_ITO["blue"])


def _gauge(score: float, level: int, label: str) -> str:
    """A semicircular gauge as inline SVG: five labelled bands outside, a needle that stops short
    of them, and the number below the pivot, where the needle never goes."""
    cx, cy, r, width = 150.0, 118.0, 92.0, 16.0
    needle = r - width - 10
    parts = []
    for k in range(5):
        a0, a1 = math.pi * (1 - k / 5), math.pi * (1 - (k + 1) / 5)
        x0, y0 = cx + r * math.cos(a0), cy - r * math.sin(a0)
        x1, y1 = cx + r * math.cos(a1), cy - r * math.sin(a1)
        parts.append(f'<path d="M{x0:.1f},{y0:.1f} A{r:.0f},{r:.0f} 0 0,1 {x1:.1f},{y1:.1f}" stroke="{BAND_COLOURS[k]}" '
                     f'stroke-width="{width:.0f}" fill="none"/>')
        mid = (a0 + a1) / 2
        lx, ly = cx + (r + width / 2 + 6) * math.cos(mid), cy - (r + width / 2 + 6) * math.sin(mid)
        anchor = "middle" if abs(math.cos(mid)) < 0.2 else ("end" if math.cos(mid) < 0 else "start")
        weight = ' font-weight="bold"' if k + 1 == level else ""
        parts.append(f'<text class="g-band" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12"{weight}>'
                     f'{LEVEL_LABELS[k + 1]}</text>')
    angle = math.pi * (1 - max(0.0, min(100.0, score)) / 100.0)
    x, y = cx + needle * math.cos(angle), cy - needle * math.sin(angle)
    return (
        f'<svg class="gauge" viewBox="-30 0 360 175" width="360" height="175" role="img" '
        f'aria-label="Score {score:.0f} out of 100, level {level}, {label}">{"".join(parts)}'
        f'<line class="g-needle" x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{PAGE_TEXT}" stroke-width="4" '
        f'stroke-linecap="round"/><circle cx="{cx:.0f}" cy="{cy:.0f}" r="6" fill="{PAGE_TEXT}"/>'
        f'<text class="g-score" x="{cx:.0f}" y="{cy + 36:.0f}" text-anchor="middle" font-size="30" font-weight="bold">{score:.0f}</text>'
        f'<text class="g-level" x="{cx:.0f}" y="{cy + 54:.0f}" text-anchor="middle" font-size="13">level {level} of 5: {label}</text></svg>'
    )


def _attr(s: str) -> str:
    return html.escape(s, quote=True)


def _article_html(rep: Report) -> str:
    """The article written out once, left to right: sentences (numbered anchors), residue (greyed
    with its reason), content spans (dotted underline) and highlights (cue, source, hedge, outlet)
    are opened and closed at their boundaries, so the page is built in linear time."""
    text = rep.text
    marks: list[tuple[int, int, str, str, str, str]] = []  # start, end, class, data-type, label, tooltip
    via_after: dict[int, list[str]] = {}
    for k, a in enumerate(rep.attributions):
        st = TYPE_STYLE[a.source_type]
        who = a.resolved_to or (a.source.text if a.source else "no named source")
        second = f" Second-hand: passed on through {a.via.text}." if a.second_hand and a.via else ""
        marks.append((a.cue.start, a.cue.end, f"cue t-{a.source_type}", a.source_type, "",
                      f"Cue of attribution {k + 1}. Source type: {st.label}. Source: {who}.{second}"))
        if a.source:
            marks.append((a.source.start, a.source.end, f"src t-{a.source_type}", a.source_type, st.label,
                          f"Source ({st.label}): {who}.{second}"))
        if a.second_hand and a.via:
            via_after.setdefault(a.cue.end, []).append(a.via.text)
    for h in rep.hedges:
        marks.append((h.start, h.end, "hedge", "hedge", "", f"Hedge: {h.text}"))
    marks.sort()
    kept: list[tuple[int, int, str, str, str, str]] = []
    for m in marks:
        if not kept or m[0] >= kept[-1][1]:
            kept.append(m)
    inside_mark = set()
    for m in kept:
        inside_mark.update(range(m[0] + 1, m[1]))
    contents = sorted((a.content.start, a.content.end) for a in rep.attributions if a.content is not None)
    sents = [(s.start, s.end, s.index) for s in rep.sentences]
    excl = [(e.start, e.end, e.reason) for e in rep.excluded]
    cuts = {0, len(text)} | {p for m in kept for p in m[:2]} | {p for s in sents for p in s[:2]} | {p for e in excl for p in e[:2]}
    cuts |= {p for c in contents for p in c if p not in inside_mark}
    cuts |= set(via_after)
    points = sorted(p for p in cuts if 0 <= p <= len(text))
    # Content coverage at each cut point, by a sweep over the content spans' ends.
    events = sorted([(s, 1) for s, _ in contents] + [(e, -1) for _, e in contents])
    unatt = {a.sentence for a in rep.assertions}
    out: list[str] = []
    si = mi = ei = vi = 0
    depth = 0
    for a, b in zip(points, points[1:]):
        while vi < len(events) and events[vi][0] <= a:
            depth += events[vi][1]
            vi += 1
        while si < len(sents) and sents[si][1] <= a:
            si += 1
        while mi < len(kept) and kept[mi][1] <= a:
            mi += 1
        while ei < len(excl) and excl[ei][1] <= a:
            ei += 1
        in_sent = si < len(sents) and sents[si][0] <= a
        in_mark = mi < len(kept) and kept[mi][0] <= a
        in_excl = ei < len(excl) and excl[ei][0] <= a
        piece = html.escape(text[a:b]).replace("\n", "<br>\n")
        if in_mark:
            m = kept[mi]
            lab = f' data-label="{_attr(m[4])}"' if m[4] else ""
            piece = (f'<mark class="{m[2]}" tabindex="0" data-type="{m[3]}"{lab} data-tip="{_attr(m[5])}" '
                     f'aria-label="{_attr(m[5])}">{piece}</mark>')
        if in_sent and depth > 0:
            piece = f'<span class="content">{piece}</span>'
        if b in via_after and in_sent:
            piece += "".join(f'<span class="via-label" title="Second-hand: the information came through {_attr(v)}">via {html.escape(v)}</span>'
                             for v in via_after[b])
        if in_sent:
            s0, s1, idx = sents[si]
            if s0 == a:
                why = rep.why_text(idx)
                cls = "sent unatt" if idx in unatt else "sent"
                tip = "Unattributed claim: no source in or around it." if idx in unatt else (
                    f"Attributed: {why}." if why else "Neither attributed nor counted as a claim.")
                badge = f'{idx + 1}<span class="nolabel"> no source</span>' if idx in unatt else f"{idx + 1}"
                piece = (f'<span class="{cls}" id="s{idx}" data-sentence="{idx}"><a class="sn" href="#s{idx}" '
                         f'title="{_attr(tip)}" aria-label="Sentence {idx + 1}. {_attr(tip)}">{badge}</a>' + piece)
            if b == s1:
                piece += "</span>"
        elif in_excl:
            reason = excl[ei][2]
            first = excl[ei][0] == a
            piece = (f'<span class="excluded" data-reason="{_attr(reason)}" title="Left out of every count: {_attr(reason)}">'
                     + (f'<span class="why-out">{html.escape(reason)}</span>' if first else "") + f"{piece}</span>")
        out.append(piece)
    return "".join(out)


def render_html(rep: Report) -> str:
    """Render the report as one self-contained page: no scripts or requests, works offline."""
    a = rep.article
    title = a.title or a.path or a.url or a.id or "Untitled article"
    meta = [f"{k}: {html.escape(v)}" for k, v in (("id", a.id), ("file", a.path), ("URL", a.url)) if v]
    meta_line = " · ".join(meta)
    model_line = (f"model {html.escape(rep.model_version)} · sourcing-scorer {html.escape(rep.scorer_version)}"
                  + (f" · scored {html.escape(rep.date)}" if rep.date else ""))
    css_types = "\n".join(
        f".t-{t}.src{{background:{st.background};border-bottom:3px {st.line} {st.accent}}}"
        f".t-{t}.cue{{background:{st.background}}}"
        for t, st in TYPE_STYLE.items()
    )
    legend = "".join(
        f'<li><mark class="src t-{t}" data-type="{t}" data-label="{TYPE_STYLE[t].label}">Name</mark> '
        f'{t.replace("_", " ")}</li>' for t in SOURCE_TYPES
    )
    reasons = []
    for r in rep.explanation:
        if abs(r.effect) < MIN_SHOWN_EFFECT:
            continue
        links = ", ".join(f'<a href="#s{k}">{k + 1}</a>' for k in r.sentences)
        where = f' <span class="where">(sentence{"s" if len(r.sentences) > 1 else ""} {links})</span>' if r.sentences else ""
        sign = "up" if r.effect >= 0 else "down"
        reasons.append(f'<li class="{sign}" data-feature="{r.feature}"><b class="effect">{r.effect:+.1f}</b> '
                       f'{html.escape(r.message)}{where}</li>')
    srows = "".join(
        f'<tr><td>{html.escape(x.name)}</td><td><mark class="src t-{x.type}" data-type="{x.type}" '
        f'data-label="{TYPE_STYLE[x.type].label}">{x.type.replace("_", " ")}</mark></td><td>{x.mentions}</td></tr>'
        for x in rep.sources
    )
    second = [(k, x) for k, x in enumerate(rep.attributions) if x.second_hand and x.via]
    second_html = ""
    if second:
        rows = "".join(f'<tr><td><a href="#s{x.sentence}">{x.sentence + 1}</a></td><td>{html.escape(x.cue.text)}</td>'
                       f'<td>{html.escape(x.resolved_to or (x.source.text if x.source else "no named source"))}</td>'
                       f'<td>{html.escape(x.via.text) if x.via else ""}</td></tr>' for k, x in second)
        second_html = (f'<section aria-labelledby="h-second"><h2 id="h-second">Second-hand attributions</h2>'
                       f'<p>Information the article passes on from another outlet\'s reporting.</p><table><thead><tr>'
                       f'<th scope="col">sentence</th><th scope="col">cue</th><th scope="col">source</th>'
                       f'<th scope="col">via</th></tr></thead><tbody>{rows}</tbody></table></section>')
    claims = "".join(f'<li><a href="#s{x.sentence}">{x.sentence + 1}</a> {html.escape(rep.sentence_text(x.sentence))}</li>'
                     for x in rep.assertions) or "<li>none</li>"
    hedges = "".join(f'<li><a href="#s{h.sentence}">{h.sentence + 1}</a> <i>{html.escape(h.text)}</i></li>'
                     for h in rep.hedges) or "<li>none</li>"
    whys = "".join(f'<li><a href="#s{s.index}">{s.index + 1}</a> {html.escape(rep.why_text(s.index))}</li>'
                   for s in rep.sentences if s.why)
    crow = "".join(f"<tr><th scope=\"row\">{k.replace('_', ' ')}</th><td>{v}</td></tr>" for k, v in rep.counts.items())
    notes = ""
    if rep.reliability:
        notes += f'<p class="reliability" role="alert"><b>Not reliable:</b> {html.escape(rep.reliability)}.</p>'
    notes += "".join(f'<p class="warning" role="note">Warning: {html.escape(w)}</p>' for w in rep.top_notes())
    qual = ' <span class="qual">(see the note above)</span>' if rep.reliability else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sourcing report: {html.escape(title)}: {rep.score:.0f}/100 ({rep.label})</title>
<style>
body{{font-family:Georgia,"DejaVu Serif",serif;max-width:62em;margin:1.5em auto;padding:0 1em;color:{PAGE_TEXT};background:{PAGE_BACKGROUND};line-height:1.8}}
header{{display:flex;align-items:center;gap:1.5em;border-bottom:1px solid #767676;padding-bottom:.5em;flex-wrap:wrap}}
header h1{{margin:0 0 .2em;font-size:1.5em}} .meta{{margin:.1em 0;color:{MUTED_TEXT};font:14px/1.4 sans-serif}}
.gauge text{{font-family:sans-serif;fill:{PAGE_TEXT}}}
.scoreline{{font-size:1.3em;font-weight:bold;margin:.2em 0}}
article{{font-size:1.05em}} mark{{color:{PAGE_TEXT};padding:0 .1em;border-radius:2px;position:relative}}
mark:focus{{outline:3px solid #000;outline-offset:2px}}
mark:hover::before,mark:focus::before{{content:attr(data-tip);position:absolute;left:0;top:1.9em;z-index:5;background:#111;color:#fff;
 padding:.2em .5em;border-radius:3px;font:13px/1.4 sans-serif;white-space:nowrap;font-style:normal;font-weight:normal}}
.src::after{{content:attr(data-label);font:bold 10px/1 sans-serif;text-transform:uppercase;letter-spacing:.03em;margin-left:.25em;
 padding:1px 3px;border:1px solid currentColor;border-radius:2px;vertical-align:.25em;background:#fff}}
.cue{{font-weight:bold;text-decoration:underline;text-decoration-thickness:2px}}
.hedge{{background:{HEDGE_STYLE.background};font-style:italic;border-bottom:2px dashed #000}}
.content{{text-decoration:underline dotted {MUTED_TEXT};text-decoration-thickness:2px;text-underline-offset:.25em}}
.via-label{{font:bold 11px/1 sans-serif;margin-left:.3em;padding:1px 4px;border:1px dashed #000;border-radius:8px;vertical-align:.2em}}
.sn{{font:bold 11px/1 sans-serif;color:{PAGE_TEXT};background:#fff;border:1px solid #767676;border-radius:3px;padding:1px 3px;margin-right:.3em;
 text-decoration:none;vertical-align:.2em}}
.sent.unatt{{background:{UNATTRIBUTED_BACKGROUND}}} .sent.unatt .sn{{border-color:#000;border-style:dashed}}
.nolabel{{font-weight:normal}}
.sent{{scroll-margin-top:30vh}}
.sent:target{{background:{TARGET_BACKGROUND};outline:3px solid #000;outline-offset:2px}}
.excluded{{color:{MUTED_TEXT}}} .why-out{{font:italic 11px/1 sans-serif;border:1px solid {MUTED_TEXT};border-radius:3px;padding:0 3px;margin-right:.4em}}
.why-out::before{{content:"left out: "}}
table{{border-collapse:collapse;margin:.5em 0}} td,th{{border:1px solid #767676;padding:.2em .6em;text-align:left}}
.legend{{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.2em}} .where{{font-size:.9em}}
.reliability{{background:#fff;border:3px solid #000;padding:.5em .7em;font-size:1.1em}}
.warning{{background:#fff;color:{PAGE_TEXT};padding:.4em;border:1px dashed #000}}
.effect{{display:inline-block;min-width:3.2em}}
details summary{{cursor:pointer}}
{css_types}
@media print{{
 body{{max-width:none;margin:0;font-size:11pt;line-height:1.5}}
 mark,.sent.unatt,.sent:target,.hedge{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
 mark::before{{display:none}} .sent:target{{outline:none;background:transparent}}
 details{{display:block}} details>*{{display:block}} a{{color:inherit;text-decoration:none}}
 section{{break-inside:avoid-page}} article{{break-before:page}}
}}
</style></head><body>
<header>{_gauge(rep.score, rep.level, rep.label)}<div><h1>{html.escape(title)}</h1>
{f'<p class="meta">{meta_line}</p>' if meta_line else ''}<p class="meta">{model_line}</p>
<p class="scoreline">Sourcing transparency {rep.score:.0f}/100, level {rep.level} of 5: {rep.label}{qual}</p></div></header>
{notes}
<main>
<section aria-labelledby="h-why"><h2 id="h-why">Why this score</h2>
<p>Effects in score points against a baseline of {rep.baseline:.0f} (the average training article); they add up to the score.
Each links to the sentences behind it.</p>
<ul class="reasons">{''.join(reasons)}</ul></section>
<section aria-labelledby="h-legend"><h2 id="h-legend">Legend</h2><ul class="legend">{legend}
<li><mark class="hedge" data-type="hedge">hedge</mark></li><li><span class="sent unatt"><span class="sn">7<span class="nolabel"> no source</span></span>unattributed claim</span></li>
<li><b class="cue">bold underlined</b>: cue</li><li><span class="content">dotted underline</span>: content credited to a source</li>
<li><span class="via-label">via Outlet</span>: second-hand, through another outlet</li>
<li><span class="excluded"><span class="why-out">byline</span>greyed</span>: residue left out of every count</li></ul></section>
<section aria-labelledby="h-article"><h2 id="h-article">Article</h2><article>{_article_html(rep)}</article>
<details><summary>Why each sentence counts as sourced</summary><ul class="whys">{whys}</ul></details></section>
<section aria-labelledby="h-claims"><h2 id="h-claims">Unattributed claims ({len(rep.assertions)})</h2><ul>{claims}</ul></section>
<section aria-labelledby="h-hedges"><h2 id="h-hedges">Hedges ({len(rep.hedges)})</h2><ul>{hedges}</ul></section>
{second_html}
<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2><table><thead><tr><th scope="col">source</th><th scope="col">type</th><th scope="col">mentions</th></tr></thead><tbody>{srows}</tbody></table></section>
<section aria-labelledby="h-counts"><h2 id="h-counts">Counts</h2><table><tbody>{crow}</tbody></table></section>
</main>
<footer><p class="meta">sourcing-scorer {html.escape(rep.scorer_version)}, model {html.escape(rep.model_version)}</p></footer>
</body></html>
"""
