"""Fill a service form by touch where a tap is cheap (choices, dates, places, photos): the citizen walk uses it.

Typed answers (names, numbers, free text) are set through the view-model, as pinyin typing is tested on
its own; everything else is tapped, so the walk's screenshots and readability audit see each editor used.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtQuick import QQuickWindow

from kiosk.domain.address import split_address
from kiosk.domain.catalog import FieldType, Service
from kiosk.domain.multi_choice import split_choices
from kiosk.services.demo_answers import demo_answers
from kiosk.ui.form_session import FormSession
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_until
from kiosk.ui.viewmodel import KioskViewModel

TAPPED = frozenset(
    {FieldType.CHOICE, FieldType.MULTI_CHOICE, FieldType.DATE, FieldType.ADDRESS, FieldType.PHOTOS}
)


def file_by_touch(
    window: QQuickWindow, vm: KioskViewModel, service: Service, *, on_screen: Callable[[str], None]
) -> None:
    """From the open form: submit it empty (errors), open the keypad, fill it in, review, confirm."""
    tap(window, find_item(window, "submitButton"))
    wait_until(lambda: bool(find_items(window, f"error_{service.form.keys[0]}")))
    on_screen("06-form-errors")
    tap(window, find_item(window, "field_applicant_id_number"))
    wait_until(lambda: bool(find_items(window, "digitPad")))
    on_screen("06a-keypad")
    tap(window, find_item(window, "digitKey_done"))
    fill_form_by_touch(window, vm, service, on_camera=lambda: on_screen("06b-camera"))
    tap(window, find_item(window, "submitButton"))
    wait_until(lambda: bool(find_items(window, "confirmButton")))
    on_screen("06c-review")
    tap(window, find_item(window, "confirmButton"))


def fill_form_by_touch(
    window: QQuickWindow, vm: KioskViewModel, service: Service, *, on_camera: Callable[[], None] | None = None
) -> None:
    """Demo answers: typed ones set directly, the rest by tapping; one photo per photos field shown."""
    answers = demo_answers(service)
    for form_field in service.form.shown(answers):
        key, answer = form_field.key, answers[form_field.key]
        if form_field.type not in TAPPED:
            vm.setAnswer(key, answer)
        elif form_field.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            for value in split_choices(answer) if form_field.type is FieldType.MULTI_CHOICE else (answer,):
                tap(window, find_item(window, f"choice_{key}_{value}"))
        elif form_field.type is FieldType.DATE:
            tap(window, find_item(window, f"dateStep_{key}_year_down1"))
        elif form_field.type is FieldType.ADDRESS:
            _tap_place(window, vm, key, answer)
        else:
            take_photo(window, vm, key, on_camera=on_camera)


def _tap_place(window: QQuickWindow, vm: KioskViewModel, key: str, answer: str) -> None:
    place, detail = split_address(answer)
    form = vm.property("form")
    assert isinstance(form, FormSession)
    buttons = find_items(window, f"place_{key}_0")
    if buttons:
        tap(window, buttons[0])
    else:
        form.setPlace(key, place)
    form.setAddressDetail(key, detail)


def take_photo(
    window: QQuickWindow, vm: KioskViewModel, key: str, *, on_camera: Callable[[], None] | None = None
) -> None:
    """Open the camera for a photos field, wait for its picture, take the photo and wait for its thumbnail."""
    count = len(_photos(vm, key))
    tap(window, find_item(window, f"photoButton_{key}"))
    wait_until(lambda: bool(find_items(window, "photoPreview")))
    settle(200)
    if on_camera is not None:
        on_camera()
    tap(window, find_item(window, "captureButton"))
    wait_until(lambda: len(_photos(vm, key)) > count and not find_items(window, "photoPanel"))
    wait_until(lambda: bool(find_items(window, f"photoThumb_{key}_{count}")))


def _photos(vm: KioskViewModel, key: str) -> list[str]:
    row = next(row for row in vm.property("fields") if row["key"] == key)
    return list(row["photos"])
