"""`kiosk-admin print-test`, `reprint` and `printer` as a technician runs them."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from kiosk.admin.cli import main as kiosk_admin
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.printer_setup import PRINTOUTS_DIR_NAME
from kiosk.services.runtime import open_kiosk
from kiosk.settings import default_data_dir, load_settings


def _data_dir() -> Path:
    return default_data_dir(os.environ)


def _file_one() -> SubmittedFiling:
    kiosk = open_kiosk(load_settings())
    try:
        service = kiosk.catalog.services[0]
        return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    finally:
        kiosk.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_print_test_on_the_default_printer_writes_a_test_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_admin(["print-test"]) == 0
    out = capsys.readouterr().out
    assert "测试页已打印 / test page printed" in out
    assert "未知" in out and "unknown" in out, "a folder cannot tell whether it has paper"
    assert [p.name for p in (_data_dir() / PRINTOUTS_DIR_NAME).iterdir()] == ["TEST-PRNT-0000-01.pdf"]


def test_print_test_on_an_unreachable_printer_fails_with_both_languages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BIANMIN_PRINTER", f"escpos-tcp:127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("BIANMIN_PRINTER_TIMEOUT_S", "2")
    assert kiosk_admin(["print-test"]) == 1
    out = capsys.readouterr().out
    assert (
        "测试页没有打印" in out
        and "无法连接网络打印机" in out
        and "Cannot connect to the network printer" in out
    )


def test_a_bad_printer_setting_stops_every_command_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BIANMIN_PRINTER", "escpos-serial:/dev/ttyS0:1234")
    assert kiosk_admin(["printer"]) == 2
    err = capsys.readouterr().err
    assert "打印机设置" in err and "baud rate must be one of" in err
    assert not (_data_dir() / "kiosk.db").exists(), "nothing was opened or created"


def test_reprint_by_voucher_code_prints_and_the_queue_shows_it(capsys: pytest.CaptureFixture[str]) -> None:
    filing = _file_one()
    assert kiosk_admin(["reprint", filing.voucher_display]) == 0
    out = capsys.readouterr().out
    assert "reprint" in out and filing.filing_id in out and "已重新打印 / reprinted" in out
    printed = sorted(p.name for p in (_data_dir() / PRINTOUTS_DIR_NAME).iterdir())
    assert printed == [f"{filing.voucher_display}-01.pdf"]

    assert kiosk_admin(["printer"]) == 0
    out = capsys.readouterr().out
    assert "file:" in out
    assert "abandoned" in out, "the original job, replaced by the reprint, is listed"


def test_reprint_that_cannot_print_keeps_the_job_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    filing = _file_one()
    monkeypatch.setenv("BIANMIN_PRINTER", f"escpos-tcp:127.0.0.1:{_closed_port()}")
    assert kiosk_admin(["reprint", filing.filing_id]) == 1
    out = capsys.readouterr().out
    assert (
        "failed" in out
        and "offline" in out
        and "任务已保留 / the receipt did not print; the job is kept" in out
    )
    assert kiosk_admin(["printer"]) == 0
    listing = capsys.readouterr().out
    assert "离线 / offline" in listing and "next attempt" in listing


def test_reprint_of_an_unknown_voucher_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_admin(["reprint", "AAAA-BBBB-CCCC"]) == 2
    assert capsys.readouterr().err.strip()
