"""Batch input and output: the inputs (files and JSON Lines records) as tasks, reading a task's
article, the records already written (for ``--resume``), JSON Lines and CSV output, the checks
of the output paths and the lock that keeps two runs off one output."""

from __future__ import annotations

import codecs
import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .dashboard import reports_dir
from .errors import InputError, ScorerError
from .ingest import DEFAULT_MAX_BYTES, Article, clean_str, display_path, from_record, loads_json, not_regular, read_path


CSV_FIELDS = ["id", "path", "status", "error", "score", "level", "label", "sentences", "words", "attributions",
              "named_person", "named_organization", "document", "anonymous", "vague", "unresolved", "hedges",
              "unattributed_assertions"]


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
        own.update({csv_path, csv_path + ".tmp", str(reports_dir(rp))})
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


def json_line(rec: dict[str, Any]) -> str:
    """A record as one line of JSON that any UTF-8 output can hold (text that still holds lone
    surrogates, from a library caller, is written with JSON escapes instead of failing)."""
    line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(rec, ensure_ascii=True, separators=(",", ":"))
    return line + "\n"


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
