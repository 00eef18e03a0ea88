"""Run a unit of work in one transaction, retrying from scratch when a concurrent writer won a race."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MAX_ATTEMPTS = 5
# PostgreSQL SQLSTATEs worth retrying: serialization failure, deadlock detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})

T = TypeVar("T")


def is_retryable(error: Exception) -> bool:
    """Tell whether a failed transaction should be retried from scratch."""
    if isinstance(error, IntegrityError):
        return True
    return getattr(getattr(error, "orig", None), "sqlstate", None) in RETRYABLE_SQLSTATES


def in_transaction(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """Return ``work(session)`` once its transaction committed; ApiErrors raised by ``work`` roll back."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with sessions.begin() as session:
                return work(session)
        except (IntegrityError, OperationalError) as error:
            if attempt == MAX_ATTEMPTS or not is_retryable(error):
                raise
            time.sleep(0.01 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover
