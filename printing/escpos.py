"""Render a Receipt as ESC/POS bytes for an 80 mm thermal printer, and read its real-time status answers."""

from __future__ import annotations

from itertools import zip_longest
from typing import assert_never

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_8BIT_BYTE, QRData

from printing.dot_font import Run, text_columns
from printing.escpos_writer import EscPosWriter, Justification
from printing.fonts import MissingGlyphError, fallback_font_paths
from printing.qr import QUIET_ZONE_MODULES
from printing.receipt import Block, Field, Footer, Heading, QrCode, Receipt, Rule, Subheading
from printing.status import PrinterStatus
from printing.wrap import wrap_text

__all__ = [
    "MAX_QR_MODULE_DOTS",
    "STATUS_REQUESTS",
    "MissingGlyphError",
    "PrinterStatus",
    "parse_status",
    "qr_module_dots",
    "qr_symbol_modules",
    "render_receipt_escpos",
    "render_test_page_escpos",
]

STATUS_REQUESTS = (b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x04")
"""DLE EOT 1 (printer), 2 (offline cause), 4 (roll paper sensor): send each, read one byte back per request,
and pass the three answers to parse_status in this order."""

MAX_QR_MODULE_DOTS = 8
MIN_PRINTABLE_WIDTH_DOTS = 384  # 58 mm paper: 32 columns
LABEL_COLUMNS = 12  # label column including the gap before the value (6 Chinese characters)
_LABEL_GAP = 2

_FIXED_ZERO_BITS, _FIXED_ONE_BITS = 0x81, 0x12  # bits 0 and 7 are 0, bits 1 and 4 are 1 in every answer
_OFFLINE, _COVER_OPEN, _PAPER_END_STOP, _ERROR = 0x08, 0x04, 0x20, 0x40
_NEAR_END, _PAPER_END = 0x0C, 0x60


def qr_symbol_modules(payload: str) -> int:
    """Modules across the QR symbol (error correction M) a printer makes of payload, without the quiet zone.

    Counted for byte mode, the largest symbol any printer firmware chooses for the payload (never smaller
    than qr_matrix, which may pick a denser mode), so the quiet zone holds whichever the printer uses.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(QRData(payload.encode("ascii"), mode=MODE_8BIT_BYTE))
    return 17 + 4 * code.best_fit()


def qr_module_dots(modules: int, *, printable_width_dots: int) -> int:
    """Largest whole-dot module size, at most 8, for which the symbol and two 4-module quiet zones fit."""
    size = min(MAX_QR_MODULE_DOTS, printable_width_dots // (modules + 2 * QUIET_ZONE_MODULES))
    if size < 1:
        raise ValueError(f"a {modules}-module QR code does not fit {printable_width_dots} dots")
    return size


class _Layout:
    """Lays receipt blocks out in Font A columns and hands the lines to the writer."""

    def __init__(self, writer: EscPosWriter, *, dots_per_mm: int) -> None:
        self.writer = writer
        self.columns = writer.width_dots // 12
        self.dots_per_mm = dots_per_mm

    def centred(self, text: str, *, large: bool = False) -> None:
        """Print text wrapped and centred; large is the bold, double-width and double-height title style."""
        scale = 2 if large else 1
        for line in _wrap(text, self.columns // scale):
            run = Run(line, bold=large, width_scale=scale, height_scale=scale)
            self.writer.line([run], justification=Justification.CENTRE)

    def add(self, block: Block) -> None:
        """Print one block."""
        match block:
            case Subheading(text=text):
                self.centred(text)
            case Heading(zh=zh, en=en):
                self.centred(zh, large=True)
                self.centred(en)
                self.writer.feed(self.dots_per_mm)
            case Rule():
                self.writer.line([Run("-" * self.columns)])
            case Field():
                self.field(block)
            case QrCode(payload=payload, caption=caption):
                self.qr(payload)
                self.centred(caption)
                self.writer.feed(self.dots_per_mm)
            case Footer(text=text):
                self.centred(text)
            case _:
                assert_never(block)

    def field(self, block: Field) -> None:
        """Print a label column beside a value column, English lines under each."""
        label_columns = LABEL_COLUMNS - _LABEL_GAP
        labels = [*_wrap(block.label, label_columns), *_wrap(block.label_en, label_columns)]
        value_columns = self.columns - LABEL_COLUMNS
        values: list[Run] = []
        if block.emphasis:  # double height, and double width when it still fits on one line
            scale = 2 if 2 * text_columns(block.value) <= value_columns else 1
            for line in _wrap(block.value, value_columns // scale):
                values.append(Run(line, bold=True, width_scale=scale, height_scale=2))
        else:
            values.extend(Run(line) for line in _wrap(block.value, value_columns))
        values.extend(Run(line) for line in _wrap(block.value_en, value_columns))
        for label, value in zip_longest(labels, values):
            if value is None:
                self.writer.line([Run(label)])
            else:
                padding = " " * (LABEL_COLUMNS - text_columns(label or ""))
                self.writer.line([Run((label or "") + padding), value])
        self.writer.feed(self.dots_per_mm // 2)

    def qr(self, payload: str) -> None:
        """Print the centred QR code with 4 blank modules above and below (beside: the centring leaves room)."""
        module = qr_module_dots(qr_symbol_modules(payload), printable_width_dots=self.writer.width_dots)
        self.writer.feed(QUIET_ZONE_MODULES * module)
        self.writer.qr(payload, module_dots=module)
        self.writer.feed(QUIET_ZONE_MODULES * module)


def _wrap(text: str, columns: int) -> list[str]:
    """Wrap text to a number of Font A columns."""
    return wrap_text(text, width=columns, measure=text_columns)


def _writer(*, printable_width_dots: int, dots_per_mm: int, printer_charset: str) -> EscPosWriter:
    """A writer for the given paper, after checking the options."""
    if printable_width_dots < MIN_PRINTABLE_WIDTH_DOTS:
        raise ValueError(f"printable width must be at least {MIN_PRINTABLE_WIDTH_DOTS} dots")
    if not 6 <= dots_per_mm <= 12:
        raise ValueError(f"dots_per_mm must be between 6 and 12 (152 to 305 dpi), got {dots_per_mm}")
    return EscPosWriter(
        printable_width_dots=printable_width_dots,
        printer_charset=printer_charset,
        line_spacing_dots=round(3.75 * dots_per_mm),
    )


def render_receipt_escpos(
    receipt: Receipt, *, printable_width_dots: int = 576, dots_per_mm: int = 8, printer_charset: str = "GBK"
) -> bytes:
    """Return the ESC/POS bytes that print and cut the receipt; raise MissingGlyphError before any byte."""
    writer = _writer(
        printable_width_dots=printable_width_dots, dots_per_mm=dots_per_mm, printer_charset=printer_charset
    )
    writer.check_drawable(receipt.drawn_text())
    layout = _Layout(writer, dots_per_mm=dots_per_mm)
    for block in receipt.blocks():
        layout.add(block)
    return writer.cut(feed_dots=4 * dots_per_mm)


def render_test_page_escpos(
    *, printable_width_dots: int = 576, dots_per_mm: int = 8, printer_charset: str = "GBK"
) -> bytes:
    """Return a self-test page: paper width, a column ruler, Chinese text, a rare character, a QR code."""
    writer = _writer(
        printable_width_dots=printable_width_dots, dots_per_mm=dots_per_mm, printer_charset=printer_charset
    )
    layout = _Layout(writer, dots_per_mm=dots_per_mm)
    layout.add(Heading("打印机自检", "Printer self-test"))
    layout.centred(f"{printable_width_dots} 点 / dots, {layout.columns} 列 / columns, {printer_charset}")
    writer.line([Run("".join(str(n % 10) for n in range(1, layout.columns + 1)))])
    layout.add(Rule())
    layout.add(Field("中文字库", "便民服务中心 受理回执 永和九年", label_en="Chinese"))
    if fallback_font_paths():
        layout.add(Field("生僻字", "𠈌 䶮（位图 / bitmap）", label_en="Rare"))
    layout.add(Rule())
    layout.add(QrCode("PRINTER-SELF-TEST", caption="扫码测试 / Scan test"))
    return writer.cut(feed_dots=4 * dots_per_mm)


def parse_status(printer_byte: int, offline_byte: int, paper_byte: int) -> PrinterStatus:
    """Read the answers to STATUS_REQUESTS (Epson bit definitions); raise ValueError on a garbled answer."""
    for name, value in (("printer", printer_byte), ("offline", offline_byte), ("paper", paper_byte)):
        if not 0 <= value <= 0xFF or value & _FIXED_ZERO_BITS or value & _FIXED_ONE_BITS != _FIXED_ONE_BITS:
            raise ValueError(f"{name} status byte {value:#04x} is not a DLE EOT answer")
    return PrinterStatus.from_flags(
        online=not printer_byte & _OFFLINE,
        cover_open=bool(offline_byte & _COVER_OPEN),
        paper_out=bool(offline_byte & _PAPER_END_STOP or paper_byte & _PAPER_END),
        paper_near_end=bool(paper_byte & _NEAR_END),
        fault=bool(offline_byte & _ERROR),
    )
