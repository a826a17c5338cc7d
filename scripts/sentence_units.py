"""The units (lines split into sentences) that annotators label in real articles.

Independent of the scorer's own segmentation and residue rules, so labels measure them rather
than echo them: every non-blank line is a paragraph, and each paragraph is split into sentences
by NLTK's Punkt with the project's abbreviation list. Units are ``(start, end)`` character offsets
into the text, with surrounding whitespace trimmed.

Usage: python scripts/sentence_units.py FILE.jsonl ID   prints the units of one article.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def units(text: str) -> list[tuple[int, int]]:
    """Sentence units of ``text`` as trimmed ``(start, end)`` offsets, in order."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from scorer import lexicon

    params = PunktParameters()
    params.abbrev_types = set(lexicon.words("abbreviations.txt"))
    punkt = PunktSentenceTokenizer(params)
    out = []
    for m in re.finditer(r"[^\n\r\u2028\u2029]+", text):
        line = m.group()
        if not line.strip():
            continue
        for s, e in punkt.span_tokenize(line):
            piece = line[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail > lead:
                out.append((m.start() + s + lead, m.start() + s + trail))
    return out


def paragraph_starts(text: str) -> set[int]:
    """Offsets where a line (paragraph) starts its first unit."""
    return {m.start() + len(m.group()) - len(m.group().lstrip()) for m in re.finditer(r"[^\n\r\u2028\u2029]+", text)}


if __name__ == "__main__":
    path, wanted = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] == wanted:
                for k, (s, e) in enumerate(units(r["text"]), 1):
                    print(f"[{k}] {r['text'][s:e]}")
