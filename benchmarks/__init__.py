"""Benchmarks: `python -m benchmarks` measures the DESIGN.md §8 figures and writes benchmarks/results.json."""
