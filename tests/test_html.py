"""The HTML article report: self-contained, accessible, every highlight where the JSON says.

The browser tests drive headless Chromium (Debian's ``chromium``) over the DevTools protocol
(``tests/browser.py``): they follow every "Why" link of a report and check from the rendered page
that it lands on a visible, highlighted sentence, measure the gauge's texts, sort a 50-article
dashboard, and keep screenshots under ``tests/artifacts/``. They skip, saying why, only when no
Chromium is found.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from colours import SIMULATIONS, contrast, delta_e
from scorer.report import (BAND_COLOURS, HEDGE_STYLE, MUTED_TEXT, PAGE_BACKGROUND, PAGE_TEXT, TARGET_BACKGROUND, TYPE_STYLE,
                           UNATTRIBUTED_BACKGROUND)

from browser import find_chromium
from conftest import DRONE as DRONE_PATH
from conftest import EXAMPLE as EXAMPLE_PATH

CHROMIUM = find_chromium()
# Screenshots and pages the browser tests keep for people to look at (git-ignored).
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


class Marks(HTMLParser):
    """Collects <mark> elements with their attributes and text, and every URL-bearing attribute."""

    def __init__(self):
        super().__init__()
        self.marks, self.urls, self._stack = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("src", "href", "action", "data"):
            if a.get(k):
                self.urls.append(a[k])
        if tag == "mark":
            self._stack.append([a, ""])

    def handle_data(self, data):
        for m in self._stack:
            m[1] += data

    def handle_endtag(self, tag):
        if tag == "mark" and self._stack:
            self.marks.append(tuple(self._stack.pop()))


def parse(page):
    p = Marks()
    p.feed(page)
    return p


def check_highlights(page, d):
    p = parse(page)
    in_article = [(a, t) for a, t in p.marks if "data-tip" in a]
    for att in d["attributions"]:
        for key, role in (("cue", "cue"), ("source", "src")):
            span = att[key]
            if span is None:
                continue
            hits = [a for a, t in in_article if t == span["text"] and role in a["class"].split() and a["data-type"] == att["source_type"]]
            assert hits, (key, span["text"], att["source_type"])
    for h in d["hedges"]:
        assert any(a["data-type"] == "hedge" and t == h["text"] for a, t in in_article), h["text"]
    assert all(a.get("tabindex") == "0" for a, _ in in_article)  # keyboard focusable


@pytest.fixture(scope="module")
def page_and_dict(tmp_path_factory):
    from conftest import EXAMPLE

    import scorer

    text = EXAMPLE.read_text()
    rep = scorer.score(text)
    return rep.to_html(), rep.to_dict()


def test_every_attribution_and_hedge_highlighted(page_and_dict):
    check_highlights(*page_and_dict)


def test_no_external_urls(page_and_dict):
    page, _ = page_and_dict
    p = parse(page)
    assert all(u.startswith("#") for u in p.urls), p.urls
    assert not re.search(r"url\(|@import|<script|<link|<img|<iframe", page, re.I)


@pytest.mark.parametrize("name, bg", [(t, st.background) for t, st in TYPE_STYLE.items()]
                         + [("hedge", HEDGE_STYLE.background), ("unattributed", UNATTRIBUTED_BACKGROUND),
                            ("linked sentence", TARGET_BACKGROUND), ("page", PAGE_BACKGROUND)])
def test_wcag_aa_contrast(name, bg, page_and_dict):
    assert contrast(PAGE_TEXT, bg) >= 4.5, (name, contrast(PAGE_TEXT, bg))
    page, _ = page_and_dict
    assert bg in page  # the page uses these colours


def test_muted_text_contrast():
    assert contrast(MUTED_TEXT, PAGE_BACKGROUND) >= 4.5
    assert contrast(MUTED_TEXT, UNATTRIBUTED_BACKGROUND) >= 4.5


# Smallest CIELAB distance between two source-type accents, or two neighbouring gauge bands, under
# each simulated colour-vision deficiency: about 2 is just noticeable; 15 is clearly different.
MIN_DELTA_E = 15


@pytest.mark.parametrize("vision", sorted(SIMULATIONS))
def test_colours_distinct_with_colour_blindness(vision):
    m = SIMULATIONS[vision]
    accents = [st.accent for st in TYPE_STYLE.values()]
    pairs = [(a, b) for i, a in enumerate(accents) for b in accents[i + 1 :]]
    assert min(delta_e(a, b, m) for a, b in pairs) >= MIN_DELTA_E
    assert min(delta_e(a, b, m) for a, b in zip(BAND_COLOURS, BAND_COLOURS[1:])) >= MIN_DELTA_E


def test_types_readable_without_colour(page_and_dict):
    """Each source type carries its own label text after every source, so it reads in greyscale."""
    labels = [st.label for st in TYPE_STYLE.values()]
    assert len(set(labels)) == len(labels)
    page, d = page_and_dict
    p = parse(page)
    srcs = [a for a, _ in p.marks if "src" in a.get("class", "").split()]
    assert srcs and all(a["data-label"] == TYPE_STYLE[a["data-type"]].label for a in srcs)
    assert ".src::after{content:attr(data-label)" in page


def _rgb(hex_colour):
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def _overlap(a, b):
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


WHY_LINKS_JS = """(() => {
  const out = [];
  for (const a of document.querySelectorAll('.reasons a[href^="#s"]')) {
    a.click();
    const el = document.getElementById(a.getAttribute('href').slice(1));
    const t = document.querySelector(':target');
    const rr = el.getBoundingClientRect(), r = el.getClientRects()[0], cs = getComputedStyle(el);
    const e = r ? document.elementFromPoint(Math.min(r.left + 3, innerWidth - 1), (r.top + r.bottom) / 2) : null;
    out.push({id: el.id, target: t ? t.id : null, top: rr.top, bottom: rr.bottom, width: rr.width, vh: innerHeight,
              outline: cs.outlineStyle, bg: cs.backgroundColor, hit: !!e && (e === el || el.contains(e))});
  }
  return out;
})()"""
GAUGE_JS = """Array.from(document.querySelectorAll('.gauge .g-score, .gauge .g-level, .gauge .g-band, .gauge .g-needle'))
  .map(e => { const r = e.getBoundingClientRect();
              return {cls: e.getAttribute('class'), text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium found (Debian package 'chromium'; .ci/run installs it)")
    pytest.importorskip("websocket", reason="websocket-client (the test extra) is not installed")
    from browser import Browser

    b = Browser(CHROMIUM, 1200, 900)
    yield b
    b.close()


REPORT_INPUTS = [pytest.param(EXAMPLE_PATH, id="example"), pytest.param(DRONE_PATH, id="seed")]


@pytest.mark.parametrize("source", REPORT_INPUTS)
def test_report_in_chromium(browser, source):
    """Every "Why" link lands on a visible, highlighted sentence; the gauge's texts do not overlap
    each other or the needle; the source highlights the JSON lists are in the page Chromium built."""
    if not source.is_file():
        pytest.skip(f"{source} not present")
    import scorer

    rep = scorer.score(source.read_text(encoding="utf-8"), path=str(source))
    out = ARTIFACTS / f"report-{source.stem}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rep.to_html(), encoding="utf-8")
    browser.resize(1200, 900)
    browser.open(out.as_uri())
    browser.screenshot(ARTIFACTS / f"report-{source.stem}-top.png")
    browser.screenshot(ARTIFACTS / f"report-{source.stem}-full.png", full_page=True)
    check_highlights(browser.js("document.documentElement.outerHTML"), rep.to_dict())

    boxes = browser.js(GAUGE_JS)
    texts_ = [b for b in boxes if b["cls"] != "g-needle"]
    needle = [b for b in boxes if b["cls"] == "g-needle"]
    assert len(texts_) == 7 and len(needle) == 1
    assert all(b["right"] > b["left"] and b["bottom"] > b["top"] for b in texts_)
    for i, a in enumerate(texts_):
        assert not _overlap(a, needle[0]), a
        for b in texts_[i + 1 :]:
            assert not _overlap(a, b), (a, b)

    results = browser.js(WHY_LINKS_JS)
    wanted = sum(len(r.sentences) for r in rep.explanation if abs(r.effect) >= 0.05)
    assert len(results) == wanted > 0
    plain = browser.js("getComputedStyle(document.querySelector('.sent:not(:target):not(.unatt)')).backgroundColor")
    from scorer.report import TARGET_BACKGROUND

    for r in results:
        assert r["target"] == r["id"], r
        assert 0 <= r["top"] < r["vh"] and r["width"] > 0, r  # scrolled into view
        assert r["hit"], r  # nothing covers it
        assert r["outline"] != "none" and r["bg"] == _rgb(TARGET_BACKGROUND) != plain, r
    browser.js("document.querySelector('.reasons a[href^=\"#s\"]').click()")
    browser.screenshot(ARTIFACTS / f"report-{source.stem}-linked.png")


def test_dashboard_in_chromium(browser, tmp_path):
    """A 50-article dashboard: every article in the table, sorting by score works both ways, every
    report link resolves, and chart labels do not overlap."""
    import texts
    from scorer.batch import run_batch

    root = tmp_path / "desks"
    for folder, name, text in texts.article_variations(50, EXAMPLE_PATH.read_text(encoding="utf-8")):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_text(text, encoding="utf-8")
    page = ARTIFACTS / "dashboard" / "summary.html"
    summary = run_batch(root, tmp_path / "out.jsonl", jobs=1, progress=False, report=page)
    assert summary.scored == 50
    browser.resize(1280, 1000)
    browser.open(page.as_uri())
    browser.screenshot(ARTIFACTS / "dashboard-full.png", full_page=True)
    assert browser.js("document.querySelectorAll('#articles tbody tr').length") == 50
    hrefs = browser.js("Array.from(document.querySelectorAll('#articles tbody a')).map(a => a.href)")
    assert len(hrefs) == 50 and all(Path(h[len("file://"):]).is_file() for h in hrefs)
    col = browser.js("Array.from(document.querySelectorAll('#articles thead th')).findIndex(th => th.textContent.trim() === 'score')")
    scores = f"Array.from(document.querySelectorAll('#articles tbody tr')).map(r => parseFloat(r.cells[{col}].textContent))"
    click = f"document.querySelectorAll('#articles thead th button')[{col}].click()"
    browser.js(click)
    up = browser.js(scores)
    assert up == sorted(up) and up != browser.js(scores + ".reverse()")
    browser.js(click)
    assert browser.js(scores) == sorted(up, reverse=True)
    labels = browser.js("""Array.from(document.querySelectorAll('svg')).map(svg => Array.from(svg.querySelectorAll('text.xlabel, text.axis-label, text.tick'))
      .map(e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }))""")
    assert len(labels) == 3
    for chart in labels:
        assert all(b["right"] > b["left"] for b in chart)
        for i, a in enumerate(chart):
            assert not any(_overlap(a, b) for b in chart[i + 1 :]), a
