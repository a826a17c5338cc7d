"""Validate annotated articles in training_data/ and print a summary.

Usage: python scripts/check_corpus.py [FILE_OR_DIR ...]
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.corpus import STANCE_FILE, CorpusFormatError, load_stance_rows, parse_article  # noqa: E402


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or [Path(__file__).resolve().parent.parent / "training_data" / "articles"]
    files = []
    for t in targets:
        files += sorted(t.glob("**/*.txt")) if t.is_dir() else [t]
    bad = 0
    texts: dict[str, str] = {}
    levels: collections.Counter[int] = collections.Counter()
    types: collections.Counter[str] = collections.Counter()
    for f in files:
        try:
            a = parse_article(f.read_text(encoding="utf-8"), f.stem)
        except (CorpusFormatError, UnicodeDecodeError) as exc:
            print(f"ERROR {f}: {exc}")
            bad += 1
            continue
        texts[a.id] = a.text
        words = len(a.text.split())
        levels[a.level] += 1
        for at in a.attributions:
            types[at.source_type or "?"] += 1
        print(f"ok {f.name}: level {a.level} score {a.score:g} words {words} "
              f"attributions {len(a.attributions)} hedges {len(a.hedges)} "
              f"unattributed {len(a.unattributed)} excluded {len(a.excluded)}")
    print(f"{len(files)} files, {bad} with errors; levels {dict(sorted(levels.items()))}; types {dict(types)}")
    if not argv:
        bad += check_stance_layer(Path(__file__).resolve().parent.parent / "training_data" / STANCE_FILE, texts)
    return 1 if bad else 0


def check_stance_layer(path: Path, texts: dict[str, str]) -> int:
    """Every stance cue names an article and its text is the article's text at its offsets."""
    try:
        rows = load_stance_rows(path)
    except (CorpusFormatError, OSError) as exc:
        print(f"ERROR {path}: {exc}")
        return 1
    bad = 0
    for aid, start, end, text in rows:
        if aid not in texts or texts[aid][start:end] != text:
            print(f"ERROR {path.name}: {aid} {start}-{end} is not {text!r} in that article")
            bad += 1
    print(f"{path.name}: {len(rows)} stance cues in {len({r[0] for r in rows})} articles, {bad} with errors")
    return bad


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
