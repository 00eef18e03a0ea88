"""求助 (help) requests: the reasons a citizen can pick, checks that keep personal data out, what happens next.

A help request names only the screen the citizen was on (an identifier the UI supplies) and an optional
reason code from a fixed set: never free text, so nothing typed by a person can end up in it. The help button
must never fail a frightened citizen, so a missing or malformed screen id is recorded as "unknown" (not
refused, not kept); an unknown reason code or channel is a bug of the caller and is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.domain.catalog import Text
from kiosk.domain.errors import ValidationError

GOVERNMENT_HOTLINE = "12345"
CHANNELS = ("self", "assisted")
UNKNOWN_SCREEN = "unknown"
_SCREEN = re.compile(r"[A-Za-z][A-Za-z0-9_./-]{0,63}")


@dataclass(frozen=True, slots=True)
class HelpReason:
    """A reason a citizen can pick when calling for help."""

    code: str
    label: Text


HELP_REASONS: tuple[HelpReason, ...] = (
    HelpReason("cannot_find_service", Text("找不到要办的事项", "I cannot find the service I need")),
    HelpReason("form_trouble", Text("不会填写表单", "I need help with the form")),
    HelpReason("printer", Text("没有打印出回执", "The receipt did not print")),
    HelpReason("other", Text("其他问题", "Something else")),
)
_REASON_CODES = frozenset(reason.code for reason in HELP_REASONS)


@dataclass(frozen=True, slots=True)
class ValidHelpRequest:
    """A help request that passed every check; `reason` is None when the citizen chose none."""

    screen: str
    reason: str | None
    channel: str


def validate_help_request(*, screen: str, reason: str, channel: str) -> ValidHelpRequest:
    """Check the reason code ("" for none) and the channel (raises ValidationError); a bad screen id is "unknown"."""
    if not isinstance(screen, str) or _SCREEN.fullmatch(screen) is None:
        screen = UNKNOWN_SCREEN
    if not isinstance(reason, str) or (reason and reason not in _REASON_CODES):
        raise ValidationError("求助原因不在可选范围内", "Unknown help reason.", field="reason")
    if channel not in CHANNELS:
        raise ValidationError("求助渠道无效", "The channel of the help request is invalid.", field="channel")
    return ValidHelpRequest(screen=screen, reason=reason or None, channel=channel)


def help_what_next(*, in_office_hours: bool, help_phone: str) -> Text:
    """What the citizen is told after calling for help: honest about when staff will see it, and whom to call.

    `help_phone` is the centre's configured number, "" when none is set: then only the real hotline is given
    and the citizen is sent to the staff at the window (during office hours) or told when they are there.
    """
    if in_office_hours:
        zh = "您的求助已记录。终端联网时会立即通知工作人员，工作人员会尽快来帮助您。"
        en = (
            "Your call for help is recorded. Staff are notified as soon as this terminal is online "
            "and will come to help you as soon as they can."
        )
    else:
        zh = "您的求助已记录。现在是非工作时间，工作人员上班后会跟进处理。"
        en = "Your call for help is recorded. It is outside office hours; staff will follow it up when the office opens."
    call_zh = f"如需马上得到帮助，请拨打政务服务便民热线 {GOVERNMENT_HOTLINE}"
    call_en = f"For help right now, call the government service hotline {GOVERNMENT_HOTLINE}"
    if help_phone:
        then_zh = f"。您也可以拨打服务中心电话 {help_phone}。"
        then_en = f". You can also call the service centre on {help_phone}."
    elif in_office_hours:
        then_zh = "，或到服务窗口询问工作人员。"
        then_en = ", or ask the staff at the service window."
    else:
        then_zh = "；工作时间也可到服务窗口询问工作人员。"
        then_en = "; during office hours you can also ask the staff at the service window."
    return Text(zh=f"{zh}{call_zh}{then_zh}", en=f"{en} {call_en}{then_en}")
