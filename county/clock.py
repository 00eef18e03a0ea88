"""The server's notion of now (aware UTC datetimes; Unix seconds for the wire)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def unix_now() -> int:
    """Return the current Unix time in whole seconds (``X-Bianmin-Server-Time``)."""
    return int(time.time())
