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
from scorer.report import HEDGE_STYLE, PAGE_STYLE, TYPE_STYLE, UNATTRIBUTED_STYLE

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


def _lum(hex_colour):
    def ch(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(fg, bg):
    a, b = sorted((_lum(fg), _lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.parametrize("name, bg, fg", [(t, bg, fg) for t, (bg, fg, _) in TYPE_STYLE.items()]
                         + [("hedge", *HEDGE_STYLE), ("unattributed", *UNATTRIBUTED_STYLE), ("page", *PAGE_STYLE)])
def test_wcag_aa_contrast(name, bg, fg, page_and_dict):
    assert contrast(fg, bg) >= 4.5, (name, contrast(fg, bg))
    page, _ = page_and_dict
    assert bg in page and fg in page  # the page uses these colours


def test_types_differ_in_greyscale_too():
    styles = [st for _, _, st in TYPE_STYLE.values()]
    assert len(set(styles[:5])) == 5  # the five main types have five underline styles


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
