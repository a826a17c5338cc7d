"""Throughput, memory and per-stage cost of the scorer, on a corpus generated from the project's
own articles.

Usage:
    python scripts/benchmark.py                       # library figures + batch on 2,000 files
    python scripts/benchmark.py --files 2000 20000    # batch at several sizes (peak RSS flatness)
    python scripts/benchmark.py --json out.json
    python scripts/benchmark.py --hostile             # hostile shapes only: growth per doubling

Every figure comes from one run on this machine: medians of repeated passes, and ratios taken
within the run (full scoring vs NLTK Punkt sentence splitting of the same texts, as the median of
per-round ratios and as the ratio of the fastest rounds; --jobs 2 vs 1).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.corpus import load_corpus  # noqa: E402

MIN_WORDS, MAX_WORDS = 500, 900
_CAP = re.compile(r"\b([A-Z][a-z]{3,})\b")


def base_articles() -> list[str]:
    """Clean texts of 500-900 words: long corpus articles as they are, short ones joined in pairs."""
    texts = [a.text for a in load_corpus(ROOT / "training_data" / "articles")]
    long_ = [t for t in texts if MIN_WORDS <= len(t.split()) <= MAX_WORDS]
    short = [t for t in texts if len(t.split()) < MIN_WORDS]
    for a, b in zip(short[::2], short[1::2]):
        joined = a.rstrip() + "\n\n" + b
        if len(joined.split()) <= MAX_WORDS:
            long_.append(joined)
    return long_


def variant(text: str, k: int) -> str:
    """A copy whose capitalised words are changed, so that no two variants share their names."""
    if k == 0:
        return text
    rng = random.Random(k)
    mapping: dict[str, str] = {}

    def sub(m: re.Match) -> str:
        w = m.group(1)
        if w not in mapping:
            mapping[w] = w[:-2] + "".join(rng.choice("aeioulnrst") for _ in range(2))
        return mapping[w]

    return _CAP.sub(sub, text)


def generate(n: int) -> list[str]:
    base = base_articles()
    return [variant(base[i % len(base)], i // len(base)) for i in range(n)]


def library_figures(texts: list[str]) -> dict:
    from scorer import Scorer
    from scorer.evidence import extract
    from scorer.features import featurize
    from scorer.segment import _punkt, segment

    s = Scorer()
    s.score(texts[0])
    punkt = _punkt()
    # Punkt and full scoring timed in alternation, five rounds, so that load from elsewhere on a
    # shared machine falls on both alike; the ratio is the median of the per-round ratios.
    punkt_times, full_times = [], []
    for _ in range(5):
        t = time.perf_counter()
        for x in texts:
            list(punkt.span_tokenize(x))
        punkt_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        for x in texts:
            s.score(x).to_dict()
        full_times.append(time.perf_counter() - t)
    punkt_rate = len(texts) / statistics.median(punkt_times)
    full_rate = len(texts) / statistics.median(full_times)
    ratio = statistics.median(f / p for f, p in zip(full_times, punkt_times))
    # The fastest round of each, the figure least touched by load from elsewhere.
    best_ratio = min(full_times) / min(punkt_times)
    # Cost split by stage, in milliseconds per article (one pass, each stage timed alone).
    stages = {"segment": 0.0, "evidence": 0.0, "features": 0.0, "model": 0.0, "report": 0.0}
    for t in texts:
        a = time.perf_counter()
        seg = segment(t)
        b = time.perf_counter()
        ev = extract(seg)
        c = time.perf_counter()
        x = featurize(seg, ev)
        d = time.perf_counter()
        s.model.explain(x)
        e = time.perf_counter()
        stages["segment"] += b - a
        stages["evidence"] += c - b
        stages["features"] += d - c
        stages["model"] += e - d
    total = time.perf_counter()
    for t in texts:
        s.score(t).to_json()
    whole = time.perf_counter() - total
    stages["report"] = max(0.0, whole - sum(stages.values()))
    words = statistics.mean(len(t.split()) for t in texts)
    return {
        "articles": len(texts),
        "mean_words": round(words, 1),
        "library_articles_per_s": round(full_rate, 1),
        "punkt_articles_per_s": round(punkt_rate, 1),
        "full_over_punkt_cost": round(ratio, 2),
        "full_over_punkt_cost_fastest_rounds": round(best_ratio, 2),
        "ms_per_article_by_stage": {k: round(1000 * v / len(texts), 3) for k, v in stages.items()},
    }


def batch_run(directory: Path, jobs: int) -> dict:
    """One `scorer batch` in a child process; its wall time and peak RSS (largest process)."""
    out = directory.parent / f"out-{directory.name}-{jobs}.jsonl"
    if out.exists():
        out.unlink()
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "scorer", "batch", str(directory), "--out", str(out),
           "--jobs", str(jobs), "--no-progress"]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)
    seconds, rss_kb, code = res.stdout.split()
    with open(out, encoding="utf-8") as fh:
        n = sum(1 for _ in fh)
    return {"files": n, "jobs": jobs, "seconds": round(float(seconds), 2), "articles_per_s": round(n / float(seconds), 1),
            "peak_rss_mb": round(int(rss_kb) / 1024, 1), "exit": int(code)}


def _median_run(runs: list[dict]) -> dict:
    """The run with the median speed; peak memory is the largest over all runs."""
    mid = sorted(runs, key=lambda r: r["articles_per_s"])[len(runs) // 2]
    return {**mid, "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


# Sizes of the hostile shapes (KB of text) and the most the CPU time may grow when the text doubles
# (linear is 2x; the margin is for noise on a shared machine).
HOSTILE_KB = (25, 50, 100, 200)
MAX_GROWTH_PER_DOUBLING = 2.2


def _fill(unit: str, kb: int, head: str = "", tail: str = "") -> str:
    n = max(1, (kb * 1024 - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


def _told_chain(kb: int) -> str:
    parts, size, i = [], 0, 0
    while size < kb * 1024:
        piece = f"Person{i} told Person{i + 1} who "
        parts.append(piece)
        size += len(piece)
        i += 1
    return "".join(parts) + "said it."


HOSTILE_SHAPES = {
    "repeated said": lambda kb: _fill("said ", kb, head="He "),
    "told chain": _told_chain,
    "one huge sentence": lambda kb: _fill("and the budget rose again ", kb, head="The mayor said ", tail="."),
    "many short lines": lambda kb: _fill("The mayor said so.\n", kb),
}


def hostile_figures(rounds: int = 3) -> dict:
    """CPU seconds to score each hostile shape at 25-200 KB (median of ``rounds``) and the growth
    per doubling of the text."""
    from scorer import Scorer

    s = Scorer()
    s.score("The mayor said the pier would reopen.")
    out: dict = {}
    for name, make in HOSTILE_SHAPES.items():
        times = []
        for kb in HOSTILE_KB:
            text = make(kb)
            runs = []
            for _ in range(rounds):
                t = time.process_time()
                s.score(text)
                runs.append(time.process_time() - t)
            times.append(statistics.median(runs))
        growth = [round(b / a, 2) if a > 0 else None for a, b in zip(times, times[1:])]
        out[name] = {"kb": list(HOSTILE_KB), "cpu_s": [round(t, 4) for t in times], "growth_per_doubling": growth,
                     "within_target": all(g is not None and g <= MAX_GROWTH_PER_DOUBLING for g in growth)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library-articles", type=int, default=600, help="articles for the library figures")
    ap.add_argument("--files", type=int, nargs="*", default=[2000], help="batch sizes to run")
    ap.add_argument("--batch-rounds", type=int, default=3, help="alternating --jobs 1 / --jobs 2 rounds per batch size")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--hostile", action="store_true",
                    help=f"only the hostile shapes at {', '.join(map(str, HOSTILE_KB))} KB and their growth per doubling "
                         f"(target: at most {MAX_GROWTH_PER_DOUBLING}x)")
    args = ap.parse_args(argv)
    figures: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    figures["hostile"] = hostile_figures()
    for name, row in figures["hostile"].items():
        print(json.dumps({"shape": name, **row}), flush=True)
    if args.hostile:
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return 0 if all(r["within_target"] for r in figures["hostile"].values()) else 1
    texts = generate(args.library_articles)
    figures["library"] = lib = library_figures(texts)
    print(json.dumps(lib, indent=2), flush=True)
    figures["batch"] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.files:
            d = Path(tmp) / f"corpus{n}"
            d.mkdir()
            for i, t in enumerate(generate(n)):
                (d / f"{i:06d}.txt").write_text(t, encoding="utf-8")
            # --jobs 1 and --jobs 2 in alternation; each figure is the median over the rounds and
            # the speed-up is the median of the per-round ratios.
            rounds = [(batch_run(d, 1), batch_run(d, 2)) for _ in range(args.batch_rounds)]
            ratios = [b["articles_per_s"] / a["articles_per_s"] for a, b in rounds]
            row = {"files": n, "rounds": args.batch_rounds, "jobs1": _median_run([a for a, _ in rounds]),
                   "jobs2": _median_run([b for _, b in rounds]), "jobs2_over_jobs1": round(statistics.median(ratios), 2),
                   "jobs2_over_jobs1_per_round": [round(r, 2) for r in ratios]}
            figures["batch"].append(row)
            print(json.dumps(row), flush=True)
    if len(figures["batch"]) >= 2:
        a, b = figures["batch"][0], figures["batch"][-1]
        figures["rss_growth_jobs2"] = round(b["jobs2"]["peak_rss_mb"] / a["jobs2"]["peak_rss_mb"], 3)
        figures["rss_growth_jobs1"] = round(b["jobs1"]["peak_rss_mb"] / a["jobs1"]["peak_rss_mb"], 3)
        print(json.dumps({"rss_growth_jobs1": figures["rss_growth_jobs1"], "rss_growth_jobs2": figures["rss_growth_jobs2"]}))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
