"""The date and time on the home screen, in Chinese or English."""

from __future__ import annotations

from datetime import datetime

WEEKDAYS_ZH = ("一", "二", "三", "四", "五", "六", "日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def clock_text(now: datetime, language: str) -> str:
    """2026年11月22日 星期日 14:05, or Sunday 22 November 2026 14:05 (no locale database needed)."""
    if language == "zh_CN":
        return f"{now.year}年{now.month}月{now.day}日 星期{WEEKDAYS_ZH[now.weekday()]} {now:%H:%M}"
    return f"{WEEKDAYS_EN[now.weekday()]} {now.day} {MONTHS_EN[now.month - 1]} {now.year} {now:%H:%M}"
