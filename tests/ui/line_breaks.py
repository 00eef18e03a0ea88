"""Where Qt breaks the wrapped texts on screen, replayed with QTextLayout, and the breaks that split a word."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtQml import QQmlExpression, QQmlProperty, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.domain.zh_words import WORD_JOINER, splits_a_word
from kiosk.services.zh_lexicon import lexicon

# QML's Text.wrapMode values and the QTextOption mode each stands for (NoWrap = 0 is not wrapped).
_WRAP_MODES = {
    1: QTextOption.WrapMode.WordWrap,
    2: QTextOption.WrapMode.ManualWrap,
    3: QTextOption.WrapMode.WrapAnywhere,
    4: QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
}
CLOSING = set("，。、；：？！）》」』”’…·%")  # never first on a line
OPENING = set("（《「『“‘")  # never last on a line
_PLAIN_TEXT = (0, 2)  # Text.PlainText, Text.AutoText (what QML guesses plain for our strings)


def shown_text(item: QQuickItem) -> str:
    """The item's text as Qt lays it out, word joiners and all (tests/ui/conftest.py strips them elsewhere)."""
    return str(QQmlProperty.read(item, "text"))


def _enum(item: QQuickItem, name: str) -> int:
    """An enum property of a Text (PySide6 cannot convert QQuickText's enums), read through QML."""
    value, undefined = QQmlExpression(qmlEngine(item).rootContext(), item, f"{name} + 0").evaluate()
    assert not undefined, name
    return int(value)


def line_starts(item: QQuickItem) -> list[int]:
    """Offsets in the item's text where Qt starts each line, replayed with its font, width and wrap mode."""
    text = shown_text(item)
    font = item.property("font")
    assert isinstance(font, QFont)
    option = QTextOption()
    option.setWrapMode(_WRAP_MODES[_enum(item, "wrapMode")])
    width = item.width() - float(item.property("leftPadding")) - float(item.property("rightPadding"))
    layout = QTextLayout(text.replace("\n", "\u2028"), font)  # QML's Text breaks at \n, QTextLayout at U+2028
    layout.setTextOption(option)
    starts: list[int] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    most = int(item.property("maximumLineCount"))
    return starts[:most]


def _wrapped_texts(item: QQuickItem, window_rect: QRectF) -> Iterator[QQuickItem]:
    if not item.isVisible() or item.opacity() == 0:
        return
    if item.inherits("QQuickText") and shown_text(item) and _enum(item, "wrapMode"):
        scene = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        if scene.intersects(window_rect) and _enum(item, "textFormat") in _PLAIN_TEXT:
            yield item
    for child in item.childItems():
        yield from _wrapped_texts(child, window_rect)


def _visible_before(text: str, offset: int) -> str:
    rest = text[:offset].rstrip(WORD_JOINER + " ")
    return rest[-1:] if rest else ""


def bad_breaks(window: QQuickWindow) -> list[str]:
    """Every line break on screen that splits a word or strands punctuation, described for the failure."""
    problems = []
    words = lexicon()
    for item in _wrapped_texts(window.contentItem(), QRectF(0, 0, window.width(), window.height())):
        text, starts = shown_text(item), line_starts(item)
        name = item.objectName() or item.parentItem().objectName() or "a Text"
        shown_lines = int(item.property("lineCount"))
        if shown_lines == 1:
            continue  # nothing broken (an item without a width of its own is not wrapped at all)
        if len(starts) != shown_lines:
            problems.append(
                f"{name}: replayed {len(starts)} lines, Qt shows {item.property('lineCount')}: {text!r}"
            )
            continue
        for start in starts[1:]:
            if text[start - 1] in "\n\u2028":
                continue  # a line of its own in the text
            first, last = text[start:].lstrip(WORD_JOINER + " ")[:1], _visible_before(text, start)
            word = splits_a_word(text, start, words)
            if word or first in CLOSING or last in OPENING:
                shown = text.replace(WORD_JOINER, "")
                at = start - text[:start].count(WORD_JOINER)
                why = f"inside {word}" if word else "next to punctuation"
                problems.append(f"{name} ({item.width():.0f} px): {shown[:at]} / {shown[at:]}  [{why}]")
    return problems
