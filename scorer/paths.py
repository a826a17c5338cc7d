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


def default_data_dir() -> Path:
    """The project's ``training_data/`` folder in a checkout (not shipped with the package)."""
    return Path(__file__).resolve().parent.parent / "training_data"
