"""Where the package's shipped files live."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_model_dir() -> Path:
    """Where the shipped model lives: ``scorer/models`` when installed, ``models/`` in a checkout."""
    try:
        return Path(str(resources.files("scorer.models")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "models"


def default_shared_dir() -> Path:
    """The shared data folder (PolNeAR, Wikinews): ``SCORER_SHARED``, else ``../shared`` beside
    the repository checkout."""
    import os

    env = os.environ.get("SCORER_SHARED")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared"


def default_data_dir() -> Path:
    """The repository's ``training_data/`` (a checkout; an installed package does not carry it)."""
    return Path(__file__).resolve().parent.parent / "training_data"
