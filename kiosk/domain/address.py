"""Address answers: the county and township, the village or community (村/社区) and the rest of the address.

An address answer is stored as one string, its parts separated by line breaks, so the county receives it as
readable text ("示例县示例镇\\n幸福村\\n3组15号") and the parts can be shown and edited apart. The form edits
only the place and the detail ("幸福村\\n3组15号"); the county and township (the `area`) are the kiosk's own,
a fixed prefix the check puts in front, so an address says where the village is.
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


def join_address(place: str, detail: str, *, area: str = "") -> str:
    """One answer from the parts (blank when place and detail are blank; the area only leads a real one)."""
    place, detail, area = place.strip(), detail.strip(), area.strip()
    if not place and not detail:
        return ""
    return SEPARATOR.join((area, place, detail) if area else (place, detail))


def address_parts(answer: str) -> tuple[str, str, str]:
    """The area, the place and the detail of an answer: three lines, or two (no area), or one (all detail)."""
    lines = answer.split(SEPARATOR)
    if len(lines) >= 3:
        area, place, detail = lines[0], lines[1], SEPARATOR.join(lines[2:])
    elif len(lines) == 2:
        area, (place, detail) = "", lines
    else:
        area, place, detail = "", "", answer
    return area.strip(), place.strip(), detail.strip()


def split_address(answer: str) -> tuple[str, str]:
    """The place and the detail of an answer (what the form edits); a one-line answer is all detail."""
    _area, place, detail = address_parts(answer)
    return place, detail


def format_address(answer: str) -> str:
    """The address on one line, as it is read back: "示例县示例镇 幸福村 3组15号"."""
    return " ".join(part for part in address_parts(answer) if part)


def check_address(raw: str, *, max_length: int, area: str = "") -> Checked:
    """Place and detail are needed, without control characters, the detail at most `max_length` long.

    The value leads with `area` (the kiosk's county and township); an answer may already lead with it
    (a checked answer checks again unchanged), any other third line is a broken answer.
    """
    area = area.strip()
    lines = raw.split(SEPARATOR)
    if area and len(lines) >= 3 and lines[0].strip() == area:
        lines = lines[1:]
    place, separator, detail = SEPARATOR.join(lines).partition(SEPARATOR)
    if not separator:
        place, detail = "", place
    place, detail = fold_fullwidth(place).strip(), fold_fullwidth(detail).strip()
    if SEPARATOR in detail or has_forbidden_control(place) or has_forbidden_control(detail):
        return Checked(value="", error=BROKEN_LINES)
    value = join_address(place, detail, area=area)
    return Checked(value=value, error=_problem(place, detail, max_length=max_length))


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
