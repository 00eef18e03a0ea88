"""Promised dates (承诺时限) counted in Chinese working days: the State Council's holidays and make-up days (调休).

The holiday schedule comes from the `chinesecalendar` package, which follows each year's notice of the General
Office of the State Council. A year it does not know yet (the notice comes out around November) is counted
Monday to Friday, and the date is marked as estimated, so the kiosk never states such a date as certain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar

from kiosk.domain.catalog import Promise, Text

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PromisedDate:
    """The last day of a promise; ``estimated`` when a day counted lies in a year of unknown holidays."""

    day: date
    estimated: bool = False

    def words(self) -> Text:
        """The date as the receipt and the screen say it: "最迟 2026-12-14" / "by 2026-12-14"."""
        shown = self.day.isoformat()
        if self.estimated:
            return Text(
                zh=f"预计最迟 {shown}，遇节假日顺延",
                en=f"about {shown}, later if holidays fall in between",
            )
        return Text(zh=f"最迟 {shown}", en=f"by {shown}")


def is_working_day(day: date) -> tuple[bool, bool]:
    """Whether ``day`` is a working day, and whether the holiday schedule of its year is known."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:  # a year the package has no notice for yet
        return day.weekday() < 5, False


def promised_date(filed_on: date, promise: Promise) -> PromisedDate:
    """The day by which the department promises a result for a filing made on ``filed_on``.

    Working days are counted from the day after the filing (a filing made at night or on a holiday is the
    department's on its next working day); a promise of 0 working days (即时办结) is that next working day,
    or the filing day itself when it is one. Calendar days are simply added.
    """
    if promise.days < 0:
        raise ValueError(f"a promise cannot be negative: {promise.days}")
    if not promise.working:
        return PromisedDate(filed_on + timedelta(days=promise.days))
    day, remaining = filed_on, promise.days
    working, all_known = is_working_day(day)
    while remaining > 0 or not working:  # 0 days left: stop on the first working day
        day += _ONE_DAY
        working, known = is_working_day(day)
        all_known = all_known and known
        if working and remaining > 0:
            remaining -= 1
            working = remaining == 0  # a counted day ends the count only when it is the last one
    return PromisedDate(day, estimated=not all_known)


def promised_by(promise: Promise | None, filed_at: datetime) -> Text | None:
    """The day a result is promised by for a filing made at ``filed_at``, in words; None without a count."""
    if promise is None:
        return None
    return promised_date(filed_at.astimezone().date(), promise).words()


def promise_in_words(time_limit: Text, by: Text | None) -> Text:
    """The time limit with its date: "5个工作日（最迟 2026-12-14）" / "5 working days (by 2026-12-14)"."""
    if by is None:
        return time_limit
    return Text(zh=f"{time_limit.zh}（{by.zh}）", en=f"{time_limit.en} ({by.en})")
