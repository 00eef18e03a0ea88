"""The 收件回执 says who handles the filing, by when, how the result is collected and what to bring."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from db.models import Filing
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.receipts import receipt_for_filing, render_receipt_document
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings
from printing.receipt import Field, Footer
from tests.support.clock import ManualClock, china_time


@pytest.fixture
def kiosk_on_30_september(monkeypatch: pytest.MonkeyPatch) -> Iterator[KioskRuntime]:
    monkeypatch.setenv("BIANMIN_HELP_PHONE", "0571-8888 1234")
    runtime = open_kiosk(load_settings(), clock=ManualClock(china_time(2026, 9, 30, 10)))
    try:
        yield runtime
    finally:
        runtime.close()


def _fields(kiosk: KioskRuntime, code: str, **overrides: str) -> tuple[dict[str, str], list[str]]:
    service = kiosk.catalog.service(code)
    filing = submit_filing(kiosk, service_code=code, answers=demo_answers(service, overrides))
    receipt = receipt_for_filing(kiosk, filing.filing_id)
    fields = {block.label: block.value for block in receipt.blocks() if isinstance(block, Field)}
    footers = [block.text for block in receipt.blocks() if isinstance(block, Footer)]
    return fields, footers


def _filing_ids(kiosk: KioskRuntime) -> list[str]:
    with kiosk.sessions() as session:
        return list(session.scalars(select(Filing.id)))


def test_the_receipt_names_the_department_the_promised_date_collection_and_a_phone(
    kiosk_on_30_september: KioskRuntime,
) -> None:
    fields, footers = _fields(kiosk_on_30_september, "SS-001")
    assert fields["承办部门"] == "乡镇人力资源和社会保障服务所"
    assert fields["承诺时限"] == "即时办结（最迟 2026-09-30）"  # filed on a working day: that day
    assert "到本中心窗口领取" in fields["领取方式"]
    assert "身份证原件" in fields["领取时携带"]
    assert fields["咨询电话"] == "0571-8888 1234"
    assert (
        "本回执证明您已在本终端提交申请" in footers and "不代表已受理，是否受理以承办部门通知为准" in footers
    )


def test_a_collection_chosen_on_the_form_is_what_the_receipt_says(
    kiosk_on_30_september: KioskRuntime,
) -> None:
    fields, _ = _fields(kiosk_on_30_september, "EL-003", pickup_method="village_delivery")
    assert fields["领取方式"] == "由村（社区）代为送达"
    assert fields["承诺时限"] == "10个工作日（最迟 2026-10-20）"  # 8, 9, 10 (调休 Saturday), 12–16, 19, 20


def test_without_a_configured_phone_the_receipt_sends_the_citizen_to_the_staff_and_prints_no_number(
    kiosk: KioskRuntime,
) -> None:
    assert kiosk.settings.help_phone == "", "the shipped settings name no centre phone"
    fields, _ = _fields(kiosk, "SS-001")
    assert "咨询电话" not in fields
    assert fields["咨询"] == "请到服务窗口询问工作人员"

    (filing_id,) = _filing_ids(kiosk)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "install poppler-utils (scripts/setup.sh)"
    pdf = render_receipt_document(kiosk, filing_id).path
    printed = " ".join(  # one line of words, wherever the 80 mm paper wrapped them
        subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "请到服务窗口询问工作人员" in printed and "Ask the staff at the service window" in printed
    assert "咨询电话" not in printed and "示例号码" not in printed and "0000" not in printed
