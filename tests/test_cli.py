"""The installed console script, run as a user runs it."""

import json

import pytest
from conftest import EXAMPLE, ROOT, run_cli


def test_score_example_text_format():
    r = run_cli("score", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "Sourcing transparency:" in out and "Why" in out


def test_cli_json_equals_library(shared_scorer, example_text):
    r = run_cli("score", str(EXAMPLE), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == shared_scorer.score(example_text, path=str(EXAMPLE)).to_dict()
    again = run_cli("score", str(EXAMPLE), "--format", "json")
    assert again.stdout == r.stdout  # byte-identical across runs


def test_stdin_and_output_file(tmp_path, example_text):
    out = tmp_path / "r.md"
    r = run_cli("score", "-", "--format", "markdown", "-o", str(out), stdin=example_text.encode())
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("## Sourcing transparency")


def test_html_report_file(tmp_path):
    out = tmp_path / "report.html"
    r = run_cli("score", str(EXAMPLE), "--format", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    page = out.read_text()
    assert "<mark" in page and "</html>" in page


def test_python_dash_m_works():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "scorer", "score", str(EXAMPLE), "--format", "json"], capture_output=True, cwd=ROOT)
    assert r.returncode == 0 and json.loads(r.stdout)["schema_version"] == 2


BAD_INPUTS = [
    ("missing file", lambda d: ["score", str(d / "nope.txt")], "no such file"),
    ("directory", lambda d: ["score", str(d)], "is a directory"),
    ("empty file", lambda d: ["score", _write(d, "empty.txt", b"")], "empty"),
    ("whitespace", lambda d: ["score", _write(d, "ws.txt", b"  \n\t \n")], "empty"),
    ("numbers only", lambda d: ["score", _write(d, "nums.txt", b"12\n34\n56\n")], "no sentences"),
    ("pdf", lambda d: ["score", _write(d, "a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")], "PDF"),
    ("png", lambda d: ["score", _write(d, "a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")], "PNG"),
    ("zip", lambda d: ["score", _write(d, "a.zip", b"PK\x03\x04\x14\x00\x00\x00")], "zip"),
    ("json without text", lambda d: ["score", _write(d, "a.json", b'{"title": "x"}')], "no \"text\" field"),
    ("json text not string", lambda d: ["score", _write(d, "b.json", b'{"text": 5}')], "not a string"),
    ("bad json", lambda d: ["score", _write(d, "c.json", b'{"text": ')], "not valid JSON"),
    ("html without body", lambda d: ["score", _write(d, "e.html", b"<html><head><title>x</title></head><body></body></html>")], "no article body"),
    ("too large", lambda d: ["score", _write(d, "big.txt", b"The council met. " * 1000), "--max-bytes", "1000"], "over the limit"),
    ("unknown format flag", lambda d: ["score", str(EXAMPLE), "--format", "pdf"], "invalid choice"),
    ("no command", lambda d: [], "usage: scorer"),
]


def _write(d, name, data):
    p = d / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize("name, argv, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_one_line_error(tmp_path, name, argv, message):
    r = run_cli(*argv(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 2, (name, err)
    assert "Traceback" not in err
    assert message in err


def test_encodings_are_decoded(tmp_path, example_text):
    body = "The café reopened on Monday, the owner said. Prices rose “a little,” she said."
    for enc, data in [("utf-16", body.encode("utf-16")), ("cp1252", body.encode("cp1252")), ("utf-8-sig", body.encode("utf-8-sig"))]:
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(data)
        r = run_cli("score", str(p), "--format", "json")
        assert r.returncode == 0, (enc, r.stderr)
        d = json.loads(r.stdout)
        assert d["counts"]["attributions"] == 2, enc
