"""The five 好差评 (service rating) levels, the reasons for a bad rating, and validation of one rating.

Decisions: reasons and a callback phone number belong to bad ratings only (anything else is refused,
not silently dropped); choosing "other" needs a comment; duplicate reasons are merged. A bad rating with a
phone number is called back within CALLBACK_WORKING_DAYS working days (差评100%回访; the county's promise,
written here once so the thank-you screen and the county agree); one without is followed up anonymously.
A counter service (一次一评) names its window (窗口号, 1–3 digits, 1–999) and may name the member of staff (工号,
3–10 digits, leading zeros kept: they are part of the number); nothing but digits is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from kiosk.domain.catalog import Text
from kiosk.domain.chars import has_forbidden_control
from kiosk.domain.errors import ValidationError
from kiosk.domain.help_request import GOVERNMENT_HOTLINE
from kiosk.domain.masking import mask_mobile
from kiosk.domain.phone import check_mobile

MAX_COMMENT_LENGTH = 300
OTHER_REASON = "other"
CALLBACK_WORKING_DAYS = 3
MAX_WINDOW_DIGITS = 3
STAFF_DIGITS = (3, 10)


class RatingLevel(IntEnum):
    """One of the five national 好差评 levels; 5 is best."""

    VERY_SATISFIED = 5
    SATISFIED = 4
    FAIRLY_SATISFIED = 3
    DISSATISFIED = 2
    VERY_DISSATISFIED = 1

    @property
    def zh(self) -> str:
        """The Chinese label."""
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _LABELS[self][1]

    @property
    def is_bad(self) -> bool:
        """True for the two 差评 levels (dissatisfied, very dissatisfied)."""
        return self <= RatingLevel.DISSATISFIED


_LABELS = {
    RatingLevel.VERY_SATISFIED: ("非常满意", "Very satisfied"),
    RatingLevel.SATISFIED: ("满意", "Satisfied"),
    RatingLevel.FAIRLY_SATISFIED: ("基本满意", "Fairly satisfied"),
    RatingLevel.DISSATISFIED: ("不满意", "Dissatisfied"),
    RatingLevel.VERY_DISSATISFIED: ("非常不满意", "Very dissatisfied"),
}


@dataclass(frozen=True, slots=True)
class RatingReason:
    """A reason tag a person can pick for a bad rating."""

    code: str
    zh: str
    en: str


BAD_RATING_REASONS: tuple[RatingReason, ...] = (
    RatingReason("long_wait", "等候时间长", "Long waiting time"),
    RatingReason("unclear_guide", "办事指南不清楚", "The service guide is unclear"),
    RatingReason("too_many_materials", "材料要求多", "Too many documents required"),
    RatingReason("device_fault", "设备故障", "The terminal did not work properly"),
    RatingReason("staff_attitude", "服务态度差", "Poor staff attitude"),
    RatingReason("not_done", "事项未办成", "The matter was not completed"),
    RatingReason(OTHER_REASON, "其他", "Other"),
)
_REASON_CODES = frozenset(reason.code for reason in BAD_RATING_REASONS)


@dataclass(frozen=True, slots=True)
class ValidRating:
    """A rating that passed every rule, with the comment trimmed and the phone number normalised."""

    level: RatingLevel
    reasons: tuple[str, ...]
    comment: str
    callback_phone: str | None


def validate_rating(
    *, level: int, reasons: Sequence[str], comment: str, callback_phone: str | None
) -> ValidRating:
    """Check one rating; raises ValidationError (with `field` set) for the first broken rule."""
    rating_level = _level(level)
    reason_codes = _reasons(rating_level, reasons)
    clean_comment = _comment(comment)
    if OTHER_REASON in reason_codes and not clean_comment:
        raise ValidationError(
            "选择“其他”时请简要写明原因",
            "Please describe the problem briefly when choosing “Other”.",
            field="comment",
        )
    return ValidRating(
        level=rating_level,
        reasons=reason_codes,
        comment=clean_comment,
        callback_phone=_callback_phone(rating_level, callback_phone),
    )


def _level(level: int) -> RatingLevel:
    if isinstance(level, int) and not isinstance(level, bool):
        for member in RatingLevel:
            if member.value == level:
                return member
    raise ValidationError("请选择 1 至 5 星的评价", "Please choose a rating from 1 to 5.", field="level")


def _reasons(level: RatingLevel, reasons: Sequence[str]) -> tuple[str, ...]:
    if isinstance(reasons, str) or not isinstance(reasons, Sequence):
        raise ValidationError("评价原因格式无效", "The rating reasons are malformed.", field="reasons")
    if any(not isinstance(code, str) or code not in _REASON_CODES for code in reasons):
        raise ValidationError("评价原因不在可选范围内", "Unknown rating reason.", field="reasons")
    codes = tuple(dict.fromkeys(reasons))
    if not level.is_bad:
        if codes:
            raise ValidationError(
                "只有“不满意”或“非常不满意”时才需要选择原因",
                "Reasons are only chosen for a “Dissatisfied” or “Very dissatisfied” rating.",
                field="reasons",
            )
        return ()
    if not codes:
        raise ValidationError(
            "请至少选择一项不满意的原因",
            "Please choose at least one reason for the bad rating.",
            field="reasons",
        )
    return codes


def _comment(comment: str) -> str:
    if not isinstance(comment, str):
        raise ValidationError("评价内容格式无效", "The comment is malformed.", field="comment")
    text = comment.replace("\r\n", "\n").replace("\r", "\n").strip()
    if has_forbidden_control(text, allow_newline=True):
        raise ValidationError(
            "评价内容中含有不可见的控制字符",
            "The comment contains invisible control characters.",
            field="comment",
        )
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            f"评价内容最多 {MAX_COMMENT_LENGTH} 字，现在是 {len(text)} 字",
            f"The comment has at most {MAX_COMMENT_LENGTH} characters; it has {len(text)}.",
            field="comment",
        )
    return text


def _callback_phone(level: RatingLevel, callback_phone: str | None) -> str | None:
    if callback_phone is None or (isinstance(callback_phone, str) and not callback_phone.strip()):
        return None
    if not isinstance(callback_phone, str):
        raise ValidationError(
            "回访电话格式无效", "The callback phone number is malformed.", field="callback_phone"
        )
    if not level.is_bad:
        raise ValidationError(
            "只有差评才可以留下回访电话",
            "A callback phone number can only be left with a bad rating.",
            field="callback_phone",
        )
    checked = check_mobile(callback_phone)
    if checked.error is not None:
        raise ValidationError(checked.error.zh, checked.error.en, field="callback_phone")
    return checked.value


@dataclass(frozen=True, slots=True)
class Counter:
    """The counter (窗口) a service was received at, and the member of staff when the citizen knows the number."""

    window_no: str
    staff_no: str | None = None


def validate_counter(*, window_no: str, staff_no: str = "") -> Counter:
    """Check a window number (required) and a staff number (optional); raises ValidationError with `field` set."""
    window = window_no.strip() if isinstance(window_no, str) else ""
    if not window:
        raise ValidationError(
            "请填写为您办理的窗口号", "Please enter the number of the counter.", field="window_no"
        )
    if not (window.isascii() and window.isdigit()) or len(window) > MAX_WINDOW_DIGITS or int(window) == 0:
        raise ValidationError(
            f"窗口号是 1 至 {MAX_WINDOW_DIGITS} 位数字，例如 3",
            f"The counter number has 1 to {MAX_WINDOW_DIGITS} digits, for example 3.",
            field="window_no",
        )
    staff = staff_no.strip() if isinstance(staff_no, str) else ""
    low, high = STAFF_DIGITS
    if staff and (not (staff.isascii() and staff.isdigit()) or not low <= len(staff) <= high):
        raise ValidationError(
            f"工号是 {low} 至 {high} 位数字，不知道可以不填",
            f"The staff number has {low} to {high} digits; leave it empty if you do not know it.",
            field="staff_no",
        )
    return Counter(window_no=str(int(window)), staff_no=staff or None)


def counter_words(counter: Counter) -> Text:
    """The counter as the rating screen names it: 3 号窗口 · 工号 10086."""
    if counter.staff_no is None:
        return Text(zh=f"{counter.window_no} 号窗口", en=f"Counter {counter.window_no}")
    return Text(
        zh=f"{counter.window_no} 号窗口 · 工号 {counter.staff_no}",
        en=f"Counter {counter.window_no} · staff no. {counter.staff_no}",
    )


def callback_offer() -> Text:
    """What a bad rating's optional phone number is for, said before it is typed."""
    return Text(
        zh=f"如需回访，请留下手机号码，工作人员会在 {CALLBACK_WORKING_DAYS} 个工作日内给您回电。不留也可以提交。",
        en=f"If you would like a call back, leave your mobile number: a member of staff will call you within "
        f"{CALLBACK_WORKING_DAYS} working days. You can also submit without it.",
    )


def rating_what_next(rating: ValidRating, *, masked_phone: str | None = None) -> Text:
    """The thank-you after a rating: what happens next, honestly (a call-back only when a phone was left).

    `masked_phone` is the filing's own number (already masked) when the citizen chose it for the call-back.
    """
    if not rating.level.is_bad:
        return Text(
            zh="感谢您的评价！您的评价会帮助我们把服务做得更好。",
            en="Thank you for your rating. It helps us make our services better.",
        )
    phone = mask_mobile(rating.callback_phone) if rating.callback_phone else masked_phone
    if phone:
        return Text(
            zh=f"感谢您的反馈。工作人员会在 {CALLBACK_WORKING_DAYS} 个工作日内拨打 {phone} 回访，"
            "了解情况并告诉您处理结果。",
            en=f"Thank you for telling us. A member of staff will call you on {phone} within "
            f"{CALLBACK_WORKING_DAYS} working days to hear what happened and tell you what was done.",
        )
    return Text(
        zh="感谢您的反馈。您的意见已记录，会转给相关部门核实改进。"
        f"如想了解处理结果，可拨打政务服务便民热线 {GOVERNMENT_HOTLINE}。",
        en="Thank you for telling us. Your feedback is recorded and will be passed to the department "
        f"concerned to look into. To hear what was done, call the government service hotline {GOVERNMENT_HOTLINE}.",
    )
