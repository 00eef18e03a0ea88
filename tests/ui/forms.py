"""Shared steps of the form, review and keyboard tests: open a form by touch, read what the screen shows."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem, QQuickWindow
from sqlalchemy import func, select

from db.models import Filing
from kiosk.services.demo_answers import demo_answers
from kiosk.ui.form_session import FormSession
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until

from .conftest import KioskUi


def open_guide(ui: KioskUi, code: str) -> None:
    """Home → 办事 → the service found by its name, by touch (the name as if typed): its guide."""
    window, service = ui.window, ui.kiosk.catalog.service(code)
    tap(window, find_item(window, "fileTile"))
    wait_for_page(window)
    find_item(window, "searchField").setProperty("text", service.name.zh)
    wait_until(lambda: bool(find_items(window, f"service_{code}")))
    tap(window, find_item(window, f"service_{code}"))
    wait_for_page(window)


def open_form(ui: KioskUi, code: str) -> None:
    """Home → 办事 → the service found by its name → Start, by touch (the name as if typed)."""
    window = ui.window
    open_guide(ui, code)
    tap(window, find_item(window, "startButton"))
    wait_for_page(window)
    settle(100)


def form_of(ui: KioskUi) -> FormSession:
    """The view-model's form session (its slots are what QML calls)."""
    form = ui.vm.property("form")
    assert isinstance(form, FormSession)
    return form


def row(ui: KioskUi, key: str) -> dict[str, object]:
    """One field as the view-model presents it."""
    return next(field for field in ui.vm.property("fields") if field["key"] == key)


def text_of(ui: KioskUi, name: str) -> str:
    """The text of a visible item."""
    return str(find_item(ui.window, name).property("text"))


def any_item(window: QQuickWindow, name: str) -> QQuickItem:
    """The item with this objectName, shown or not."""
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        if item.objectName() == name:
            return item
        pending.extend(item.childItems())
    raise LookupError(f"no QML item named {name!r}")


def scene_rect(item: QQuickItem) -> QRectF:
    """Where an item is in the window."""
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def shown_texts(root: QQuickItem) -> Iterator[str]:
    """Every text a visible item under `root` shows (texts, entries, placeholders)."""
    if not root.isVisible():
        return
    for name in ("text", "displayText", "placeholderText", "title"):
        if root.metaObject().indexOfProperty(name) >= 0:
            value = root.property(name)
            if isinstance(value, str) and value:
                yield value
    for child in root.childItems():
        yield from shown_texts(child)


def filings(ui: KioskUi) -> int:
    """How many filings the kiosk has stored."""
    with ui.kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(Filing)) or 0


def file_and_see_the_receipt(ui: KioskUi, code: str) -> None:
    """File the service's demo answers through the view-model and wait for the receipt, printed."""
    service = ui.kiosk.catalog.service(code)
    ui.vm.selectService(service.code)
    for key, value in demo_answers(service).items():
        ui.vm.setAnswer(key, value)
    ui.vm.submit()
    wait_until(lambda: bool(find_items(ui.window, "voucherCode")))
    wait_for_page(ui.window)
    wait_until(lambda: ui.vm.property("printState") != "printing")


def go_to_review(ui: KioskUi) -> None:
    """Tap the form's submit button and wait for the review page."""
    tap(ui.window, find_item(ui.window, "submitButton"))
    wait_until(lambda: bool(find_items(ui.window, "confirmButton")))
    wait_for_page(ui.window)


def pad_keys(window: QQuickWindow, digits: str) -> None:
    """Tap the form keypad's keys one by one."""
    for digit in digits:
        tap(window, find_item(window, f"digitKey_{digit}"))
