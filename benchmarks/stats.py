"""Percentiles and timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def time_calls(fn: Callable[[], object], *, repeat: int, warmup: int = 5) -> list[float]:
    """Wall-clock milliseconds of `repeat` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summarise(samples_ms: list[float]) -> dict[str, float]:
    """p50, p99, mean and count of a list of milliseconds."""
    ordered = sorted(samples_ms)
    p99_index = min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[p99_index], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
        "n": len(ordered),
    }
