"""Elder mode says every prompt, error and result aloud (what the speaker is asked to say), and normal mode nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.ui.idle import IdleWatch
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.speaker import Speaker

from .conftest import KioskUi
from .forms import go_to_review, open_form, pad_keys

SERVICE = "SS-003"
SPEECH_DELAY_MS = 400  # a page is said once it has settled (Main.qml's speakTimer)


@pytest.fixture
def spoken(ui: KioskUi) -> Iterator[list[str]]:
    """Everything the kiosk asks its speaker to say, in order."""
    speaker = ui.window.property("speaker")
    assert isinstance(speaker, Speaker)
    said: list[str] = []
    speaker.spoken.connect(said.append)
    yield said
    speaker.spoken.disconnect(said.append)


def _said(spoken: list[str], *parts: str) -> str:
    """The one utterance since the last check that holds every part (waiting for it); the list is emptied."""
    try:
        wait_until(lambda: any(all(part in text for part in parts) for text in spoken), timeout_ms=3000)
    except TimeoutError:
        raise AssertionError(f"never said {parts}: {spoken}") from None
    said = next(text for text in spoken if all(part in text for part in parts))
    spoken.clear()
    return said


def test_normal_mode_says_nothing(ui: KioskUi, spoken: list[str]) -> None:
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_for_page(ui.window)
    find_item(ui.window, "searchField").setProperty("text", "量子计算机")
    wait_until(lambda: bool(find_items(ui.window, "noMatchText")))
    settle(2 * SPEECH_DELAY_MS)
    assert spoken == []


def test_elder_mode_says_each_prompt_error_and_result_from_home_to_the_receipt(
    ui: KioskUi, spoken: list[str]
) -> None:
    window = ui.window
    tap(window, find_item(window, "elderTile"))
    _said(spoken, "请问您要办理什么")

    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    _said(spoken, "请选择")
    find_item(window, "searchField").setProperty("text", "量子计算机")
    nothing_found = _said(spoken, "量子计算机", "求助")
    assert nothing_found == find_item(window, "noMatchText").property("text")
    tap(window, find_item(window, "backButton"))
    wait_for_page(window)
    spoken.clear()

    open_form(ui, SERVICE)  # through the guide, which reads out what to bring and the time limit
    service = ui.kiosk.catalog.service(SERVICE)
    assert any(
        "申请材料：" in text and service.guide.materials[0].text.zh in text and "承诺时限" in text
        for text in spoken
    )
    spoken.clear()

    tap(window, find_item(window, "field_applicant_id_number"))  # a field says what it asks as it is tapped
    _said(spoken, "公民身份号码")
    pad_keys(window, "123")
    tap(window, find_item(window, "submitButton"))
    first_problem = _said(spoken, "请按提示修改标红的内容", "申请人姓名")
    assert find_item(window, "error_applicant_name").property("text") in first_problem
    tap(window, find_item(window, "submitButton"))  # the same problems again: said again
    _said(spoken, "请按提示修改标红的内容", "申请人姓名")

    for key, value in demo_answers(service).items():
        ui.vm.setAnswer(key, value)
    go_to_review(ui)
    _said(spoken, "请核对")
    tap(window, find_item(window, "confirmButton"))
    wait_until(lambda: bool(find_items(window, "voucherCode")))
    voucher = str(find_item(window, "voucherCode").property("text"))
    receipt = _said(spoken, "已提交（待受理）", " ".join(voucher))
    assert "凭证" in receipt


def test_elder_mode_says_the_idle_warning_and_the_discard_question(ui: KioskUi, spoken: list[str]) -> None:
    window = ui.window
    tap(window, find_item(window, "elderTile"))
    open_form(ui, SERVICE)
    ui.vm.setAnswer("applicant_name", "张三")
    tap(window, find_item(window, "homeButton"))
    _said(spoken, "确定放弃填写", "清除")
    tap(window, find_item(window, "keepFillingButton"))
    idle = window.property("idle")
    assert isinstance(idle, IdleWatch)
    idle.timeout_s, idle.warning_s = 1, 30  # elder mode doubles both: 2 s of quiet, then 60 s of countdown
    idle.restart()
    warning = _said(spoken, "还在吗", "60")  # the countdown as it starts
    assert warning.count("秒") == 1, "said once as it opens, not at every tick"


def test_elder_mode_says_a_look_up_result_and_a_look_up_problem(ui: KioskUi, spoken: list[str]) -> None:
    window = ui.window
    service = ui.kiosk.catalog.service(SERVICE)
    filing = submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    tap(window, find_item(window, "elderTile"))
    tap(window, find_item(window, "lookupTile"))
    wait_for_page(window)
    spoken.clear()
    ui.vm.lookup("ZZZZ-ZZZZ-ZZZZ")  # not a voucher of this kiosk: the problem is said
    _said(spoken, ui.vm.message)
    ui.vm.lookup(filing.voucher_display)
    wait_until(lambda: bool(find_items(window, "lookupNextStep")))
    result = _said(spoken, service.name.zh, "承诺时限")
    assert str(find_item(window, "lookupNextStep").property("text")) in result
