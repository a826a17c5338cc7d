"""Corpus dashboard for a batch run: score histogram, levels, sources by type, lowest scores.

Plots are hand-made inline SVG (no JavaScript, no external files). The same numbers are written
as CSV beside the page.
"""

from __future__ import annotations

import csv
import heapq
import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .types import LEVEL_LABELS
from .types import SOURCE_TYPES

BINS = 10  # histogram bins of 10 score points
LOWEST = 10  # how many of the lowest-scoring articles get a linked report


@dataclass
class Dashboard:
    """Running totals over batch records; memory stays flat (a heap of the lowest scores only)."""

    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    levels: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    sources: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SOURCE_TYPES, 0))
    scored: int = 0
    failed: int = 0
    total_score: float = 0.0
    _lowest: list[tuple[float, int, str, str]] = field(default_factory=list)
    _seq: int = 0

    def add(self, rec: dict[str, Any]) -> None:
        if rec.get("status") != "ok":
            self.failed += 1
            return
        self.scored += 1
        score = float(rec["score"])
        self.total_score += score
        self.histogram[min(BINS - 1, int(score // (100 / BINS)))] += 1
        self.levels[int(rec["level"])] += 1
        for t in SOURCE_TYPES:
            self.sources[t] += int(rec["counts"][t])
        key = rec["path"] + (f":{rec['line']}" if rec.get("line") else "")
        self._seq += 1
        item = (-score, -self._seq, key, str(rec.get("id", "")))
        if len(self._lowest) < LOWEST:
            heapq.heappush(self._lowest, item)
        else:
            heapq.heappushpop(self._lowest, item)

    def lowest(self) -> list[tuple[float, str, str]]:
        """(score, input key, id) of the lowest-scoring articles, lowest first."""
        return [(-s, k, i) for s, _, k, i in sorted(self._lowest, reverse=True)]

    # -- output ----------------------------------------------------------------------------------
    def write(self, out_html: str | Path, render_report) -> tuple[Path, Path]:
        """Write the page, its CSV and the lowest-scoring articles' reports; return (html, csv).

        ``render_report(key) -> str | None`` gives the HTML report of one input.
        """
        out = Path(out_html)
        rep_dir = out.with_name(out.stem + "_reports")
        rep_dir.mkdir(parents=True, exist_ok=True)
        links = []
        for n, (score, key, ident) in enumerate(self.lowest(), 1):
            page = render_report(key)
            name = f"{n:02d}.html"
            if page is not None:
                _atomic_write(rep_dir / name, page)
            links.append((score, key, ident, f"{rep_dir.name}/{name}" if page is not None else None))
        _atomic_write(out, self._page(links))
        csv_path = out.with_suffix(".csv")
        tmp = csv_path.with_name(csv_path.name + ".tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["section", "key", "value"])
            w.writerow(["summary", "scored", self.scored])
            w.writerow(["summary", "failed", self.failed])
            w.writerow(["summary", "mean_score", f"{self.mean:.2f}"])
            for i, c in enumerate(self.histogram):
                w.writerow(["score_histogram", f"{i * 10}-{i * 10 + 10}", c])
            for lv, c in self.levels.items():
                w.writerow(["level", f"{lv} {LEVEL_LABELS[lv]}", c])
            for t, c in self.sources.items():
                w.writerow(["attributions_by_source_type", t, c])
            for score, key, ident, _ in links:
                w.writerow(["lowest_scores", f"{key} ({ident})" if ident else key, f"{score:.1f}"])
        os.replace(tmp, csv_path)
        return out, csv_path

    @property
    def mean(self) -> float:
        return self.total_score / self.scored if self.scored else 0.0

    def _page(self, links: list[tuple[float, str, str, str | None]]) -> str:
        hist = _bars([f"{i * 10}-{i * 10 + 10}" for i in range(BINS)], self.histogram, "Score distribution (articles per 10-point band)", "#1d4ed8")
        lv = _bars([f"{k} {LEVEL_LABELS[k]}" for k in self.levels], list(self.levels.values()), "Articles per level", "#15803d")
        src = _bars([t.replace("_", " ") for t in self.sources], list(self.sources.values()), "Attributions by source type", "#6d28d9")
        rows = "".join(
            f"<tr><td>{score:.1f}</td><td>{html.escape(ident)}</td><td>"
            + (f'<a href="{html.escape(link)}">{html.escape(key)}</a>' if link else html.escape(key))
            + "</td></tr>"
            for score, key, ident, link in links
        )
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sourcing dashboard: {self.scored} articles</title>
<style>body{{font-family:Georgia,"DejaVu Serif",serif;max-width:60em;margin:1.5em auto;padding:0 1em;color:#111;background:#fff}}
table{{border-collapse:collapse}} td,th{{border:1px solid #999;padding:.2em .6em;text-align:left}} svg text{{font:12px sans-serif;fill:#111}}</style>
</head><body><h1>Sourcing dashboard</h1>
<p>{self.scored} articles scored, {self.failed} failed; mean score {self.mean:.1f}.</p>
<main><section><h2>Scores</h2>{hist}</section><section><h2>Levels</h2>{lv}</section>
<section><h2>Sources</h2>{src}</section>
<section><h2>Lowest-scoring articles</h2><table><thead><tr><th scope="col">score</th><th scope="col">id</th><th scope="col">input (report)</th></tr></thead>
<tbody>{rows}</tbody></table></section></main></body></html>
"""


def _bars(labels: list[str], values: list[int], title: str, colour: str) -> str:
    """A vertical bar chart as inline SVG with its numbers written on the bars."""
    step = max(60, 7 * max((len(x) for x in labels), default=0) + 12)
    width, height, pad = step * len(values) + 40, 220, 30
    top = max(values) if values and max(values) > 0 else 1
    parts = [f'<svg viewBox="0 0 {width} {height + 40}" width="{width}" height="{height + 40}" role="img" aria-label="{html.escape(title)}">',
             f"<title>{html.escape(title)}</title>"]
    for k, (lab, v) in enumerate(zip(labels, values)):
        h = (height - pad) * v / top
        x = 30 + step * k + (step - 44) // 2
        y = height - h
        parts.append(f'<rect x="{x}" y="{y:.1f}" width="44" height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + 22}" y="{y - 4:.1f}" text-anchor="middle">{v}</text>')
        parts.append(f'<text x="{x + 22}" y="{height + 16}" text-anchor="middle">{html.escape(lab)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
