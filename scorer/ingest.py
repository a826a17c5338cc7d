"""Stage 0: turn a file, bytes or stdin into article text.

Plain text and Markdown are kept as they are (offsets index them directly). HTML goes through
trafilatura, which extracts the main text and drops page chrome; JSON objects give their "text"
field. Bytes are decoded as UTF-8 (with or without a BOM), UTF-16 with a BOM, or, failing that,
the encoding charset-normalizer detects; binary files are refused.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EmptyArticleError, InputError

# 5 MB: far above any news article (a long feature is ~100 KB) and small enough to score in seconds.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Extracted HTML text shorter than this is page chrome ("Home", "Menu"), not an article body.
MIN_HTML_WORDS = 5

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BM", None),  # too short to be sure; checked with the NUL test below
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"ID3", "an MP3 audio file"),
)
# Formats that are not text and are not converted: an error record says so instead of a guess.
UNSUPPORTED_SUFFIXES = frozenset({
    ".docx", ".doc", ".odt", ".rtf", ".pdf", ".epub", ".pages", ".xlsx", ".xls", ".pptx", ".ppt",
    ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar", ".png", ".jpg", ".jpeg", ".gif", ".webp",
    ".mp3", ".mp4", ".wav", ".mov", ".exe", ".so", ".dylib", ".dll",
})
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_RE = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


@dataclass
class Article:
    """Text to score, with where it came from."""

    text: str
    format: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes to text; return the text and a warning when it was not UTF-8."""
    for magic, what in _MAGIC:
        if what and data.startswith(magic):
            raise InputError(f"input is {what}, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16"
        except UnicodeDecodeError:
            raise InputError("input has a UTF-16 byte-order mark but does not decode as UTF-16") from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise InputError("input looks binary (it contains NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    enc = best.encoding if best is not None else None
    # Short samples leave the detector guessing among Western single-byte code pages; news in
    # those is nearly always Windows-1252 (a superset of Latin-1's printable characters).
    western = enc is None or enc.startswith(("cp125", "latin", "iso8859", "mac", "ascii", "cp437", "cp850"))
    if western:
        try:
            return data.decode("cp1252"), "input was not UTF-8; decoded as Windows-1252"
        except UnicodeDecodeError:
            if best is None:
                raise InputError("input is not text in any encoding that could be detected") from None
    assert best is not None and enc is not None
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    return text, f"input was not UTF-8; decoded as {enc}"


def _printable_share(text: str) -> float:
    """Share of characters that text is made of: printable ones, any whitespace (no-break spaces,
    U+2028) and invisible format characters (soft hyphens, zero-width joiners)."""
    sample = text[:20000]
    if not sample:
        return 1.0
    ok = sum(1 for c in sample if c.isprintable() or c.isspace() or unicodedata.category(c) == "Cf")
    return ok / len(sample)


def clean_str(value: str, what: str, warnings: list[str] | None = None) -> str:
    """``value`` with lone surrogates (which no UTF-8 output can hold) replaced by U+FFFD; a
    warning naming ``what`` is added to ``warnings`` when anything was replaced."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    fixed = _SURROGATE_RE.sub("\ufffd", value)
    if warnings is not None:
        warnings.append(f"{what} held lone surrogates (invalid Unicode); replaced by U+FFFD")
    return fixed


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text any output can hold: bytes that are not UTF-8 in a file name (kept by
    Python as surrogate escapes) are written as backslash escapes (``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def from_html(html: str) -> str:
    """Main article text of an HTML page (trafilatura), page chrome dropped."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or len(text.split()) < MIN_HTML_WORDS:
        raise EmptyArticleError("HTML page has no article body that could be extracted")
    return text


def parse(data: bytes, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Turn raw bytes (a file's contents or stdin) into an :class:`Article`."""
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    text, warning = decode(data)
    warnings = [warning] if warning else []
    if _printable_share(text) < 0.9:
        raise InputError("input looks binary (mostly non-printable characters), not text")
    suffix = Path(name).suffix.lower()
    stripped = text.lstrip()
    if suffix == ".json" or (not suffix and stripped.startswith("{")):
        return _from_json(text, warnings)
    if suffix in (".jsonl", ".ndjson"):
        # One article a line: one record is scored as that article; more are a batch's work.
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) != 1:
            raise InputError(f"JSON Lines holds {len(lines)} records, one article each: score them with 'scorer batch FILE'")
        return _from_json(lines[0], warnings)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _HTML_RE.match(data[:2048])):
        return Article(from_html(text), "html", warnings=warnings)
    fmt = "markdown" if suffix in (".md", ".markdown") else "text"
    return Article(text, fmt, warnings=warnings)


def _from_json(text: str, warnings: list[str]) -> Article:
    return from_record(loads_json(text), warnings)


def loads_json(text: str | bytes) -> object:
    """``json.loads`` with one-line :class:`InputError` for invalid or absurdly nested JSON."""
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(f"input is not valid JSON: {exc}") from None
    except RecursionError:
        raise InputError("input is not usable JSON: nested too deeply") from None


def from_record(obj: object, warnings: list[str] | None = None) -> Article:
    """An :class:`Article` from a JSON object with a "text" field (and optional id, title, url)."""
    if not isinstance(obj, dict):
        raise InputError("JSON input must be an object with a \"text\" field")
    if "text" not in obj:
        raise InputError("JSON input has no \"text\" field")
    if not isinstance(obj["text"], str):
        raise InputError("JSON \"text\" field is not a string")
    warnings = list(warnings or [])
    ident = obj.get("id")
    title, url = obj.get("title"), obj.get("url")
    return Article(
        clean_str(obj["text"], "the text", warnings),
        "json",
        id=clean_str(str(ident), "the id", warnings) if ident is not None else None,
        title=clean_str(title, "the title", warnings) if isinstance(title, str) else None,
        url=clean_str(url, "the url", warnings) if isinstance(url, str) else None,
        warnings=warnings,
    )


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file ("a FIFO"), else None."""
    for test, what in _KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def unsupported(name: str, data: bytes = b"") -> str | None:
    """The error for a file whose suffix names a format the scorer does not read, else None."""
    suffix = Path(name).suffix.lower()
    if suffix not in UNSUPPORTED_SUFFIXES:
        return None
    what = next((w for magic, w in _MAGIC if w and data.startswith(magic)), None)
    return f"unsupported format: {suffix}" + (f" (the file is {what})" if what else "") + "; save it as text or HTML"


def read_bounded(fd: int, limit: int) -> bytes:
    """At most ``limit`` bytes from an open file descriptor."""
    parts = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read and parse one file; clear :class:`InputError` for missing, directory, unreadable."""
    p = Path(path)
    shown = display_path(p)
    if _URL_RE.match(str(path)):
        raise InputError(f"URLs are not fetched; save the page and pass the file: {display_path(str(path))}")
    if not p.exists():
        raise InputError(f"no such file: {shown}")
    if p.is_dir():
        raise InputError(f"{shown} is a directory; use 'scorer batch {shown}' to score a directory")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the type check comes right after.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            kind = not_regular(os.fstat(fd).st_mode)
            if kind:
                raise InputError(f"{shown} is {kind}, not a regular file (pipe it to 'scorer score -' instead)")
            # One byte over the limit tells a file over it without reading it all.
            data = read_bounded(fd, max_bytes + 1)
        finally:
            os.close(fd)
    except PermissionError:
        raise InputError(f"permission denied: {shown}") from None
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"{shown} is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)")
    bad = unsupported(p.name, data)
    if bad:
        raise InputError(bad)
    return parse(data, p.name, max_bytes)
