"""Train the shipped model from training_data/ alone: python scripts/train.py"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.cli import main  # noqa: E402

raise SystemExit(main(["train", *sys.argv[1:]]))
