"""The receipt screen: its QR reads back as the signed voucher; out of paper, a calm message, Reprint works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from kiosk.services.demo_answers import demo_answers
from kiosk.services.runtime import open_kiosk
from kiosk.settings import load_settings
from kiosk.ui.app import build_ui, load_shipped_font
from kiosk.ui.probe import find_item, tap, wait_for_page, wait_until
from printing.backends.simulated import SimulatedBackend
from printing.simulated_printer import SimulatedThermalPrinter

from .conftest import KioskUi


@pytest.fixture
def printer() -> SimulatedThermalPrinter:
    """The kiosk's thermal printer, simulated, with its paper roll empty."""
    printer = SimulatedThermalPrinter()
    printer.paper_out = True
    return printer


@pytest.fixture
def ui_with_printer(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printer: SimulatedThermalPrinter
) -> Iterator[KioskUi]:
    """The kiosk UI printing on the simulated printer."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    load_shipped_font()
    kiosk = open_kiosk(load_settings())
    handle = build_ui(kiosk, windowed=True, printer=SimulatedBackend(printer))
    handle.window.resize(1280, 800)
    wait_for_page(handle.window)
    try:
        yield KioskUi(kiosk, handle.viewmodel, handle.window)
    finally:
        handle.close()
        kiosk.close()


def _text(ui: KioskUi, name: str) -> str:
    item: QQuickItem = find_item(ui.window, name)
    return str(item.property("text")) if item.isVisible() else ""


def test_out_of_paper_the_voucher_stays_and_reprint_prints_once_paper_is_back(
    ui_with_printer: KioskUi, printer: SimulatedThermalPrinter
) -> None:
    ui = ui_with_printer
    service = ui.kiosk.catalog.services[0]
    ui.vm.selectService(service.code)
    for key, value in demo_answers(service).items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: ui.vm.printState == "failed")
    wait_for_page(ui.window)

    message = _text(ui, "printStatus")
    assert "打印机缺纸" in message and "请记下屏幕上的凭证号" in message and "重新打印" in message
    voucher = _text(ui, "voucherCode")
    assert voucher == ui.vm.receipt["voucher"] and len(voucher) == 14, "the voucher stays in large type"
    assert ui.vm.message == "", "no error bar: the filing was accepted, only the paper is missing"
    assert printer.receipts == []

    printer.paper_out = False
    reprint = find_item(ui.window, "reprintButton")
    assert str(reprint.property("text")) == "重新打印"
    tap(ui.window, reprint)
    wait_until(lambda: ui.vm.printState == "printed")

    assert _text(ui, "printStatus") == "回执已打印，请取走。"
    assert _text(ui, "voucherCode") == voucher
    (paper,) = printer.receipts
    assert voucher in "\n".join(paper.text_lines)
    assert len(paper.qr_payloads) == 1


def test_the_receipt_screen_shows_a_qr_that_a_camera_reads_as_the_signed_voucher(ui: KioskUi) -> None:
    service = ui.kiosk.catalog.services[0]
    ui.vm.selectService(service.code)
    for key, value in demo_answers(service).items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: ui.vm.receipt.get("qr", "") != "")
    wait_for_page(ui.window)
    qr = find_item(ui.window, "voucherQr")
    wait_until(lambda: float(qr.property("paintedWidth")) > 0)  # the image is loaded and drawn
    corner = qr.mapToScene(QPointF(0, 0))
    shot = ui.window.grabWindow().copy(int(corner.x()), int(corner.y()), int(qr.width()), int(qr.height()))
    png = Path(ui.kiosk.settings.data_dir) / "qr.png"
    assert shot.save(str(png))
    with Image.open(png) as image:
        decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [ui.vm.receipt["qr"]] and decoded[0].startswith("BMK3:")
