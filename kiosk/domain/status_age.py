"""How old the filing status a kiosk shows is, in plain words: "5 分钟前" / "5 minutes ago"."""

from __future__ import annotations

from datetime import datetime

from kiosk.domain.catalog import Text

NEVER_HEARD = Text(zh="本机尚未收到县级中心的办理进度", en="This kiosk has not heard from the county yet")
AWAITING_ACCEPTANCE = Text(zh="已提交（待受理）", en="Submitted, awaiting acceptance")
"""A filing's progress until the county sends the department's decision (受理 is theirs, not the kiosk's)."""


def _ago(count: int, zh_unit: str, en_unit: str) -> Text:
    plural = "" if count == 1 else "s"
    return Text(zh=f"{count} {zh_unit}前", en=f"{count} {en_unit}{plural} ago")


def age_in_words(since: datetime, now: datetime) -> Text:
    """``now - since`` as a person says it; a time ahead of ``now`` (clock skew) reads as just now."""
    seconds = int((now - since).total_seconds())
    if seconds < 60:
        return Text(zh="刚刚", en="just now")
    if seconds < 3600:
        return _ago(seconds // 60, "分钟", "minute")
    if seconds < 86400:
        return _ago(seconds // 3600, "小时", "hour")
    return _ago(seconds // 86400, "天", "day")


def status_freshness(last_heard: datetime | None, now: datetime) -> Text:
    """The line under a looked-up status: when this kiosk last heard from the county."""
    if last_heard is None:
        return NEVER_HEARD
    age = age_in_words(last_heard, now)
    return Text(
        zh=f"进度信息：{age.zh}更新（以本机最近一次与县级中心同步为准）",
        en=f"Progress as of {age.en} (the last time this kiosk heard from the county)",
    )
