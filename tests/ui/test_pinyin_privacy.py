"""The pinyin keyboard learns nothing from a citizen: the next person is never offered their words."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem

from kiosk.resources import QML_DIR
from kiosk.ui.probe import (
    find_item,
    find_items,
    pick_candidate,
    settle,
    tap,
    type_on_keyboard,
    wait_for_page,
    wait_until,
)

from .conftest import KioskUi

# 呗 + 娄 picked one by one: a phrase the system dictionary lacks, so only learning could offer it whole.
SYLLABLES, FIRST, SECOND = "bailou", "呗", "娄"


def _candidates(ui: KioskUi) -> list[str]:
    """The pinyin candidates on show, left to right."""
    view = find_item(ui.window, "wordCandidateView")
    shown: list[tuple[float, str]] = []
    stack: list[QQuickItem] = [view]
    while stack:
        item = stack.pop()
        stack.extend(item.childItems())
        text = item.property("text") if item.metaObject().indexOfProperty("text") >= 0 else None
        if item is not view and item.isVisible() and isinstance(text, str) and text:
            shown.append((item.mapToScene(QPointF(0, 0)).x(), text))
    return [text for _x, text in sorted(shown)]


def test_a_phrase_typed_by_one_citizen_is_not_offered_to_the_next(ui: KioskUi) -> None:
    for _session in range(2):
        tap(ui.window, find_item(ui.window, "fileTile"))
        wait_for_page(ui.window)
        tap(ui.window, find_item(ui.window, "searchField"))
        type_on_keyboard(ui.window, "sbk")
        wait_until(lambda: bool(find_items(ui.window, "service_SS-003")))
        tap(ui.window, find_item(ui.window, "service_SS-003"))
        wait_for_page(ui.window)
        tap(ui.window, find_item(ui.window, "startButton"))
        wait_for_page(ui.window)
        tap(ui.window, find_item(ui.window, "field_applicant_name"))
        type_on_keyboard(ui.window, SYLLABLES)
        settle(100)
        offered = _candidates(ui)
        assert offered and offered[0] != FIRST + SECOND, offered
        pick_candidate(ui.window, FIRST)
        settle(100)
        pick_candidate(ui.window, SECOND)
        assert find_item(ui.window, "field_applicant_name").property("text") == FIRST + SECOND
        QGuiApplication.inputMethod().hide()  # the header (with Home) returns with the keyboard gone
        wait_until(lambda: bool(find_items(ui.window, "homeButton")))
        tap(ui.window, find_item(ui.window, "homeButton"))
        wait_until(lambda: bool(find_items(ui.window, "discardButton")))  # a typed name: Home asks first
        tap(ui.window, find_item(ui.window, "discardButton"))
        wait_for_page(ui.window)


def _blocks(qml: str, opening: str) -> list[str]:
    """The text of every ``opening {`` ... ``}`` block of a QML file (braces balanced)."""
    blocks = []
    for match in re.finditer(rf"\b{opening}\s*\{{", qml):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(qml)):
            depth += {"{": 1, "}": -1}.get(qml[end], 0)
            if depth == 0:
                break
        blocks.append(qml[match.start() : end + 1])
    return blocks


def test_every_text_field_tells_the_keyboard_its_text_is_sensitive() -> None:
    """Every hint given to a text field keeps ImhSensitiveData, and every TextField gives one."""
    for path in sorted(QML_DIR.glob("*.qml")):
        qml = path.read_text("utf-8")
        for line in qml.splitlines():
            if "inputMethodHints:" in line:
                assert "Qt.ImhSensitiveData" in line, f"{path.name}: {line.strip()}"
        for block in _blocks(qml, "TextField"):
            assert "inputMethodHints:" in block, f"{path.name}: a TextField without hints"
