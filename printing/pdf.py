"""Render a Receipt as a thermal-roll PDF (80 mm by default) with the embedded WenQuanYi Micro Hei font."""

from __future__ import annotations

import io
import math
import threading
from dataclasses import dataclass
from functools import partial
from os import PathLike
from typing import assert_never

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import MissingGlyphError, check_glyphs, font_runs, register_font
from printing.qr import QUIET_ZONE_MODULES, qr_matrix
from printing.receipt import Block, Field, Footer, Heading, QrCode, Receipt, Rule, Subheading
from printing.wrap import wrap_text

__all__ = [
    "A4_STYLE",
    "ROLL_STYLE",
    "MissingGlyphError",
    "PageStyle",
    "render_receipt_pdf",
    "render_receipt_pdf_a4",
]

PRINTER_DOT = 72 / 203
"""One dot of a 203 dpi thermal head, in points; the QR code is snapped to this grid."""

MIN_PRINTABLE_MM = 40.0

_BOTTOM_MARGIN = 6 * mm
_LEADING = 1.3  # line height / font size
_BOLD_STROKE = 0.035  # outline width / font size for the faux bold (the font has no bold face)


_RULE_WIDTH = 0.6


@dataclass(frozen=True, slots=True)
class PageStyle:
    """Type sizes (points) and spacing (points) of one paper format."""

    subheading: float
    title_zh: float
    title_en: float
    body: float
    emphasis: float
    small: float
    footer: float
    label_column: float
    column_gap: float
    row_gap: float
    qr_target: float  # symbol width without the quiet zone
    top_margin: float


ROLL_STYLE = PageStyle(
    subheading=10.0,
    title_zh=17.0,
    title_en=9.0,
    body=10.0,
    emphasis=13.0,
    small=7.5,
    footer=8.0,
    label_column=19 * mm,
    column_gap=2 * mm,
    row_gap=1.2 * mm,
    qr_target=30 * mm,
    top_margin=4 * mm,
)
"""The 80 mm thermal roll."""

A4_STYLE = PageStyle(
    subheading=14.0,
    title_zh=26.0,
    title_en=13.0,
    body=13.0,
    emphasis=18.0,
    small=10.0,
    footer=11.0,
    label_column=34 * mm,
    column_gap=4 * mm,
    row_gap=1.8 * mm,
    qr_target=36 * mm,
    top_margin=15 * mm,
)
"""An A4 sheet from an office printer (service stations without a thermal printer)."""

A4_MARGIN = 25 * mm

_render_lock = threading.Lock()  # reportlab keeps per-document font state; render one receipt at a time


@dataclass(frozen=True, slots=True)
class _Text:
    x: float
    baseline: float  # from the top of the page
    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True, slots=True)
class _Line:
    y: float  # from the top of the page
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class _Qr:
    x: float
    top: float  # from the top of the page
    module: float
    matrix: tuple[tuple[bool, ...], ...]


_Op = _Text | _Line | _Qr
_Part = tuple[str, float, bool]  # text, size, bold


def _snap_up(value: float) -> float:
    return math.ceil(round(value / PRINTER_DOT, 6)) * PRINTER_DOT


def _snap(value: float) -> float:
    return round(value / PRINTER_DOT) * PRINTER_DOT


class _Layout:
    """Measures blocks top-down into positioned drawing operations."""

    def __init__(
        self,
        *,
        font_name: str,
        page_width: float,
        margin: float,
        font_path: str | PathLike[str] | None,
        style: PageStyle = ROLL_STYLE,
    ) -> None:
        self.style = style
        self.font_name = font_name
        self.font_path = font_path
        self.page_width = page_width
        self.left = margin
        self.width = page_width - 2 * margin
        self.y = style.top_margin
        self.ops: list[_Op] = []
        face = pdfmetrics.getFont(font_name).face
        self._ascent = float(face.ascent) / 1000
        self._descent = -float(face.descent) / 1000

    def measure(self, text: str, size: float) -> float:
        return sum(
            float(pdfmetrics.stringWidth(run, font, size))
            for run, font in font_runs(text, path=self.font_path)
        )

    def baseline_offset(self, size: float) -> float:
        """Distance from the top of a line box to its baseline (glyphs centred in the leading)."""
        return (size * _LEADING - (self._ascent + self._descent) * size) / 2 + self._ascent * size

    def column(
        self, parts: list[_Part], *, x: float, width: float, top: float, centred: bool = False
    ) -> float:
        """Stack wrapped paragraphs in a column from top; return the column's bottom."""
        y = top
        for text, size, bold in parts:
            for line in wrap_text(text, width=width, measure=partial(self.measure, size=size)):
                left = x + (width - self.measure(line, size)) / 2 if centred else x
                self.ops.append(_Text(left, y + self.baseline_offset(size), line, size, bold))
                y += size * _LEADING
        return y

    def centred(self, parts: list[_Part], *, gap_after: float) -> None:
        self.y = self.column(parts, x=self.left, width=self.width, top=self.y, centred=True) + gap_after

    def add(self, block: Block) -> None:
        match block:
            case Subheading(text=text):
                self.centred([(text, self.style.subheading, False)], gap_after=0.5 * mm)
            case Heading(zh=zh, en=en):
                self.centred(
                    [(zh, self.style.title_zh, True), (en, self.style.title_en, False)], gap_after=1 * mm
                )
            case Rule():
                self.ops.append(_Line(self.y + 1.5 * mm, self.left, self.left + self.width))
                self.y += 3.5 * mm
            case Field():
                self.field(block)
            case QrCode(payload=payload, caption=caption):
                self.qr(payload)
                self.centred([(caption, self.style.body, False)], gap_after=1.5 * mm)
            case Footer(text=text):
                self.centred([(text, self.style.footer, False)], gap_after=0.5 * mm)
            case _:
                assert_never(block)

    def field(self, block: Field) -> None:
        value_x = self.left + self.style.label_column + self.style.column_gap
        value_width = self.left + self.width - value_x
        value_size = self.style.body
        if block.emphasis:  # as large as fits on one line, between the body and the emphasis size
            value_size = self.style.emphasis
            while value_size > self.style.body and self.measure(block.value, value_size) > value_width:
                value_size -= 0.5
        label_parts: list[_Part] = [
            (block.label, self.style.body, False),
            (block.label_en, self.style.small, False),
        ]
        value_parts: list[_Part] = [
            (block.value, value_size, block.emphasis),
            (block.value_en, self.style.small, False),
        ]
        # Align the first baselines of both columns.
        shift = self.baseline_offset(value_size) - self.baseline_offset(self.style.body)
        label_bottom = self.column(
            label_parts, x=self.left, width=self.style.label_column, top=self.y + max(shift, 0)
        )
        value_bottom = self.column(value_parts, x=value_x, width=value_width, top=self.y + max(-shift, 0))
        self.y = max(label_bottom, value_bottom) + self.style.row_gap

    def qr(self, payload: str) -> None:
        matrix = qr_matrix(payload)
        modules = len(matrix)
        span = modules + 2 * QUIET_ZONE_MODULES
        dots = math.ceil(round(self.style.qr_target / (modules * PRINTER_DOT), 6))
        dots = max(1, min(dots, math.floor(self.width / (span * PRINTER_DOT))))
        module = dots * PRINTER_DOT
        quiet = QUIET_ZONE_MODULES * module
        x = _snap((self.page_width - span * module) / 2) + quiet
        top = _snap_up(self.y) + quiet
        self.ops.append(_Qr(x, top, module, matrix))
        self.y = top + modules * module + quiet


def _draw(
    ops: list[_Op],
    *,
    font_name: str,
    font_path: str | PathLike[str] | None,
    width: float,
    height: float,
    title: str,
) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=(width, height), invariant=True, pageCompression=1, initialFontName=font_name
    )
    canvas.setTitle(title)
    canvas.setCreator("Bianmin Kiosk")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    for op in ops:
        match op:
            case _Text():
                # Text render mode is graphics state: scope the faux bold so it cannot leak.
                canvas.saveState()
                text = canvas.beginText(op.x, height - op.baseline)
                if op.bold:
                    canvas.setLineWidth(op.size * _BOLD_STROKE)
                    text.setTextRenderMode(2)
                # Rare characters come from a fallback font.
                for segment, segment_font in font_runs(op.text, path=font_path):
                    text.setFont(segment_font, op.size)
                    text.textOut(segment)
                canvas.drawText(text)
                canvas.restoreState()
            case _Line():
                canvas.setLineWidth(_RULE_WIDTH)
                canvas.setDash(2, 1.5)
                canvas.line(op.x0, height - op.y, op.x1, height - op.y)
                canvas.setDash()
            case _Qr():
                path = canvas.beginPath()
                for row_index, row in enumerate(op.matrix):
                    y = height - op.top - (row_index + 1) * op.module
                    column = 0
                    while column < len(row):
                        if not row[column]:
                            column += 1
                            continue
                        run = column
                        while run < len(row) and row[run]:
                            run += 1
                        path.rect(op.x + column * op.module, y, (run - column) * op.module, op.module)
                        column = run
                canvas.drawPath(path, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _render(
    receipt: Receipt,
    *,
    page_width: float,
    margin: float,
    style: PageStyle,
    page_height: float | None,
    font_path: str | PathLike[str] | None,
) -> bytes:
    """Lay the receipt out and draw it; ``page_height`` None makes the page as tall as the content."""
    font_name = register_font(path=font_path)
    check_glyphs(receipt.drawn_text(), path=font_path)
    with _render_lock:
        layout = _Layout(
            font_name=font_name, page_width=page_width, margin=margin, font_path=font_path, style=style
        )
        for block in receipt.blocks():
            layout.add(block)
        content_height = _snap_up(layout.y + _BOTTOM_MARGIN)
        if page_height is not None and content_height > page_height:
            raise ValueError("the receipt does not fit on one page")
        return _draw(
            layout.ops,
            font_name=font_name,
            font_path=font_path,
            width=page_width,
            height=page_height or content_height,
            title=f"{receipt.title_zh} {receipt.filing_number}",
        )


def render_receipt_pdf(
    receipt: Receipt,
    *,
    width_mm: float = 80.0,
    margin_mm: float = 4.0,
    font_path: str | PathLike[str] | None = None,
) -> bytes:
    """Render the receipt as a one-page roll PDF whose height follows the content; raise MissingGlyphError.

    A character the main font lacks is drawn from a fallback font (`printing.fonts`); one that no font
    has raises MissingGlyphError rather than printing a box.
    """
    if width_mm - 2 * margin_mm < MIN_PRINTABLE_MM or margin_mm < 0:
        raise ValueError(f"printable width must be at least {MIN_PRINTABLE_MM} mm")
    return _render(
        receipt,
        page_width=width_mm * mm,
        margin=margin_mm * mm,
        style=ROLL_STYLE,
        page_height=None,
        font_path=font_path,
    )


def render_receipt_pdf_a4(receipt: Receipt, *, font_path: str | PathLike[str] | None = None) -> bytes:
    """Render the receipt on one A4 page (for an office printer through CUPS); raise MissingGlyphError."""
    width, height = A4
    return _render(
        receipt, page_width=width, margin=A4_MARGIN, style=A4_STYLE, page_height=height, font_path=font_path
    )
