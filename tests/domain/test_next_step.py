"""What the citizen does next, from the filing's state and the service's guide: never decided in QML."""

from __future__ import annotations

import pytest

from kiosk.domain.catalog import Text
from kiosk.domain.next_step import Stage, next_step, stage_of

COLLECT = Text(zh="到本中心窗口领取", en="collect it at this centre's window")
BRING = Text(zh="本回执和身份证原件", en="This receipt and your original ID card")


@pytest.mark.parametrize(
    ("status", "sent", "stage"),
    [
        (None, False, Stage.NOT_SENT),
        (None, True, Stage.AWAITING_ACCEPTANCE),
        ("  ", True, Stage.AWAITING_ACCEPTANCE),
        ("已受理", True, Stage.IN_PROGRESS),
        ("办理中", True, Stage.IN_PROGRESS),
        ("未办结", True, Stage.IN_PROGRESS),
        ("办结", True, Stage.FINISHED),
        ("approved", True, Stage.FINISHED),
        ("需补正材料", True, Stage.NEEDS_MORE),
        ("不予受理", True, Stage.REFUSED),
        ("Rejected", True, Stage.REFUSED),
        ("转办", True, Stage.OTHER),
    ],
)
def test_the_county_status_is_sorted_into_a_stage(status: str | None, sent: bool, stage: Stage) -> None:
    assert stage_of(county_status=status, sent=sent) is stage


def test_a_finished_filing_says_how_and_with_what_to_collect() -> None:
    step = next_step(Stage.FINISHED, collection=COLLECT, collect_with=BRING)
    assert step.zh == "已办结：到本中心窗口领取，携带本回执和身份证原件。"
    assert (
        step.en == "Done: collect it at this centre's window; bring this receipt and your original ID card."
    )


def test_waiting_says_who_acts_next_and_a_lost_receipt_is_no_obstacle() -> None:
    step = next_step(Stage.NOT_SENT, collection=COLLECT, collect_with=BRING, receipt_lost=True)
    assert "等待承办部门受理" in step.zh and "身份证原件" in step.zh and "回执遗失" in step.zh
    assert "wait for the department to accept it" in step.en and "lost receipt" in step.en


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_has_words_in_both_languages(stage: Stage) -> None:
    step = next_step(stage, collection=None, collect_with=None)
    assert step.zh and step.en and step.zh != step.en
