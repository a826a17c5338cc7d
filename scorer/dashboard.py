"""Corpus dashboard for a batch run: charts with axes, groups by folder, the bottom decile, and a
sortable table of every article linked to its own report.

The page is self-contained: hand-made inline SVG charts and a small inline script that sorts the
table (the table reads in file order without it). The batch records carry everything the page
needs (:func:`summary_of` keeps the few fields it uses); each article's HTML report is written by
the worker that scored it (:func:`write_report`), so nothing is scored twice. The same numbers are
written as CSV beside the page.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import html
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from .types import LEVEL_LABELS, SOURCE_TYPES

if TYPE_CHECKING:
    from .report import Report

BINS = 10  # histogram bins of 10 score points
# The lowest-scoring articles are the bottom decile of the run (at least one article): a share, so
# that the list grows with the corpus instead of naming the same ten articles in 10 or 100,000.
LOWEST_SHARE = 0.10
CHART_COLOUR = "#0072b2"  # Okabe-Ito blue: 5.3:1 against white
_SUMMARY_KEYS = ("path", "line", "id", "status", "score", "level", "counts", "error", "reliability", "schema_version")


def summary_of(rec: dict[str, Any]) -> dict[str, Any]:
    """The fields of a batch record that the batch summary and the dashboard use (small enough
    to send back from a worker for every article)."""
    out = {k: rec[k] for k in _SUMMARY_KEYS if k in rec}
    if rec.get("status") == "ok":
        art = rec.get("article") or {}
        out["title"] = art.get("title")
        out["url"] = art.get("url")
        model = rec.get("model") or {}
        out["model"] = f"{model.get('name', '')} {str(model.get('sha256', ''))[:12]}".strip()
        out["scorer_version"] = rec.get("scorer_version")
        by_type = dict.fromkeys(SOURCE_TYPES, 0)
        for s in rec.get("sources", ()):
            if s.get("type") in by_type:
                by_type[s["type"]] += 1
        out["distinct_sources"] = by_type
    return out


def report_name(key: str) -> str:
    """The file name of an input's HTML report, from its record key ("path" or "path:line")."""
    stem = re.sub(r"[^\w.-]+", "_", key).strip("_")[-60:] or "article"
    return f"{stem}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}.html"


def reports_dir(out_html: str | Path) -> Path:
    """Where a dashboard's per-article reports go: ``NAME_reports/`` beside ``NAME.html``."""
    out = Path(out_html)
    return out.with_name(out.stem + "_reports")


def write_report(directory: str | Path, key: str, report: Report) -> Path:
    """Write one article's HTML report for the dashboard (called where the article was scored)."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    path = d / report_name(key)
    _atomic_write(path, report.to_html())
    return path


@dataclass
class Dashboard:
    """Totals and one small row per article over the batch records of a run."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    failed: int = 0

    def add(self, rec: dict[str, Any]) -> None:
        """Count one batch record (a full record or its :func:`summary_of`)."""
        rec = rec if "distinct_sources" in rec or rec.get("status") != "ok" else summary_of(rec)
        if rec.get("status") != "ok":
            self.failed += 1
            return
        key = rec["path"] + (f":{rec['line']}" if rec.get("line") else "")
        self.rows.append({**rec, "key": key})

    # -- figures ---------------------------------------------------------------------------------
    @property
    def scored(self) -> int:
        return len(self.rows)

    @property
    def mean(self) -> float:
        return sum(r["score"] for r in self.rows) / self.scored if self.scored else 0.0

    @property
    def median(self) -> float:
        s = sorted(r["score"] for r in self.rows)
        if not s:
            return 0.0
        m = len(s) // 2
        return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2

    @property
    def histogram(self) -> list[int]:
        h = [0] * BINS
        for r in self.rows:
            h[min(BINS - 1, int(r["score"] // (100 / BINS)))] += 1
        return h

    @property
    def levels(self) -> dict[int, int]:
        lv = dict.fromkeys(range(1, 6), 0)
        for r in self.rows:
            lv[int(r["level"])] += 1
        return lv

    @property
    def sources(self) -> dict[str, int]:
        """Distinct sources by type, summed over articles (a source quoted five times counts once)."""
        out = dict.fromkeys(SOURCE_TYPES, 0)
        for r in self.rows:
            for t, n in r["distinct_sources"].items():
                out[t] += n
        return out

    def lowest(self) -> list[dict[str, Any]]:
        """The bottom decile by score (at least one article), lowest first; ties in file order."""
        if not self.rows:
            return []
        n = max(1, math.ceil(LOWEST_SHARE * self.scored))
        return sorted(self.rows, key=lambda r: (r["score"], r["key"]))[:n]

    def groups(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Articles grouped by folder, relative to the folder all inputs share."""
        if not self.rows:
            return []
        parents = [PurePath(r["path"]).parent for r in self.rows]
        common = PurePath(os.path.commonpath([str(p) for p in parents])) if len(set(parents)) > 1 else parents[0]
        by: dict[str, list[dict[str, Any]]] = {}
        for r, p in zip(self.rows, parents):
            rel = str(p.relative_to(common)) if p != common else "."
            by.setdefault(rel, []).append(r)
        return sorted(by.items())

    # -- output ----------------------------------------------------------------------------------
    def write(self, out_html: str | Path, date: str | None = None) -> tuple[Path, Path]:
        """Write the page and its CSV; return (html, csv). Each article's report is expected in
        :func:`reports_dir` (written when it was scored, see :func:`write_report`); an article
        whose report is missing is listed without a link."""
        out = Path(out_html)
        out.parent.mkdir(parents=True, exist_ok=True)
        date = date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        rdir = reports_dir(out)
        for r in self.rows:
            name = report_name(r["key"])
            r["link"] = f"{rdir.name}/{name}" if (rdir / name).is_file() else None
        _atomic_write(out, self._page(date))
        csv_path = out.with_suffix(".csv")
        tmp = csv_path.with_name(csv_path.name + ".tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["section", "key", "value"])
            w.writerow(["summary", "scored", self.scored])
            w.writerow(["summary", "failed", self.failed])
            w.writerow(["summary", "mean_score", f"{self.mean:.2f}"])
            w.writerow(["summary", "median_score", f"{self.median:.2f}"])
            for i, c in enumerate(self.histogram):
                w.writerow(["score_histogram", f"{i * 10}-{i * 10 + 10}", c])
            for lv, c in self.levels.items():
                w.writerow(["level", f"{lv} {LEVEL_LABELS[lv]}", c])
            for t, c in self.sources.items():
                w.writerow(["distinct_sources_by_type", t, c])
            for g, rows in self.groups():
                w.writerow(["group_mean_score", g, f"{sum(r['score'] for r in rows) / len(rows):.2f}"])
            for r in self.lowest():
                w.writerow(["bottom_decile", r["key"], f"{r['score']:.1f}"])
        os.replace(tmp, csv_path)
        return out, csv_path

    def _page(self, date: str) -> str:
        hist = _bars([f"{i * 10}-{i * 10 + 10}" for i in range(BINS)], self.histogram, "Score distribution",
                     "score band (points)", "articles")
        lv = _bars([f"{k} {LEVEL_LABELS[k]}" for k in self.levels], list(self.levels.values()), "Articles per level",
                   "level", "articles")
        src = _bars([t.replace("_", " ") for t in self.sources], list(self.sources.values()),
                    "Distinct sources by type", "source type", "distinct sources")
        models = sorted({r.get("model") or "" for r in self.rows} - {""})
        versions = sorted({r.get("scorer_version") or "" for r in self.rows} - {""})
        unreliable = sum(1 for r in self.rows if r.get("reliability"))
        groups = "".join(
            f"<tr><td>{html.escape(g)}</td><td>{len(rows)}</td><td>{sum(r['score'] for r in rows) / len(rows):.1f}</td>"
            f"<td>{min(r['score'] for r in rows):.1f}</td><td>{sum(1 for r in rows if r['level'] <= 2)}</td></tr>"
            for g, rows in self.groups()
        )
        low = "".join(f"<tr><td>{r['score']:.1f}</td><td>{_name_cell(r)}</td><td>{html.escape(r['key'])}</td></tr>" for r in self.lowest())
        rows = "".join(_article_row(r) for r in sorted(self.rows, key=lambda r: r["key"]))
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sourcing dashboard: {self.scored} articles</title>
<style>body{{font-family:Georgia,"DejaVu Serif",serif;max-width:72em;margin:1.5em auto;padding:0 1em;color:#111;background:#fff}}
.meta{{font:14px/1.4 sans-serif;color:#595959}} .charts{{display:flex;flex-wrap:wrap;gap:1em}}
table{{border-collapse:collapse;margin:.5em 0}} td,th{{border:1px solid #767676;padding:.2em .5em;text-align:left}}
td.n,th.n{{text-align:right}} svg text{{font:12px sans-serif;fill:#111}} svg .title{{font-weight:bold;font-size:13px}}
th button{{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:#111}}
th[aria-sort=ascending] button::after{{content:" \\25B2"}} th[aria-sort=descending] button::after{{content:" \\25BC"}}
.flag{{font:11px sans-serif;border:1px solid #111;border-radius:3px;padding:0 3px}}
@media print{{body{{max-width:none}} th button::after{{content:""}}}}</style>
</head><body><header><h1>Sourcing dashboard</h1>
<p class="meta">Run {html.escape(date)} · model {html.escape(", ".join(models) or "unknown")} · sourcing-scorer {html.escape(", ".join(versions) or "unknown")}</p>
<p>{self.scored} articles scored, {self.failed} failed; mean score {self.mean:.1f}, median {self.median:.1f};
{unreliable} with a reliability note (too short, not English or markup left in the text).</p></header>
<main><section><h2>Charts</h2><div class="charts">{hist}{lv}{src}</div>
<p class="meta">Sources are counted once per article however often each is cited, summed over articles.</p></section>
<section><h2>By folder</h2><table><thead><tr><th scope="col">folder</th><th scope="col" class="n">articles</th>
<th scope="col" class="n">mean score</th><th scope="col" class="n">lowest</th><th scope="col" class="n">weak or opaque</th></tr></thead>
<tbody>{groups}</tbody></table></section>
<section><h2>Lowest-scoring articles (bottom {LOWEST_SHARE:.0%})</h2><table><thead><tr><th scope="col">score</th>
<th scope="col">article (report)</th><th scope="col">input</th></tr></thead><tbody>{low}</tbody></table></section>
<section><h2>All articles</h2><p class="meta">Select a column heading to sort by it.</p>
<table id="articles"><thead><tr>{_heads()}</tr></thead><tbody>{rows}</tbody></table></section></main>
<script>{_SORT_SCRIPT}</script>
</body></html>
"""


_COLUMNS = (("article", "text"), ("file", "text"), ("score", "num"), ("level", "num"), ("sentences", "num"),
            ("attributions", "num"), ("distinct sources", "num"), ("unattributed claims", "num"), ("hedges", "num"))
_SORT_SCRIPT = """
(function(){var t=document.getElementById('articles');if(!t)return;var hs=t.tHead.rows[0].cells;
Array.prototype.forEach.call(hs,function(th,i){var b=document.createElement('button');b.type='button';
b.textContent=th.textContent;th.textContent='';th.appendChild(b);b.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending';Array.prototype.forEach.call(hs,function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');var num=th.dataset.type==='num';var body=t.tBodies[0];
var rs=Array.prototype.slice.call(body.rows);rs.sort(function(a,b){var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;
var c=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y);return asc?c:-c;});rs.forEach(function(r){body.appendChild(r);});});});})();
"""


def _heads() -> str:
    return "".join(f'<th scope="col" data-type="{t}"{" class=n" if t == "num" else ""}>{html.escape(n)}</th>' for n, t in _COLUMNS)


def _name_cell(r: dict[str, Any]) -> str:
    name = html.escape(r.get("title") or PurePath(r["path"]).name + (f" line {r['line']}" if r.get("line") else ""))
    flag = f' <span class="flag" title="{html.escape(r["reliability"])}">unreliable</span>' if r.get("reliability") else ""
    return (f'<a href="{html.escape(r["link"])}">{name}</a>' if r.get("link") else name) + flag


def _article_row(r: dict[str, Any]) -> str:
    c = r["counts"]
    name = r.get("title") or PurePath(r["path"]).name
    cells = [(name, _name_cell(r)), (r["key"], html.escape(r["key"])), (f"{r['score']:.1f}", f"{r['score']:.1f}"),
             (str(r["level"]), f"{r['level']} {LEVEL_LABELS[int(r['level'])]}"), (str(c["sentences"]), str(c["sentences"])),
             (str(c["attributions"]), str(c["attributions"])), (str(sum(r["distinct_sources"].values())), str(sum(r["distinct_sources"].values()))),
             (str(c["unattributed_assertions"]), str(c["unattributed_assertions"])), (str(c["hedges"]), str(c["hedges"]))]
    return "<tr>" + "".join(
        f'<td data-v="{html.escape(v)}"{" class=n" if kind == "num" else ""}>{shown}</td>'
        for (v, shown), (_, kind) in zip(cells, _COLUMNS)) + "</tr>"


def _ticks(top: int) -> list[int]:
    """Round tick values from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten, at
    most five steps."""
    step = next(m * 10**e for e in range(12) for m in (1, 2, 5) if math.ceil(max(top, 1) / (m * 10**e)) <= 5)
    return list(range(0, step * math.ceil(max(top, 1) / step) + 1, step))


def _bars(labels: list[str], values: list[int], title: str, x_label: str, y_label: str) -> str:
    """A vertical bar chart as inline SVG: title, y axis with ticks and its label, x axis labels
    and its label, and each bar's number written above it."""
    step = max(40, 7 * max((len(x) for x in labels), default=0) + 8)
    left, top_pad, plot_h = 56, 34, 170
    width = left + step * len(values) + 10
    height = top_pad + plot_h + 56
    ticks = _ticks(max(values) if values else 0)
    vmax = ticks[-1] or 1
    base = top_pad + plot_h
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{html.escape(title)}">',
             f"<title>{html.escape(title)}</title>",
             f'<text class="title" x="{left}" y="16">{html.escape(title)}</text>']
    for t in ticks:
        y = base - plot_h * t / vmax
        parts.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(f'<text class="tick" x="{left - 7}" y="{y + 4:.1f}" text-anchor="end">{t}</text>')
    parts.append(f'<line class="axis" x1="{left}" y1="{top_pad}" x2="{left}" y2="{base}" stroke="#111"/>')
    parts.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#111"/>')
    bar_w = min(44, step - 8)
    for k, (lab, v) in enumerate(zip(labels, values)):
        h = plot_h * v / vmax
        x = left + step * k + (step - bar_w) / 2
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w}" height="{h:.1f}" fill="{CHART_COLOUR}"><title>{html.escape(lab)}: {v}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{v}</text>')
        parts.append(f'<text class="xlabel" x="{x + bar_w / 2:.1f}" y="{base + 16}" text-anchor="middle">{html.escape(lab)}</text>')
    parts.append(f'<text class="axis-label" x="{left + (width - left) / 2:.0f}" y="{height - 8}" text-anchor="middle">{html.escape(x_label)}</text>')
    parts.append(f'<text class="axis-label" transform="rotate(-90)" x="{-(top_pad + plot_h / 2):.0f}" y="14" text-anchor="middle">{html.escape(y_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
