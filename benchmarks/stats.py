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


def time_side_by_side(
    figure: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int,
    blocks: int = 3,
    warmup: int = 5,
) -> tuple[list[float], list[float]]:
    """Milliseconds of `repeat` calls of each, in alternating blocks so that a passing load hits both alike."""
    figures: list[float] = []
    baselines: list[float] = []
    for _ in range(blocks):
        baselines += time_calls(baseline, repeat=repeat // blocks, warmup=warmup)
        figures += time_calls(figure, repeat=repeat // blocks, warmup=warmup)
    return figures, baselines


def p50_ratio(figure: dict[str, float], baseline: dict[str, float]) -> float:
    """How many times the baseline's median the figure's median is."""
    return round(figure["p50_ms"] / max(baseline["p50_ms"], 1e-6), 2)
