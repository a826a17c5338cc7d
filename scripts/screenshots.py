"""Screenshots of the HTML report and the corpus dashboard for the README, into docs/.

    python scripts/screenshots.py [--out docs]

Renders the report of examples/example-article.txt and the dashboard of a batch over 50 articles
made from the project's own example texts (``tests/texts.py``), in headless Chromium (Debian's
``chromium``), driven over the DevTools protocol by ``tests/browser.py`` (needs the test extra).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs"), help="folder for the PNG files (default: docs/)")
    args = ap.parse_args(argv)
    from browser import Browser, find_chromium

    import scorer
    import texts
    from scorer.batch import run_batch

    exe = find_chromium()
    if exe is None:
        sys.stderr.write("screenshots: no Chromium found (apt-get install chromium)\n")
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    example = ROOT / "examples" / "example-article.txt"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        report = t / "report.html"
        rep = scorer.score(example.read_text(encoding="utf-8"), path="examples/example-article.txt")
        report.write_text(rep.to_html(), encoding="utf-8")
        for folder, name, text in texts.article_variations(50, example.read_text(encoding="utf-8")):
            (t / "desks" / folder).mkdir(parents=True, exist_ok=True)
            (t / "desks" / folder / name).write_text(text, encoding="utf-8")
        dash = t / "dash" / "summary.html"
        run_batch(t / "desks", t / "scores.jsonl", jobs=1, progress=False, report=dash)
        b = Browser(exe, 1200, 1000)
        try:
            b.open(report.as_uri())
            b.screenshot(out / "report.png")
            first = rep.explanation[0].sentences[0] if rep.explanation and rep.explanation[0].sentences else 0
            b.open(report.as_uri() + f"#s{first}")
            b.screenshot(out / "report-linked.png")
            b.resize(1280, 1000)
            b.open(dash.as_uri())
            b.screenshot(out / "dashboard.png")
        finally:
            b.close()
    for name in ("report.png", "report-linked.png", "dashboard.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
