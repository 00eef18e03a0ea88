"""What a citizen does next with a filing, in plain words, from its state and its service's guide.

The county's status is free text set by the department (受理, 办理中, 办结, 补正, 不予受理, or an English word
such as "approved"); it is sorted into a few stages by the words it holds. A status no word names is
passed over calmly: the citizen is told to follow the department's notice or ask at this centre's window.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.domain.catalog import Text


class Stage(StrEnum):
    """Where a filing stands, as far as the next step is concerned."""

    NOT_SENT = "not_sent"  # still on this kiosk, waiting for the network
    AWAITING_ACCEPTANCE = "awaiting_acceptance"  # the county has it; no decision yet
    IN_PROGRESS = "in_progress"  # accepted, being handled
    NEEDS_MORE = "needs_more"  # the department asks for more material (补正)
    REFUSED = "refused"  # not accepted, or refused
    FINISHED = "finished"  # done: the result can be collected
    OTHER = "other"  # a status this rule does not know


# Checked in this order: 不予受理 holds 受理, 未办结 holds 办结.
_STATUS_WORDS: tuple[tuple[Stage, tuple[str, ...]], ...] = (
    (Stage.REFUSED, ("不予", "退回", "驳回", "拒绝", "未通过", "reject", "refus", "denied", "declin")),
    (Stage.NEEDS_MORE, ("补正", "补齐", "补交", "补充", "补件", "supplement", "more material")),
    (
        Stage.IN_PROGRESS,
        ("未办结", "办理中", "审核中", "审批中", "处理中", "progress", "review", "processing"),
    ),
    (
        Stage.FINISHED,
        ("办结", "办完", "完成", "通过", "已批准", "可领取", "approved", "complet", "done", "finish"),
    ),
    (Stage.IN_PROGRESS, ("受理", "accept")),
)


def stage_of(*, county_status: str | None, sent: bool) -> Stage:
    """The stage of a filing from the county's status (None: none yet) and whether the county has it."""
    if county_status is None or not county_status.strip():
        return Stage.AWAITING_ACCEPTANCE if sent else Stage.NOT_SENT
    status = county_status.strip().lower()
    for stage, words in _STATUS_WORDS:
        if any(word in status for word in words):
            return stage
    return Stage.OTHER


_LOST_RECEIPT = Text(
    zh="回执遗失不影响办理，领取时带身份证原件，向窗口说明即可。",
    en="A lost receipt does not stop the filing: bring your original ID card and tell the window.",
)
_NOTICE = Text(
    zh="承办部门会以短信或电话通知您，请保持手机畅通。",
    en="The department will tell you by text message or phone; keep your phone on.",
)


def _collect(collection: Text | None, collect_with: Text | None) -> Text:
    """How and with what the result is collected, from the service's guide (a general sentence without)."""
    how = collection or Text(
        zh="按承办部门的通知到本中心窗口领取办理结果",
        en="collect the result at this centre's window as notified",
    )
    if collect_with is None:
        return Text(zh=f"{how.zh}。", en=f"{how.en}.")
    return Text(
        zh=f"{how.zh}，携带{collect_with.zh}。", en=f"{how.en}; bring {_lower_first(collect_with.en)}."
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def next_step(
    stage: Stage,
    *,
    collection: Text | None,
    collect_with: Text | None,
    receipt_lost: bool = False,
) -> Text:
    """The next thing the citizen does, in both languages (``receipt_lost``: found without the receipt)."""
    collect = _collect(collection, collect_with)
    if stage is Stage.NOT_SENT:
        step = Text(
            zh=f"申请已保存在本机，联网后自动送到县级中心，请等待承办部门受理。{_NOTICE.zh}",
            en=f"Your application is saved on this kiosk and goes to the county by itself once the network is "
            f"back; wait for the department to accept it. {_NOTICE.en}",
        )
    elif stage is Stage.AWAITING_ACCEPTANCE:
        step = Text(
            zh=f"县级中心已收到申请，请等待承办部门受理。{_NOTICE.zh}",
            en=f"The county has your application; wait for the department to accept it. {_NOTICE.en}",
        )
    elif stage is Stage.IN_PROGRESS:
        step = Text(
            zh=f"承办部门正在办理，请在承诺时限内等候通知。办结后{collect.zh}",
            en=f"The department is handling it; wait for its notice within the promised time. "
            f"When it is done, {collect.en}",
        )
    elif stage is Stage.FINISHED:
        step = Text(zh=f"已办结：{collect.zh}", en=f"Done: {collect.en}")
    elif stage is Stage.NEEDS_MORE:
        step = Text(
            zh="承办部门需要您补充材料：请按上面的说明备齐材料，带身份证原件到本中心窗口提交。",
            en="The department needs more material: bring what the note above asks for, with your original "
            "ID card, to this centre's window.",
        )
    elif stage is Stage.REFUSED:
        step = Text(
            zh="申请未获受理或未通过：原因见上面的说明，如有疑问请带身份证到本中心窗口咨询。",
            en="The application was not accepted or not approved: see the note above for why; with questions, "
            "bring your ID card to this centre's window.",
        )
    else:
        step = Text(
            zh=f"请留意承办部门的通知；如有疑问请到本中心窗口咨询，或点“求助”。{_NOTICE.zh}",
            en=f"Watch for the department's notice; with questions, ask at this centre's window or tap Help. "
            f"{_NOTICE.en}",
        )
    if receipt_lost:
        return Text(zh=f"{step.zh}{_LOST_RECEIPT.zh}", en=f"{step.en} {_LOST_RECEIPT.en}")
    return step
