"""A health check for load balancers and monitoring; also the baseline the benchmarks compare to."""

from __future__ import annotations

from flask import Blueprint

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    """Answer 'ok' without touching the database."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
