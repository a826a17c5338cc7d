"""Reading requests of ``scorer serve`` into jobs: a request's media type and charset, a JSON
body, an article object, a raw text/plain, text/markdown or text/html body, or an upload, each
turned into a :class:`Job` (an article ready to score) or refused with an :class:`ApiError`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from .errors import EmptyArticleError, InputError
from .ingest import Article, decode, from_html, from_record, parse

# Raw body types and the file name ``scorer.ingest.parse`` reads them as (only its suffix counts:
# the same rules as `scorer score FILE` for a file of that kind). No name from a request is used.
RAW_TYPES = {"text/plain": "body.txt", "text/markdown": "body.md", "text/html": "body.html"}
ARTICLE_FORMATS = ("text", "markdown", "html")


class ApiError(HTTPException):
    """An error answered as ``{"error": detail}`` with its status (and headers, if any)."""


# -- reading requests ------------------------------------------------------------------------------

def _media_type(request: Request) -> tuple[str, dict[str, str]]:
    raw = request.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    params = {}
    for p in parts[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            params[k.strip().lower()] = v.strip().strip('"')
    return parts[0].lower(), params


def _is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _check_unicode(value: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        raise ApiError(422, f"{what} holds a lone surrogate (\\u{code:04x}) at character {exc.start}; "
                            "send valid Unicode text") from None


def _json_body(body: bytes) -> Any:
    """Decode a JSON body the way the CLI reads a JSON file (UTF-8, BOMs, detected encodings)."""
    try:
        text, _warning = decode(body)
    except InputError as exc:
        raise ApiError(400, f"body is not JSON text: {exc}") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ApiError(400, f"body is not valid JSON: {exc}") from None


@dataclass
class Job:
    """An article ready to score: its text, warnings from reading it, whether the report carries it."""

    text: str
    warnings: list[str]
    include_text: bool
    id: str | None = None
    title: str | None = None
    url: str | None = None


def job_from_object(obj: Any, warnings: list[str] | None = None) -> Job:
    """A :class:`Job` from a request object ``{"text", "title"?, "url"?, "id"?, "format"?}``.

    ``format`` says what ``text`` holds: ``text`` or ``markdown`` (scored as given, the default)
    or ``html`` (main text extracted, as for an HTML file; the report then carries that text).

    Raises:
        ApiError: 422 for a missing or non-string text, an unknown format, lone surrogates, or
            an HTML text with no article body.
    """
    try:
        art: Article = from_record(obj, warnings)
    except InputError as exc:
        raise ApiError(422, str(exc).replace("JSON input", "article")) from None
    _check_unicode(art.text, '"text"')
    fmt = obj.get("format", "text")
    if fmt is None:
        fmt = "text"
    if fmt not in ARTICLE_FORMATS:
        raise ApiError(422, f'"format" must be one of {", ".join(ARTICLE_FORMATS)}, not {str(fmt)[:40]!r}')
    if fmt == "html":
        try:
            return Job(from_html(art.text), art.warnings, True, art.id, art.title, art.url)
        except EmptyArticleError as exc:
            raise ApiError(422, str(exc)) from None
    return Job(art.text, art.warnings, False, art.id, art.title, art.url)


def job_from_raw(body: bytes, media: str, charset: str | None, max_bytes: int) -> Job:
    """A :class:`Job` from a raw text/plain, text/markdown or text/html body, read by ``ingest.parse``.

    A declared charset other than UTF-8 is honoured (the body is re-encoded as UTF-8 first);
    without one, ``parse`` decodes as the CLI does (UTF-8, BOMs, else the detected encoding).
    """
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            body = body.decode(charset).encode("utf-8")
        except LookupError:
            raise ApiError(415, f"unknown charset {charset[:40]!r}") from None
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"body does not decode as {charset}: {exc.reason} at byte {exc.start}") from None
    return job_from_bytes(body, RAW_TYPES[media], max_bytes)


def _article_type(request: Request) -> tuple[str, dict[str, str]]:
    media, params = _media_type(request)
    if not (_is_json(media) or media in RAW_TYPES):
        raise ApiError(415, f"Content-Type {media or '(none)'} is not accepted; send application/json, "
                            "text/plain, text/markdown or text/html")
    return media, params


def job_from_bytes(data: bytes, name: str, max_bytes: int) -> Job:
    """A :class:`Job` from bytes read by ``ingest.parse`` as a file of that name would be (the
    name is ours: a fixed stem and a suffix; nothing from a request names a path)."""
    try:
        art = parse(data, name, max_bytes)
    except EmptyArticleError as exc:
        raise ApiError(422, str(exc)) from None
    except InputError as exc:
        raise ApiError(400, str(exc)) from None
    return Job(art.text, art.warnings, art.format == "html")


def job_from_body(body: bytes, media: str, params: dict[str, str], max_bytes: int) -> Job:
    """A :class:`Job` from a /v1/score body of an accepted type."""
    if _is_json(media):
        return job_from_object(_json_body(body))
    return job_from_raw(body, media, params.get("charset"), max_bytes)
