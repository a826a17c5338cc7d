"""The text and Markdown views of a report (:meth:`scorer.report.Report.to_text` and
:meth:`~scorer.report.Report.to_markdown`)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .report import Report


def _md(text: str) -> str:
    """Article text for the Markdown report: HTML-significant characters escaped (a CMS that
    renders the Markdown must not run a ``<script>`` from a claim), line breaks and table bars kept
    from breaking the list or table."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


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
