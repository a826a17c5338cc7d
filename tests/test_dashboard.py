"""The corpus dashboard: distinct sources, bottom decile, folders, every article in the table."""

import re

import pytest
import texts
from conftest import EXAMPLE

from scorer.dashboard import Dashboard, _ticks, report_name, summary_of


def rec(path, score, sources, level=None, title=None, reliability=None):
    counts = {k: 0 for k in ("sentences", "words", "attributions", "named_person", "named_organization", "document",
                             "anonymous", "vague", "unresolved", "hedges", "unattributed_assertions")}
    counts["attributions"] = sum(m for _, _, m in sources)
    return {"path": path, "status": "ok", "score": score, "level": level or min(5, int(score // 20) + 1), "counts": counts,
            "article": {"id": None, "title": title, "url": None, "path": path}, "model": {"name": "m", "sha256": "ab" * 32},
            "scorer_version": "0.1.0", "reliability": reliability,
            "sources": [{"name": n, "type": t, "mentions": m} for n, t, m in sources]}


def test_sources_are_distinct_not_attributions():
    d = Dashboard()
    d.add(rec("a/x.txt", 70, [("Ann Lee", "named_person", 5), ("critics", "vague", 2)]))
    d.add(summary_of(rec("a/y.txt", 50, [("Ann Lee", "named_person", 1)])))
    assert d.sources["named_person"] == 2 and d.sources["vague"] == 1
    assert sum(d.sources.values()) == 3  # not 8 attributions


def test_bottom_decile_and_groups(tmp_path):
    d = Dashboard()
    for i in range(25):
        d.add(rec(f"root/{'ab'[i % 2]}/f{i:02d}.txt", float(i * 4), []))
    d.add({"path": "root/a/bad.txt", "status": "error", "error": "empty"})
    low = d.lowest()
    assert [r["score"] for r in low] == [0.0, 4.0, 8.0]  # ceil(10% of 25)
    assert [g for g, _ in d.groups()] == ["a", "b"] and sum(len(rows) for _, rows in d.groups()) == 25
    page, _ = d.write(tmp_path / "dash.html", date="2026-01-02")
    html = page.read_text()
    assert html.count('<tr><td data-v=') == 25  # every article in the table
    assert "Run 2026-01-02" in html and "m abababababab" in html
    assert "25 articles scored, 1 failed" in html
    assert not re.search(r"https?://|<link|@import|src=", html)


def test_charts_have_axes_and_labels(tmp_path):
    d = Dashboard()
    d.add(rec("x.txt", 55, [("Ann Lee", "named_person", 1)]))
    html = d.write(tmp_path / "d.html")[0].read_text()
    assert html.count('class="axis"') == 6 and html.count('class="axis-label"') == 6
    assert "score band (points)" in html and "distinct sources" in html


@pytest.mark.parametrize("top, want", [(0, [0, 1]), (3, [0, 1, 2, 3]), (7, [0, 2, 4, 6, 8]), (48, [0, 10, 20, 30, 40, 50]),
                                       (230, [0, 50, 100, 150, 200, 250])])
def test_ticks(top, want):
    assert _ticks(top) == want


def test_report_names_are_stable_and_distinct():
    assert report_name("a/b c.txt") == report_name("a/b c.txt")
    assert report_name("a/b.jsonl:1") != report_name("a/b.jsonl:2")
    assert re.fullmatch(r"[\w.-]+\.html", report_name("ü/ß? x.txt"))


def test_variations_for_the_browser_test_differ():
    arts = texts.article_variations(50, EXAMPLE.read_text())
    assert len(arts) == 50 and len({t for _, _, t in arts}) == 50 and {f for f, _, _ in arts} == {"desk-a", "desk-b", "desk-c"}
