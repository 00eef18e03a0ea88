"""The A4 receipt (service stations printing through an office printer): one page, same content, same QR."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import zxingcpp

from printing.pdf import MissingGlyphError, render_receipt_pdf, render_receipt_pdf_a4
from printing.receipt import Receipt, Row

MakeReceipt = Callable[..., Receipt]
MM = 72 / 25.4
A4_PT = (595.28, 841.89)


def test_one_a4_page_with_the_same_text_inside_the_margins(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt()
    pdf = poppler.write(render_receipt_pdf_a4(receipt), name="a4")
    width, height = poppler.page_size_pt(pdf)
    assert (round(width, 1), round(height, 1)) == (round(A4_PT[0], 1), round(A4_PT[1], 1))
    text = poppler.text(pdf)
    for expected in (receipt.service_name_zh, receipt.filing_number, "收件回执", "110105********0021"):
        assert expected in text
    for word, x_min, _y_min, x_max, _y_max in poppler.word_boxes(pdf):
        assert x_min >= 25 * MM - 0.5 and x_max <= width - 25 * MM + 0.5, word


def test_the_a4_qr_decodes_at_office_printer_resolution(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt()
    image = poppler.png(poppler.write(render_receipt_pdf_a4(receipt), name="a4"), dpi=150)
    assert [b.text for b in zxingcpp.read_barcodes(image)] == [receipt.qr_payload]


def test_the_a4_page_uses_larger_type_than_the_roll(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt()
    roll = poppler.word_boxes(poppler.write(render_receipt_pdf(receipt), name="roll"))
    a4 = poppler.word_boxes(poppler.write(render_receipt_pdf_a4(receipt), name="a4"))

    def title_height(boxes: list[tuple[str, float, float, float, float]]) -> float:
        return next(y_max - y_min for word, _x0, y_min, _x1, y_max in boxes if word == "收件回执")

    assert title_height(a4) > 1.4 * title_height(roll)


def test_a4_refuses_characters_no_font_has(make_receipt: MakeReceipt) -> None:
    with pytest.raises(MissingGlyphError):
        render_receipt_pdf_a4(make_receipt(lines=(Row("申请人", "张𰀀"),)))
