"""Batch scoring: one record per input, errors recorded, resume, CSV, Dask parity."""

import csv
import json

import pytest
from conftest import EXAMPLE, run_cli

import texts


def make_corpus(root):
    root.mkdir()
    (root / "a.txt").write_text(texts.SAID_AFTER + " " + texts.VAGUE)
    (root / "b.md").write_text(texts.PRONOUN_CHAIN)
    (root / "sub").mkdir()
    (root / "sub" / "c.txt").write_text(EXAMPLE.read_text())
    (root / "d.json").write_text(json.dumps({"id": "dee", "text": texts.TOLD}))
    (root / "e.jsonl").write_text(json.dumps({"id": "e1", "text": texts.ANONYMOUS}) + "\n" + "{broken\n" + json.dumps({"text": texts.CITING}) + "\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "bad.json").write_text("{not json")
    return 10  # a, b, c, d, e:1, e:2, e:3, empty, binary, bad


def test_batch_jsonl_one_record_per_input(tmp_path):
    n = make_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    r = run_cli("batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "1")
    assert r.returncode == 1, r.stderr  # some inputs failed
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == n
    bad = {(rec["path"].split("/")[-1], rec.get("line")) for rec in recs if rec["status"] == "error"}
    assert bad == {("empty.txt", None), ("binary.txt", None), ("bad.json", None), ("e.jsonl", 2)}
    ok = [rec for rec in recs if rec["status"] == "ok"]
    assert all(rec["schema_version"] == 2 and rec["article"]["path"] == rec["path"] for rec in ok)
    assert {rec["id"] for rec in ok} >= {"dee", "e1"}
    assert "scored 6, failed 4" in r.stderr.decode()
    assert "Traceback" not in r.stderr.decode()


def test_resume_skips_done_and_repairs_torn_line(tmp_path):
    make_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run_cli("batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "1")
    lines = out.read_text().splitlines()
    # Simulate a run killed mid-write: keep 4 records and half of the fifth.
    out.write_text("\n".join(lines[:4]) + "\n" + lines[4][: len(lines[4]) // 2])
    r = run_cli("batch", str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--resume")
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == len(lines)
    keys = [(rec["path"], rec.get("line")) for rec in recs]
    assert len(set(keys)) == len(keys)
    assert "skipped 4" in r.stderr.decode()


def test_csv_output_and_parallel_equals_serial(tmp_path):
    make_corpus(tmp_path / "in")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    run_cli("batch", str(tmp_path / "in"), "--out", str(one), "--jobs", "1")
    run_cli("batch", str(tmp_path / "in"), "--out", str(two), "--jobs", "2")
    rows1 = list(csv.DictReader(one.open()))
    rows2 = list(csv.DictReader(two.open()))
    assert rows1 == rows2 and len(rows1) == 10
    assert {r["status"] for r in rows1} == {"ok", "error"}


def test_library_batch_matches_single_scoring(tmp_path, shared_scorer):
    from scorer.batch import Task, score_task

    p = tmp_path / "x.txt"
    p.write_text(texts.PRONOUN_CHAIN)
    rec = score_task(Task(str(p)))
    want = shared_scorer.score(texts.PRONOUN_CHAIN, path=str(p)).to_dict()
    assert {k: rec[k] for k in want} == want


def test_dask_backend_matches_local(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] extra not installed")
    from scorer.batch import run_batch

    make_corpus(tmp_path / "in")
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(tmp_path / "in", local, jobs=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True) as cluster:
        run_batch(tmp_path / "in", remote, jobs=2, progress=False, backend="dask", scheduler=cluster.scheduler_address)
    assert local.read_text() == remote.read_text()


def test_dashboard(tmp_path):
    make_corpus(tmp_path / "in")
    page = tmp_path / "dash" / "summary.html"
    page.parent.mkdir()
    r = run_cli("batch", str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"), "--report", str(page), "--jobs", "1")
    assert r.returncode == 1
    html = page.read_text()
    assert html.count("<svg") == 3 and "http" not in html  # self-contained
    rows = list(csv.reader((tmp_path / "dash" / "summary.csv").open()))
    assert ["summary", "scored", "6"] in rows and ["summary", "failed", "4"] in rows
    assert sum(int(v) for s, _, v in rows if s == "level") == 6
    reports = sorted((tmp_path / "dash" / "summary_reports").glob("*.html"))
    assert len(reports) == 6  # every scored article has its report, written when it was scored
    assert all(f'href="summary_reports/{p.name}"' in html for p in reports)
    assert [s for s, _, _ in rows].count("bottom_decile") == 1  # a tenth of 6, at least one
