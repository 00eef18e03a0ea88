"""ESC/POS receipts read back with the strict test parser, and printed on the simulated printer for a scanner."""

from __future__ import annotations

import dataclasses
import string
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from printing.demo import DEMO_QR_PAYLOAD, demo_receipt
from printing.escpos import (
    MissingGlyphError,
    qr_module_dots,
    qr_symbol_modules,
    render_receipt_escpos,
    render_test_page_escpos,
)
from printing.qr import qr_matrix
from printing.receipt import MAX_QR_PAYLOAD, Receipt
from printing.simulated_printer import SimulatedThermalPrinter
from tests.support.escpos_parser import Command, Cut, Printout, QrSymbol, Raster, Text, parse_escpos

WIDTHS = pytest.mark.parametrize("width", [576, 512])
EXT_B_NAME = "张𠈌"  # 𠈌 U+2020C: CJK Extension B, in no GBK printer font
NO_FONT = "\U00030000"  # CJK Extension G: neither the shipped font nor the fallbacks draw it


def _parse(receipt: Receipt, *, width: int = 576, charset: str = "GBK") -> Printout:
    """Render the receipt and parse it strictly."""
    return parse_escpos(render_receipt_escpos(receipt, printable_width_dots=width, printer_charset=charset))


def _styled(printout: Printout) -> list[tuple[str, bool, int]]:
    """Each text with the emphasis (ESC E) and character size (GS !) in force when it was sent."""
    bold, size, styled = False, 0, []
    for item in printout.items:
        if isinstance(item, Command) and item.name == "ESC E":
            bold = bool(item.args[0])
        elif isinstance(item, Command) and item.name in ("GS !", "ESC @"):
            size = item.args[0] if item.args else 0
        elif isinstance(item, Text):
            styled.append((item.text, bold, size))
    return styled


def _dots_fed(items: Sequence[object]) -> int:
    """Dots fed by the ESC J commands among items."""
    return sum(item.args[0] for item in items if isinstance(item, Command) and item.name == "ESC J")


@WIDTHS
def test_printed_text_is_exactly_what_the_receipt_draws(width: int) -> None:
    receipt = demo_receipt()
    lines = _parse(receipt, width=width).text_lines()
    # Characters, not words: a long Chinese value wraps onto two lines wherever the width ends.
    printed = Counter(ch for line in lines if set(line) != {"-"} for ch in line if not ch.isspace())
    drawn = Counter(ch for ch in receipt.drawn_text() if not ch.isspace())
    assert printed == drawn
    assert max(sum(2 if ord(ch) > 0x7F else 1 for ch in line) for line in lines) <= width // 12


def test_fields_print_label_beside_value() -> None:
    lines = _parse(demo_receipt()).text_lines()
    rows = dict(line.split(maxsplit=1) for line in lines if line[:1] > "\x7f" and " " in line)
    assert rows["凭证号"] == "7K3M-Q9XD-2RTP"
    assert rows["办理事项"] == "城乡居民基本养老保险参保登记"
    assert rows["身份证号"] == "330************123X"
    assert rows["联系电话"] == "138****5678"
    assert rows["申请人"] == "张*华"
    assert lines[:3] == ["幸福镇便民服务中心", "收件回执", "Receipt of submission"]


def test_chinese_mode_is_on_before_any_chinese_text_and_the_receipt_ends_with_a_cut() -> None:
    printout = _parse(demo_receipt())
    names = printout.names()
    assert names[:2] == ["ESC @", "FS &"]
    texts = printout.of_type(Text)
    assert all(text.chinese for text in texts)
    assert isinstance(printout.items[-1], Cut)
    assert printout.items[-1].partial
    assert printout.of_type(Cut) == [printout.items[-1]]


def test_title_and_filing_number_stand_out_and_the_rest_is_plain() -> None:
    styled = _styled(_parse(demo_receipt()))
    assert ("收件回执", True, 0x11) in styled  # bold, double width and height
    filing = [style for style in styled if style[0] == "7K3M-Q9XD-2RTP"]
    assert filing[0][1] is True and filing[0][2] & 0x0F == 1  # bold, double height
    assert ("Voucher", False, 0) in styled
    plain = [text for text, bold, size in styled if not bold and size == 0]
    assert "幸福镇便民服务中心" in plain and any("138****5678" in text for text in plain)


@WIDTHS
def test_qr_code_is_native_with_whole_dot_modules_and_a_quiet_zone(width: int) -> None:
    printout = _parse(demo_receipt(), width=width)
    (qr,) = printout.of_type(QrSymbol)
    assert (qr.payload, qr.error_correction, qr.model) == (DEMO_QR_PAYLOAD, "M", 2)
    modules = len(qr_matrix(DEMO_QR_PAYLOAD))
    assert (modules + 8) * qr.module_dots <= width  # centred: 4 blank modules each side
    assert qr.module_dots == 8 or (modules + 8) * (qr.module_dots + 1) > width  # and as large as fits
    index = printout.items.index(qr)
    before = printout.items[:index]
    last_printed = max(i for i, item in enumerate(before) if isinstance(item, Text | Raster))
    next_printed = next(i for i, item in enumerate(printout.items) if i > index and isinstance(item, Text))
    assert _dots_fed(before[last_printed:]) >= 4 * qr.module_dots
    assert _dots_fed(printout.items[index:next_printed]) >= 4 * qr.module_dots
    alignments = [item for item in before if isinstance(item, Command) and item.name == "ESC a"]
    assert alignments[-1].args == (1,)  # centred
    caption = printout.items[next_printed]
    assert isinstance(caption, Text) and caption.text == "7K3M-Q9XD-2RTP"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=st.text(alphabet=string.printable[:95], min_size=1, max_size=MAX_QR_PAYLOAD))
def test_any_printable_ascii_payload_round_trips(payload: str) -> None:
    receipt = dataclasses.replace(demo_receipt(), qr_payload=payload)
    (qr,) = _parse(receipt).of_type(QrSymbol)
    assert qr.payload == payload
    assert (qr_symbol_modules(payload) + 8) * qr.module_dots <= 576
    assert qr_symbol_modules(payload) >= len(qr_matrix(payload))


@pytest.mark.parametrize("length", [1, 64, 160])
@WIDTHS
def test_module_size_keeps_the_quiet_zone_for_long_voucher_payloads(length: int, width: int) -> None:
    modules = qr_symbol_modules("V" * length)
    module = qr_module_dots(modules, printable_width_dots=width)
    assert 1 <= module <= 8
    assert (modules + 8) * module <= width


def test_a_symbol_too_large_for_the_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        qr_module_dots(177, printable_width_dots=150)


def test_a_name_outside_the_printer_font_prints_as_a_bitmap_line() -> None:
    printout = _parse(demo_receipt(applicant=EXT_B_NAME))
    assert not any("𠈌" in text.text or text.text.startswith("申请人") for text in printout.of_type(Text))
    (raster,) = printout.of_type(Raster)
    assert raster.image.size == (576, 24)
    ink = raster.image
    label_cells, name_cells = ink.crop((0, 0, 72, 24)), ink.crop((144, 0, 192, 24))
    assert label_cells.getbbox() is not None and name_cells.getbbox() is not None
    rare = ink.crop((168 + 4, 4, 192 - 4, 20))  # inside the 𠈌 cell: strokes, not an empty "tofu" box
    assert rare.getbbox() is not None
    assert ink.crop((200, 0, 576, 24)).getbbox() is None
    assert any("330************123X" in line for line in printout.text_lines())  # other lines stay text


def test_gb2312_printers_get_gbk_only_characters_as_bitmaps() -> None:
    receipt = demo_receipt(applicant="王*堃")  # 堃 is in GBK, not in GB2312
    assert any("王*堃" in line for line in _parse(receipt, charset="GBK").text_lines())
    gb2312 = _parse(receipt, charset="GB2312")
    assert not any("堃" in line for line in gb2312.text_lines())
    assert len(gb2312.of_type(Raster)) == 1


def test_a_character_no_font_has_is_refused_in_both_languages() -> None:
    with pytest.raises(MissingGlyphError) as raised:
        render_receipt_escpos(demo_receipt(applicant="张" + NO_FONT))
    message = str(raised.value)
    assert "回执字体无法显示" in message and "cannot draw" in message and "U+30000" in message
    assert raised.value.characters == {NO_FONT}


def test_control_characters_never_reach_the_printer() -> None:
    with pytest.raises(MissingGlyphError):  # "\x1dV\x42" would cut the paper mid-receipt
        render_receipt_escpos(demo_receipt(applicant="张\x1dVB"))


def test_unknown_printer_charset_is_refused() -> None:
    with pytest.raises(ValueError, match="printer_charset"):
        render_receipt_escpos(demo_receipt(), printer_charset="big5")


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.characters(
    min_codepoint=0x20000, max_codepoint=0x2A6DF
)


@settings(max_examples=40, deadline=None)
@given(name=st.text(_CJK, min_size=1, max_size=4))
def test_any_chinese_name_is_printed_as_text_or_bitmap_never_garbled(name: str) -> None:
    try:
        printout = _parse(demo_receipt(applicant=name))
    except MissingGlyphError as error:
        assert error.characters and error.characters <= set(name)
        return
    in_gbk = name.encode("gbk", errors="replace").decode("gbk") == name
    assert any(line.endswith(name) for line in printout.text_lines()) is in_gbk
    assert len(printout.of_type(Raster)) == (0 if in_gbk else 1)


@WIDTHS
def test_the_printed_qr_code_scans_with_its_quiet_zone(width: int, tmp_path: Path) -> None:
    printer = SimulatedThermalPrinter(printable_width_dots=width)
    printer.feed(render_receipt_escpos(demo_receipt(), printable_width_dots=width))
    (receipt,) = printer.receipts
    with Image.open(receipt.render_png(tmp_path / "receipt.png")) as png:
        paper = png.convert("L")
    (found,) = zxingcpp.read_barcodes(paper)
    assert (found.format, found.text, found.ec_level) == (zxingcpp.BarcodeFormat.QRCode, DEMO_QR_PAYLOAD, "M")
    module = receipt.qr_codes[0].module_dots
    left, top = found.position.top_left.x, found.position.top_left.y
    right, bottom = found.position.bottom_right.x, found.position.bottom_right.y
    quiet = 4 * module
    zone = paper.crop((left - quiet, top - quiet, right + quiet + 1, bottom + quiet + 1))
    symbol = paper.crop((left, top, right + 1, bottom + 1))
    dark_in_zone, dark_in_symbol = sum(zone.histogram()[:128]), sum(symbol.histogram()[:128])
    assert dark_in_zone == dark_in_symbol  # nothing printed in the 4-module margin around the symbol
    assert paper.width == width + 64  # the printable width plus 4 mm margins


def test_self_test_page_is_well_formed() -> None:
    printout = parse_escpos(render_test_page_escpos())
    assert printout.of_type(QrSymbol)[0].payload == "PRINTER-SELF-TEST"
    assert isinstance(printout.items[-1], Cut)
    assert any("576" in line for line in printout.text_lines())
    assert len(printout.of_type(Raster)) == 1  # the fallback-font sample line (setup installs fonts-hanazono)
