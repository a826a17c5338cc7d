"""Ingest: formats and encodings."""

import json

import pytest
from scorer import InputError, ScorerError
from scorer.ingest import parse

PAGE = b"""<!DOCTYPE html><html><head><title>Depot</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Depot plan stalls</h1>
<p>The depot plan stalled on Tuesday after the council refused to fund it, Mayor Ana Ruiz said at a briefing.</p>
<p>"We cannot sign a blank cheque," Ruiz told reporters, adding that the plan would return in the spring budget.</p>
<p>According to the county's transport office, the depot would have cost $40 million and served 12 routes.</p>
</article><footer>Copyright 2026 Valley Post. Subscribe now.</footer></body></html>"""


def test_html_main_text_extracted():
    art = parse(PAGE, "page.html")
    assert art.format == "html"
    assert "Mayor Ana Ruiz said" in art.text
    assert "Home" not in art.text and "Subscribe" not in art.text


def test_html_report_carries_text(shared_scorer):
    art = parse(PAGE, "page.html")
    d = shared_scorer.score(art.text, include_text=True).to_dict()
    assert d["text"] == art.text
    for a in d["attributions"]:
        assert art.text[a["cue"]["start"] : a["cue"]["end"]] == a["cue"]["text"]
    assert d["counts"]["attributions"] >= 3


def test_json_fields():
    art = parse(json.dumps({"id": 7, "title": "T", "url": "u", "text": "Officials said it rained."}).encode(), "a.json")
    assert (art.id, art.title, art.url, art.text) == ("7", "T", "u", "Officials said it rained.")


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, b"GIF89a\x01\x00"])
def test_binary_refused(data):
    with pytest.raises(InputError):
        parse(data, "x.bin")


def test_latin1_and_utf16():
    assert parse("Señor Díaz said.".encode("latin-1"), "a.txt").text == "Señor Díaz said."
    art = parse("“Quoted,” she said.".encode("utf-16"), "a.txt")
    assert art.text == "“Quoted,” she said." and art.warnings


def test_markdown_kept_verbatim():
    md = b"# Title\n\nThe council *voted* on Monday, a spokesman said.\n"
    art = parse(md, "a.md")
    assert art.format == "markdown" and art.text == md.decode()


def test_errors_are_scorer_errors():
    assert issubclass(InputError, ScorerError)


def test_a_json_lines_file_given_to_score():
    # One record is that article; several are a batch's work, said in one line (never the JSON
    # scored as prose).
    art = parse(b'{"text": "The mayor said the pier would reopen in May.", "id": "p1"}\n', "one.jsonl")
    assert art.text.startswith("The mayor said") and art.id == "p1"
    with pytest.raises(InputError, match="scorer batch"):
        parse(b'{"text": "a"}\n{"text": "b"}\n', "two.jsonl")
