"""Office hours from the settings: what counts as open, and malformed values refused with a clear message."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.office_hours import parse_office_hours
from kiosk.settings import load_settings
from tests.support.clock import china_time


def test_open_on_office_days_inside_the_spans_only() -> None:
    hours = parse_office_hours("1-5 08:30-12:00,14:00-17:30")
    wednesday = (2026, 11, 25)
    assert hours.is_open(china_time(*wednesday, 8, 30))
    assert hours.is_open(china_time(*wednesday, 11, 59))
    assert not hours.is_open(china_time(*wednesday, 12, 0)), "lunch break"
    assert not hours.is_open(china_time(*wednesday, 17, 30))
    assert not hours.is_open(china_time(2026, 11, 28, 10, 0)), "Saturday"
    assert parse_office_hours("6 09:00-12:00").is_open(china_time(2026, 11, 28, 10, 0))


@pytest.mark.parametrize(
    "text",
    ["", "08:30-17:30", "1-5", "5-1 08:30-17:30", "1-8 08:30-17:30", "1-5 17:30-08:30", "1-5 8:30-17:30"],
)
def test_malformed_office_hours_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_office_hours(text)
    assert "工作时间格式无效" in info.value.zh and "1-5 08:30-12:00,14:00-17:30" in info.value.en


def test_a_malformed_setting_stops_the_kiosk_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIANMIN_HELP_OFFICE_HOURS", "weekdays 9 to 5")
    with pytest.raises(KioskError) as info:
        load_settings()
    assert info.value.en.startswith("help_office_hours:")
