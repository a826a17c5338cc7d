"""The HTML article report: self-contained, accessible, every highlight where the JSON says.

The browser test renders the page in headless Chromium (Debian's ``chromium``), saves a
screenshot and reads the DOM Chromium built; it skips with the reason when Chromium is absent.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from colours import SIMULATIONS, contrast, delta_e
from scorer.report import (BAND_COLOURS, HEDGE_STYLE, MUTED_TEXT, PAGE_BACKGROUND, PAGE_TEXT, TARGET_BACKGROUND, TYPE_STYLE,
                           UNATTRIBUTED_BACKGROUND)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (Debian package 'chromium'); .ci/run installs it")
def test_rendered_in_chromium(tmp_path, page_and_dict):
    page, d = page_and_dict
    html_path = tmp_path / "report.html"
    html_path.write_text(page, encoding="utf-8")
    shot = Path(tmp_path / "report.png")
    base = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2000"]
    r = subprocess.run(base + [f"--screenshot={shot}", html_path.as_uri()], capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000, r.stderr[-500:]
    print(f"screenshot: {shot}")
    dom = subprocess.run(base + ["--dump-dom", html_path.as_uri()], capture_output=True, timeout=120).stdout.decode()
    assert "<mark" in dom
    check_highlights(dom, d)
