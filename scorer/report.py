"""Stage 5: the report of one article: schema v1 dict and JSON, text, Markdown and HTML views."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from .model import LEVEL_LABELS
from .types import SOURCE_TYPES, Attribution, Excluded, Hedge, Source, Assertion

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class SentenceInfo:
    index: int
    start: int
    end: int
    attributed: bool
    unattributed_assertion: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "attributed": self.attributed,
            "unattributed_assertion": self.unattributed_assertion,
        }


@dataclass(frozen=True)
class Reason:
    feature: str
    value: float
    effect: float
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": round(self.value, 4), "effect": round(self.effect, 2), "message": self.message}


@dataclass(frozen=True)
class Report:
    """Everything the scorer says about one article. ``to_dict()`` is schema v1."""

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

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]

    def to_dict(self) -> dict[str, Any]:
        """The report as the schema v1 dictionary."""
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "scorer_version": self.scorer_version,
            "model": {"name": self.model_name, "sha256": self.model_sha256},
            "score": round(self.score, 1),
            "level": self.level,
            "label": self.label,
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
        """The schema v1 dictionary as JSON (stable key order, UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    # -- human views ---------------------------------------------------------------------------
    def to_text(self) -> str:
        """A plain-text report with tables: score, counts, sources, reasons."""
        from tabulate import tabulate

        out = [f"Sourcing transparency: {self.score:.0f}/100 (level {self.level}, {self.label})", ""]
        c = self.counts
        rows = [[k.replace("_", " "), c[k]] for k in c]
        out.append(tabulate(rows, headers=["count", "n"], tablefmt="simple"))
        out.append("")
        if self.sources:
            srows = [[s.name, s.type.replace("_", " "), s.mentions] for s in self.sources]
            out.append(tabulate(srows, headers=["source", "type", "mentions"], tablefmt="simple"))
            out.append("")
        out.append(f"Why (effects in points against a baseline of {self.baseline:.0f}, the average article in training):")
        rrows = [[f"{r.effect:+.1f}", r.message] for r in self.explanation if abs(r.effect) >= 0.05]
        out.append(tabulate(rrows, headers=["effect", "reason"], tablefmt="simple", disable_numparse=True))
        for w in self.warnings:
            out.append(f"warning: {w}")
        return "\n".join(out) + "\n"

    def to_markdown(self) -> str:
        """A Markdown report for tickets and CMS comments."""
        from tabulate import tabulate

        out = [f"## Sourcing transparency: {self.score:.0f}/100 (level {self.level}, {self.label})", ""]
        out.append(tabulate([[k.replace("_", " "), v] for k, v in self.counts.items()], headers=["count", "n"], tablefmt="github"))
        out.append("")
        if self.sources:
            out.append("### Sources")
            out.append("")
            out.append(tabulate([[s.name, s.type.replace("_", " "), s.mentions] for s in self.sources], headers=["source", "type", "mentions"], tablefmt="github"))
            out.append("")
        out.append(f"### Why (points against a baseline of {self.baseline:.0f})")
        out.append("")
        for r in self.explanation:
            if abs(r.effect) >= 0.05:
                out.append(f"- **{r.effect:+.1f}** {r.message}")
        out.append("")
        if self.assertions:
            out.append("### Unattributed claims")
            out.append("")
            for a in self.assertions[:20]:
                out.append(f"- {self.text[a.start:a.end].strip()}")
            out.append("")
        if self.hedges:
            out.append("### Hedges")
            out.append("")
            out.append(", ".join(f"*{h.text}*" for h in self.hedges))
            out.append("")
        for w in self.warnings:
            out.append(f"> warning: {w}")
        return "\n".join(out)

    def to_html(self) -> str:
        """A self-contained HTML page with the article's spans highlighted."""
        return render_html(self)


_TYPE_STYLE = {
    # background, text colour, underline style: text contrast >= 4.5 on each background
    "named_person": ("#dbeafe", "#102a56", "solid"),
    "named_organization": ("#dcfce7", "#0f3d1f", "double"),
    "document": ("#ede9fe", "#2e1065", "dotted"),
    "anonymous": ("#fde2e2", "#5c0a0a", "dashed"),
    "vague": ("#fef3c7", "#4a3000", "wavy"),
    "unresolved": ("#e5e7eb", "#1f2937", "dotted"),
}


def render_html(rep: Report) -> str:
    """Render the report as one self-contained page (no external requests)."""
    text = rep.text
    marks: list[tuple[int, int, str, str]] = []  # start, end, css class, title
    for a in rep.attributions:
        tname = a.source_type.replace("_", " ")
        who = a.resolved_to or (a.source.text if a.source else "no source")
        marks.append((a.cue.start, a.cue.end, f"cue t-{a.source_type}", f"cue ({tname}): {who}"))
        if a.source:
            marks.append((a.source.start, a.source.end, f"src t-{a.source_type}", f"source ({tname}): {who}"))
    for h in rep.hedges:
        marks.append((h.start, h.end, "hedge", "hedge"))
    marks.sort()
    # Drop overlapping marks (keep the earliest).
    clean: list[tuple[int, int, str, str]] = []
    last = -1
    for m in marks:
        if m[0] >= last:
            clean.append(m)
            last = m[1]
    unatt = {a.sentence for a in rep.assertions}
    sent_spans = [(s.start, s.end, s.index in unatt, s.index) for s in rep.sentences]
    excluded = [(e.start, e.end) for e in rep.excluded]
    # Build the article body with sentences wrapped and marks inside.
    pieces = []
    pos = 0
    boundaries = sorted({0, len(text)} | {x for m in clean for x in m[:2]} | {x for s in sent_spans for x in s[:2]} | {x for e in excluded for x in e})
    open_sent = None
    mi = 0
    for b in boundaries:
        if b <= pos:
            continue
        seg = text[pos:b]
        cls = ""
        mark = next((m for m in clean if m[0] <= pos < m[1]), None)
        sent = next((s for s in sent_spans if s[0] <= pos < s[1]), None)
        exc = any(e[0] <= pos < e[1] for e in excluded)
        if sent is not open_sent:
            if open_sent is not None:
                pieces.append("</span>")
            if sent is not None:
                scls = "sent unatt" if sent[2] else "sent"
                pieces.append(f'<span class="{scls}" id="s{sent[3]}">')
            open_sent = sent
        esc = html.escape(seg).replace("\n", "<br>\n")
        if mark is not None:
            pieces.append(f'<mark class="{mark[2]}" tabindex="0" title="{html.escape(mark[3])}" data-type="{mark[2].split()[-1]}">{esc}</mark>')
        elif exc:
            pieces.append(f'<span class="excluded" title="excluded from counts">{esc}</span>')
        else:
            pieces.append(esc)
        pos = b
        mi += 1
    if open_sent is not None:
        pieces.append("</span>")
    css_types = "\n".join(
        f".t-{t}{{background:{bg};color:{fg};text-decoration:underline {st};text-decoration-color:{fg}}}"
        for t, (bg, fg, st) in _TYPE_STYLE.items()
    )
    legend = "".join(f'<li><mark class="src t-{t}">{t.replace("_", " ")}</mark></li>' for t in SOURCE_TYPES)
    reasons = "".join(f"<li><b>{r.effect:+.1f}</b> {html.escape(r.message)}</li>" for r in rep.explanation if abs(r.effect) >= 0.05)
    srows = "".join(f"<tr><td>{html.escape(s.name)}</td><td>{s.type.replace('_', ' ')}</td><td>{s.mentions}</td></tr>" for s in rep.sources)
    crow = "".join(f"<tr><td>{k.replace('_', ' ')}</td><td>{v}</td></tr>" for k, v in rep.counts.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sourcing report: {rep.score:.0f}/100</title>
<style>
body{{font-family:Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;color:#111;background:#fff;line-height:1.6}}
.score{{font-size:2em;font-weight:bold}} mark{{padding:0 .1em;border-radius:2px}}
mark:focus{{outline:3px solid #000}} .cue{{font-weight:bold}} .hedge{{background:#fff;color:#6b21a8;font-style:italic;text-decoration:underline dashed}}
.unatt{{border-bottom:2px dotted #9a3412}} .excluded{{color:#555;text-decoration:line-through}}
table{{border-collapse:collapse}} td,th{{border:1px solid #999;padding:.2em .5em;text-align:left}}
{css_types}
</style></head><body>
<header><h1>Sourcing report</h1><p class="score">{rep.score:.0f}/100, level {rep.level} ({rep.label})</p></header>
<main><section><h2>Article</h2><article>{''.join(pieces)}</article></section>
<section><h2>Legend</h2><ul>{legend}<li><mark class="hedge">hedge</mark></li><li><span class="unatt">unattributed claim</span></li></ul></section>
<section><h2>Why</h2><ul>{reasons}</ul></section>
<section><h2>Sources</h2><table><tr><th>source</th><th>type</th><th>mentions</th></tr>{srows}</table></section>
<section><h2>Counts</h2><table>{crow}</table></section></main>
</body></html>
"""
