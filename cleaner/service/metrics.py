"""Prometheus metrics, one CollectorRegistry per app so apps (and tests) never share counts.

With several uvicorn workers each worker exposes its own counts; scrape each, or sum.
"""
from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

# Cleaning a seed-sized article takes a few ms; the buckets resolve that and the tail.
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ServiceMetrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "cleaner_http_requests", "HTTP requests by route and status",
            ["method", "route", "status"], registry=self.registry,
        )
        self.latency = Histogram(
            "cleaner_http_request_duration_seconds", "HTTP request latency",
            ["method", "route"], buckets=_LATENCY_BUCKETS, registry=self.registry,
        )
        self.documents = Counter(
            "cleaner_documents", "Documents processed, by outcome (ok or an error code)",
            ["outcome"], registry=self.registry,
        )
        self.removed = Counter(
            "cleaner_removed_spans", "Removed spans by rule code",
            ["rule"], registry=self.registry,
        )
        self.input_bytes = Counter(
            "cleaner_input_bytes", "Bytes of document input received", registry=self.registry,
        )

        # labels() takes a lock and builds a key on every call; the children it returns
        # are kept here, one per label set (routes, statuses, outcomes and rule codes are
        # bounded sets), so a request touches each in a dict lookup.
        self._children: dict[tuple, object] = {}

    def _child(self, metric, *labels: str):
        key = (id(metric), *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self._child(self.requests, method, route, str(status)).inc()
        self._child(self.latency, method, route).observe(seconds)

    def observe_document(self, outcome: str, removed_by_rule: dict[str, int] | None = None) -> None:
        self._child(self.documents, outcome).inc()
        for rule, count in (removed_by_rule or {}).items():
            self._child(self.removed, rule).inc(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)
