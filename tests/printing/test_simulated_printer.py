"""The simulated thermal printer as a host sees it: status answers, split writes, paper out, TCP and serial."""

from __future__ import annotations

import itertools
import socket

import pytest
import serial
from hypothesis import given, settings
from hypothesis import strategies as st

from printing.demo import DEMO_QR_PAYLOAD, demo_receipt
from printing.escpos import STATUS_REQUESTS, parse_status, render_receipt_escpos
from printing.simulated_printer import PrintedReceipt, SimulatedThermalPrinter

RECEIPT_BYTES = render_receipt_escpos(demo_receipt())
ALL_STATUS_REQUESTS = b"".join(STATUS_REQUESTS)


def _printed_once() -> PrintedReceipt:
    """The demo receipt printed on a fresh simulated printer in one write."""
    printer = SimulatedThermalPrinter()
    printer.feed(RECEIPT_BYTES)
    (receipt,) = printer.receipts
    return receipt


REFERENCE = _printed_once()


def _same_paper(receipt: PrintedReceipt, reference: PrintedReceipt = REFERENCE) -> bool:
    """True if two receipts have the same text, QR codes and dots."""
    return (
        receipt.text_lines == reference.text_lines
        and receipt.qr_codes == reference.qr_codes
        and receipt.to_image().tobytes() == reference.to_image().tobytes()
    )


def test_the_receipt_comes_out_readable_and_cut() -> None:
    assert REFERENCE.text_lines[:2] == ["幸福镇便民服务中心", "收件回执"]
    assert "身份证号    330************123X" in REFERENCE.text_lines
    assert REFERENCE.qr_payloads == [DEMO_QR_PAYLOAD]
    assert REFERENCE.cut == "partial"
    assert REFERENCE.to_image().getbbox() is not None


@pytest.mark.parametrize(
    ("condition", "answers", "ready"),
    [
        ({}, (0x12, 0x12, 0x12), True),
        ({"paper_out": True}, (0x1A, 0x32, 0x7E), False),
        ({"cover_open": True}, (0x1A, 0x16, 0x12), False),
        ({"paper_near_end": True}, (0x12, 0x12, 0x1E), True),
        ({"online": False}, (0x1A, 0x12, 0x12), False),
        ({"fault": True}, (0x1A, 0x52, 0x12), False),
    ],
)
def test_status_requests_are_answered_with_epson_bits(
    condition: dict[str, bool], answers: tuple[int, int, int], ready: bool
) -> None:
    printer = SimulatedThermalPrinter()
    for name, value in condition.items():
        setattr(printer, name, value)
    assert printer.feed(ALL_STATUS_REQUESTS) == bytes(answers)
    status = parse_status(*answers)
    assert status.ready is ready
    assert bool(status.error_zh) is (not ready) and bool(status.error_en) is (not ready)


def test_status_text_tells_staff_what_to_do() -> None:
    paper_out = parse_status(0x1A, 0x32, 0x7E)
    assert (paper_out.online, paper_out.paper_out, paper_out.paper_near_end) == (False, True, True)
    assert "缺纸" in paper_out.error_zh and "out of paper" in paper_out.error_en
    cover = parse_status(0x1A, 0x16, 0x12)
    assert cover.cover_open and "纸仓盖" in cover.error_zh and "cover is open" in cover.error_en
    low = parse_status(0x12, 0x12, 0x1E)
    assert low.ready and low.paper_near_end and low.error_zh == ""


@pytest.mark.parametrize(
    "garbled", [(0x00, 0x12, 0x12), (0x12, 0x13, 0x12), (0x12, 0x12, 0x92), (0x12, 0x12, 256)]
)
def test_a_garbled_status_byte_is_refused(garbled: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="not a DLE EOT answer"):
        parse_status(*garbled)


def test_byte_by_byte_writes_print_the_same_receipt() -> None:
    printer = SimulatedThermalPrinter()
    for byte in RECEIPT_BYTES:
        assert printer.feed(bytes((byte,))) == b""
    (receipt,) = printer.receipts
    assert _same_paper(receipt)


@settings(max_examples=15, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0, max_value=len(RECEIPT_BYTES)), max_size=12))
def test_any_split_of_the_stream_prints_the_same_receipt(cuts: list[int]) -> None:
    printer = SimulatedThermalPrinter()
    bounds = [0, *sorted(cuts), len(RECEIPT_BYTES)]
    for start, end in itertools.pairwise(bounds):
        printer.feed(RECEIPT_BYTES[start:end])
    (receipt,) = printer.receipts
    assert _same_paper(receipt)


def test_a_split_status_request_is_answered_when_complete() -> None:
    printer = SimulatedThermalPrinter()
    assert printer.feed(b"\x10") == b""
    assert printer.feed(b"\x04") == b""
    assert printer.feed(b"\x01\x10\x04\x04") == b"\x12\x12"


@pytest.mark.parametrize("condition", ["paper_out", "cover_open"])
def test_nothing_prints_while_the_printer_cannot_and_the_data_waits(condition: str) -> None:
    printer = SimulatedThermalPrinter()
    setattr(printer, condition, True)
    assert printer.feed(RECEIPT_BYTES) == b""
    assert printer.receipts == []
    assert printer.uncut_paper.text_lines == []
    assert printer.waiting_commands > 0
    assert not parse_status(*printer.feed(ALL_STATUS_REQUESTS)).ready  # answered while data waits
    setattr(printer, condition, False)
    (receipt,) = printer.receipts
    assert _same_paper(receipt)
    assert printer.waiting_commands == 0


def test_recovering_with_dle_enq_2_discards_the_waiting_receipt() -> None:
    printer = SimulatedThermalPrinter()
    printer.fault = True
    printer.feed(RECEIPT_BYTES)
    printer.feed(b"\x10\x05\x02")
    assert printer.ready and printer.waiting_commands == 0 and printer.receipts == []


def test_chinese_text_without_fs_ampersand_comes_out_garbled() -> None:
    printer = SimulatedThermalPrinter()
    printer.feed(
        b"\x1b@" + "受理回执".encode("gb18030") + b"\n\x1c&" + "受理回执".encode("gb18030") + b"\n\x1dV\x01"
    )
    (receipt,) = printer.receipts
    assert receipt.text_lines[1] == "受理回执"
    assert receipt.text_lines[0] != "受理回执" and len(receipt.text_lines[0]) == 8  # one symbol per byte


def test_a_gbk_printer_cannot_read_four_byte_gb18030_codes() -> None:
    printer = SimulatedThermalPrinter()
    printer.feed(b"\x1b@\x1c&" + "张𠈌".encode("gb18030") + b"\n\x1dV\x01")
    (receipt,) = printer.receipts
    assert receipt.text_lines[0].startswith("张") and "𠈌" not in receipt.text_lines[0]


def test_an_image_sent_in_the_middle_of_a_line_is_ignored_like_on_a_real_printer() -> None:
    printer = SimulatedThermalPrinter()
    printer.feed(b"\x1b@abc\x1dv0\x00\x01\x00\x01\x00\xff\n\x1dV\x01")
    (receipt,) = printer.receipts
    assert receipt.images == [] and [c.name for c in printer.ignored] == ["GS v 0"]


def test_waiting_for_a_receipt_that_never_comes_times_out() -> None:
    with pytest.raises(TimeoutError, match="0 of 1"):
        SimulatedThermalPrinter().wait_for_receipts(1, timeout=0.05)


def test_network_printer_answers_status_and_prints_on_the_same_socket() -> None:
    printer = SimulatedThermalPrinter()
    with printer.serve_tcp() as endpoint, socket.create_connection(("127.0.0.1", endpoint.port), 5) as client:
        client.sendall(ALL_STATUS_REQUESTS)
        assert parse_status(*_receive(client, 3)).ready
        printer.paper_out = True
        client.sendall(RECEIPT_BYTES[:500])
        client.sendall(RECEIPT_BYTES[500:] + STATUS_REQUESTS[1])
        assert _receive(client, 1) == b"\x32"  # paper-end stop, answered while the receipt waits
        assert printer.receipts == []
        printer.paper_out = False
        (receipt,) = printer.wait_for_receipts(1)
    assert _same_paper(receipt)


def _receive(client: socket.socket, count: int) -> bytes:
    """Read exactly count bytes from the socket."""
    data = b""
    while len(data) < count:
        chunk = client.recv(count - len(data))
        assert chunk, "the printer closed the connection"
        data += chunk
    return data


def test_serial_printer_on_a_pseudo_terminal_works_with_pyserial() -> None:
    printer = SimulatedThermalPrinter()
    with printer.serve_pty() as endpoint, serial.Serial(endpoint.device_path, 115200, timeout=5) as port:
        port.write(ALL_STATUS_REQUESTS)
        assert parse_status(*port.read(3)).ready
        printer.cover_open = True
        port.write(RECEIPT_BYTES + ALL_STATUS_REQUESTS)
        status = parse_status(*port.read(3))
        assert status.cover_open and not status.ready
        printer.cover_open = False
        (receipt,) = printer.wait_for_receipts(1)
    assert _same_paper(receipt)
