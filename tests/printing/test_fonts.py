"""Tests for the shipped font: location, registration and glyph coverage."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from printing.fonts import (
    DEFAULT_FONT_PATH,
    FONT_NAME,
    MissingGlyphError,
    check_glyphs,
    font_path,
    font_runs,
    missing_glyphs,
    register_font,
)

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_font_is_in_resources_with_its_licence() -> None:
    assert DEFAULT_FONT_PATH == REPO / "resources" / "fonts" / "wqy-microhei.ttc"
    assert font_path() == DEFAULT_FONT_PATH
    licence = (REPO / "resources" / "fonts" / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache" in licence and "Font exception" in licence


def test_subfont_zero_is_micro_hei_with_truetype_outlines() -> None:
    face = TTFontFile(str(DEFAULT_FONT_PATH), subfontIndex=0)
    assert face.familyName == b"WenQuanYi Micro Hei"
    assert "glyf" in face.table  # TrueType outlines: reportlab can embed it (CFF fonts cannot be)


def test_register_font_is_idempotent() -> None:
    assert register_font() == register_font() == FONT_NAME
    assert pdfmetrics.getFont(FONT_NAME).face.familyName == b"WenQuanYi Micro Hei"


def test_explicit_path_overrides_the_default(tmp_path: Path) -> None:
    copy = tmp_path / "copy.ttc"
    shutil.copyfile(DEFAULT_FONT_PATH, copy)
    name = register_font(path=copy)
    assert name != FONT_NAME and name.startswith(FONT_NAME)
    assert register_font(path=str(copy)) == name
    assert missing_glyphs("张𠈌", path=copy) == {"𠈌"}


def test_missing_font_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.ttc"):
        register_font(path=tmp_path / "nope.ttc")


def test_common_and_rare_name_characters() -> None:
    covered = "张王李赵受理回执0123456789ABCXYZabcxyz-*：，。（）/ 堃喆犇淼赟昇玥珺镕"
    assert missing_glyphs(covered) == set()
    # CJK Extension A and B name characters are not in WenQuanYi Micro Hei 0.2.0-beta.
    assert missing_glyphs("张𠈌") == {"𠈌"}
    assert missing_glyphs("刘䶮") == {"䶮"}
    assert missing_glyphs("王𬌗𫖯") == {"𬌗", "𫖯"}


def test_line_breaks_are_not_glyphs_but_tabs_and_controls_are_missing() -> None:
    assert missing_glyphs("一\n二") == set()
    assert missing_glyphs("一\t二\x00") == {"\t", "\x00"}


def test_gb2312_is_fully_covered() -> None:
    chars = _decodable("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    assert len(chars) == 7445
    assert missing_glyphs("".join(chars)) == set()


def test_gbk_is_covered_except_three_symbols() -> None:
    chars = _decodable("gbk", range(0x81, 0xFF), range(0x40, 0xFF))
    assert len(chars) > 21000
    assert missing_glyphs("".join(chars)) == {"☉", "ɑ", "ɡ"}


def test_all_unified_ideographs_of_the_basic_block_are_covered() -> None:
    assert missing_glyphs("".join(map(chr, range(0x4E00, 0x9FA6)))) == set()


def test_every_gbk_character_is_drawn_by_the_font_chain() -> None:
    gbk = [
        chr(code)
        for code in range(0x80, 0x10000)
        if unicodedata.category(chr(code)) not in ("Cc", "Cs", "Co", "Cn") and _encodes(chr(code), "gbk")
    ]
    assert len(gbk) > 21_000
    runs = font_runs("".join(gbk))
    assert "".join(run for run, _font in runs) == "".join(gbk)
    assert all(font.startswith((FONT_NAME, "Fallback-HanaMin")) for _run, font in runs)


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_check_glyphs_uses_the_fallback_fonts_and_raises_a_bilingual_error() -> None:
    check_glyphs("张三 张𠈌 刘䶮 ɑ")  # Extension A/B and the three GBK gaps come from HanaMin
    with pytest.raises(MissingGlyphError) as caught:
        check_glyphs("张𰀀 刘𱍐\x00")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.characters == frozenset({"𰀀", "𱍐", "\x00"})
    message = str(error)
    assert "U+30000" in message and "U+31350" in message
    assert message.index("字体无法显示") < message.index("cannot draw")


def _decodable(codec: str, leads: range, trails: range) -> list[str]:
    chars = []
    for lead in leads:
        for trail in trails:
            try:
                chars.append(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                continue
    return chars
