"""Batch scoring: every input yields exactly one output record, a result or an error.

Inputs are files under a directory (plain text, Markdown, HTML, JSON, and JSON Lines with one
article per line). Records are written as they are produced and flushed, so an interrupted run
leaves a valid partial file that ``resume`` completes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import ScorerError
from .dashboard import summary_of
from .ingest import DEFAULT_MAX_BYTES, Article, from_record, read_path

CSV_FIELDS = ["id", "path", "status", "error", "score", "level", "label", "sentences", "words", "attributions",
              "named_person", "named_organization", "document", "anonymous", "vague", "unresolved", "hedges",
              "unattributed_assertions"]
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", "")
# Inputs handed to a worker at a time: large enough to amortise process hand-off, small enough
# that memory stays flat.
CHUNK_SIZE = 64


@dataclass(frozen=True)
class Task:
    """One input: a file, or one line of a JSON Lines file (``line`` counts from 1)."""

    path: str
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def iter_tasks(root: str | Path, pattern: str = "**/*") -> Iterator[Task]:
    """Inputs under ``root`` in sorted order; JSON Lines files expand to one task per line."""
    base = Path(root)
    if base.is_file():
        paths = [base]
    else:
        paths = sorted(p for p in base.glob(pattern) if p.is_file() and p.suffix.lower() in SUFFIXES)
    for p in paths:
        if p.suffix.lower() == ".jsonl":
            try:
                with open(p, "rb") as fh:
                    n = 0
                    for n, raw in enumerate(fh, 1):
                        if raw.strip():
                            yield Task(str(p), n)
                    if n == 0:
                        yield Task(str(p), 0)
            except OSError:
                yield Task(str(p), 0)
        else:
            yield Task(str(p))


def _read_line(task: Task) -> bytes:
    with open(task.path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if n == task.line:
                return raw
    raise ScorerError(f"line {task.line} not found")


def read_task(task: Task, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article of one input: a file, or one record of a JSON Lines file."""
    if task.line:
        raw = _read_line(task)
        try:
            obj = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ScorerError(f"line {task.line} is not valid JSON: {exc}") from None
        return from_record(obj)
    if task.path.endswith(".jsonl"):
        raise ScorerError("JSON Lines file has no records")
    return read_path(task.path, max_bytes)


_WORKER_SCORER = None


def _scorer(model_path: str | None):
    global _WORKER_SCORER
    if _WORKER_SCORER is None:
        from .pipeline import Scorer

        _WORKER_SCORER = Scorer(model_path)
    return _WORKER_SCORER


def score_task(task: Task, max_bytes: int = DEFAULT_MAX_BYTES, model_path: str | None = None,
               report_dir: str | None = None) -> dict[str, Any]:
    """Score one input into a record; errors become error records, never exceptions. With
    ``report_dir``, also write its HTML report there for the dashboard."""
    rec: dict[str, Any] = {"path": task.path}
    if task.line:
        rec["line"] = task.line
    try:
        art = read_task(task, max_bytes)
        rep = _scorer(model_path).score_article(art, path=task.path)
        rec["id"] = art.id or (Path(task.path).stem if not task.line else f"{Path(task.path).stem}:{task.line}")
        rec["status"] = "ok"
        rec.update(rep.to_dict())
        if report_dir:
            from .dashboard import write_report

            write_report(report_dir, task.key, rep)
    except ScorerError as exc:
        rec["status"] = "error"
        rec["error"] = str(exc)
    except Exception as exc:  # one broken input must never stop a batch
        rec["status"] = "error"
        rec["error"] = f"internal error: {type(exc).__name__}: {exc}"
    return rec


def _score_chunk(tasks: list[Task], max_bytes: int, model_path: str | None,
                 fmt: str = "jsonl", report_dir: str | None = None) -> tuple[list[dict[str, Any]], str]:
    """Score a chunk in a worker; return a small summary per input and the chunk's output as one
    text (JSON lines or CSV rows), so that the parent process only appends it to the file."""
    summaries = []
    buf = io.StringIO()
    rows = csv.DictWriter(buf, fieldnames=CSV_FIELDS) if fmt == "csv" else None
    for t in tasks:
        rec = score_task(t, max_bytes, model_path, report_dir)
        summaries.append(summary_of(rec))
        if rows is not None:
            rows.writerow(_csv_row(rec))
        else:
            buf.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
            buf.write("\n")
    return summaries, buf.getvalue()


def done_keys(out: Path) -> set[str]:
    """Keys of inputs already recorded in an output file (for ``--resume``)."""
    keys: set[str] = set()
    if not out.exists():
        return keys
    if out.suffix.lower() == ".csv":
        with open(out, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                keys.add(row.get("path", ""))
        return keys
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a torn last line from a killed run
            keys.add(f"{rec['path']}:{rec['line']}" if rec.get("line") else rec.get("path", ""))
    return keys


def _truncate_torn_tail(out: Path) -> None:
    """Drop a partial last line left by a killed run so appends start on a clean line."""
    if not out.exists() or out.stat().st_size == 0:
        return
    with open(out, "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        data = out.read_bytes()
        cut = data.rfind(b"\n") + 1
        fh.truncate(cut)


@dataclass
class Summary:
    scored: int = 0
    failed: int = 0
    skipped: int = 0
    score_total: float = 0.0
    levels: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        mean = self.score_total / self.scored if self.scored else 0.0
        rate = (self.scored + self.failed) / self.seconds if self.seconds > 0 else 0.0
        lv = ", ".join(f"{k}:{self.levels[k]}" for k in sorted(self.levels))
        return (f"scored {self.scored}, failed {self.failed}, skipped {self.skipped}; mean score {mean:.1f}; "
                f"levels {{{lv}}}; {self.seconds:.1f}s, {rate:.1f} articles/s")


def _csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    row = {k: "" for k in CSV_FIELDS}
    row.update({"id": rec.get("id", ""), "path": rec["path"] + (f":{rec['line']}" if rec.get("line") else ""),
                "status": rec["status"], "error": rec.get("error", "")})
    if rec["status"] == "ok":
        row.update({"score": rec["score"], "level": rec["level"], "label": rec["label"]})
        row.update({k: rec["counts"][k] for k in rec["counts"]})
    return row


def run_batch(root: str | Path, out: str | Path | None, pattern: str = "**/*", jobs: int = -1, resume: bool = False,
              max_bytes: int = DEFAULT_MAX_BYTES, model_path: str | None = None,
              progress: bool | None = None, backend: str = "loky", scheduler: str | None = None,
              report: str | Path | None = None) -> Summary:
    """Score every input under ``root`` into ``out`` (``.jsonl`` or ``.csv``; stdout when None).

    With ``report``, also write a corpus dashboard (HTML and CSV) there.
    """
    from joblib import Parallel, delayed, parallel_config

    summary = Summary()
    dash = None
    rdir = None
    if report:
        from .dashboard import Dashboard, reports_dir

        dash = Dashboard()
        rdir = str(reports_dir(report))
    t0 = time.perf_counter()
    out_path = Path(out) if out else None
    fmt = "csv" if out_path and out_path.suffix.lower() == ".csv" else "jsonl"
    skip: set[str] = set()
    if out_path and resume:
        if fmt == "jsonl":
            _truncate_torn_tail(out_path)
        skip = done_keys(out_path)
        if dash is not None and fmt == "jsonl" and out_path.exists():
            with open(out_path, encoding="utf-8") as prev:
                for line in prev:
                    try:
                        dash.add(json.loads(line))
                    except (ValueError, KeyError):
                        continue
    mode = "a" if (resume and out_path and out_path.exists()) else "w"
    fh = open(out_path, mode, encoding="utf-8", newline="") if out_path else sys.stdout
    if fmt == "csv" and (mode == "w" or out_path.stat().st_size == 0):
        csv.DictWriter(fh, fieldnames=CSV_FIELDS).writeheader()
    tasks = []
    for t in iter_tasks(root, pattern):
        if t.key in skip:
            summary.skipped += 1
        else:
            tasks.append(t)
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="article", file=sys.stderr)
    chunks = [tasks[i : i + CHUNK_SIZE] for i in range(0, len(tasks), CHUNK_SIZE)]
    n_jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)

    def handle(result: tuple[list[dict[str, Any]], str]) -> None:
        records, text = result
        for rec in records:
            if dash is not None:
                dash.add(rec)
            if rec["status"] == "ok":
                summary.scored += 1
                summary.score_total += rec["score"]
                summary.levels[rec["level"]] += 1
            else:
                summary.failed += 1
        fh.write(text)
        fh.flush()
        if bar is not None:
            bar.update(len(records))

    try:
        if backend == "dask":
            from dask.distributed import Client  # optional extra: pip install 'sourcing-scorer[dask]'

            client = Client(scheduler) if scheduler else Client(processes=False)
            try:
                with parallel_config(backend="dask"):
                    results = Parallel(n_jobs=n_jobs, return_as="generator")(
                        delayed(_score_chunk)(c, max_bytes, model_path, fmt, rdir) for c in chunks)
                    for chunk in results:
                        handle(chunk)
            finally:
                client.close()
        elif n_jobs == 1 or len(chunks) <= 1:
            for c in chunks:
                handle(_score_chunk(c, max_bytes, model_path, fmt, rdir))
        else:
            results = Parallel(n_jobs=n_jobs, return_as="generator")(
                delayed(_score_chunk)(c, max_bytes, model_path, fmt, rdir) for c in chunks)
            for chunk in results:
                handle(chunk)
    finally:
        if bar is not None:
            bar.close()
        if out_path:
            fh.close()
    if dash is not None:
        dash.write(report)
    summary.seconds = time.perf_counter() - t0
    return summary


__all__ = ["Summary", "Task", "iter_tasks", "run_batch", "score_task"]
