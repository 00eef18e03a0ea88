"""End-to-end tests of the receipt PDF, checked with poppler, zxing-cpp and zbar as a person's tools would."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from pyzbar import pyzbar

from printing.demo import DEMO_QR_PAYLOAD
from printing.pdf import MissingGlyphError, render_receipt_pdf
from printing.qr import qr_matrix
from printing.receipt import Receipt, Row

MakeReceipt = Callable[..., Receipt]
MM = 72 / 25.4  # points per millimetre
DPI = 203
REPO = Path(__file__).resolve().parents[2]


def _px_to_mm(pixels: float) -> float:
    return pixels * 25.4 / DPI


def test_font_is_embedded_and_the_only_font(make_receipt: MakeReceipt, poppler: Any) -> None:
    pdf = poppler.write(render_receipt_pdf(make_receipt()))
    fonts = poppler.fonts(pdf)
    assert fonts, "pdffonts listed no font"
    for font in fonts:
        assert "WenQuanYiMicroHei" in font["name"]
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes")


def test_text_comes_back_from_the_pdf(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt()
    text = poppler.text(poppler.write(render_receipt_pdf(receipt)))
    assert receipt.service_name_zh in text
    assert receipt.filing_number in text
    assert "110105********0021" in text
    assert "张*堃" in text  # a rare (but covered) name character
    for expected in (
        "收件回执",
        "Receipt of submission",
        "青石镇便民服务中心",
        "2026-11-22 14:05",
        "QS-KIOSK-03",
    ):
        assert expected in text
    assert "在本终端扫码或到服务窗口查询办理进度" in text
    assert "\ufffd" not in text


def test_qr_decodes_with_zxing_and_zbar(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt()
    image = poppler.png(poppler.write(render_receipt_pdf(receipt)), dpi=DPI)
    found = zxingcpp.read_barcodes(image)
    assert [(b.format, b.text, b.ec_level) for b in found] == [
        (zxingcpp.BarcodeFormat.QRCode, receipt.qr_payload, "M")
    ]
    decoded = pyzbar.decode(image)
    assert [(d.type, d.data) for d in decoded] == [("QRCODE", receipt.qr_payload.encode("ascii"))]


@pytest.mark.parametrize(
    "payload", ["X", "https://zw.example.cn/q/7K3MQ9XD2RTP", "https://zw.example.cn/q/" + "a" * 40]
)
def test_qr_size_and_quiet_zone(make_receipt: MakeReceipt, poppler: Any, payload: str) -> None:
    image = poppler.png(poppler.write(render_receipt_pdf(make_receipt(qr_payload=payload))), dpi=DPI)
    (decoded,) = zxingcpp.read_barcodes(image)
    assert decoded.text == payload
    xs = [decoded.position.top_left.x, decoded.position.bottom_right.x]
    ys = [decoded.position.top_left.y, decoded.position.bottom_right.y]
    width_px = xs[1] - xs[0]
    assert 30 <= _px_to_mm(width_px) <= 36
    module_px = width_px / len(qr_matrix(payload))
    quiet = round(4 * module_px) - 2  # ISO/IEC 18004 quiet zone: 4 modules
    gray = image.convert("L")
    # Every pixel in the 4-module ring around the symbol is white paper.
    ring = [
        (xs[0] - quiet, ys[0] - quiet, xs[1] + quiet, ys[0] - 2),
        (xs[0] - quiet, ys[1] + 2, xs[1] + quiet, ys[1] + quiet),
        (xs[0] - quiet, ys[0], xs[0] - 2, ys[1]),
        (xs[1] + 2, ys[0], xs[1] + quiet, ys[1]),
    ]
    for box in ring:
        lightest_dark = gray.crop(box).getextrema()[0]
        assert lightest_dark >= 200, f"ink in the quiet zone {box}"


def test_qr_is_vector_not_an_image(make_receipt: MakeReceipt, poppler: Any) -> None:
    pdf = poppler.write(render_receipt_pdf(make_receipt()))
    assert poppler.images(pdf) == []


def test_page_is_80_mm_wide_and_grows_with_content(make_receipt: MakeReceipt, poppler: Any) -> None:
    short = make_receipt(lines=(Row("申请人", "张*堃"),))
    longer = make_receipt(lines=tuple(Row(f"项目{i}", f"内容{i}") for i in range(8)))
    wrapped = dataclasses.replace(longer, service_name_zh="城乡居民基本养老保险参保登记" * 4)
    sizes = [
        poppler.page_size_pt(poppler.write(render_receipt_pdf(r), f"r{i}"))
        for i, r in enumerate((short, longer, wrapped))
    ]
    for width, _ in sizes:
        assert width / MM == pytest.approx(80.0, abs=0.01)
    heights = [height for _, height in sizes]
    assert heights[0] < heights[1] < heights[2]
    image = poppler.png(poppler.write(render_receipt_pdf(short), "png"), dpi=DPI)
    assert _px_to_mm(image.width) == pytest.approx(80.0, abs=0.2)


def test_58_mm_paper(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt()
    pdf = poppler.write(render_receipt_pdf(receipt, width_mm=58))
    assert poppler.page_size_pt(pdf)[0] / MM == pytest.approx(58.0, abs=0.01)
    # The emphasised filing number shrinks to stay on one line (the caption under the QR is the other).
    assert poppler.text(pdf).count(receipt.filing_number) == 2
    (decoded,) = zxingcpp.read_barcodes(poppler.png(pdf, dpi=DPI))
    assert decoded.text == receipt.qr_payload


def test_too_narrow_paper_is_refused(make_receipt: MakeReceipt) -> None:
    with pytest.raises(ValueError, match="printable width"):
        render_receipt_pdf(make_receipt(), width_mm=40)


def test_all_text_stays_inside_the_printable_area(make_receipt: MakeReceipt, poppler: Any) -> None:
    receipt = make_receipt(
        service_name_zh="城乡居民基本养老保险参保登记及个人账户信息变更（含缴费档次调整）",
        service_name_en="Enrolment in basic pension insurance for urban and rural residents, with changes",
        lines=(
            Row("户籍地址", "青石镇杨柳村三组**号附近一个很长很长很长很长很长的地址描述"),
            Row("备注", "x" * 80),
        ),
        time_limit="20个工作日（不含公示期）/ 20 working days, excluding the public notice period",
    )
    pdf = poppler.write(render_receipt_pdf(receipt))
    page_width, page_height = poppler.page_size_pt(pdf)
    boxes = poppler.word_boxes(pdf)
    assert len(boxes) > 20
    for word, x_min, y_min, x_max, y_max in boxes:
        assert x_min >= 4 * MM - 0.5, word
        assert x_max <= page_width - 4 * MM + 0.5, word
        assert y_min >= 0 and y_max <= page_height - 4 * MM, word
    text = poppler.text(pdf)
    assert "（不含公示期）" in text.replace("\n", "")


def test_rare_name_characters_come_from_the_fallback_font_not_boxes(
    make_receipt: MakeReceipt, poppler: Any
) -> None:
    # 䶮 (Extension A), 𠈌 and 𪜀 (Extension B) are not in WenQuanYi Micro Hei; HanaMin A/B draw them.
    pdf = poppler.write(render_receipt_pdf(make_receipt(lines=(Row("申请人", "张𠈌 刘䶮 王𪜀"),))))
    # reportlab's ToUnicode map garbles code points above U+FFFF for copy and search (the glyphs print
    # right, see docs/receipts), so only the BMP character is checked as text.
    assert "刘䶮" in poppler.text(pdf)
    embedded = " ".join(row["name"] for row in poppler.fonts(pdf))
    assert "HanaMinA" in embedded and "HanaMinB" in embedded and "WenQuanYi" in embedded


def test_a_character_no_font_has_is_refused_not_boxed(make_receipt: MakeReceipt) -> None:
    with pytest.raises(MissingGlyphError) as caught:
        render_receipt_pdf(make_receipt(lines=(Row("申请人", "张𰀀"),)))  # Extension G (2020)
    assert caught.value.characters == frozenset({"𰀀"})
    message = str(caught.value)
    assert "𰀀" in message and "U+30000" in message
    assert message.index("回执字体无法显示") < message.index("The receipt font cannot draw")


@pytest.mark.parametrize("field", ["centre_name", "service_name_en", "time_limit", "footer", "title_en"])
def test_missing_glyphs_are_found_in_every_field(make_receipt: MakeReceipt, field: str) -> None:
    value: Any = ("刘𰀀",) if field == "footer" else "刘𰀀"
    with pytest.raises(MissingGlyphError, match="U\\+30000"):
        render_receipt_pdf(make_receipt(**{field: value}))


def test_non_ascii_qr_payload_is_refused(make_receipt: MakeReceipt) -> None:
    with pytest.raises(ValueError, match="ASCII"):
        make_receipt(qr_payload="https://zw.example.cn/查询/7K3M")


def test_rendering_is_deterministic(make_receipt: MakeReceipt) -> None:
    receipt = make_receipt()
    assert render_receipt_pdf(receipt) == render_receipt_pdf(receipt)


def test_render_sample_script(tmp_path: Path, poppler: Any) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "tests" / "printing" / "render_sample.py"), str(tmp_path / "out")],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    for name in ("receipt-80mm.png", "receipt-a4.png", "receipt-80mm-escpos.png"):
        with Image.open(tmp_path / "out" / name) as image:
            (decoded,) = zxingcpp.read_barcodes(image)
        assert decoded.text == DEMO_QR_PAYLOAD, name
    assert (tmp_path / "out" / "receipt-80mm.pdf").stat().st_size > 10_000
