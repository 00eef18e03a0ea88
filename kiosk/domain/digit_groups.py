"""Long numbers in groups a person can check at a glance: ID numbers 6-8-4, mobile numbers 3-4-4."""

from __future__ import annotations

from collections.abc import Sequence

ID_NUMBER_GROUPS = (6, 8, 4)  # region, birth date, sequence and check character
MOBILE_GROUPS = (3, 4, 4)  # network, area, subscriber
SEPARATOR = " "


def group_id_number(raw: str) -> str:
    """An ID number as typed so far, grouped: 110105 19491231 002X (any spaces typed are ignored)."""
    return _grouped(raw, ID_NUMBER_GROUPS)


def group_mobile(raw: str) -> str:
    """A mobile number as typed so far, grouped: 138 1234 5678."""
    return _grouped(raw, MOBILE_GROUPS)


def _grouped(raw: str, sizes: Sequence[int]) -> str:
    """Split the characters (whitespace dropped) into groups of `sizes`; any excess stays in the last group."""
    chars = "".join(char for char in raw if not char.isspace())
    groups, start = [], 0
    for index, size in enumerate(sizes):
        end = len(chars) if index == len(sizes) - 1 else start + size
        if start >= len(chars):
            break
        groups.append(chars[start:end])
        start = end
    return SEPARATOR.join(groups)
