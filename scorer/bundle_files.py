"""Reading a model directory's files, each checked against the SHA-256 its sidecar lists.

The lowest layer of model loading, shared by :mod:`scorer.model` (the whole bundle) and
:mod:`scorer.learned` (the extraction weights alone): the folder is resolved once, every file is
read once, its bytes hashed and compared with the sidecar, and only those bytes are parsed, so
what is checked is what is used.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .errors import ModelLoadError

SIDECAR_FILE = "scorer.json"
# A sidecar or weight file larger than this is not a model of ours (the shipped bundle is ~300 KB).
MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def read_file(folder: Path, name: str, expected: str | None) -> bytes:
    """The bytes of ``folder/name``; with ``expected``, checked against that SHA-256."""
    path = folder / name
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_MODEL_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ModelLoadError(f"model bundle {folder} lacks {name}; retrain with 'scorer train' or reinstall") from None
    except OSError as exc:
        raise ModelLoadError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_MODEL_FILE_BYTES:
        raise ModelLoadError(f"{path} is larger than any model file ({MAX_MODEL_FILE_BYTES} bytes)")
    if expected is not None and sha256_bytes(data) != expected:
        raise ModelLoadError(f"{name} in {folder} does not match the SHA-256 in its sidecar; "
                             "it may have been tampered with or corrupted: refusing to load it")
    return data


def parse_json(data: bytes, what: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ModelLoadError(f"{what} is not valid JSON: {str(exc).splitlines()[0][:120]}") from None


def read_bundle(path: str | Path, names: tuple[str, ...]) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    """Resolve a model directory, read its sidecar and the JSON files ``names``, each checked.

    Returns:
        The resolved folder, the sidecar, and each file's parsed JSON by name.

    Raises:
        ModelLoadError: no such folder, no sidecar listing the files, a missing or altered file.
    """
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    if not folder.is_dir():
        raise ModelLoadError(f"no model directory at {folder}")
    folder = Path(os.path.realpath(folder))  # resolved once: every file is read from this one place
    sidecar = parse_json(read_file(folder, SIDECAR_FILE, None), f"{folder / SIDECAR_FILE}")
    if not isinstance(sidecar, dict) or not isinstance(sidecar.get("files"), dict):
        raise ModelLoadError(f"{folder / SIDECAR_FILE} lists no bundle files; retrain with 'scorer train'")
    files = sidecar["files"]
    docs = {}
    for name in names:
        if not isinstance(files.get(name), str):
            raise ModelLoadError(f"{folder / SIDECAR_FILE} does not list {name} with its SHA-256")
        docs[name] = parse_json(read_file(folder, name, files[name]), name)
    return folder, sidecar, docs
