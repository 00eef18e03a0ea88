"""Promised dates count Chinese working days: holidays are skipped, make-up Saturdays (调休) count."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from kiosk.domain.catalog import Promise
from kiosk.domain.working_days import is_working_day, promised_by, promised_date


def test_national_day_is_skipped_and_its_make_up_saturday_counts() -> None:
    # 2026: 1–7 October off; Saturday 10 October is a working day.
    promised = promised_date(date(2026, 9, 30), Promise(5))
    assert promised.day == date(2026, 10, 13) and not promised.estimated  # 8, 9, 10 (Sat), 12, 13
    assert promised.words().zh == "最迟 2026-10-13" and promised.words().en == "by 2026-10-13"


def test_an_on_the_spot_promise_filed_on_a_holiday_is_the_next_working_day() -> None:
    assert promised_date(date(2026, 10, 3), Promise(0)).day == date(2026, 10, 8)
    assert promised_date(date(2026, 12, 7), Promise(0)).day == date(2026, 12, 7)  # a Monday: that same day


def test_a_filing_on_a_sunday_counts_from_monday() -> None:
    assert promised_date(date(2026, 11, 22), Promise(5)).day == date(2026, 11, 27)


def test_calendar_days_are_simply_added_holidays_included() -> None:
    assert promised_date(date(2026, 9, 30), Promise(15, working=False)).day == date(2026, 10, 15)


def test_a_year_without_a_published_schedule_is_counted_monday_to_friday_and_said_to_be_an_estimate() -> None:
    assert is_working_day(date(2027, 1, 4)) == (True, False)
    promised = promised_date(date(2026, 12, 21), Promise(10))
    assert promised.day == date(2027, 1, 4) and promised.estimated
    assert promised.words().zh.startswith("预计最迟 2027-01-04") and "about 2027-01-04" in promised.words().en


def test_a_negative_promise_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        promised_date(date(2026, 12, 7), Promise(-1))


def test_the_promise_counts_from_the_kiosks_local_day_of_the_filing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CST-8")  # China Standard Time, in POSIX form (needs no tzdata)
    time.tzset()
    try:
        late_friday_in_utc = datetime(2026, 12, 11, 16, 30, tzinfo=UTC)  # 00:30 on Saturday in Beijing
        words = promised_by(Promise(0), late_friday_in_utc)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert words is not None and words.zh == "最迟 2026-12-14"  # filed on Saturday there: Monday
    assert promised_by(None, late_friday_in_utc) is None
