"""A small thread-safe metrics registry that renders the Prometheus text exposition format."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

LabelKey = tuple[str, ...]

DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

_log = logging.getLogger(__name__)


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def _escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _escape_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _labels_text(names: Sequence[str], values: Sequence[str], extra: str = "") -> str:
    parts = [f'{n}="{_escape_label(v)}"' for n, v in zip(names, values, strict=True)]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


class _Metric:
    """Shared bookkeeping: a name, help text, label names and one lock."""

    kind = "untyped"

    def __init__(self, name: str, help_text: str, labels: Sequence[str]) -> None:
        self.name = name
        self.help_text = help_text
        self.label_names = tuple(labels)
        self._lock = threading.Lock()

    def _key(self, labels: dict[str, str]) -> LabelKey:
        # A wrong label set is a programming error; failing loudly keeps series consistent.
        if set(labels) != set(self.label_names):
            raise ValueError(
                f"{self.name} takes labels {sorted(self.label_names)}, got {sorted(labels)}"
            )
        return tuple(str(labels[n]) for n in self.label_names)

    def header(self) -> list[str]:
        """The HELP and TYPE lines of this metric."""
        return [
            f"# HELP {self.name} {_escape_help(self.help_text)}",
            f"# TYPE {self.name} {self.kind}",
        ]

    def render(self) -> list[str]:
        """Exposition lines of this metric (header included)."""
        raise NotImplementedError


class _Series(_Metric):
    """A metric holding one float per label combination (counters and gauges)."""

    def __init__(self, name: str, help_text: str, labels: Sequence[str]) -> None:
        super().__init__(name, help_text, labels)
        self._values: dict[LabelKey, float] = {}

    def _add(self, amount: float, labels: dict[str, str]) -> None:
        key = self._key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        """Current value of one series (0 when never touched)."""
        key = self._key(labels)
        with self._lock:
            return self._values.get(key, 0.0)

    def render(self) -> list[str]:
        """Exposition lines of this metric."""
        with self._lock:
            items = sorted(self._values.items())
        lines = self.header()
        lines += [f"{self.name}{_labels_text(self.label_names, k)} {_number(v)}" for k, v in items]
        return lines


class Counter(_Series):
    """A value that only goes up, one series per label combination."""

    kind = "counter"

    def __init__(self, name: str, help_text: str, labels: Sequence[str]) -> None:
        super().__init__(name, help_text, labels)
        if not self.label_names:
            self._values[()] = 0.0  # an unlabelled counter is visible at zero from the start

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        """Add `amount` (never negative) to the series named by `labels`."""
        if amount < 0:
            raise ValueError(f"{self.name} is a counter; it cannot decrease")
        self._add(amount, labels)


class Gauge(_Series):
    """A value that goes up and down; series can be replaced wholesale by a collector."""

    kind = "gauge"

    def set(self, value: float, **labels: str) -> None:
        """Set the series named by `labels` to `value`."""
        key = self._key(labels)
        with self._lock:
            self._values[key] = float(value)

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        """Add `amount` (may be negative) to the series named by `labels`."""
        self._add(amount, labels)

    def replace(self, values: dict[LabelKey, float]) -> None:
        """Swap every series at once, so a state that disappeared stops being reported."""
        for key in values:
            if len(key) != len(self.label_names):
                raise ValueError(f"{self.name} takes {len(self.label_names)} label values")
        with self._lock:
            self._values = dict(values)


class Histogram(_Metric):
    """Observations counted into cumulative buckets, with their sum and count."""

    kind = "histogram"

    def __init__(
        self, name: str, help_text: str, labels: Sequence[str], buckets: Sequence[float]
    ) -> None:
        super().__init__(name, help_text, labels)
        if "le" in self.label_names:
            raise ValueError("'le' is reserved for histogram buckets")
        self.buckets = tuple(sorted(float(b) for b in buckets))
        self._series: dict[LabelKey, tuple[list[int], list[float]]] = {}

    def observe(self, value: float, **labels: str) -> None:
        """Record one observation (for example a duration in seconds)."""
        key = self._key(labels)
        with self._lock:
            counts, total = self._series.setdefault(key, ([0] * (len(self.buckets) + 1), [0.0]))
            for i, bound in enumerate(self.buckets):
                if value <= bound:
                    counts[i] += 1
            counts[-1] += 1  # the +Inf bucket doubles as the observation count
            total[0] += value

    @contextmanager
    def time(self, **labels: str) -> Iterator[None]:
        """Observe the wall-clock seconds spent inside the `with` block."""
        self._key(labels)  # validate before running the block, not after
        start = time.perf_counter()
        try:
            yield
        finally:
            self.observe(time.perf_counter() - start, **labels)

    def count(self, **labels: str) -> int:
        """Number of observations in one series."""
        key = self._key(labels)
        with self._lock:
            series = self._series.get(key)
            return series[0][-1] if series else 0

    def render(self) -> list[str]:
        """Exposition lines of this histogram."""
        with self._lock:
            items = sorted((k, (list(c), t[0])) for k, (c, t) in self._series.items())
        lines = self.header()
        for key, (counts, total) in items:
            bounds = [*self.buckets, math.inf]
            for bound, count in zip(bounds, counts, strict=True):
                le = f'le="{_number(bound)}"'
                lines.append(f"{self.name}_bucket{_labels_text(self.label_names, key, le)} {count}")
            lines.append(f"{self.name}_sum{_labels_text(self.label_names, key)} {_number(total)}")
            lines.append(f"{self.name}_count{_labels_text(self.label_names, key)} {counts[-1]}")
        return lines


Collector = Callable[[], None]


class Registry:
    """Holds metrics by name, runs collectors before rendering, renders the text format."""

    def __init__(self, prefix: str = "newsbot_") -> None:
        self.prefix = prefix
        self._metrics: dict[str, _Metric] = {}
        self._collectors: list[Collector] = []
        self._lock = threading.Lock()
        self.collector_errors = self.counter(
            "metrics_collector_errors_total", "Collectors that failed while rendering /metrics."
        )

    def _add(self, metric: _Metric) -> None:
        with self._lock:
            if metric.name in self._metrics:
                raise ValueError(f"metric {metric.name} is already registered")
            self._metrics[metric.name] = metric

    def counter(self, name: str, help_text: str, labels: Sequence[str] = ()) -> Counter:
        """Register and return a counter called `prefix + name`."""
        metric = Counter(self.prefix + name, help_text, labels)
        self._add(metric)
        return metric

    def gauge(self, name: str, help_text: str, labels: Sequence[str] = ()) -> Gauge:
        """Register and return a gauge called `prefix + name`."""
        metric = Gauge(self.prefix + name, help_text, labels)
        self._add(metric)
        return metric

    def histogram(
        self,
        name: str,
        help_text: str,
        labels: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> Histogram:
        """Register and return a histogram called `prefix + name`."""
        metric = Histogram(self.prefix + name, help_text, labels, buckets)
        self._add(metric)
        return metric

    def add_collector(self, collector: Collector) -> None:
        """Run `collector` before each rendering (it refreshes gauges read from the database)."""
        with self._lock:
            self._collectors.append(collector)

    def remove_collector(self, collector: Collector) -> None:
        """Stop running `collector` (for example when its store closes)."""
        with self._lock:
            if collector in self._collectors:
                self._collectors.remove(collector)

    def render(self) -> str:
        """Run the collectors, then render every metric in the Prometheus text format."""
        with self._lock:
            collectors = list(self._collectors)
        for collector in collectors:
            try:
                collector()
            except Exception:
                # A database hiccup must not take /metrics down with it; the counter shows it.
                _log.exception("metrics collector failed")
                self.collector_errors.inc()
        with self._lock:
            metrics = sorted(self._metrics.values(), key=lambda m: m.name)
        lines: list[str] = []
        for metric in metrics:
            lines += metric.render()
        return "\n".join(lines) + "\n"
