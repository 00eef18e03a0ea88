"""No wrapped Chinese text breaks a line inside a word: every screen, landscape and portrait, normal and elder.

One walk of the citizen path; each screen is checked at every size and in both modes before the walk goes on.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QTranslator
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextLayout, QTextOption

from kiosk.domain.zh_words import WORD_JOINER, keep_words
from kiosk.ui.app import load_shipped_font
from kiosk.ui.citizen_path import walk_citizen_path
from kiosk.ui.crash import report_bug
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.translations_tool import build, ts_file

from .conftest import KioskUi
from .line_breaks import bad_breaks

SIZES = ((1280, 800), (800, 1280), (1080, 1920))
WALKED_AT = SIZES[0]


def _check_everywhere(ui: KioskUi, screen: str, problems: dict[str, list[str]]) -> None:
    """The screen at every size, normal and elder; back to the walk's size and normal mode after."""
    for elder in (False, True):
        if elder:
            ui.vm.toggleElderMode()
        for width, height in SIZES:
            ui.window.resize(width, height)
            settle(60)
            found = bad_breaks(ui.window)
            if found:
                problems[f"{screen} {width}x{height}{' elder' if elder else ''}"] = found
    ui.vm.toggleElderMode()
    ui.window.resize(*WALKED_AT)
    settle(60)


def _overlays(ui: KioskUi, problems: dict[str, list[str]]) -> None:
    """求助's reasons and its answer, then the crash notice; ends on home."""
    tap(ui.window, find_item(ui.window, "helpTile"))
    wait_until(lambda: bool(find_items(ui.window, "helpReasonsTitle")))
    _check_everywhere(ui, "help-reasons", problems)
    tap(ui.window, find_item(ui.window, "helpReason_form_trouble"))
    wait_until(lambda: bool(find_items(ui.window, "helpAnswerText")))
    _check_everywhere(ui, "help-answer", problems)
    tap(ui.window, find_item(ui.window, "helpOkButton"))
    crash_log = logging.getLogger("kiosk.ui.crash")
    crash_log.disabled = True  # the planted bug is no news
    try:
        report_bug(RuntimeError("a planted bug for the crash notice"), where="test_line_breaks")
        wait_until(lambda: bool(find_items(ui.window, "crashNotice")))
    finally:
        crash_log.disabled = False
    _check_everywhere(ui, "crash-notice", problems)
    tap(ui.window, find_item(ui.window, "crashHomeButton"))
    wait_for_page(ui.window)


def test_no_wrapped_chinese_line_breaks_inside_a_word(ui: KioskUi) -> None:
    problems: dict[str, list[str]] = {}
    ui.window.resize(*WALKED_AT)
    walk_citizen_path(
        ui.window, ui.vm, ui.kiosk.catalog, on_screen=lambda screen: _check_everywhere(ui, screen, problems)
    )
    _overlays(ui, problems)
    assert problems == {}, "\n".join(f"{screen}: {p}" for screen, found in problems.items() for p in found)


def _lines(text: str, font: QFont, width: float) -> list[str]:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def _drawn(text: str, font: QFont) -> QImage:
    image = QImage(600, 80, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(QPointF(4, 60), text)
    painter.end()
    return image


def test_qt_keeps_a_joined_word_on_one_line_and_draws_the_joiner_as_nothing(qapp: object) -> None:
    font = QFont(load_shipped_font())
    font.setPixelSize(48)
    title = "您好，请问您要办理什么？"
    assert _lines(title, font, 400)[0].endswith("办"), "Qt alone breaks inside 办理"
    joined = keep_words(title)
    assert [line.replace(WORD_JOINER, "") for line in _lines(joined, font, 400)] == [
        "您好，请问您要",
        "办理什么？",
    ]
    assert _drawn(joined, font) == _drawn(title, font)


def test_the_chinese_qm_keeps_words_and_the_ts_stays_as_written(qapp: object, tmp_path: Path) -> None:
    assert WORD_JOINER not in ts_file("zh_CN").read_text(encoding="utf-8")
    translator = QTranslator()
    assert translator.load(str(next(path for path in build(tmp_path) if "zh_CN" in path.name)))
    QCoreApplication.installTranslator(translator)
    try:
        title = QCoreApplication.translate("HomePage", "Welcome. What would you like to do?")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert title == keep_words("您好，请问您要办理什么？")
