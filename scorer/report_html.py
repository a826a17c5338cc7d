"""The HTML view of a report (:meth:`scorer.report.Report.to_html`): the colour-blind-safe
palette, the source-type styles, the page's style sheet, the gauge and the highlighted article."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from .report_text import MIN_SHOWN_EFFECT
from .types import LEVEL_LABELS, SOURCE_TYPES

if TYPE_CHECKING:
    from .report import Report

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


Mark = tuple[int, int, str, str, str, str]  # start, end, class, data-type, label, tooltip


def _highlight_marks(rep: Report) -> tuple[list[Mark], dict[int, list[str]]]:
    """The highlights (cue, source, hedge), sorted, and the outlets to name after second-hand cues."""
    marks: list[Mark] = []
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
    return marks, via_after


def _non_overlapping(marks: list[Mark]) -> list[Mark]:
    """The marks kept: each that starts after the last kept one ends."""
    kept: list[Mark] = []
    for m in marks:
        if not kept or m[0] >= kept[-1][1]:
            kept.append(m)
    return kept


def _cut_points(text: str, kept: list[Mark], sents: list[tuple[int, int, int]], excl: list[tuple[int, int, str]],
                contents: list[tuple[int, int]], via_after: dict[int, list[str]]) -> list[int]:
    """Every position where a span opens or closes (content spans not inside a mark)."""
    inside_mark = set()
    for m in kept:
        inside_mark.update(range(m[0] + 1, m[1]))
    cuts = {0, len(text)} | {p for m in kept for p in m[:2]} | {p for s in sents for p in s[:2]} | {p for e in excl for p in e[:2]}
    cuts |= {p for c in contents for p in c if p not in inside_mark}
    cuts |= set(via_after)
    return sorted(p for p in cuts if 0 <= p <= len(text))


def _past(spans: Sequence[tuple[Any, ...]], i: int, a: int) -> int:
    """The index of the first span from ``i`` on that ends after ``a``."""
    while i < len(spans) and spans[i][1] <= a:
        i += 1
    return i


def _mark_piece(piece: str, m: Mark) -> str:
    lab = f' data-label="{_attr(m[4])}"' if m[4] else ""
    return (f'<mark class="{m[2]}" tabindex="0" data-type="{m[3]}"{lab} data-tip="{_attr(m[5])}" '
            f'aria-label="{_attr(m[5])}">{piece}</mark>')


def _via_labels(outlets: list[str]) -> str:
    return "".join(f'<span class="via-label" title="Second-hand: the information came through {_attr(v)}">via {html.escape(v)}</span>'
                   for v in outlets)


def _why_items(rep: Report, flagged: bool) -> str:
    """The list items saying why each sentence with a ``why`` is attributed, for the sentences
    that are (``flagged``) or are not unattributed claims."""
    return "".join(f'<li><a href="#s{s.index}">{s.index + 1}</a> {html.escape(rep.why_text(s.index))}</li>'
                   for s in rep.sentences if s.why and s.unattributed_assertion == flagged)


def _found_but_unsourced(items: str) -> str:
    """The sentences that hold only a stance attribution or the classifier's reading and are
    still unattributed claims, listed apart (they do not count as sourced)."""
    if not items:
        return ""
    return f"<p>Found, but crediting no source (counted as unattributed claims):</p><ul class=\"whys\">{items}</ul>"


def _sentence_opening(rep: Report, idx: int, unatt: set[int]) -> str:
    """The opening tag and numbered anchor of sentence ``idx``."""
    why = rep.why_text(idx)
    cls = "sent unatt" if idx in unatt else "sent"
    if idx in unatt:
        # A sentence attributed only through a stance verb or by the reported-speech classifier
        # can still be an unsourced claim: say what was found and that it credits no source.
        tip = (f"Unattributed claim: it reports a position or reads as reported speech ({why}), which credits no source for it."
               if why else "Unattributed claim: no source in or around it.")
    else:
        tip = f"Attributed: {why}." if why else "Neither attributed nor counted as a claim."
    badge = f'{idx + 1}<span class="nolabel"> no source</span>' if idx in unatt else f"{idx + 1}"
    return (f'<span class="{cls}" id="s{idx}" data-sentence="{idx}"><a class="sn" href="#s{idx}" '
            f'title="{_attr(tip)}" aria-label="Sentence {idx + 1}. {_attr(tip)}">{badge}</a>')


def _excluded_piece(piece: str, reason: str, first: bool) -> str:
    return (f'<span class="excluded" data-reason="{_attr(reason)}" title="Left out of every count: {_attr(reason)}">'
            + (f'<span class="why-out">{html.escape(reason)}</span>' if first else "") + f"{piece}</span>")


def _article_html(rep: Report) -> str:
    """The article written out once, left to right: sentences (numbered anchors), residue (greyed
    with its reason), content spans (dotted underline) and highlights (cue, source, hedge, outlet)
    are opened and closed at their boundaries, so the page is built in linear time."""
    text = rep.text
    marks, via_after = _highlight_marks(rep)
    kept = _non_overlapping(marks)
    contents = sorted((a.content.start, a.content.end) for a in rep.attributions if a.content is not None)
    sents = [(s.start, s.end, s.index) for s in rep.sentences]
    excl = [(e.start, e.end, e.reason) for e in rep.excluded]
    points = _cut_points(text, kept, sents, excl, contents, via_after)
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
        si, mi, ei = _past(sents, si, a), _past(kept, mi, a), _past(excl, ei, a)
        in_sent = si < len(sents) and sents[si][0] <= a
        piece = html.escape(text[a:b]).replace("\n", "<br>\n")
        if mi < len(kept) and kept[mi][0] <= a:
            piece = _mark_piece(piece, kept[mi])
        if in_sent and depth > 0:
            piece = f'<span class="content">{piece}</span>'
        if b in via_after and in_sent:
            piece += _via_labels(via_after[b])
        if in_sent:
            s0, s1, idx = sents[si]
            if s0 == a:
                piece = _sentence_opening(rep, idx, unatt) + piece
            if b == s1:
                piece += "</span>"
        elif ei < len(excl) and excl[ei][0] <= a:
            piece = _excluded_piece(piece, excl[ei][2], excl[ei][0] == a)
        out.append(piece)
    return "".join(out)


_CSS_TYPES = "\n".join(
    f".t-{t}.src{{background:{st.background};border-bottom:3px {st.line} {st.accent}}}"
    f".t-{t}.cue{{background:{st.background}}}"
    for t, st in TYPE_STYLE.items()
)
# The page's style sheet (the palette above, a style per source type, print rules).
PAGE_STYLE = f"""body{{font-family:Georgia,"DejaVu Serif",serif;max-width:62em;margin:1.5em auto;padding:0 1em;color:{PAGE_TEXT};background:{PAGE_BACKGROUND};line-height:1.8}}
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
{_CSS_TYPES}
@media print{{
 body{{max-width:none;margin:0;font-size:11pt;line-height:1.5}}
 mark,.sent.unatt,.sent:target,.hedge{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
 mark::before{{display:none}} .sent:target{{outline:none;background:transparent}}
 details{{display:block}} details>*{{display:block}} a{{color:inherit;text-decoration:none}}
 section{{break-inside:avoid-page}} article{{break-before:page}}
}}
"""


def _reasons_html(rep: Report) -> str:
    reasons = []
    for r in rep.explanation:
        if abs(r.effect) < MIN_SHOWN_EFFECT:
            continue
        links = ", ".join(f'<a href="#s{k}">{k + 1}</a>' for k in r.sentences)
        where = f' <span class="where">(sentence{"s" if len(r.sentences) > 1 else ""} {links})</span>' if r.sentences else ""
        sign = "up" if r.effect >= 0 else "down"
        reasons.append(f'<li class="{sign}" data-feature="{r.feature}"><b class="effect">{r.effect:+.1f}</b> '
                       f'{html.escape(r.message)}{where}</li>')
    return "".join(reasons)


def _second_hand_html(rep: Report) -> str:
    second = [(k, x) for k, x in enumerate(rep.attributions) if x.second_hand and x.via]
    if not second:
        return ""
    rows = "".join(f'<tr><td><a href="#s{x.sentence}">{x.sentence + 1}</a></td><td>{html.escape(x.cue.text)}</td>'
                   f'<td>{html.escape(x.resolved_to or (x.source.text if x.source else "no named source"))}</td>'
                   f'<td>{html.escape(x.via.text) if x.via else ""}</td></tr>' for k, x in second)
    return (f'<section aria-labelledby="h-second"><h2 id="h-second">Second-hand attributions</h2>'
            f'<p>Information the article passes on from another outlet\'s reporting.</p><table><thead><tr>'
            f'<th scope="col">sentence</th><th scope="col">cue</th><th scope="col">source</th>'
            f'<th scope="col">via</th></tr></thead><tbody>{rows}</tbody></table></section>')


def _notes_html(rep: Report) -> str:
    notes = ""
    if rep.reliability:
        notes += f'<p class="reliability" role="alert"><b>Not reliable:</b> {html.escape(rep.reliability)}.</p>'
    notes += "".join(f'<p class="warning" role="note">Warning: {html.escape(w)}</p>' for w in rep.top_notes())
    return notes


def _lists_html(rep: Report) -> dict[str, str]:
    """The page's lists and tables: sources, claims, hedges, whys, counts and the legend."""
    return {
        "legend": "".join(
            f'<li><mark class="src t-{t}" data-type="{t}" data-label="{TYPE_STYLE[t].label}">Name</mark> '
            f'{t.replace("_", " ")}</li>' for t in SOURCE_TYPES),
        "srows": "".join(
            f'<tr><td>{html.escape(x.name)}</td><td><mark class="src t-{x.type}" data-type="{x.type}" '
            f'data-label="{TYPE_STYLE[x.type].label}">{x.type.replace("_", " ")}</mark></td><td>{x.mentions}</td></tr>'
            for x in rep.sources),
        "claims": "".join(f'<li><a href="#s{x.sentence}">{x.sentence + 1}</a> {html.escape(rep.sentence_text(x.sentence))}</li>'
                          for x in rep.assertions) or "<li>none</li>",
        "hedges": "".join(f'<li><a href="#s{h.sentence}">{h.sentence + 1}</a> <i>{html.escape(h.text)}</i></li>'
                          for h in rep.hedges) or "<li>none</li>",
        "whys": _why_items(rep, flagged=False),
        "unwhys": _why_items(rep, flagged=True),
        "crow": "".join(f"<tr><th scope=\"row\">{k.replace('_', ' ')}</th><td>{v}</td></tr>" for k, v in rep.counts.items()),
    }


def render_html(rep: Report) -> str:
    """Render the report as one self-contained page: no scripts or requests, works offline."""
    a = rep.article
    title = a.title or a.path or a.url or a.id or "Untitled article"
    meta = [f"{k}: {html.escape(v)}" for k, v in (("id", a.id), ("file", a.path), ("URL", a.url)) if v]
    meta_line = " · ".join(meta)
    model_line = (f"model {html.escape(rep.model_version)} · sourcing-scorer {html.escape(rep.scorer_version)}"
                  + (f" · scored {html.escape(rep.date)}" if rep.date else ""))
    lists = _lists_html(rep)
    qual = ' <span class="qual">(see the note above)</span>' if rep.reliability else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sourcing report: {html.escape(title)}: {rep.score:.0f}/100 ({rep.label})</title>
<style>
{PAGE_STYLE}</style></head><body>
<header>{_gauge(rep.score, rep.level, rep.label)}<div><h1>{html.escape(title)}</h1>
{f'<p class="meta">{meta_line}</p>' if meta_line else ''}<p class="meta">{model_line}</p>
<p class="scoreline">Sourcing transparency {rep.score:.0f}/100, level {rep.level} of 5: {rep.label}{qual}</p></div></header>
{_notes_html(rep)}
<main>
<section aria-labelledby="h-why"><h2 id="h-why">Why this score</h2>
<p>Effects in score points against a baseline of {rep.baseline:.0f} (the average training article); they add up to the score.
Each links to the sentences behind it.</p>
<ul class="reasons">{_reasons_html(rep)}</ul></section>
<section aria-labelledby="h-legend"><h2 id="h-legend">Legend</h2><ul class="legend">{lists['legend']}
<li><mark class="hedge" data-type="hedge">hedge</mark></li><li><span class="sent unatt"><span class="sn">7<span class="nolabel"> no source</span></span>unattributed claim</span></li>
<li><b class="cue">bold underlined</b>: cue</li><li><span class="content">dotted underline</span>: content credited to a source</li>
<li><span class="via-label">via Outlet</span>: second-hand, through another outlet</li>
<li><span class="excluded"><span class="why-out">byline</span>greyed</span>: residue left out of every count</li></ul></section>
<section aria-labelledby="h-article"><h2 id="h-article">Article</h2><article>{_article_html(rep)}</article>
<details><summary>Why each sentence counts as sourced</summary><ul class="whys">{lists['whys']}</ul>{_found_but_unsourced(lists['unwhys'])}</details></section>
<section aria-labelledby="h-claims"><h2 id="h-claims">Unattributed claims ({len(rep.assertions)})</h2><ul>{lists['claims']}</ul></section>
<section aria-labelledby="h-hedges"><h2 id="h-hedges">Hedges ({len(rep.hedges)})</h2><ul>{lists['hedges']}</ul></section>
{_second_hand_html(rep)}
<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2><table><thead><tr><th scope="col">source</th><th scope="col">type</th><th scope="col">mentions</th></tr></thead><tbody>{lists['srows']}</tbody></table></section>
<section aria-labelledby="h-counts"><h2 id="h-counts">Counts</h2><table><tbody>{lists['crow']}</tbody></table></section>
</main>
<footer><p class="meta">sourcing-scorer {html.escape(rep.scorer_version)}, model {html.escape(rep.model_version)}</p></footer>
</body></html>
"""
