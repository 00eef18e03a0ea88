"""Measure what the citizen sees: text sizes, line height, contrast (WCAG) and touch target sizes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickItem, QQuickWindow

MM_PER_INCH = 25.4
FALLBACK_DPI = 96.0  # Theme.qml uses the same fallback when the screen's density is unknown or implausible


@dataclass(frozen=True)
class Rules:
    """The numbers one mode must meet."""

    min_text_px: int
    min_line_height: float
    min_contrast: float
    min_target_mm: float


NORMAL = Rules(min_text_px=24, min_line_height=1.0, min_contrast=4.5, min_target_mm=15)
ELDER = Rules(min_text_px=36, min_line_height=1.3, min_contrast=7.0, min_target_mm=15)


def pixels_per_mm(window: QQuickWindow) -> float:
    """The density Theme.mm uses: the screen's physical DPI, or 96 dpi when it is implausible."""
    density = window.screen().physicalDotsPerInch() / MM_PER_INCH
    return density if 2 <= density <= 30 else FALLBACK_DPI / MM_PER_INCH


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio; a translucent foreground is first blended over the background."""
    alpha = foreground.alphaF()
    blended = QColor.fromRgbF(
        foreground.redF() * alpha + background.redF() * (1 - alpha),
        foreground.greenF() * alpha + background.greenF() * (1 - alpha),
        foreground.blueF() * alpha + background.blueF() * (1 - alpha),
    )
    light, dark = sorted((_luminance(blended), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _inherits(item: QQuickItem, class_name: str) -> bool:
    return bool(item.inherits(class_name))


def _opaque_fill(item: QQuickItem) -> QColor | None:
    if _inherits(item, "QQuickRectangle") and item.isVisible():
        color = item.property("color")
        if isinstance(color, QColor) and color.alpha() == 255:
            return color
    return None


def background_of(item: QQuickItem, window: QQuickWindow) -> QColor:
    """The colour behind an item: the nearest opaque Rectangle among its ancestors and their backgrounds."""
    ancestor = item.parentItem()
    while ancestor is not None:
        fill = _opaque_fill(ancestor)
        if fill is not None:
            return fill
        if ancestor.metaObject().indexOfProperty("background") >= 0:
            background = ancestor.property("background")
            if isinstance(background, QQuickItem):
                fill = _opaque_fill(background)
                if fill is not None:
                    return fill
        ancestor = ancestor.parentItem()
    return window.color()


def _shown_items(item: QQuickItem, window_rect: QRectF, skip: str) -> Iterator[QQuickItem]:
    if not item.isVisible() or item.opacity() == 0 or item.objectName() == skip:
        return
    scene = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    if scene.isEmpty() or scene.intersects(window_rect):
        yield item
    for child in item.childItems():
        yield from _shown_items(child, window_rect, skip)


def _is_target(item: QQuickItem) -> bool:
    name = item.objectName()
    return (
        name.endswith(("Button", "Tile", "Field"))
        or _inherits(item, "QQuickAbstractButton")
        or _inherits(item, "QQuickTextField")
    )


def _inside_a_clipping_view(item: QQuickItem, window_rect: QRectF) -> bool:
    """False when a clipping ancestor (a list) shows none of the item."""
    scene = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    ancestor = item.parentItem()
    while ancestor is not None:
        if ancestor.clip():
            clip = ancestor.mapRectToScene(QRectF(0, 0, ancestor.width(), ancestor.height()))
            if not clip.intersects(scene):
                return False
        ancestor = ancestor.parentItem()
    return scene.intersects(window_rect)


def audit(window: QQuickWindow, rules: Rules) -> list[str]:
    """Every text and touch target on screen that breaks a rule, described for the failure message."""
    root = window.contentItem()
    window_rect = QRectF(0, 0, window.width(), window.height())
    min_target_px = rules.min_target_mm * pixels_per_mm(window)
    problems: list[str] = []
    for item in _shown_items(root, window_rect, skip="inputPanel"):
        if not _inside_a_clipping_view(item, window_rect):
            continue
        label = f"{item.metaObject().className()} {item.objectName() or ''}".strip()
        scene = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        if (_is_target(item) or _inherits(item, "QQuickText")) and (
            scene.left() < -0.5 or scene.right() > window_rect.right() + 0.5
        ):
            problems.append(f"{label}: off-screen sideways ({scene.left():.0f}..{scene.right():.0f} px)")
        if _inherits(item, "QQuickText") and str(item.property("text") or "").strip():
            text = str(item.property("text"))[:30]
            size = item.property("font").pixelSize()
            if size < rules.min_text_px:
                problems.append(f"{label} {text!r}: {size} px < {rules.min_text_px} px")
            if int(item.property("lineCount")) > 1 and item.property("lineHeight") < rules.min_line_height:
                problems.append(f"{label} {text!r}: line height {item.property('lineHeight')}")
            ratio = contrast_ratio(item.property("color"), background_of(item, window))
            if ratio < rules.min_contrast:
                problems.append(f"{label} {text!r}: contrast {ratio:.2f} < {rules.min_contrast}")
        too_small = item.width() < min_target_px or item.height() < min_target_px
        if _is_target(item) and item.isEnabled() and too_small:
            problems.append(
                f"{label}: {item.width():.0f}×{item.height():.0f} px < {min_target_px:.0f} px"
                f" ({rules.min_target_mm} mm)"
            )
    return problems


def point_inside(window: QQuickWindow, item: QQuickItem) -> bool:
    """True when the item's centre is inside the window (not pushed off-screen)."""
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return 0 <= centre.x() <= window.width() and 0 <= centre.y() <= window.height()
