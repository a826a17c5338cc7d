"""The batch job as a script: python scripts/batch_score.py DIR --out scores.jsonl (same as 'scorer batch')."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.cli import main  # noqa: E402

raise SystemExit(main(["batch", *sys.argv[1:]]))
