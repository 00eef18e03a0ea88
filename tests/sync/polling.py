"""Waiting for something that happens on another thread or in another process."""

from __future__ import annotations

import time
from collections.abc import Callable


def eventually(predicate: Callable[[], bool], *, within_s: float = 3.0) -> bool:
    """Poll until `predicate()` is true; False after `within_s`."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
