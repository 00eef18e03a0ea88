"""Every field type of a form filled by touch on the real QML, and checked at the field in plain words."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QSize
from sqlalchemy import select

from db.models import Attachment, FilingAttachment, OutboxEntry
from kiosk.services.demo_answers import demo_answers
from kiosk.ui.form_touch import take_photo
from kiosk.ui.idle import IdleWatch
from kiosk.ui.probe import find_item, find_items, pick_candidate, settle, tap, type_on_keyboard, wait_until

from .conftest import KioskUi
from .forms import form_of, go_to_review, open_form, pad_keys, row, text_of

LONG_FORM = "CA-001"  # 最低生活保障申请: number, multiple choice, date, address, photos, text


def _error(ui: KioskUi, key: str) -> str:
    items = find_items(ui.window, f"error_{key}")
    return str(items[0].property("text")) if items else ""


def _tap_pad_field(ui: KioskUi, key: str, digits: str, *, deleting: int = 0) -> None:
    """Tap a keypad field, delete some characters, type digits, and close the keypad with Done."""
    tap(ui.window, find_item(ui.window, f"field_{key}"))
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    for _ in range(deleting):
        tap(ui.window, find_item(ui.window, "digitKey_delete"))
    pad_keys(ui.window, digits)
    tap(ui.window, find_item(ui.window, "digitKey_done"))


def test_each_field_type_is_filled_by_touch_and_checked_at_the_field(ui: KioskUi) -> None:
    window = ui.window
    open_form(ui, LONG_FORM)
    tap(window, find_item(window, "submitButton"))
    wait_until(lambda: _error(ui, "income_sources") != "")
    for key in ("applicant_name", "household_size", "income_sources", "hardship_since", "home_address"):
        assert _error(ui, key) == "请填写此项", key
    assert _error(ui, "supporting_photos") == "", "photos are optional here"

    # Wrong by touch: each gets its own plain-words message at the field.
    _tap_pad_field(ui, "applicant_id_number", "110105194912310021")
    _tap_pad_field(ui, "applicant_phone", "12345")
    _tap_pad_field(ui, "household_size", "0")
    tap(window, find_item(window, "place_home_address_0"))
    tap(window, find_item(window, "submitButton"))
    wait_until(lambda: _error(ui, "household_size") != "")
    assert "1人" in _error(ui, "household_size") and "20人" in _error(ui, "household_size")
    assert "详细地址" in _error(ui, "home_address")
    assert _error(ui, "applicant_id_number") != "" and _error(ui, "applicant_phone") != ""
    assert ui.vm.message == "", "no red bar over the page: the form says it at its top"
    assert "标红" in text_of(ui, "formMessageText")

    # Right by touch.
    tap(window, find_item(window, "field_applicant_name"))
    type_on_keyboard(window, "zhang")
    pick_candidate(window, "张")
    type_on_keyboard(window, "san")
    pick_candidate(window, "三")
    assert _error(ui, "applicant_name") == "", "an error clears as soon as the field is changed"
    _tap_pad_field(ui, "applicant_id_number", "X", deleting=1)
    _tap_pad_field(ui, "applicant_phone", "13812345678", deleting=5)
    _tap_pad_field(ui, "household_size", "3", deleting=1)
    tap(window, find_item(window, "choice_income_sources_farming"))
    tap(window, find_item(window, "dateStep_hardship_since_year_down1"))
    tap(window, find_item(window, "field_home_address"))
    type_on_keyboard(window, "san")
    pick_candidate(window, "三")
    type_on_keyboard(window, "zu")
    pick_candidate(window, "组")
    tap(window, find_item(window, "field_hardship_reason"))
    type_on_keyboard(window, "bing")
    pick_candidate(window, "病")
    go_to_review(ui)

    shown = {
        key: text_of(ui, f"review_{key}") for key in ("applicant_name", "household_size", "home_address")
    }
    assert shown == {
        "applicant_name": "张三",
        "household_size": "3 人",
        "home_address": "示例县示例镇 幸福村 三组",  # the county and township lead every address
    }
    assert text_of(ui, "review_applicant_id_number") == "110105 19491231 002X"
    assert text_of(ui, "review_income_sources") == "务农"
    assert text_of(ui, "review_hardship_reason") == "病"


def test_a_single_choice_keeps_one_value(ui: KioskUi) -> None:
    open_form(ui, "SS-003")
    tap(ui.window, find_item(ui.window, "choice_pickup_method_post"))
    tap(ui.window, find_item(ui.window, "choice_pickup_method_service_centre"))
    assert row(ui, "pickup_method")["value"] == "service_centre"
    assert find_item(ui.window, "choice_pickup_method_service_centre").property("checked")
    assert not find_item(ui.window, "choice_pickup_method_post").property("checked")


def test_a_multiple_choice_keeps_several_values(ui: KioskUi) -> None:
    open_form(ui, LONG_FORM)
    for value in ("pension", "farming", "none", "none"):  # the second tap on 无固定收入 unchooses it
        tap(ui.window, find_item(ui.window, f"choice_income_sources_{value}"))
    assert row(ui, "income_sources")["value"] == "farming,pension"
    checked = {
        value: bool(find_item(ui.window, f"choice_income_sources_{value}").property("checked"))
        for value in ("farming", "wages", "pension", "family_support", "none")
    }
    assert checked == {
        "farming": True,
        "wages": False,
        "pension": True,
        "family_support": False,
        "none": False,
    }
    assert text_of(ui, "choice_income_sources_pension").startswith("✓")


def test_the_date_picker_cannot_produce_an_impossible_date(ui: KioskUi) -> None:
    open_form(ui, LONG_FORM)
    key = "hardship_since"
    assert row(ui, key)["dateText"] == "" and text_of(ui, f"datePart_{key}_year") == "—"
    form_of(ui).setAnswer(key, "2016-01-31")
    settle(50)
    tap(ui.window, find_item(ui.window, f"dateStep_{key}_month_up1"))
    assert row(ui, key)["value"] == "2016-02-29", "31 January + 1 month is the last day of February"
    assert text_of(ui, f"date_{key}") == "2016年2月29日"
    tap(ui.window, find_item(ui.window, f"dateStep_{key}_year_up1"))
    assert row(ui, key)["value"] == "2017-02-28", "no 29 February in 2017"
    tap(ui.window, find_item(ui.window, f"dateStep_{key}_day_up1"))
    assert row(ui, key)["value"] == "2017-02-01", "days go round within the month"
    for _ in range(2):
        tap(ui.window, find_item(ui.window, f"dateStep_{key}_year_up10"))
    today = ui.kiosk.clock().date()
    assert row(ui, key)["value"] <= today.isoformat(), "never after today"
    assert text_of(ui, f"datePart_{key}_year") == str(today.year)


@pytest.fixture
def no_camera(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kiosk whose settings name no document camera."""
    monkeypatch.setenv("BIANMIN_DOCUMENT_CAMERA", "none")


def test_without_a_camera_the_photo_panel_says_so_and_the_form_goes_on(no_camera: None, ui: KioskUi) -> None:
    open_form(ui, LONG_FORM)
    tap(ui.window, find_item(ui.window, "photoButton_supporting_photos"))
    wait_until(lambda: bool(find_items(ui.window, "photoProblem")))
    assert "没有可用的拍照设备" in text_of(ui, "photoProblem")
    assert find_items(ui.window, "captureButton") == []
    tap(ui.window, find_item(ui.window, "captureCancelButton"))
    assert find_items(ui.window, "photoPanel") == []
    assert row(ui, "supporting_photos")["value"] == ""


def test_a_photo_is_captured_stored_sealed_and_named_in_the_filing(ui: KioskUi) -> None:
    window, key = ui.window, "supporting_photos"
    open_form(ui, LONG_FORM)
    service = ui.kiosk.catalog.service(LONG_FORM)
    for field_key, value in demo_answers(service).items():
        ui.vm.setAnswer(field_key, value)
    camera = form_of(ui).photo
    seen: list[bytes] = []

    def remember_the_picture() -> None:
        frame = camera.images.newest_frame()
        assert frame is not None
        seen.append(frame.pixels)

    def wait_for_another_picture() -> None:  # the simulated camera shows each sample for a few seconds
        wait_until(
            lambda: getattr(camera.images.newest_frame(), "pixels", b"") not in seen, timeout_ms=10_000
        )

    take_photo(window, ui.vm, key, on_camera=remember_the_picture)
    take_photo(window, ui.vm, key, on_camera=wait_for_another_picture)
    first, second = row(ui, key)["photos"]  # type: ignore[misc]
    tap(window, find_item(window, f"photoDelete_{key}_0"))
    assert row(ui, key)["photos"] == [second]
    assert re.findall(r"\d+", text_of(ui, f"photoCount_{key}")) == ["1", "4"], "1 photo of at most 4"
    assert (
        len(find_items(window, f"photoThumb_{key}_0")) == 1
        and find_items(window, f"photoThumb_{key}_1") == []
    )
    sha = str(second)
    path = ui.kiosk.settings.attachments_dir / sha[:2] / sha
    sealed = path.read_bytes()
    photo = ui.kiosk.cipher.open(record_id=sha, field="attachment", blob=sealed)
    assert photo.startswith(b"\xff\xd8") and photo[:64] not in sealed, "a JPEG, sealed at rest"

    go_to_review(ui)
    assert "已拍 1 张照片" in text_of(ui, f"review_{key}")
    assert len(find_items(window, f"reviewPhoto_{key}")) == 1
    tap(window, find_item(window, "confirmButton"))
    wait_until(lambda: bool(find_items(window, "voucherCode")))
    with ui.kiosk.sessions() as session:
        (filing_id,) = session.scalars(
            select(FilingAttachment.filing_id).where(FilingAttachment.sha256 == sha)
        )
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == filing_id)).one()
        payload = json.loads(
            ui.kiosk.cipher.decrypt(record_id=filing_id, field="outbox", blob=outbox.payload_enc)
        )
        stored = session.get(Attachment, sha)
        assert stored is not None and stored.media_type == "image/jpeg" and stored.upload_state == "pending"
    assert payload["answers"][key] == sha
    assert payload["attachments"] == [sha], "the deleted photo is not sent"
    assert first not in json.dumps(payload)


def test_the_idle_wipe_closes_the_camera_and_forgets_the_photos(ui: KioskUi) -> None:
    key = "supporting_photos"
    open_form(ui, LONG_FORM)
    take_photo(ui.window, ui.vm, key)
    (sha,) = row(ui, key)["photos"]  # type: ignore[misc]
    camera = form_of(ui).photo
    assert camera.images.requestImage(f"thumb/{sha}", QSize(), QSize()).width() > 4, "the thumbnail is shown"
    tap(ui.window, find_item(ui.window, f"photoButton_{key}"))
    wait_until(lambda: bool(find_items(ui.window, "photoPreview")))
    idle = ui.window.property("idle")
    assert isinstance(idle, IdleWatch)
    idle.expire_now()
    wait_until(lambda: bool(find_items(ui.window, "fileTile")))
    assert not camera.property("active") and camera.images.newest_frame() is None
    assert ui.vm.property("fields") == []
    assert camera.images.requestImage(f"thumb/{sha}", QSize(), QSize()).width() == 4, "only the grey stand-in"
