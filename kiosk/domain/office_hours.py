"""Office hours of the service centre, written as "1-5 08:30-12:00,14:00-17:30" (ISO weekdays, then times)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from kiosk.domain.errors import ValidationError

_DAYS = re.compile(r"^([1-7])(?:-([1-7]))?$")
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The weekdays (1 = Monday) and the opening spans of each of them."""

    weekdays: frozenset[int]
    spans: tuple[tuple[time, time], ...]

    def is_open(self, at: datetime) -> bool:
        """True when `at` (in its own local time) falls on an office day inside an opening span."""
        if at.isoweekday() not in self.weekdays:
            return False
        clock_time = at.time().replace(tzinfo=None)
        return any(start <= clock_time < end for start, end in self.spans)


def _bad(text: str) -> ValidationError:
    return ValidationError(
        f"工作时间格式无效：{text!r}，应类似 1-5 08:30-12:00,14:00-17:30",
        f"Office hours are malformed: {text!r}; write e.g. 1-5 08:30-12:00,14:00-17:30",
    )


def parse_office_hours(text: str) -> OfficeHours:
    """Parse "DAYS SPAN[,SPAN...]": days "1-5" or "6", spans "HH:MM-HH:MM" that do not run past midnight."""
    parts = text.split()
    if len(parts) != 2:
        raise _bad(text)
    days = _DAYS.match(parts[0])
    if days is None:
        raise _bad(text)
    first = int(days[1])
    last = int(days[2] or days[1])
    if last < first:
        raise _bad(text)
    spans = []
    for chunk in parts[1].split(","):
        span = _SPAN.match(chunk)
        if span is None:
            raise _bad(text)
        start = time(int(span[1]), int(span[2]))
        end = time(int(span[3]), int(span[4]))
        if end <= start:
            raise _bad(text)
        spans.append((start, end))
    return OfficeHours(weekdays=frozenset(range(first, last + 1)), spans=tuple(spans))
