"""The age of a looked-up status in plain words, in both languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.domain.status_age import NEVER_HEARD, age_in_words, status_freshness

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ago", "zh", "en"),
    [
        (timedelta(seconds=59), "刚刚", "just now"),
        (timedelta(minutes=1), "1 分钟前", "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "59 分钟前", "59 minutes ago"),
        (timedelta(hours=3, minutes=5), "3 小时前", "3 hours ago"),
        (timedelta(days=1), "1 天前", "1 day ago"),
        (timedelta(days=12), "12 天前", "12 days ago"),
        (timedelta(minutes=-5), "刚刚", "just now"),  # the kiosk clock was behind: never "in 5 minutes"
    ],
)
def test_age_reads_as_a_person_says_it(ago: timedelta, zh: str, en: str) -> None:
    age = age_in_words(NOW - ago, NOW)
    assert (age.zh, age.en) == (zh, en)


def test_freshness_names_the_age_or_says_the_county_was_never_heard() -> None:
    assert status_freshness(None, NOW) == NEVER_HEARD
    line = status_freshness(NOW - timedelta(hours=2), NOW)
    assert "2 小时前" in line.zh and "2 hours ago" in line.en
