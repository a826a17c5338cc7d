"""Settings of ``scorer serve``, apart from the service so that the CLI can read them without the extra."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from .ingest import DEFAULT_MAX_BYTES

# Scorings in flight (running or queued for the thread pool) per worker process before a request
# is turned away with 503. Scoring is CPU-bound under one GIL, so a queue only adds latency: 32
# typical articles (about 4 ms each on this project's machine) wait at most ~0.15 s, and 32 covers
# 16 keep-alive clients landing unevenly on two workers (the load test in scripts/benchmark.py).
MAX_CONCURRENT = 32
# Threads that score per worker process. Two, not one, so that one long article (5 MB scores in
# seconds) does not hold up every short one behind it; more buy nothing under the GIL.
SCORING_THREADS = 2
# Seconds a request may take, queueing included, before it gets a 504. A 5 MB article, the body
# limit, scores in well under 10 s here; 30 s leaves room on a loaded machine.
REQUEST_TIMEOUT_S = 30.0
# Articles in one /v1/batch request. A batch is one scoring job (one slot, one time limit): 100
# typical articles take about half a second; larger sets belong to `scorer batch` or several calls.
MAX_BATCH_ITEMS = 100
# Seconds a client turned away for capacity is asked to wait (Retry-After): a queue of 32 drains
# in well under a second, so one second is enough without inviting a thundering herd.
RETRY_AFTER_S = 1
# The environment variable that carries the configuration to worker processes (uvicorn starts
# each worker from an import string, so the settings cannot be passed as arguments).
CONFIG_ENV = "SCORER_SERVE_CONFIG"
# The bearer token, when not given with --token (an environment variable keeps it out of `ps`).
TOKEN_ENV = "SCORER_TOKEN"


@dataclass(frozen=True)
class ServeConfig:
    """Settings of one service (each worker process builds its app from the same settings)."""

    model_path: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_batch: int = MAX_BATCH_ITEMS
    max_concurrent: int = MAX_CONCURRENT
    threads: int = SCORING_THREADS
    timeout: float = REQUEST_TIMEOUT_S
    token: str | None = None
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_batch", "max_concurrent", "threads"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.token is not None and not self.token:
            raise ValueError("the token must not be empty")

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> "ServeConfig":
        raw = os.environ.get(CONFIG_ENV)
        if not raw:
            return cls(token=os.environ.get(TOKEN_ENV) or None)
        d = json.loads(raw)
        d["cors_origins"] = tuple(d.get("cors_origins") or ())
        return cls(**d)
