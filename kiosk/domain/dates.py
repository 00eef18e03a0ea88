"""Choosing a date by touch: year, month and day stepped up or down, never giving an impossible date.

A step moves one part and keeps the others; the day shrinks to the month's last day when needed (31 May,
one month back, is 30 April), and the result stays between EARLIEST and today (dates in forms are never
in the future). With no date chosen yet, the first step moves from `start` (today by default).
"""

from __future__ import annotations

import calendar
import datetime
from enum import StrEnum

EARLIEST = datetime.date(1900, 1, 1)


class DatePart(StrEnum):
    """The part of a date a stepper moves."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def step_date(
    current: datetime.date | None,
    part: DatePart,
    delta: int,
    *,
    today: datetime.date,
    start: datetime.date | None = None,
) -> datetime.date:
    """The date after moving `part` by `delta`; months wrap within the year, days within the month."""
    if current is None:
        current = _clamp(start or today, today)
    year, month, day = current.year, current.month, current.day
    if part is DatePart.YEAR:
        year = min(max(year + delta, EARLIEST.year), today.year)
    elif part is DatePart.MONTH:
        month = (month - 1 + delta) % 12 + 1
    else:
        day = (day - 1 + delta) % _days_in(year, month) + 1
    return _clamp(datetime.date(year, month, min(day, _days_in(year, month))), today)


def parse_iso_date(text: str) -> datetime.date | None:
    """The date of a stored YYYY-MM-DD answer, or None when it is blank or not a date."""
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _clamp(date: datetime.date, today: datetime.date) -> datetime.date:
    return min(max(date, EARLIEST), today)
