"""HTTP service: ``scorer serve`` (optional extra ``sourcing-scorer[serve]``: Starlette + uvicorn).

Endpoints:
    POST /v1/score   one article: JSON ``{"text", "title"?, "url"?, "id"?, "format"?}`` or a raw
                     ``text/plain``, ``text/markdown`` or ``text/html`` body; the report JSON, the
                     same bytes as ``scorer score --format json``; ``?view=html|markdown|text``
                     returns that report instead.
    POST /v1/batch   a JSON list of such objects; one record each, in order: the report or
                     ``{"error": "..."}``.
    GET  /health     version, schema version, model name and SHA-256 (answers once the model is loaded).
    GET  /v1/schema  a JSON Schema of the report.
    GET  /           a page where an editor pastes or uploads a draft (``POST /`` without JavaScript).

Safe by default: the CLI binds 127.0.0.1; request bodies are limited while they stream in (413);
scoring runs in a thread pool with a time limit (504) and a cap on scorings in flight (503 with
Retry-After); every error is ``{"error": "one line"}`` with a 4xx/5xx status; no file-system path
comes from a request; an optional bearer token is compared in constant time; CORS is off unless
origins are given. One :class:`scorer.Scorer` per process, loaded at start-up.

This module holds the app, its middleware and routes (:class:`Endpoints`); reading a request's
body into a job to score is in :mod:`scorer.serve_jobs`, whose names stay importable from here.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import PurePosixPath
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .errors import ScorerError
from .page import EDITOR_CSP, editor_page
from .report import SCHEMA_VERSION
from .schema import REPORT_SCHEMA
from .serve_config import CONFIG_ENV, RETRY_AFTER_S, ServeConfig
from .serve_jobs import (ARTICLE_FORMATS, RAW_TYPES, ApiError, Job, _article_type, _is_json, _json_body,  # noqa: F401
                         _media_type, job_from_body, job_from_bytes, job_from_object, job_from_raw)

log = logging.getLogger(__name__)

VIEWS = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}
# Suffixes of uploaded files that pick a reader (as `scorer score FILE` does); others are sniffed.
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json")
# A short text scored once at start-up so that the first request does not pay for loading the
# sentence splitter and lexicons. Written for this project.
_WARM_UP = ("The city council approved the budget on Monday, the mayor said in a statement. "
            "Critics argued that the plan was rushed, according to a report by the city auditor.")
# Report pages echo the caller's text (escaped); they run no script and load nothing.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


# -- errors ----------------------------------------------------------------------------------------

def _one_line(message: str) -> str:
    return " ".join(str(message).split()) or "error"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": _one_line(message)}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc, ApiError) else f"{exc.detail}: {request.method} {request.url.path}"
    return _error(exc.status_code, detail, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    # One line here; Starlette re-raises the exception, so the server's log also has its traceback.
    log.error("unhandled error on %s %s: %s", request.method, request.url.path, _one_line(f"{type(exc).__name__}: {exc}"))
    return _error(500, "internal error; the server log has the details")


# -- ASGI middleware: body limit and response headers ----------------------------------------------

class BodyLimit:
    """Refuses a request body over ``max_bytes`` with 413, counting while it streams in.

    A declared Content-Length over the limit is refused before any of the body is read; a chunked
    body is counted message by message and refused at the first one that passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", ()):
            if key == b"content-length":
                if not value.strip().isdigit():
                    await _error(400, "Content-Length is not a number")(scope, receive, send)
                    return
                if int(value) > self.max_bytes:
                    await self._too_large(int(value))(scope, receive, send)
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise ApiError(413, self._message(seen, "at least "))
            return message

        await self.app(scope, limited, send)

    def _message(self, size: int, qualifier: str = "") -> str:
        return f"request body is {qualifier}{size:,} bytes, over the limit of {self.max_bytes:,}"

    def _too_large(self, size: int) -> Response:
        return _error(413, self._message(size))


class SecurityHeaders:
    """Adds ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy`` to every response."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)


# -- scoring in a bounded thread pool --------------------------------------------------------------

class ScoringPool:
    """Runs scorings in a thread pool: at most ``limit`` in flight, each awaited with a time limit.

    A slot is given back when the scoring itself ends, not when its request gives up waiting, so
    a scoring that overruns its time limit still counts against the cap while it runs.
    """

    def __init__(self, limit: int, threads: int) -> None:
        self.limit = limit
        self._busy = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="scorer")

    @property
    def busy(self) -> int:
        return self._busy

    def _release(self, _future: Future) -> None:
        with self._lock:
            self._busy -= 1

    async def run(self, fn: Callable[[], Any], timeout: float) -> Any:
        with self._lock:
            if self._busy >= self.limit:
                raise ApiError(503, f"server busy: {self.limit} scorings in flight; retry shortly",
                               {"Retry-After": str(RETRY_AFTER_S)})
            self._busy += 1
        try:
            future = self._pool.submit(fn)
        except BaseException:
            self._release(None)  # type: ignore[arg-type]
            raise
        future.add_done_callback(self._release)
        try:
            # A queued scoring whose request times out is cancelled; a running one finishes.
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except asyncio.TimeoutError:
            raise ApiError(504, f"scoring took longer than the limit of {timeout:g} s") from None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# -- the application -------------------------------------------------------------------------------

class Service:
    """The state of one worker process: settings, the scorer and the scoring pool."""

    def __init__(self, config: ServeConfig, scorer: Any = None) -> None:
        self.config = config
        self._scorer = scorer
        self.pool = ScoringPool(config.max_concurrent, config.threads)

    def start(self) -> None:
        """Load the model (once per process) and score a short text to warm the pipeline up."""
        if self._scorer is None:
            from .pipeline import Scorer

            self._scorer = Scorer(self.config.model_path)
        self._scorer.score(_WARM_UP)
        log.info("model %s loaded (sha256 %s)", self.scorer.model.name, self.scorer.model.sha256)

    @property
    def scorer(self) -> Any:
        if self._scorer is None:
            raise ApiError(503, "the model is still loading")
        return self._scorer

    def authorize(self, request: Request, supplied: str | None = None) -> None:
        """Check the bearer token (or a token from the page's form) in constant time."""
        token = self.config.token
        if token is None:
            return
        if supplied is None:
            scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer":
                supplied = ""
        if not hmac.compare_digest(supplied.strip().encode("utf-8", "replace"), token.encode("utf-8")):
            raise ApiError(401, "missing or wrong bearer token", {"WWW-Authenticate": 'Bearer realm="scorer"'})

    def score(self, job: Job) -> Any:
        return self.scorer.score(job.text, warnings=job.warnings, include_text=job.include_text, format="text",
                                 id=job.id, title=job.title, url=job.url)

    async def run(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` (reading, scoring and rendering: all the CPU a request costs) in the pool."""
        try:
            return await self.pool.run(work, self.config.timeout)
        except ScorerError as exc:
            raise ApiError(422, str(exc)) from None

    def score_batch(self, items: list[Any]) -> list[dict[str, Any]]:
        """One record per item, in order: the report dict or ``{"error": "..."}``."""
        out: list[dict[str, Any]] = []
        for i, obj in enumerate(items):
            try:
                out.append(self.score(job_from_object(obj)).to_dict())
            except ApiError as exc:
                out.append({"error": _one_line(exc.detail)})
            except ScorerError as exc:
                out.append({"error": _one_line(str(exc))})
            except Exception:  # one bad article must not lose the others
                log.exception("unexpected error scoring batch item %d", i)
                out.append({"error": "internal error while scoring this article; the server log has the details"})
        return out


def render(report: Any, view: str) -> Response:
    """The report for ``?view=``, byte for byte what `scorer score --format VIEW` prints."""
    body = {"json": report.to_json, "html": report.to_html, "markdown": report.to_markdown, "text": report.to_text}[view]()
    if not body.endswith("\n"):  # the CLI ends its output with a newline
        body += "\n"
    headers = {"Content-Security-Policy": REPORT_CSP} if view == "html" else None
    return Response(body.encode("utf-8"), media_type=VIEWS[view], headers=headers)


def _view(request: Request) -> str:
    view = request.query_params.get("view", "json")
    if view not in VIEWS:
        raise ApiError(400, f"view must be one of {', '.join(VIEWS)}, not {view[:40]!r}")
    return view


class Endpoints:
    """The routes' handlers, sharing one worker's :class:`Service` and settings."""

    def __init__(self, service: Service, config: ServeConfig) -> None:
        self.service = service
        self.config = config

    async def score(self, request: Request) -> Response:
        service, config = self.service, self.config
        service.authorize(request)
        view = _view(request)
        media, params = _article_type(request)
        body = await request.body()
        return await service.run(lambda: render(service.score(job_from_body(body, media, params, config.max_bytes)), view))

    async def batch(self, request: Request) -> Response:
        service, config = self.service, self.config
        service.authorize(request)
        media, _ = _media_type(request)
        if not _is_json(media):
            raise ApiError(415, f"Content-Type {media or '(none)'} is not accepted; send application/json (a list of articles)")
        items = _json_body(await request.body())
        if not isinstance(items, list):
            raise ApiError(422, "batch body must be a JSON list of article objects")
        if len(items) > config.max_batch:
            raise ApiError(413, f"batch has {len(items):,} articles, over the limit of {config.max_batch:,}; split it")
        return await service.run(lambda: Response(json.dumps(service.score_batch(items), ensure_ascii=False).encode("utf-8"),
                                                  media_type="application/json"))

    async def health(self, request: Request) -> Response:
        model = self.service.scorer.model
        return JSONResponse({"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION,
                             "model": {"name": model.name, "sha256": model.sha256}})

    async def schema(self, request: Request) -> Response:
        return JSONResponse(REPORT_SCHEMA)

    async def page(self, request: Request) -> Response:
        return Response(editor_page(token_required=self.config.token is not None), media_type=VIEWS["html"],
                        headers={"Content-Security-Policy": EDITOR_CSP})

    async def _read_form(self, request: Request) -> Any:
        media, _ = _media_type(request)
        if media not in ("multipart/form-data", "application/x-www-form-urlencoded"):
            raise ApiError(415, "the page's form posts multipart/form-data")
        return await request.form(max_files=1, max_fields=8, max_part_size=self.config.max_bytes)

    @staticmethod
    async def _upload(form: Any) -> tuple[bytes | None, str | None]:
        """The uploaded file's bytes and the name to read it by (None, None without an upload)."""
        upload = form.get("file")
        data = name = None
        if upload is not None and not isinstance(upload, str) and upload.filename:
            data = await upload.read()
            # Only the suffix of the uploaded file's name is used, to choose how to read it.
            suffix = PurePosixPath(upload.filename.replace("\\", "/")).suffix.lower()
            name = "upload" + (suffix if suffix in UPLOAD_SUFFIXES else "")
        return data, name

    async def page_post(self, request: Request) -> Response:
        """The form without JavaScript: the page again, the draft kept, the report below it."""
        config, service = self.config, self.service
        token_required = config.token is not None
        draft = ""
        try:
            form = await self._read_form(request)
            text = form.get("text")
            draft = text if isinstance(text, str) else ""
            service.authorize(request, str(form.get("token") or ""))
            data, name = await self._upload(form)
            # Browsers send a textarea's line breaks as CRLF; the script sends LF. Both read the
            # same draft, so both paths show the same report.
            draft = draft.replace("\r\n", "\n")

            def work() -> str:
                if data is not None and name is not None:
                    job, shown = job_from_bytes(data, name, config.max_bytes), None
                else:
                    job, shown = job_from_object({"text": draft}), draft
                report = service.score(job)
                return editor_page(token_required=token_required, draft=job.text if shown is None else shown,
                                   report_html=report.to_html())

            body = await service.run(work)
        except HTTPException as exc:  # ApiError, and Starlette's own for a malformed form
            body = editor_page(token_required=token_required, draft=draft, error=_one_line(exc.detail))
            return Response(body, status_code=exc.status_code, media_type=VIEWS["html"],
                            headers={"Content-Security-Policy": EDITOR_CSP, **(exc.headers or {})})
        return Response(body, media_type=VIEWS["html"], headers={"Content-Security-Policy": EDITOR_CSP})


def create_app(config: ServeConfig | None = None, scorer: Any = None) -> "ScoringApp":
    """The ASGI application.

    Args:
        config: the service's settings (defaults when None).
        scorer: an object with ``score(text, warnings=, include_text=)`` and ``model``; a
            :class:`scorer.Scorer` for ``config.model_path`` is built at start-up when None.
    """
    config = config or ServeConfig()
    service = Service(config, scorer)
    ep = Endpoints(service, config)
    middleware = [Middleware(SecurityHeaders), Middleware(BodyLimit, max_bytes=config.max_bytes)]
    if config.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        middleware.insert(0, Middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                                        allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                                        max_age=600))
    routes = [
        Route("/", ep.page, methods=["GET"]),
        Route("/", ep.page_post, methods=["POST"]),
        Route("/v1/score", ep.score, methods=["POST"]),
        Route("/v1/batch", ep.batch, methods=["POST"]),
        Route("/health", ep.health, methods=["GET"]),
        Route("/v1/schema", ep.schema, methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    return ScoringApp(app, service)


class ScoringApp:
    """The Starlette app behind a lifespan of its own: the model loads at start-up, and a model
    that cannot be loaded fails the start-up with a one-line message (Starlette's lifespan would
    hand uvicorn a traceback)."""

    def __init__(self, app: Starlette, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await asyncio.get_running_loop().run_in_executor(None, self.service.start)
                except ScorerError as exc:
                    await send({"type": "lifespan.startup.failed", "message": f"scorer: error: {_one_line(str(exc))}"})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.service.pool.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


def app_from_env() -> "ScoringApp":
    """The app of one uvicorn worker process, from the settings the CLI put in the environment."""
    return create_app(ServeConfig.from_env())


def run(config: ServeConfig, host: str, port: int, workers: int = 1, log_level: str = "info", access_log: bool = True) -> None:
    """Serve until interrupted: ``workers`` processes, each loading the model once."""
    import uvicorn

    os.environ[CONFIG_ENV] = config.to_env()
    uvicorn.run("scorer.serve:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=access_log, server_header=False, proxy_headers=False)
