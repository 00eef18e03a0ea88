"""Printer backends: the `printer` setting, ESC/POS over TCP, serial and usblp device files, file output."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from printing.backends.base import UNKNOWN_BUT_ONLINE, printer_state_code
from printing.backends.cups import CupsBackend
from printing.backends.errors import (
    CoverOpenError,
    PaperOutError,
    PrinterFaultError,
    PrinterNotFoundError,
    PrinterOfflineError,
    PrinterSettingError,
)
from printing.backends.escpos_serial import EscposSerialBackend
from printing.backends.escpos_tcp import EscposNetworkBackend
from printing.backends.escpos_usb import EscposUsbBackend
from printing.backends.factory import backend_from_settings
from printing.backends.file import FileBackend
from printing.backends.simulated import SimulatedBackend
from printing.backends.spec import parse_printer_setting
from printing.receipt import Receipt
from printing.simulated_printer import SimulatedThermalPrinter
from printing.status import PrinterStatus

from .conftest import FILING_NUMBER, MASKED_ID, PAYLOAD, SERVICE_ZH, Poppler, base_receipt


def _make(value: str, tmp_path: Path) -> object:
    return backend_from_settings(value, default_directory=tmp_path / "printed", timeout_s=2.0)


@pytest.mark.parametrize(
    ("value", "kind", "attributes"),
    [
        ("simulated", SimulatedBackend, {}),
        ("file", FileBackend, {"format": "pdf"}),
        ("file:/srv/receipts", FileBackend, {"directory": Path("/srv/receipts"), "format": "pdf"}),
        ("file-escpos:/srv/bytes", FileBackend, {"format": "escpos"}),
        ("cups:Receipt_80", CupsBackend, {"queue_name": "Receipt_80", "paper": "80mm"}),
        ("cups-a4:Office", CupsBackend, {"queue_name": "Office", "paper": "A4"}),
        ("escpos-tcp:192.0.2.7", EscposNetworkBackend, {"host": "192.0.2.7", "port": 9100}),
        ("escpos-tcp:printer.lan:9101", EscposNetworkBackend, {"host": "printer.lan", "port": 9101}),
        ("escpos-serial:/dev/ttyS0", EscposSerialBackend, {"device": "/dev/ttyS0", "baudrate": 19200}),
        ("escpos-serial:/dev/ttyUSB1:115200", EscposSerialBackend, {"baudrate": 115200}),
        ("escpos-usb", EscposUsbBackend, {"device": "/dev/usb/lp0"}),
        ("escpos-usb:/dev/usb/lp1", EscposUsbBackend, {"device": "/dev/usb/lp1"}),
    ],
)
def test_each_printer_setting_makes_its_backend(
    value: str, kind: type, attributes: dict[str, object], tmp_path: Path
) -> None:
    backend = _make(value, tmp_path)
    assert isinstance(backend, kind)
    for name, expected in attributes.items():
        assert getattr(backend, name) == expected
    assert parse_printer_setting(backend.description).kind == parse_printer_setting(value).kind


def test_a_bare_file_printer_writes_into_the_default_folder(tmp_path: Path) -> None:
    backend = _make("file", tmp_path)
    assert isinstance(backend, FileBackend) and backend.directory == tmp_path / "printed"


@pytest.mark.parametrize(
    ("value", "reason_en"),
    [
        ("laser", "unknown printer kind"),
        ("", "unknown printer kind"),
        ("simulated:x", "takes no parameters"),
        ("file:relative/dir", "absolute path"),
        ("cups:", "queue name"),
        ("cups:-o evil", "queue name"),
        ("escpos-tcp:", "host name"),
        ("escpos-tcp:host:http", "must be a number"),
        ("escpos-tcp:host:70000", "between 1 and 65535"),
        ("escpos-serial:ttyS0", "under /dev/"),
        ("escpos-serial:/dev/ttyS0:12345", "baud rate must be one of"),
        ("escpos-usb:/tmp/lp0", "under /dev/"),
    ],
)
def test_a_bad_printer_setting_is_explained_in_both_languages(
    value: str, reason_en: str, tmp_path: Path
) -> None:
    with pytest.raises(PrinterSettingError) as info:
        _make(value, tmp_path)
    assert "打印机设置" in info.value.zh and "无效" in info.value.zh
    assert reason_en in info.value.en and "Valid forms" in info.value.en
    assert not (tmp_path / "printed").exists(), "a bad setting opens and creates nothing"


def test_an_unknown_printer_charset_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PrinterSettingError) as info:
        backend_from_settings("simulated", default_directory=tmp_path, charset="Big5")
    assert "printer_charset" in info.value.zh and "GB18030" in info.value.en


@pytest.mark.parametrize(
    ("status", "reports", "code"),
    [
        (PrinterStatus.from_flags(online=True), True, "ok"),
        (PrinterStatus.from_flags(online=True, paper_near_end=True), True, "paper_low"),
        (PrinterStatus.from_flags(online=False, paper_out=True), True, "paper_out"),
        (PrinterStatus.from_flags(online=False, cover_open=True), True, "cover_open"),
        (PrinterStatus.from_flags(online=False, fault=True), True, "fault"),
        (PrinterStatus.from_flags(online=False), True, "offline"),
        (UNKNOWN_BUT_ONLINE, False, "unknown"),
    ],
)
def test_status_codes_for_the_heartbeat(status: PrinterStatus, reports: bool, code: str) -> None:
    assert printer_state_code(status, reports_status=reports) == code
    assert len(code) <= 32  # the heartbeat's limit


# -- ESC/POS against the simulated printer's front-ends ------------------------------------------------


@contextmanager
def _escpos_backend(
    kind: str, printer: SimulatedThermalPrinter
) -> Iterator[EscposNetworkBackend | EscposSerialBackend | EscposUsbBackend]:
    if kind == "tcp":
        with printer.serve_tcp() as endpoint:
            yield EscposNetworkBackend("127.0.0.1", endpoint.port, timeout_s=5)
    elif kind == "serial":
        with printer.serve_pty() as endpoint:
            yield EscposSerialBackend(endpoint.device_path, 115200, timeout_s=5)
    else:  # a pty stands in for /dev/usb/lp0: the same open/poll/read/write a usblp node gets
        with printer.serve_pty() as endpoint:
            yield EscposUsbBackend(endpoint.device_path, timeout_s=5)


CONDITIONS: list[tuple[str, type[Exception], str]] = [
    ("paper_out", PaperOutError, "缺纸"),
    ("cover_open", CoverOpenError, "纸仓盖"),
    ("fault", PrinterFaultError, "故障"),
]


@pytest.mark.parametrize("kind", ["tcp", "serial", "usb"])
def test_escpos_refuses_a_printer_that_cannot_print_then_prints_a_receipt_that_parses_back(kind: str) -> None:
    printer = SimulatedThermalPrinter()
    receipt = base_receipt()
    with _escpos_backend(kind, printer) as backend:
        for condition, error, zh in CONDITIONS:
            setattr(printer, condition, True)
            assert not backend.status().ready
            with pytest.raises(error) as info:
                backend.print_receipt(receipt)
            assert zh in info.value.zh and info.value.en
            setattr(printer, condition, False)
        assert printer.waiting_commands == 0 and printer.receipts == [], (
            "nothing was sent while it could not print"
        )
        printer.online = False
        with pytest.raises(PrinterOfflineError):
            backend.print_receipt(receipt)
        printer.online = True

        assert backend.status().ready
        backend.print_receipt(receipt)
        paper = printer.wait_for_receipts(1)[0]
    text = "\n".join(paper.text_lines)
    assert paper.qr_payloads == [PAYLOAD]
    assert FILING_NUMBER in text and SERVICE_ZH in text and MASKED_ID in text


def test_a_network_printer_nobody_listens_on_is_offline() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        backend = EscposNetworkBackend("127.0.0.1", port, timeout_s=2)
        with pytest.raises(PrinterOfflineError) as info:
            backend.status()
    assert "无法连接" in info.value.zh and f"127.0.0.1:{port}" in info.value.en


def test_a_network_device_that_never_answers_status_requests_is_offline() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        accepted: list[socket.socket] = []
        thread = threading.Thread(target=lambda: accepted.append(server.accept()[0]))
        thread.start()
        backend = EscposNetworkBackend("127.0.0.1", server.getsockname()[1], timeout_s=0.3)
        with pytest.raises(PrinterOfflineError) as info:
            backend.print_receipt(base_receipt())
        thread.join()
        for connection in accepted:
            assert connection.recv(100) == b"\x10\x04\x01", "only the status request was sent, no receipt"
            connection.close()
    assert "没有应答" in info.value.zh and "does not answer" in info.value.en


@pytest.mark.parametrize(
    "make", [lambda: EscposSerialBackend("/dev/no-such-tty"), lambda: EscposUsbBackend("/dev/usb/no-such-lp")]
)
def test_a_missing_device_file_is_not_found(
    make: Callable[[], EscposSerialBackend | EscposUsbBackend],
) -> None:
    with pytest.raises(PrinterNotFoundError) as info:
        make().status()
    assert "找不到打印机设备" in info.value.zh and "not found" in info.value.en


# -- files ----------------------------------------------------------------------------------------------


def test_the_file_printer_keeps_every_print_as_a_readable_pdf(tmp_path: Path, poppler: Poppler) -> None:
    backend = FileBackend(tmp_path / "out")
    assert backend.status() == UNKNOWN_BUT_ONLINE and not backend.reports_status
    backend.print_receipt(base_receipt())
    backend.print_receipt(base_receipt())  # a reprint
    first, second = sorted((tmp_path / "out").iterdir())
    assert (first.name, second.name) == (f"{FILING_NUMBER}-01.pdf", f"{FILING_NUMBER}-02.pdf")
    text = poppler.text(first)
    assert SERVICE_ZH in text and MASKED_ID in text


def test_the_escpos_file_printer_writes_bytes_the_printer_would_get(tmp_path: Path) -> None:
    receipt: Receipt = base_receipt()
    FileBackend(tmp_path, format="escpos").print_receipt(receipt)
    printer = SimulatedThermalPrinter()
    printer.feed((tmp_path / f"{FILING_NUMBER}-01.bin").read_bytes())
    assert printer.receipts[0].qr_payloads == [PAYLOAD]


def test_an_unwritable_folder_makes_the_file_printer_offline(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(PrinterOfflineError) as info:
        FileBackend(blocker / "out").print_receipt(base_receipt())
    assert "无法写入" in info.value.zh and "Cannot write" in info.value.en
