"""Batch scoring: every input yields exactly one output record, a result or an error.

Inputs are files under a directory (plain text, Markdown, HTML, JSON, and JSON Lines with one
article per line). Records are written as they are produced and flushed, so an interrupted run
leaves a valid partial file that ``resume`` completes.

This module runs a batch (:func:`run_batch`: workers, backends, the run's steps); reading the
inputs, the records already written, the output formats and the output lock are in
:mod:`scorer.batch_io`, whose names stay importable from here.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import ScorerError
from .dashboard import summary_of
from .batch_io import (CSV_FIELDS, OutputLock, Task, _csv_row, _real_root, _truncate_torn_tail, _write_error,  # noqa: F401
                       check_outputs, iter_tasks, json_line, own_files, read_records, read_task, record_key,
                       relative_key)
from .ingest import DEFAULT_MAX_BYTES, display_path

# Inputs handed to a worker at a time: large enough to amortise process hand-off, small enough
# that memory stays flat.
CHUNK_SIZE = 64


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
    rec: dict[str, Any] = {"path": task.shown}
    if task.line:
        rec["line"] = task.line
    try:
        art = read_task(task, max_bytes)
        rep = _scorer(model_path).score_article(art, path=task.shown)
        stem = display_path(Path(task.path).stem)
        rec["id"] = art.id or (stem if not task.line else f"{stem}:{task.line}")
        rec["status"] = "ok"
        rec.update(rep.to_dict())
        if report_dir:
            from .dashboard import write_report

            write_report(report_dir, rec["path"] + (f":{task.line}" if task.line else ""), rep)  # the dashboard's key
    except ScorerError as exc:
        rec["status"] = "error"
        rec["error"] = str(exc)
    except Exception as exc:  # one broken input must never stop a batch
        rec["status"] = "error"
        rec["error"] = f"internal error: {type(exc).__name__}: {exc}"
    return rec


# How often (seconds) a local worker checks that the batch process that started it is alive.
PARENT_CHECK_SECONDS = 0.5


_WATCHING: int | None = None


def _init_worker(parent_pid: int) -> None:
    """Start-up of a local worker: Ctrl-C is the batch process's to handle (it stops the workers;
    a worker taking it too would print its own traceback), and the parent is watched."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(parent_pid)


def _watch_parent(parent_pid: int) -> None:
    """In a local worker: exit when the batch process dies (kill -9 leaves no one to stop us)."""
    global _WATCHING
    if _WATCHING == parent_pid or os.getpid() == parent_pid:
        return
    _WATCHING = parent_pid

    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                os._exit(1)
            time.sleep(PARENT_CHECK_SECONDS)

    threading.Thread(target=watch, name="scorer-parent-watch", daemon=True).start()


def _score_chunk(tasks: list[Task], max_bytes: int, model_path: str | None,
                 fmt: str = "jsonl", report_dir: str | None = None,
                 parent_pid: int | None = None) -> tuple[list[dict[str, Any]], str]:
    """Score a chunk in a worker; return a small summary per input and the chunk's output as one
    text (JSON lines or CSV rows), so that the parent process only appends it to the file."""
    if parent_pid is not None:
        _watch_parent(parent_pid)
    summaries = []
    buf = io.StringIO()
    rows = csv.DictWriter(buf, fieldnames=CSV_FIELDS) if fmt == "csv" else None
    for t in tasks:
        rec = score_task(t, max_bytes, model_path, report_dir)
        summaries.append(summary_of(rec))
        if rows is not None:
            rows.writerow(_csv_row(rec))
        else:
            buf.write(json_line(rec))
    return summaries, buf.getvalue()


@dataclass
class Summary:
    scored: int = 0
    failed: int = 0
    skipped: int = 0
    score_total: float = 0.0
    levels: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = (self.scored + self.failed) / self.seconds if self.seconds > 0 else 0.0
        lv = ", ".join(f"{k}:{self.levels[k]}" for k in sorted(self.levels))
        # No mean and no levels when nothing was scored: "mean score 0.0" would read as a result.
        scores = f"; mean score {self.score_total / self.scored:.1f}; levels {{{lv}}}" if self.scored else ""
        return (f"scored {self.scored}, failed {self.failed}, skipped {self.skipped}{scores}; "
                f"{self.seconds:.1f}s, {rate:.1f} articles/s")


# --jobs above this many workers per core only adds start-up time and memory.
MAX_JOBS_PER_CPU = 4


def effective_jobs(jobs: int) -> tuple[int, str | None]:
    """The worker count for ``--jobs`` (-1: all cores) and a note when it was capped.

    Raises:
        ScorerError: ``jobs`` is 0 or below -1.
    """
    cpus = os.cpu_count() or 1
    if jobs == -1:
        return cpus, None
    if jobs < 1:
        raise ScorerError(f"--jobs must be a positive number of workers, or -1 for all cores (got {jobs})")
    cap = MAX_JOBS_PER_CPU * cpus
    if jobs > cap:
        return cap, f"note: --jobs {jobs} capped to {cap} ({MAX_JOBS_PER_CPU} per core on {cpus} cores)"
    return jobs, None


# Seconds to wait for a Dask scheduler before giving up with one line (the default is 30).
DASK_CONNECT_TIMEOUT = 5


_SCHEDULER_RE = re.compile(r"^(?:(?:tcp|tls|inproc|ucx|ws|wss)://)?\[?[\w.:-]+\]?:\d{1,5}/?$")


def check_scheduler(address: str) -> None:
    """Refuse a Dask scheduler address that is not ``[tcp://]host:port``."""
    if not _SCHEDULER_RE.match(address):
        raise ScorerError(f"--scheduler {address!r} is not a scheduler address such as tcp://host:8786")


def _dask_client(scheduler: str | None):
    """A Dask client for ``scheduler``, or a quiet in-process cluster; one-line errors (a bad
    address is told before a missing extra)."""
    if scheduler is not None:
        check_scheduler(scheduler)
    try:
        import logging

        from dask.distributed import Client, LocalCluster  # optional extra
    except ImportError:
        raise ScorerError("--backend dask needs the dask extra: pip install 'sourcing-scorer[dask]'") from None
    if scheduler is None:
        import logging

        for name in ("distributed", "distributed.scheduler", "distributed.worker", "distributed.nanny", "distributed.core"):
            logging.getLogger(name).setLevel(logging.ERROR)
        cluster = LocalCluster(processes=False, dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=DASK_CONNECT_TIMEOUT), None
    except (OSError, TimeoutError) as exc:
        raise ScorerError(f"cannot reach the Dask scheduler at {scheduler} within {DASK_CONNECT_TIMEOUT} s: "
                          f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    except ValueError as exc:
        raise ScorerError(f"--scheduler {scheduler!r}: {exc}") from None


def run_batch(root: str | Path, out: str | Path | None, pattern: str = "**/*", jobs: int = -1, resume: bool = False,
              max_bytes: int = DEFAULT_MAX_BYTES, model_path: str | None = None,
              progress: bool | None = None, backend: str = "loky", scheduler: str | None = None,
              report: str | Path | None = None) -> Summary:
    """Score every input under ``root`` into ``out`` (``.jsonl`` or ``.csv``; stdout when None).

    With ``report``, also write a corpus dashboard (HTML and CSV) there, built from every record
    in ``out`` (those of earlier runs too, with ``resume``).

    Raises:
        ScorerError: unusable arguments (clashing outputs, no inputs, another run holding the
            output), an output that cannot be written, or an unreachable Dask scheduler.
    """
    from contextlib import ExitStack

    check_outputs(out, report)
    if max_bytes < 1:
        raise ScorerError(f"--max-bytes must be positive (got {max_bytes})")
    n_jobs, note = effective_jobs(jobs)
    summary = Summary()
    if note:
        summary.notes.append(note)
    out_path = Path(out) if out else None
    with ExitStack() as stack:
        if out_path:
            stack.enter_context(OutputLock(out_path))
        _run_locked(summary, root, out_path, pattern, n_jobs, resume, max_bytes, model_path, progress, backend,
                    scheduler, report)
    return summary


def _open_dashboard(report: str | Path | None):
    """The dashboard to build and the folder of its per-article reports (None, None without one)."""
    if not report:
        return None, None
    from .dashboard import Dashboard, reports_dir

    return Dashboard(), str(reports_dir(report))


def _resume_keys(out_path: Path | None, resume: bool, real_root: str, dash) -> set[str]:
    """The keys of the inputs already in the output (with ``resume``), their records added to the
    dashboard; a torn last line is cut off first."""
    skip: set[str] = set()
    if not (out_path and resume and out_path.exists()):
        return skip
    try:
        _truncate_torn_tail(out_path)
        for rec in read_records(out_path):
            skip.add(record_key(rec, real_root))
            if dash is not None:
                try:
                    dash.add(rec)
                except (ValueError, KeyError, TypeError):
                    continue
    except OSError as exc:
        raise _write_error(out_path, exc) from None
    return skip


def _pending_tasks(summary: Summary, root: str | Path, pattern: str, out_path: Path | None, report: str | Path | None,
                   skip: set[str]) -> list[Task]:
    """The inputs still to score (those in ``skip`` are counted as skipped)."""
    all_tasks = list(iter_tasks(root, pattern, own_files(out_path, report)))
    if not all_tasks:
        raise ScorerError(f"no input files under {display_path(root)} match --glob {pattern!r}")
    tasks = []
    for t in all_tasks:
        if t.key in skip:
            summary.skipped += 1
        else:
            tasks.append(t)
    return tasks


def _open_output(out_path: Path | None, resume: bool, fmt: str):
    """The output, opened to append (resume) or write (stdout without a path), with the CSV header
    written to a new or empty CSV file."""
    mode = "a" if (resume and out_path and out_path.exists()) else "w"
    try:
        fh = open(out_path, mode, encoding="utf-8", newline="") if out_path else sys.stdout
        if fmt == "csv" and out_path and (mode == "w" or out_path.stat().st_size == 0):
            csv.DictWriter(fh, fieldnames=CSV_FIELDS).writeheader()
            fh.flush()
    except OSError as exc:
        raise _write_error(out_path, exc) from None
    return fh


def _progress_bar(progress: bool | None, total: int):
    """A progress bar on stderr (by default when stderr is a terminal), or None."""
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr)


@dataclass
class _ChunkWriter:
    """Takes each scored chunk: counts it in the summary, adds it to the dashboard, appends its
    text to the output and moves the progress bar."""

    summary: Summary
    dash: Any
    fh: Any
    out_path: Path | None
    bar: Any

    def __call__(self, result: tuple[list[dict[str, Any]], str]) -> None:
        records, text = result
        for rec in records:
            if self.dash is not None:
                self.dash.add(rec)
            if rec["status"] == "ok":
                self.summary.scored += 1
                self.summary.score_total += rec["score"]
                self.summary.levels[rec["level"]] += 1
            else:
                self.summary.failed += 1
        try:
            self.fh.write(text)
            self.fh.flush()
        except OSError as exc:
            raise _write_error(self.out_path, exc) from None
        if self.bar is not None:
            self.bar.update(len(records))


def _run_on_dask(chunks: list[list[Task]], handle: Callable, n_jobs: int, scheduler: str | None, work: tuple,
                 started: list) -> None:
    from joblib import Parallel, delayed, parallel_config

    client, cluster = _dask_client(scheduler)
    try:
        with parallel_config(backend="dask"):
            results = Parallel(n_jobs=n_jobs, return_as="generator")(delayed(_score_chunk)(c, *work) for c in chunks)
            started.append(results)
            for chunk in results:
                handle(chunk)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_chunks(chunks: list[list[Task]], handle: Callable, n_jobs: int, backend: str, scheduler: str | None,
                work: tuple) -> None:
    """Score the chunks on the backend (``work``: max_bytes, model_path, fmt, report folder),
    handing each result on as it arrives; on any exception, the workers are stopped at once."""
    from joblib import Parallel, delayed

    started: list = []  # the running result generator, to close on an exception
    try:
        if backend == "dask":
            _run_on_dask(chunks, handle, n_jobs, scheduler, work, started)
        elif n_jobs == 1 or len(chunks) <= 1:
            for c in chunks:
                handle(_score_chunk(c, *work))
        else:
            parent = os.getpid()
            results = Parallel(n_jobs=n_jobs, return_as="generator", backend="loky", initializer=_init_worker,
                               initargs=(parent,))(
                delayed(_score_chunk)(c, *work, parent) for c in chunks)
            started.append(results)
            for chunk in results:
                handle(chunk)
    except BaseException:
        import warnings

        # The tasks closing cancels are cancelled on purpose: joblib's warning that they were (it
        # may come from a thread of its own) is not shown.
        warnings.filterwarnings("ignore", message=r".*tasks which were still being processed", category=UserWarning)
        for results in started:
            try:
                results.close()  # stop the workers now, not in a finaliser that prints on Ctrl-C
            except BaseException:
                pass
        raise


def _close_output(bar, fh, out_path: Path | None) -> None:
    if bar is not None:
        bar.close()
    if out_path:
        try:
            fh.close()
        except OSError as exc:
            raise _write_error(out_path, exc) from None


def _run_locked(summary: Summary, root: str | Path, out_path: Path | None, pattern: str, n_jobs: int, resume: bool,
                max_bytes: int, model_path: str | None, progress: bool | None, backend: str, scheduler: str | None,
                report: str | Path | None) -> None:
    """The run, its output locked: resume, list the inputs, open the output, score, write the dashboard."""
    dash, rdir = _open_dashboard(report)
    t0 = time.perf_counter()
    fmt = "csv" if out_path and out_path.suffix.lower() == ".csv" else "jsonl"
    skip = _resume_keys(out_path, resume, _real_root(root), dash)
    tasks = _pending_tasks(summary, root, pattern, out_path, report, skip)
    fh = _open_output(out_path, resume, fmt)
    bar = _progress_bar(progress, len(tasks))
    chunks = [tasks[i : i + CHUNK_SIZE] for i in range(0, len(tasks), CHUNK_SIZE)]
    try:
        _run_chunks(chunks, _ChunkWriter(summary, dash, fh, out_path, bar), n_jobs, backend, scheduler,
                    (max_bytes, model_path, fmt, rdir))
    finally:
        _close_output(bar, fh, out_path)
    if dash is not None and report:
        try:
            dash.write(report)
        except OSError as exc:
            raise _write_error(Path(report), exc) from None
    summary.seconds = time.perf_counter() - t0


__all__ = ["OutputLock", "Summary", "Task", "check_outputs", "effective_jobs", "iter_tasks", "read_records", "run_batch",
           "score_task"]
