"""Stage 5: the report of one article: schema v1 dict and JSON, text, Markdown and HTML views."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .types import LEVEL_LABELS
from .types import SOURCE_TYPES, Attribution, Excluded, Hedge, Source, Assertion

SCHEMA_VERSION = 1


class SentenceInfo(NamedTuple):
    """One body sentence of the report (a named tuple: an article has dozens, built per score)."""

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


def _md(text: str) -> str:
    """Article text for the Markdown report: HTML-significant characters escaped (a CMS that
    renders the Markdown must not run a ``<script>`` from a claim), line breaks and table bars kept
    from breaking the list or table."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


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
            out.append(tabulate([[_md(s.name), s.type.replace("_", " "), s.mentions] for s in self.sources], headers=["source", "type", "mentions"], tablefmt="github"))
            out.append("")
        out.append(f"### Why (points against a baseline of {self.baseline:.0f})")
        out.append("")
        for r in self.explanation:
            if abs(r.effect) >= 0.05:
                out.append(f"- **{r.effect:+.1f}** {_md(r.message)}")
        out.append("")
        if self.assertions:
            out.append("### Unattributed claims")
            out.append("")
            for a in self.assertions[:20]:
                out.append(f"- {_md(self.text[a.start:a.end].strip())}")
            out.append("")
        if self.hedges:
            out.append("### Hedges")
            out.append("")
            out.append(", ".join(f"*{_md(h.text)}*" for h in self.hedges))
            out.append("")
        for w in self.warnings:
            out.append(f"> warning: {_md(w)}")
        return "\n".join(out)

    def to_html(self) -> str:
        """A self-contained HTML page with the article's spans highlighted."""
        return render_html(self)


# Highlight colours per source type: (background, text colour, underline style). Dark text on
# pale backgrounds keeps every pair above WCAG AA contrast (4.5:1; checked by a test), and the
# underline style differs per type so the highlights still read in greyscale.
TYPE_STYLE = {
    "named_person": ("#dbeafe", "#0b2a5b", "solid"),
    "named_organization": ("#dcfce7", "#0b3b1c", "double"),
    "document": ("#ede9fe", "#2e1065", "dotted"),
    "anonymous": ("#fee2e2", "#5c0a0a", "dashed"),
    "vague": ("#fef3c7", "#4a3000", "wavy"),
    "unresolved": ("#e5e7eb", "#1f2937", "dotted"),
}
HEDGE_STYLE = ("#fdf4ff", "#581c87")
UNATTRIBUTED_STYLE = ("#fff7ed", "#7c2d12")
PAGE_STYLE = ("#ffffff", "#111111")


def _sentences_for(rep: Report, feature: str) -> list[int]:
    """The sentences behind a feature, for the report's links."""
    if feature == "unattributed_share":
        return [a.sentence for a in rep.assertions]
    if feature == "hedges_per_sentence":
        return sorted({h.sentence for h in rep.hedges})
    if feature.startswith("share_") and feature != "share_named":
        typ = feature[len("share_") :]
        return sorted({a.sentence for a in rep.attributions if a.source_type == typ})
    if feature in ("share_named", "distinct_named_sources"):
        return sorted({a.sentence for a in rep.attributions if a.source_type in ("named_person", "named_organization", "document")})
    if feature == "distinct_unnamed_sources":
        return sorted({a.sentence for a in rep.attributions if a.source_type in ("anonymous", "vague")})
    return sorted({a.sentence for a in rep.attributions})


def _gauge(score: float, level: int, label: str) -> str:
    """A semicircular gauge as inline SVG."""
    import math

    angle = math.pi * (1 - max(0.0, min(100.0, score)) / 100.0)
    x, y = 100 + 80 * math.cos(angle), 100 - 80 * math.sin(angle)
    large = 0
    bands = ""
    colours = ["#b91c1c", "#c2410c", "#a16207", "#15803d", "#1d4ed8"]
    for k in range(5):
        a0, a1 = math.pi * (1 - k / 5), math.pi * (1 - (k + 1) / 5)
        x0, y0 = 100 + 80 * math.cos(a0), 100 - 80 * math.sin(a0)
        x1, y1 = 100 + 80 * math.cos(a1), 100 - 80 * math.sin(a1)
        bands += f'<path d="M{x0:.1f},{y0:.1f} A80,80 0 {large},1 {x1:.1f},{y1:.1f}" stroke="{colours[k]}" stroke-width="14" fill="none"/>'
    return (
        f'<svg class="gauge" viewBox="0 0 200 120" width="240" height="144" role="img" '
        f'aria-label="Score {score:.0f} out of 100, level {level}, {label}">{bands}'
        f'<line x1="100" y1="100" x2="{x:.1f}" y2="{y:.1f}" stroke="#111" stroke-width="4" stroke-linecap="round"/>'
        f'<circle cx="100" cy="100" r="6" fill="#111"/>'
        f'<text x="100" y="88" text-anchor="middle" font-size="26" font-weight="bold" fill="#111">{score:.0f}</text></svg>'
    )


def render_html(rep: Report) -> str:
    """Render the report as one self-contained page: no scripts or requests, works offline.

    The article is written out once, left to right: sentences, residue and highlights are
    opened and closed at their boundaries, so the page is built in linear time.
    """
    text = rep.text
    marks: list[tuple[int, int, str, str, str]] = []  # start, end, css class, data-type, tooltip
    for a in rep.attributions:
        tname = a.source_type.replace("_", " ")
        who = a.resolved_to or (a.source.text if a.source else "no named source")
        marks.append((a.cue.start, a.cue.end, f"cue t-{a.source_type}", a.source_type, f"Cue. Source type: {tname}. Source: {who}"))
        if a.source:
            marks.append((a.source.start, a.source.end, f"src t-{a.source_type}", a.source_type, f"Source ({tname}): {who}"))
    for h in rep.hedges:
        marks.append((h.start, h.end, "hedge", "hedge", f"Hedge: {h.text}"))
    marks.sort()
    kept: list[tuple[int, int, str, str, str]] = []
    for m in marks:
        if not kept or m[0] >= kept[-1][1]:
            kept.append(m)
    unatt = {a.sentence for a in rep.assertions}
    sents = [(s.start, s.end, s.index) for s in rep.sentences]
    excl = [(e.start, e.end) for e in rep.excluded]
    cuts = sorted({0, len(text)} | {p for m in kept for p in m[:2]} | {p for s in sents for p in s[:2]} | {p for e in excl for p in e})
    out: list[str] = []
    si = mi = ei = 0
    for a, b in zip(cuts, cuts[1:]):
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
            piece = (f'<mark class="{m[2]}" tabindex="0" data-type="{m[3]}" data-tip="{html.escape(m[4])}" '
                     f'aria-label="{html.escape(m[4])}">{piece}</mark>')
        if in_sent:
            idx = sents[si][2]
            if idx in unatt:
                piece = f'<span class="unatt" data-sentence="{idx}" title="Unattributed claim">{piece}</span>'
            # Sentences are anchors for the reasons' links; an anchor element per piece keeps
            # the markup flat (no element crosses a highlight).
            if sents[si][0] == a:
                piece = f'<a id="s{idx}" class="anchor"></a>' + piece
        elif in_excl:
            piece = f'<span class="excluded" title="Excluded from every count">{piece}</span>'
        out.append(piece)
    css_types = "\n".join(
        f".t-{t}{{background:{bg};color:{fg};text-decoration:underline {st};text-decoration-color:{fg};text-decoration-thickness:2px}}"
        for t, (bg, fg, st) in TYPE_STYLE.items()
    )
    legend = "".join(
        f'<li><mark class="src t-{t}" data-type="{t}">{t.replace("_", " ")}</mark></li>' for t in SOURCE_TYPES
    )
    reasons = []
    for r in rep.explanation:
        if abs(r.effect) < 0.05:
            continue
        links = _sentences_for(rep, r.feature)[:12]
        link_html = ", ".join(f'<a href="#s{k}">{k + 1}</a>' for k in links)
        where = f' <span class="where">(sentences {link_html})</span>' if links else ""
        sign = "up" if r.effect >= 0 else "down"
        reasons.append(f'<li class="{sign}"><b>{r.effect:+.1f}</b> {html.escape(r.message)}{where}</li>')
    srows = "".join(
        f'<tr><td>{html.escape(x.name)}</td><td><mark class="src t-{x.type}" data-type="{x.type}">{x.type.replace("_", " ")}</mark></td><td>{x.mentions}</td></tr>'
        for x in rep.sources
    )
    crow = "".join(f"<tr><th scope=\"row\">{k.replace('_', ' ')}</th><td>{v}</td></tr>" for k, v in rep.counts.items())
    warn = "".join(f'<p class="warning" role="note">Warning: {html.escape(w)}</p>' for w in rep.warnings)
    hb, hf = HEDGE_STYLE
    ub, uf = UNATTRIBUTED_STYLE
    pb, pf = PAGE_STYLE
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sourcing report: {rep.score:.0f}/100 ({rep.label})</title>
<style>
body{{font-family:Georgia,"DejaVu Serif",serif;max-width:62em;margin:1.5em auto;padding:0 1em;color:{pf};background:{pb};line-height:1.7}}
header{{display:flex;align-items:center;gap:1.5em;border-bottom:1px solid #999;padding-bottom:.5em}}
.scoreline{{font-size:1.4em;font-weight:bold;margin:0}} .level{{font-size:1.1em;margin:.2em 0}}
article{{font-size:1.05em}} mark{{padding:0 .15em;border-radius:2px;position:relative}}
mark:focus{{outline:3px solid #000;outline-offset:2px}}
mark:hover::after,mark:focus::after{{content:attr(data-tip);position:absolute;left:0;top:1.9em;z-index:5;background:#111;color:#fff;
 padding:.2em .5em;border-radius:3px;font:13px/1.4 sans-serif;white-space:nowrap;text-decoration:none}}
.cue{{font-weight:bold;border-bottom:3px solid currentColor}}
.hedge{{background:{hb};color:{hf};font-style:italic;text-decoration:underline dashed;text-decoration-thickness:2px}}
.unatt{{background:{ub};color:{uf};border-bottom:2px dotted {uf}}}
.excluded{{color:#555;text-decoration:line-through}}
table{{border-collapse:collapse;margin:.5em 0}} td,th{{border:1px solid #999;padding:.2em .6em;text-align:left}}
.legend{{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.6em}} .where{{font-size:.9em}}
.warning{{background:#fff7ed;color:#7c2d12;padding:.4em;border:1px solid #7c2d12}}
{css_types}
</style></head><body>
<header>{_gauge(rep.score, rep.level, rep.label)}<div><h1>Sourcing report</h1>
<p class="scoreline">Sourcing transparency {rep.score:.0f}/100</p><p class="level">Level {rep.level} of 5: {rep.label}</p></div></header>
{warn}
<main>
<section aria-labelledby="h-legend"><h2 id="h-legend">Legend</h2><ul class="legend">{legend}
<li><mark class="hedge" data-type="hedge">hedge</mark></li><li><span class="unatt">unattributed claim</span></li>
<li><b class="cue">bold underlined</b>: cue word</li></ul></section>
<section aria-labelledby="h-why"><h2 id="h-why">Why this score</h2>
<p>Effects in score points against a baseline of {rep.baseline:.0f} (the average training article); they add up to the score.</p>
<ul>{''.join(reasons)}</ul></section>
<section aria-labelledby="h-article"><h2 id="h-article">Article</h2><article>{''.join(out)}</article></section>
<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2><table><thead><tr><th scope="col">source</th><th scope="col">type</th><th scope="col">mentions</th></tr></thead><tbody>{srows}</tbody></table></section>
<section aria-labelledby="h-counts"><h2 id="h-counts">Counts</h2><table><tbody>{crow}</tbody></table></section>
</main>
<footer><p>sourcing-scorer {html.escape(rep.scorer_version)}, model {html.escape(rep.model_name)}</p></footer>
</body></html>
"""
