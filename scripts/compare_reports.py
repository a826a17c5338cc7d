"""Dump the JSON reports of a fixed set of articles, or compare two such dumps.

A refactoring that must not change behaviour is checked by dumping the reports before and after
and diffing the two folders: every report must be byte-identical.

Usage:
    python scripts/compare_reports.py dump OUTDIR [--polnear PATH/dev.jsonl]
    python scripts/compare_reports.py dump OUTDIR --installed [--require-compiled] [--polnear ...]
    python scripts/compare_reports.py diff DIR_A DIR_B

``dump`` writes ``scorer.score(text).to_json()`` for each article of the project's corpus
(``training_data/articles``) and, with ``--polnear``, for each article of a PolNeAR-format JSON
Lines file (field ``"text"``, named by ``"id"``), one file per article named by its id. An
article the scorer rejects gets its error, one line, instead of a report. ``dump`` scores with
this checkout's source unless ``--installed`` is given: then with the package installed in the
running Python's environment (the compiled build, see setup.py; ``--require-compiled`` fails
when none of its modules is compiled). ``diff`` lists the
files that differ or are missing on either side and exits 1 if there are any.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "training_data" / "articles"


def _articles(polnear: str | None) -> Iterator[tuple[str, str]]:
    """(file name, text) for every article to dump, corpus first."""
    from scorer.corpus import load_corpus

    for article in load_corpus(CORPUS_DIR):
        yield f"corpus-{article.id}.json", article.text
    if polnear:
        with open(polnear, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    doc = json.loads(line)
                    yield f"polnear-{doc['id']}.json", doc["text"]


def dump(outdir: Path, polnear: str | None) -> int:
    import scorer

    outdir.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, text in _articles(polnear):
        try:
            out = scorer.score(text).to_json()
        except scorer.ScorerError as exc:
            out = f"error: {type(exc).__name__}: {exc}"
        (outdir / name).write_text(out + "\n", encoding="utf-8")
        n += 1
    print(f"{n} reports written to {outdir}")
    return 0


def diff(a: Path, b: Path) -> int:
    names_a = {p.name for p in a.glob("*.json")}
    names_b = {p.name for p in b.glob("*.json")}
    problems = [f"only in {a}: {n}" for n in sorted(names_a - names_b)]
    problems += [f"only in {b}: {n}" for n in sorted(names_b - names_a)]
    same = 0
    for n in sorted(names_a & names_b):
        if (a / n).read_bytes() != (b / n).read_bytes():
            problems.append(f"differs: {n}")
        else:
            same += 1
    for p in problems:
        print(p)
    print(f"{same} identical, {len(problems)} differing or missing")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_dump = sub.add_parser("dump", help="write one JSON report per article into OUTDIR")
    p_dump.add_argument("outdir", type=Path)
    p_dump.add_argument("--polnear", help="also dump the articles of this PolNeAR-format .jsonl file")
    p_dump.add_argument("--installed", action="store_true", help="score with the installed package, not this checkout")
    p_dump.add_argument("--require-compiled", action="store_true", help="with --installed: fail unless it is compiled")
    p_diff = sub.add_parser("diff", help="list the reports that differ between two dumps")
    p_diff.add_argument("dir_a", type=Path)
    p_diff.add_argument("dir_b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        if not args.installed:
            sys.path.insert(0, str(ROOT))
        else:
            from benchmark import compiled_modules  # this script's folder is first on the path

            build = compiled_modules()
            print(f"compiled modules: {build['compiled_modules']} (package: {build['package']})")
            if args.require_compiled and build["compiled_modules"].startswith("0 "):
                print("the installed package is not compiled", file=sys.stderr)
                return 1
        return dump(args.outdir, args.polnear)
    return diff(args.dir_a, args.dir_b)


if __name__ == "__main__":
    sys.exit(main())
