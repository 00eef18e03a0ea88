"""Sentinel personal data for tests that search the store's files for it, and the encodings searched."""

from __future__ import annotations

from kiosk.services.demo_answers import demo_id_number
from kiosk.services.rating import rate_filing
from kiosk.services.runtime import KioskRuntime

SENTINEL_NAME = "哨兵甲乙"
SENTINEL_ID = demo_id_number(region="440305", birth="19770707", serial="777")
SENTINEL_PHONE = "13987650123"
SENTINEL_TEXT = "SENTINELTEXT机密"
SENTINEL_COMMENT = "SENTINELCOMMENT评语"
SENTINEL_CALLBACK = "13611112222"


def encodings(value: str) -> list[bytes]:
    """The ways a program could have written `value` to a file."""
    return [value.encode("utf-8"), value.encode("utf-16-le"), value.encode("gb18030", errors="ignore")]


def rate_with_sentinels(kiosk: KioskRuntime, filing_id: str) -> str:
    """Rate a filing 非常不满意 with the sentinel comment and call-back number; returns the rating id."""
    return rate_filing(
        kiosk,
        filing_id=filing_id,
        level=1,
        reasons=["other"],
        comment=SENTINEL_COMMENT,
        callback_phone=SENTINEL_CALLBACK,
    )
