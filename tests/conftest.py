import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "example-article.txt"
DRONE = ROOT.parent / "shared" / "seeds" / "drone-article.txt"


def scorer_command() -> list[str]:
    """The installed console script when present (as a user runs it), else the module."""
    exe = shutil.which("scorer", path=str(Path(sys.executable).parent)) or shutil.which("scorer")
    return [exe] if exe else [sys.executable, "-m", "scorer"]


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run(scorer_command() + list(args), input=stdin, capture_output=True, cwd=cwd or ROOT, env=env, timeout=300)


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_scorer():
    import scorer

    return scorer.Scorer()
