"""Batch scoring: every input yields exactly one output record, a result or an error.

Inputs are files under a directory (plain text, Markdown, HTML, JSON, and JSON Lines with one
article per line). Records are written as they are produced and flushed, so an interrupted run
leaves a valid partial file that ``resume`` completes.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError, ScorerError
from .dashboard import summary_of
from .ingest import DEFAULT_MAX_BYTES, Article, clean_str, display_path, from_record, loads_json, not_regular, read_path

CSV_FIELDS = ["id", "path", "status", "error", "score", "level", "label", "sentences", "words", "attributions",
              "named_person", "named_organization", "document", "anonymous", "vague", "unresolved", "hedges",
              "unattributed_assertions"]
# Inputs handed to a worker at a time: large enough to amortise process hand-off, small enough
# that memory stays flat.
CHUNK_SIZE = 64


@dataclass(frozen=True)
class Task:
    """One input: a file, or one line of a JSON Lines file (``line`` counts from 1, and the line's
    bytes are ``length`` bytes at ``offset``, found by reading the file once). ``rel`` is the input's
    path relative to the resolved root, the key ``--resume`` matches records by; ``error`` is set
    for an input known to be unusable before it is read (a FIFO, a device)."""

    path: str
    line: int = 0
    offset: int = 0
    length: int = -1
    rel: str = ""
    error: str | None = None

    @property
    def shown(self) -> str:
        """The path as records carry it (non-UTF-8 bytes as backslash escapes)."""
        return display_path(self.path)

    @property
    def key(self) -> str:
        base = self.rel or self.shown
        return f"{base}:{self.line}" if self.line else base

    @property
    def record_key(self) -> str:
        """The key a record of this input is listed under ("path" or "path:line", as written)."""
        return f"{self.shown}:{self.line}" if self.line else self.shown


def _real_root(root: str | Path) -> str:
    r = os.path.realpath(root)
    return os.path.dirname(r) if os.path.isfile(r) else r


def relative_key(path: str | os.PathLike[str], real_root: str) -> str:
    """An input's path relative to the resolved root (its folder resolved, the name kept, so two
    links to one file stay two inputs), as text: the same however the root was spelt."""
    path = os.fspath(path)
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    rel = os.path.relpath(os.path.join(folder, os.path.basename(path)), real_root)
    return display_path(rel)


def _own_file(p: Path, own: set[str]) -> bool:
    """Whether ``p`` is one of this run's own files (output, lock, report, temporary files)."""
    real = os.path.realpath(p)
    if real in own:
        return True
    return any(real.startswith(o + os.sep) for o in own)


def own_files(out: str | Path | None, report: str | Path | None) -> set[str]:
    """Resolved paths of the files a run writes: never inputs, even inside the input folder."""
    own: set[str] = set()
    for f in (out, report):
        if f:
            real = os.path.realpath(f)
            own.update({real, real + ".tmp", real + ".lock"})
    if report:
        rp = Path(os.path.realpath(report))
        csv_path = str(rp.with_suffix(".csv"))
        own.update({csv_path, csv_path + ".tmp", str(rp.with_name(rp.stem + "_reports"))})
    return own


def iter_tasks(root: str | Path, pattern: str = "**/*", own: set[str] | None = None) -> Iterator[Task]:
    """Inputs under ``root`` in sorted order, every file (whatever its suffix) but this run's own
    output files; JSON Lines files expand to one task per line, read once."""
    base = Path(root)
    real_root = _real_root(root)
    if base.is_dir():
        paths = sorted((p for p in base.glob(pattern) if not p.is_dir() and not _own_file(p, own or set())), key=str)
    else:
        paths = [base]
    for p in paths:
        rel = relative_key(p, real_root)
        try:
            mode = os.stat(p).st_mode
        except OSError as exc:
            yield Task(str(p), rel=rel, error=f"cannot read {display_path(p)}: {exc.strerror or exc}")
            continue
        kind = not_regular(mode)
        if kind:
            yield Task(str(p), rel=rel, error=f"{display_path(p)} is {kind}, not a regular file")
        elif p.suffix.lower() == ".jsonl":
            yield from _jsonl_tasks(p, rel)
        else:
            yield Task(str(p), rel=rel)


def _jsonl_tasks(p: Path, rel: str) -> Iterator[Task]:
    """One task per non-blank line of a JSON Lines file, with its offset and length (a byte-order
    mark before the first line is skipped)."""
    try:
        with open(p, "rb") as fh:
            n = 0
            offset = 0
            for n, raw in enumerate(fh, 1):
                start, size = offset, len(raw)
                offset += size
                if n == 1 and raw.startswith(codecs.BOM_UTF8):
                    start, raw = start + 3, raw[3:]
                if raw.strip():
                    yield Task(str(p), n, start, len(raw), rel)
            if n == 0:
                yield Task(str(p), 0, rel=rel)
    except OSError as exc:
        yield Task(str(p), 0, rel=rel, error=f"cannot read {display_path(p)}: {exc.strerror or exc}")


def _read_line(task: Task) -> bytes:
    with open(task.path, "rb") as fh:
        fh.seek(task.offset)
        return fh.read(task.length)


def read_task(task: Task, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article of one input: a file, or one record of a JSON Lines file."""
    if task.error:
        raise InputError(task.error)
    if task.line:
        if task.length > max_bytes:
            raise InputError(f"line {task.line} is {task.length:,} bytes, over the limit of {max_bytes:,} "
                             "(raise it with --max-bytes)")
        raw = _read_line(task)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"line {task.line} is not valid JSON: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        try:
            obj = loads_json(text)
        except InputError as exc:
            raise InputError(f"line {task.line} {str(exc).removeprefix('input ')}") from None
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


def json_line(rec: dict[str, Any]) -> str:
    """A record as one line of JSON that any UTF-8 output can hold (text that still holds lone
    surrogates, from a library caller, is written with JSON escapes instead of failing)."""
    line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(rec, ensure_ascii=True, separators=(",", ":"))
    return line + "\n"


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


def _split_key(path: str) -> tuple[str, int]:
    """("x.jsonl", 3) from a CSV path cell "x.jsonl:3"; (path, 0) otherwise."""
    head, _, line = path.rpartition(":")
    if head and line.isdigit() and head.lower().endswith(".jsonl"):
        return head, int(line)
    return path, 0


def read_records(out: Path) -> Iterator[dict[str, Any]]:
    """The records already in an output file, skipping anything that is not one (a torn or
    foreign line, bytes that are not UTF-8). CSV rows come back as records with counts."""
    if not out.exists():
        return
    if out.suffix.lower() == ".csv":
        with open(out, newline="", encoding="utf-8", errors="replace") as fh:
            for row in csv.DictReader(line.replace("\0", "") for line in fh):
                if not isinstance(row.get("path"), str) or not row["path"]:
                    continue
                path, line = _split_key(row["path"])
                rec: dict[str, Any] = {"path": path, "id": row.get("id") or "", "status": row.get("status") or "error"}
                if line:
                    rec["line"] = line
                if rec["status"] == "ok":
                    try:
                        rec.update({"score": float(row["score"]), "level": int(row["level"]), "label": row.get("label"),
                                    "counts": {k: int(row[k]) for k in CSV_FIELDS[CSV_FIELDS.index("sentences"):]}})
                    except (TypeError, ValueError, KeyError):
                        rec["status"] = "error"
                yield rec
        return
    with open(out, "rb") as fh:
        for raw in fh:
            try:
                rec = json.loads(raw.decode("utf-8", "replace"))
            except (ValueError, RecursionError):
                continue  # a torn last line from a killed run, or a foreign line
            if isinstance(rec, dict) and isinstance(rec.get("path"), str):
                yield rec


def record_key(rec: dict[str, Any], real_root: str) -> str:
    """The resume key of a record: its input's path relative to the resolved root (+ ":line")."""
    key = relative_key(rec["path"], real_root)
    line = rec.get("line")
    return f"{key}:{line}" if isinstance(line, int) and line > 0 else key


def done_keys(out: Path, root: str | Path | None = None) -> set[str]:
    """Keys of inputs already recorded in an output file (for ``--resume``)."""
    real_root = _real_root(root) if root is not None else os.path.realpath(".")
    return {record_key(rec, real_root) for rec in read_records(out)}


def _truncate_torn_tail(out: Path) -> None:
    """Drop a partial last line (JSON Lines record or CSV row) left by a killed run, so appends
    start on a clean line and the torn input is scored again. Records never span lines: CSV
    cells have their line breaks replaced (see :func:`_cell`)."""
    if not out.exists() or out.stat().st_size == 0:
        return
    with open(out, "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        # Find the last newline reading backwards in blocks (the file may be large).
        pos = size
        cut = 0
        while pos > 0:
            step = min(pos, 1 << 16)
            pos -= step
            fh.seek(pos)
            block = fh.read(step)
            k = block.rfind(b"\n")
            if k >= 0:
                cut = pos + k + 1
                break
        fh.truncate(cut)


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


def _cell(value: Any) -> Any:
    """A CSV cell on one physical line: line breaks and NULs become spaces, lone surrogates U+FFFD."""
    if not isinstance(value, str):
        return value
    value = clean_str(value, "cell")
    if any(c in value for c in "\r\n\0\u2028\u2029\x85"):
        value = value.translate({ord(c): " " for c in "\r\n\0\u2028\u2029\x85"})
    return value


def _csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    row = {k: "" for k in CSV_FIELDS}
    row.update({"id": _cell(rec.get("id", "")), "path": _cell(rec["path"] + (f":{rec['line']}" if rec.get("line") else "")),
                "status": rec["status"], "error": _cell(rec.get("error", ""))})
    if rec["status"] == "ok":
        row.update({"score": rec["score"], "level": rec["level"], "label": rec["label"]})
        row.update({k: rec["counts"][k] for k in rec["counts"]})
    return row


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


def check_outputs(out: str | Path | None, report: str | Path | None) -> None:
    """Refuse output paths that would overwrite one another or cannot be written, before any work.

    Raises:
        ScorerError: one line saying which paths clash or why one cannot be written.
    """
    if out:
        o = Path(out)
        if o.suffix.lower() not in (".jsonl", ".csv"):
            raise ScorerError("--out must end in .jsonl or .csv")
        _check_writable(o, "--out")
    if report:
        r = Path(report)
        if r.suffix.lower() not in (".html", ".htm"):
            raise ScorerError("--report must end in .html (its CSV is written beside it)")
        if out and os.path.realpath(r) == os.path.realpath(out):
            raise ScorerError(f"--report and --out name the same file: {display_path(r)}")
        dash_csv = r.with_suffix(".csv")
        if out and os.path.realpath(dash_csv) == os.path.realpath(out):
            raise ScorerError(f"--report {display_path(r)} writes its numbers to {display_path(dash_csv)}, "
                              "the --out file; give the report another name")
        _check_writable(r, "--report", create_parent=True)


def _check_writable(p: Path, flag: str, create_parent: bool = False) -> None:
    if p.is_dir():
        raise ScorerError(f"{flag} {display_path(p)} is a directory; give a file name")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir() and not create_parent:
        raise ScorerError(f"{flag} {display_path(p)}: no such directory: {display_path(parent)}")


class OutputLock:
    """An exclusive lock on an output file (``OUT.lock`` held with ``flock``), so that two runs
    never write one file. The kernel releases it when the process dies, so a killed run leaves
    no stale lock behind."""

    def __init__(self, out: Path) -> None:
        self.path = out.with_name(out.name + ".lock")
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        import fcntl

        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise ScorerError(f"cannot write {display_path(self.path)}: {exc.strerror or exc}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                out = display_path(self.path.with_name(self.path.name[: -len(".lock")]))
                raise ScorerError(f"another batch run is writing {out} (it holds {display_path(self.path)}); "
                                  "wait for it to finish or choose another --out") from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except OSError:
                same = False
            if same:  # not a lock file another run removed between our open and our flock
                self.fd = fd
                return self
            os.close(fd)

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None


def _write_error(out: Path | None, exc: OSError) -> ScorerError:
    where = display_path(out) if out else "standard output"
    return ScorerError(f"cannot write {where}: {exc.strerror or exc}")


# Seconds to wait for a Dask scheduler before giving up with one line (the default is 30).
DASK_CONNECT_TIMEOUT = 5
_SCHEDULER_RE = re.compile(r"^(?:(?:tcp|tls|inproc|ucx|ws|wss)://)?\[?[\w.:-]+\]?:\d{1,5}/?$")


def check_scheduler(address: str) -> None:
    """Refuse a Dask scheduler address that is not ``[tcp://]host:port``."""
    if not _SCHEDULER_RE.match(address):
        raise ScorerError(f"--scheduler {address!r} is not a scheduler address such as tcp://host:8786")


def _dask_client(scheduler: str | None):
    """A Dask client for ``scheduler``, or a quiet in-process cluster; one-line errors."""
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
    check_scheduler(scheduler)
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


def _run_locked(summary: Summary, root: str | Path, out_path: Path | None, pattern: str, n_jobs: int, resume: bool,
                max_bytes: int, model_path: str | None, progress: bool | None, backend: str, scheduler: str | None,
                report: str | Path | None) -> None:
    from joblib import Parallel, delayed

    dash = None
    rdir = None
    if report:
        from .dashboard import Dashboard, reports_dir

        dash = Dashboard()
        rdir = str(reports_dir(report))
    t0 = time.perf_counter()
    fmt = "csv" if out_path and out_path.suffix.lower() == ".csv" else "jsonl"
    real_root = _real_root(root)
    skip: set[str] = set()
    if out_path and resume and out_path.exists():
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
    all_tasks = list(iter_tasks(root, pattern, own_files(out_path, report)))
    if not all_tasks:
        raise ScorerError(f"no input files under {display_path(root)} match --glob {pattern!r}")
    tasks = []
    for t in all_tasks:
        if t.key in skip:
            summary.skipped += 1
        else:
            tasks.append(t)
    mode = "a" if (resume and out_path and out_path.exists()) else "w"
    try:
        fh = open(out_path, mode, encoding="utf-8", newline="") if out_path else sys.stdout
        if fmt == "csv" and out_path and (mode == "w" or out_path.stat().st_size == 0):
            csv.DictWriter(fh, fieldnames=CSV_FIELDS).writeheader()
            fh.flush()
    except OSError as exc:
        raise _write_error(out_path, exc) from None
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="article", file=sys.stderr)
    chunks = [tasks[i : i + CHUNK_SIZE] for i in range(0, len(tasks), CHUNK_SIZE)]

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
        try:
            fh.write(text)
            fh.flush()
        except OSError as exc:
            raise _write_error(out_path, exc) from None
        if bar is not None:
            bar.update(len(records))

    results = None
    try:
        if backend == "dask":
            from joblib import parallel_config

            client, cluster = _dask_client(scheduler)
            try:
                with parallel_config(backend="dask"):
                    results = Parallel(n_jobs=n_jobs, return_as="generator")(
                        delayed(_score_chunk)(c, max_bytes, model_path, fmt, rdir) for c in chunks)
                    for chunk in results:
                        handle(chunk)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
        elif n_jobs == 1 or len(chunks) <= 1:
            for c in chunks:
                handle(_score_chunk(c, max_bytes, model_path, fmt, rdir))
        else:
            parent = os.getpid()
            results = Parallel(n_jobs=n_jobs, return_as="generator", backend="loky", initializer=_init_worker,
                               initargs=(parent,))(
                delayed(_score_chunk)(c, max_bytes, model_path, fmt, rdir, parent) for c in chunks)
            for chunk in results:
                handle(chunk)
    except BaseException:
        if results is not None:
            try:
                results.close()  # stop the workers now, not in a finaliser that prints on Ctrl-C
            except BaseException:
                pass
        raise
    finally:
        if bar is not None:
            bar.close()
        if out_path:
            try:
                fh.close()
            except OSError as exc:
                raise _write_error(out_path, exc) from None
    if dash is not None and report:
        try:
            dash.write(report)
        except OSError as exc:
            raise _write_error(Path(report), exc) from None
    summary.seconds = time.perf_counter() - t0


__all__ = ["OutputLock", "Summary", "Task", "check_outputs", "effective_jobs", "iter_tasks", "read_records", "run_batch",
           "score_task"]
