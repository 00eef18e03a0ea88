"""Address answers: the village or community (村/社区) and the rest of the address, kept as two parts.

An address answer is stored as one string, the place and the detail separated by a line break, so the
county receives it as readable text ("幸福村\\n3组15号") and the two parts can be shown and edited apart.
"""

from __future__ import annotations

from kiosk.domain.chars import fold_fullwidth, has_forbidden_control
from kiosk.domain.validation import Checked, Problem

SEPARATOR = "\n"
MAX_PLACE_LENGTH = 30

NO_PLACE = Problem("请选择或填写村（社区）", "Please choose or enter your village or community.")
BROKEN_LINES = Problem(
    "地址中有多余的换行或看不见的控制字符，请重新输入",
    "The address has extra line breaks or invisible control characters; please enter it again.",
)
NO_DETAIL = Problem(
    "请填写门牌号等详细地址，例如“3组15号”", "Please enter the rest of the address, e.g. “Group 3, No. 15”."
)


def join_address(place: str, detail: str) -> str:
    """One answer from the two parts (blank when both are blank)."""
    place, detail = place.strip(), detail.strip()
    return f"{place}{SEPARATOR}{detail}" if place or detail else ""


def split_address(answer: str) -> tuple[str, str]:
    """The place and the detail of an answer; a one-line answer is all detail."""
    place, separator, detail = answer.partition(SEPARATOR)
    if not separator:
        return "", answer.strip()
    return place.strip(), detail.strip()


def format_address(answer: str) -> str:
    """The address on one line, as it is read back: "幸福村 3组15号"."""
    return " ".join(part for part in split_address(answer) if part)


def check_address(raw: str, *, max_length: int) -> Checked:
    """Both parts are needed; neither may hold control characters; the detail is at most `max_length`."""
    place, detail = (fold_fullwidth(part) for part in split_address(raw))
    if SEPARATOR in detail or has_forbidden_control(place) or has_forbidden_control(detail):
        return Checked(value="", error=BROKEN_LINES)
    return Checked(value=join_address(place, detail), error=_problem(place, detail, max_length=max_length))


def _problem(place: str, detail: str, *, max_length: int) -> Problem | None:
    if not place:
        return NO_PLACE
    if len(place) > MAX_PLACE_LENGTH:
        return Problem(
            f"村（社区）名称最多 {MAX_PLACE_LENGTH} 个字",
            f"The village name takes at most {MAX_PLACE_LENGTH} characters.",
        )
    if not detail:
        return NO_DETAIL
    if len(detail) > max_length:
        return Problem(
            f"详细地址最多 {max_length} 个字，现在是 {len(detail)} 个",
            f"The rest of the address takes at most {max_length} characters; {len(detail)} given.",
        )
    return None
