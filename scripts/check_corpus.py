"""Validate annotated articles in training_data/ and print a summary.

Usage: python scripts/check_corpus.py [FILE_OR_DIR ...]
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.corpus import CorpusFormatError, parse_article  # noqa: E402


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or [Path(__file__).resolve().parent.parent / "training_data" / "articles"]
    files = []
    for t in targets:
        files += sorted(t.glob("**/*.txt")) if t.is_dir() else [t]
    bad = 0
    levels: collections.Counter[int] = collections.Counter()
    types: collections.Counter[str] = collections.Counter()
    for f in files:
        try:
            a = parse_article(f.read_text(encoding="utf-8"), f.stem)
        except (CorpusFormatError, UnicodeDecodeError) as exc:
            print(f"ERROR {f}: {exc}")
            bad += 1
            continue
        words = len(a.text.split())
        levels[a.level] += 1
        for at in a.attributions:
            types[at.source_type or "?"] += 1
        print(f"ok {f.name}: level {a.level} score {a.score:g} words {words} "
              f"attributions {len(a.attributions)} hedges {len(a.hedges)} "
              f"unattributed {len(a.unattributed)} excluded {len(a.excluded)}")
    print(f"{len(files)} files, {bad} with errors; levels {dict(sorted(levels.items()))}; types {dict(types)}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
