"""When personal data is due to leave the kiosk: counted from the county's acknowledgement or the photo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kiosk.domain.retention import (
    UNCLAIMED_PHOTO_TTL,
    Purge,
    RetentionPolicy,
    answers_kept,
    is_due,
)

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def test_acknowledged_data_is_due_exactly_its_retention_days_after_the_acknowledgement() -> None:
    policy = RetentionPolicy(pii_retention_days=30)
    acknowledged = NOW - timedelta(days=30)
    assert is_due(acknowledged, kind=Purge.ACKNOWLEDGED_PII, policy=policy, now=NOW)
    assert not is_due(
        acknowledged + timedelta(seconds=1), kind=Purge.ACKNOWLEDGED_PII, policy=policy, now=NOW
    )


def test_the_county_decides_how_many_days_data_stays() -> None:
    acknowledged = NOW - timedelta(days=8)
    assert is_due(
        acknowledged, kind=Purge.ACKNOWLEDGED_PII, policy=RetentionPolicy(pii_retention_days=7), now=NOW
    )
    assert not is_due(
        acknowledged, kind=Purge.ACKNOWLEDGED_PII, policy=RetentionPolicy(pii_retention_days=30), now=NOW
    )


def test_an_unclaimed_photo_is_due_an_hour_after_it_was_taken_whatever_the_retention_days() -> None:
    policy = RetentionPolicy(pii_retention_days=3650)
    assert timedelta(hours=1) == UNCLAIMED_PHOTO_TTL
    assert is_due(NOW - timedelta(hours=1), kind=Purge.UNCLAIMED_PHOTO, policy=policy, now=NOW)
    assert not is_due(NOW - timedelta(minutes=59), kind=Purge.UNCLAIMED_PHOTO, policy=policy, now=NOW)


def test_a_clock_set_back_makes_nothing_due_early() -> None:
    policy = RetentionPolicy(pii_retention_days=1)
    acknowledged_in_the_future = NOW + timedelta(days=3)  # stamped before the clock was corrected
    assert not is_due(acknowledged_in_the_future, kind=Purge.ACKNOWLEDGED_PII, policy=policy, now=NOW)


def test_times_in_other_offsets_compare_as_moments() -> None:
    policy = RetentionPolicy(pii_retention_days=1)
    acknowledged_utc = (NOW - timedelta(days=1)).astimezone(UTC)
    assert is_due(acknowledged_utc, kind=Purge.ACKNOWLEDGED_PII, policy=policy, now=NOW)


@pytest.mark.parametrize("days", [0, -1])
def test_a_retention_of_less_than_a_day_is_a_bug(days: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        RetentionPolicy(pii_retention_days=days)


def test_only_the_named_answers_stay() -> None:
    answers = {
        "pickup_method": "post",
        "postal_address": "示例县示例镇\n幸福村\n3组15号",
        "id_photos": "ab" * 32,
    }
    assert answers_kept(answers, keep=("pickup_method",)) == {"pickup_method": "post"}
    assert answers_kept({"postal_address": "x"}, keep=("pickup_method",)) == {}
