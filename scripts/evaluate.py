"""Accuracy figures: python scripts/evaluate.py [--polnear PATH] (same as 'scorer evaluate')."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.cli import main  # noqa: E402

raise SystemExit(main(["evaluate", *sys.argv[1:]]))
