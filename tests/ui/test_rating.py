"""好差评 on the real QML: after a filing, from a scanned voucher, for a counter service; one per filing."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeyEvent
from PySide6.QtQuick import QQuickItem
from sqlalchemy import select

from db.models import Filing, OutboxEntry, Rating
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.rating import rate_filing
from kiosk.ui.idle import IdleWatch
from kiosk.ui.probe import find_item, find_items, settle, tap, wait_for_page, wait_until
from kiosk.ui.rating_model import RatingModel
from sync.protocol.models import RatingPayload

from .conftest import KioskUi
from .forms import file_and_see_the_receipt, pad_keys, shown_texts

LEVEL_WORDS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
PHONE = "13700001111"
FILED_SERVICE = "SS-003"


def _ratings(ui: KioskUi) -> list[Rating]:
    with ui.kiosk.sessions() as session:
        return list(session.scalars(select(Rating)))


def _queued_kinds(ui: KioskUi, record_id: str) -> list[str]:
    with ui.kiosk.sessions() as session:
        return list(session.scalars(select(OutboxEntry.kind).where(OutboxEntry.record_id == record_id)))


def _rating_model(ui: KioskUi) -> RatingModel:
    model = ui.window.property("rating")
    assert isinstance(model, RatingModel)
    return model


def _file_and_see_the_receipt(ui: KioskUi) -> str:
    """Submit a filing through the view-model and wait for its receipt; returns the voucher shown."""
    file_and_see_the_receipt(ui, FILED_SERVICE)
    return str(find_item(ui.window, "voucherCode").property("text"))


def _wait_for_the_faces(ui: KioskUi) -> None:
    wait_until(lambda: bool(find_items(ui.window, "ratingLevels")))
    wait_for_page(ui.window)


def _open_rating_after_filing(ui: KioskUi) -> str:
    voucher = _file_and_see_the_receipt(ui)
    tap(ui.window, find_item(ui.window, "doneButton"))
    _wait_for_the_faces(ui)
    return voucher


def _rate_well(ui: KioskUi, level: int) -> None:
    """Tap a good level's face, then Submit."""
    tap(ui.window, find_item(ui.window, f"level_{level}"))
    tap(ui.window, find_item(ui.window, "submitRatingButton"))


def _level_buttons(ui: KioskUi) -> dict[int, QQuickItem]:
    return {level: find_item(ui.window, f"level_{level}") for level in LEVEL_WORDS}


def _texts_under(item: QQuickItem) -> list[str]:
    return [
        str(child.property("text"))
        for child in item.findChildren(QQuickItem)
        if child.isVisible() and child.opacity() > 0 and child.property("text")
    ]


def _chosen_marks(ui: KioskUi) -> list[QQuickItem]:
    return [mark for mark in find_items(ui.window, "levelChosenMark") if mark.opacity() > 0]


def _thanks(ui: KioskUi) -> str:
    wait_until(lambda: bool(find_items(ui.window, "thanksText")))
    wait_for_page(ui.window)
    return str(find_item(ui.window, "thanksText").property("text"))


def _face(button: QQuickItem) -> QQuickItem:
    return next(
        child
        for child in button.findChildren(QQuickItem)
        if child.inherits("QQuickCanvasItem") and child.isVisible()
    )


def _face_grey(shot: QImage, button: QQuickItem) -> list[int]:
    """The face as the screen shows it, in grey (what a photocopy or a colour-blind eye keeps), 48×48."""
    face = _face(button)
    rect = face.mapRectToScene(QRectF(0, 0, face.width(), face.height())).toRect()
    image = shot.copy(rect).scaled(48, 48).convertToFormat(QImage.Format.Format_Grayscale8)
    return [image.pixelColor(x, y).value() for y in range(48) for x in range(48)]


def _share_differing(a: list[int], b: list[int]) -> float:
    """How much of two grey faces differs clearly (by more than 40 of 255 grey levels)."""
    return sum(abs(p - q) > 40 for p, q in zip(a, b, strict=True)) / len(a)


def test_after_a_filing_done_leads_to_five_faces_with_words_and_none_is_chosen(ui: KioskUi) -> None:
    voucher = _open_rating_after_filing(ui)

    buttons = _level_buttons(ui)
    for level, words in LEVEL_WORDS.items():
        assert words in _texts_under(buttons[level])
    sizes = {(round(b.width()), round(b.height())) for b in buttons.values()}
    assert len(sizes) == 1, f"all five the same size, not {sizes}"
    backgrounds = {b.property("background").property("color").name() for b in buttons.values()}
    assert len(backgrounds) == 1, "no level is coloured differently before a choice"
    assert _chosen_marks(ui) == [] and find_items(ui.window, "submitRatingButton") == []
    assert find_items(ui.window, "skipRatingButton"), "No rating is there from the start"

    _assert_five_distinct_faces(ui, buttons)

    ui.vm.setLanguage("en")
    settle(100)
    assert "Very dissatisfied" in _texts_under(find_item(ui.window, "level_1"))

    tap(ui.window, find_item(ui.window, "backButton"))
    wait_for_page(ui.window)
    assert find_item(ui.window, "voucherCode").property("text") == voucher, "the receipt is still there"


def _assert_five_distinct_faces(ui: KioskUi, buttons: dict[int, QQuickItem]) -> None:
    """Each face its own shape and colour, clearly apart on screen in grey too, and its words beside it."""
    faces = {level: _face(button) for level, button in buttons.items()}
    shapes = {
        level: tuple(str(f.property(p)) for p in ("eyes", "brows", "mouth")) for level, f in faces.items()
    }
    tones = {level: f.property("tone").name() for level, f in faces.items()}
    assert len(set(shapes.values())) == 5, f"five shapes, not {shapes}"
    assert len(set(tones.values())) == 5, f"five colours, not {tones}"
    assert shapes[5][2] != shapes[4][2] and shapes[5][0] != shapes[4][0], "非常满意 and 满意: mouth and eyes"
    assert shapes[1][2] != shapes[2][2] and shapes[1][1] != shapes[2][1], (
        "非常不满意 and 不满意: mouth and brows"
    )
    hue = {level: QColor(tone).hue() for level, tone in tones.items()}
    assert all(80 <= hue[level] <= 150 for level in (5, 4)), f"satisfied is green: {hue}"
    assert 190 <= hue[3] <= 230, f"基本满意 is a neutral slate blue: {hue}"
    assert all(0 <= hue[level] <= 35 for level in (2, 1)), f"dissatisfied is orange or red: {hue}"

    shot = ui.window.grabWindow()
    grey = {level: _face_grey(shot, button) for level, button in buttons.items()}
    for a in LEVEL_WORDS:
        for b in LEVEL_WORDS:
            if a < b:
                share = _share_differing(grey[a], grey[b])
                assert share >= 0.05, f"faces {a} and {b} differ in only {share:.1%} of their grey pixels"
    for level, words in LEVEL_WORDS.items():
        assert words in _texts_under(buttons[level]), f"the words of level {level} are shown"


def test_no_rating_records_nothing_and_goes_home(ui: KioskUi) -> None:
    _open_rating_after_filing(ui)
    tap(ui.window, find_item(ui.window, "skipRatingButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile")
    assert _ratings(ui) == []
    assert (ui.vm.receipt, _rating_model(ui).stage) == ({}, "")


def test_a_good_rating_is_chosen_then_submitted_and_queued_for_the_county(ui: KioskUi) -> None:
    _open_rating_after_filing(ui)
    tap(ui.window, find_item(ui.window, "level_4"))
    assert len(_chosen_marks(ui)) == 1
    assert _ratings(ui) == [], "a tap chooses; nothing is stored before Submit"
    tap(ui.window, find_item(ui.window, "submitRatingButton"))

    assert "感谢您的评价" in _thanks(ui)
    (rating,) = _ratings(ui)
    assert (rating.subject, rating.level, json.loads(rating.reasons_json)) == ("filing", 4, [])
    assert rating.callback_phone_enc is None
    assert _queued_kinds(ui, rating.id) == ["rating"]
    assert ui.vm.receipt == {}, "the filing's data is gone once the rating is done"
    tap(ui.window, find_item(ui.window, "thanksHomeButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile")


def _choose_bad_level(ui: KioskUi, level: int) -> None:
    tap(ui.window, find_item(ui.window, f"level_{level}"))
    tap(ui.window, find_item(ui.window, "submitRatingButton"))  # reads "Next ›" for a bad level
    wait_until(lambda: bool(find_items(ui.window, "ratingReasons")))
    wait_for_page(ui.window)


def _reach_the_call_back_offer(ui: KioskUi, level: int, reason: str) -> None:
    """After a filing: a bad level, one reason, Next: the optional phone number is offered."""
    _open_rating_after_filing(ui)
    _choose_bad_level(ui, level)
    tap(ui.window, find_item(ui.window, f"reason_{reason}"))
    tap(ui.window, find_item(ui.window, "reasonsNextButton"))
    wait_until(lambda: bool(find_items(ui.window, "callbackPhoneField")))
    wait_for_page(ui.window)


def _type_phone(ui: KioskUi, digits: str) -> QQuickItem:
    """Tap the call-back field and type on the page's keypad (the on-screen keyboard stays closed)."""
    field = find_item(ui.window, "callbackPhoneField")
    tap(ui.window, field)
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    pad_keys(ui.window, digits)
    return field


def test_a_bad_rating_needs_a_reason_then_keeps_the_reasons_and_a_sealed_call_back_phone(ui: KioskUi) -> None:
    _open_rating_after_filing(ui)
    _choose_bad_level(ui, 2)
    assert all(find_items(ui.window, f"reason_{code}") for code in ("long_wait", "staff_attitude", "other"))

    tap(ui.window, find_item(ui.window, "reasonsNextButton"))
    settle(200)
    assert find_item(ui.window, "reasonsError").property("text") == "请至少选择一项不满意的原因"
    assert find_items(ui.window, "callbackPhoneField") == [], "no call-back offer before a reason"

    tap(ui.window, find_item(ui.window, "reason_long_wait"))
    tap(ui.window, find_item(ui.window, "reason_staff_attitude"))
    tap(ui.window, find_item(ui.window, "reason_staff_attitude"))  # changed their mind
    assert find_items(ui.window, "reasonsError") == []
    tap(ui.window, find_item(ui.window, "reasonsNextButton"))
    wait_until(lambda: bool(find_items(ui.window, "callbackPhoneField")))
    wait_for_page(ui.window)
    assert "3 个工作日内" in str(find_item(ui.window, "callbackOffer").property("text"))

    field = _type_phone(ui, PHONE[:-1])
    pad = find_item(ui.window, "digitPad")
    field_rect = field.mapRectToScene(QRectF(0, 0, field.width(), field.height()))
    assert not field_rect.intersects(pad.mapRectToScene(QRectF(0, 0, pad.width(), pad.height()))), (
        "the keypad covers the field"
    )
    assert field.property("text") == PHONE[:-1]
    tap(ui.window, find_item(ui.window, "submitCallbackButton"))
    settle(200)
    assert "11" in str(find_item(ui.window, "phoneError").property("text")), "a short number is explained"
    assert _ratings(ui) == []

    _type_phone(ui, PHONE[-1])
    tap(ui.window, find_item(ui.window, "submitCallbackButton"))
    thanks = _thanks(ui)
    assert "3 个工作日内" in thanks and "137****1111" in thanks and PHONE not in thanks
    (rating,) = _ratings(ui)
    assert (rating.level, json.loads(rating.reasons_json)) == (2, ["long_wait"])
    assert rating.callback_phone_enc is not None and PHONE.encode() not in rating.callback_phone_enc
    phone = ui.kiosk.cipher.decrypt(
        record_id=rating.id, field="callback_phone", blob=rating.callback_phone_enc
    )
    assert phone == PHONE
    assert _queued_kinds(ui, rating.id) == ["rating"]

    # Back from the thank-you leads home, not to the rating again.
    tap(ui.window, find_item(ui.window, "backButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile")
    assert _rating_model(ui).thanks == "", "the masked number does not linger"


def test_a_bad_rating_may_be_submitted_without_a_phone_and_promises_no_call(ui: KioskUi) -> None:
    _reach_the_call_back_offer(ui, 1, "not_done")
    tap(ui.window, find_item(ui.window, "submitCallbackButton"))  # "call me on this number", none typed
    settle(200)
    assert "不需要回访" in _words(ui, "phoneError"), "the way without is named"
    assert _ratings(ui) == []
    tap(ui.window, find_item(ui.window, "noCallbackButton"))
    thanks = _thanks(ui)
    assert "回访" not in thanks and "12345" in thanks
    (rating,) = _ratings(ui)
    assert (rating.level, rating.callback_phone_enc) == (1, None)


def test_other_needs_a_few_words(ui: KioskUi) -> None:
    _open_rating_after_filing(ui)
    _choose_bad_level(ui, 1)
    assert find_items(ui.window, "ratingCommentField") == []
    tap(ui.window, find_item(ui.window, "reason_other"))
    assert find_items(ui.window, "ratingCommentField")
    tap(ui.window, find_item(ui.window, "reasonsNextButton"))
    settle(200)
    assert "其他" in str(find_item(ui.window, "commentError").property("text"))
    assert find_items(ui.window, "callbackPhoneField") == []
    assert _ratings(ui) == []


def test_a_second_rating_of_the_same_filing_is_refused_calmly(ui: KioskUi) -> None:
    service = ui.kiosk.catalog.service(FILED_SERVICE)
    filed = submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    rate_filing(ui.kiosk, filing_id=filed.filing_id, level=5)

    tap(ui.window, find_item(ui.window, "rateTile"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "voucherField"))
    find_item(ui.window, "voucherField").setProperty("text", filed.voucher_display.lower())
    tap(ui.window, find_item(ui.window, "rateVoucherButton"))
    wait_until(lambda: bool(find_items(ui.window, "ratingNotice")))
    wait_for_page(ui.window)

    assert find_item(ui.window, "ratingNotice").property("text") == "该办件已经评价过了，感谢您的反馈"
    assert find_items(ui.window, "ratingLevels") == [] and find_items(ui.window, "submitRatingButton") == []
    assert len(_ratings(ui)) == 1
    tap(ui.window, find_item(ui.window, "ratingHomeButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile")


def test_a_filing_rated_elsewhere_meanwhile_is_refused_calmly_on_submit(ui: KioskUi) -> None:
    _reach_the_call_back_offer(ui, 2, "long_wait")
    rate_filing(ui.kiosk, filing_id=_ratings_subject_filing(ui), level=3)  # the voucher rated elsewhere
    tap(ui.window, find_item(ui.window, "noCallbackButton"))
    wait_until(lambda: bool(find_items(ui.window, "ratingNotice")))
    assert "已经评价" in str(find_item(ui.window, "ratingNotice").property("text"))
    assert find_items(ui.window, "submitCallbackButton") == [], "no way to rate again"
    assert find_items(ui.window, "callbackPhoneField") == []
    assert [r.level for r in _ratings(ui)] == [3]
    tap(ui.window, find_item(ui.window, "ratingHomeButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile")


def _ratings_subject_filing(ui: KioskUi) -> str:
    """The id of the filing on the receipt (the newest filing)."""
    with ui.kiosk.sessions() as session:
        return str(session.scalars(select(Filing.id).order_by(Filing.created_at.desc())).first())


def _scan(ui: KioskUi, payload: str) -> None:
    """A handheld scanner types the payload in a burst (a few milliseconds per key) and presses Enter."""
    at = 5_000_000
    for char in [*payload, "\r"]:
        key = Qt.Key.Key_Return.value if char == "\r" else ord(char.upper())
        modifiers = Qt.KeyboardModifier.ShiftModifier if char.isupper() else Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, modifiers, "" if char == "\r" else char)
            event.setTimestamp(at)
            QGuiApplication.sendEvent(ui.window, event)
        at += 4
    settle(50)


def test_rating_starts_from_a_scanned_voucher_on_the_rate_screen(ui: KioskUi) -> None:
    service = ui.kiosk.catalog.service(FILED_SERVICE)
    filed: SubmittedFiling = submit_filing(ui.kiosk, service_code=service.code, answers=demo_answers(service))
    tap(ui.window, find_item(ui.window, "rateTile"))
    wait_for_page(ui.window)
    assert "评价" in str(find_item(ui.window, "rateHint").property("text"))

    _scan(ui, filed.qr_payload)
    _wait_for_the_faces(ui)
    assert find_item(ui.window, "ratingSubject").property("text") == service.name.zh
    _rate_well(ui, 3)
    _thanks(ui)
    (rating,) = _ratings(ui)
    assert (rating.filing_id, rating.level) == (filed.filing_id, 3)


def _open_the_counter_step(ui: KioskUi) -> None:
    """Home → 评价 → Rate a counter service: the counter's numbers are asked first."""
    tap(ui.window, find_item(ui.window, "rateTile"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "windowRatingButton"))
    wait_for_page(ui.window)


def test_a_counter_service_is_rated_from_the_home_tile(ui: KioskUi) -> None:
    service = ui.kiosk.catalog.service("SS-001")
    _open_the_counter_step(ui)
    _give_the_counter(ui, "5", "")
    tap(ui.window, find_item(ui.window, f"rateCategory_{service.category}"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, f"rateService_{service.code}"))
    _wait_for_the_faces(ui)
    tap(ui.window, find_item(ui.window, "backButton"))  # the wrong service: back to the same short list
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, f"rateService_{service.code}"))
    _wait_for_the_faces(ui)
    assert find_item(ui.window, "ratingSubject").property("text") == service.name.zh
    _rate_well(ui, 5)
    _thanks(ui)
    (rating,) = _ratings(ui)
    assert (rating.subject, rating.service_code, rating.filing_id, rating.level) == (
        "window",
        service.code,
        None,
        5,
    )


def test_the_idle_wipe_leaves_nothing_of_a_rating_in_progress(ui: KioskUi) -> None:
    _reach_the_call_back_offer(ui, 1, "device_fault")
    _type_phone(ui, PHONE)

    idle = ui.window.property("idle")
    assert isinstance(idle, IdleWatch)
    idle.expire_now()
    wait_for_page(ui.window)
    settle(300)

    assert find_items(ui.window, "fileTile")
    texts = [
        str(item.property(name))
        for item in ui.window.contentItem().findChildren(QQuickItem)
        for name in ("text", "displayText", "preeditText")
        if item.metaObject().indexOfProperty(name) >= 0
    ]
    assert not [text for text in texts if re.search(r"1370|0001111", text)], "the phone survived the wipe"
    model = _rating_model(ui)
    assert (model.stage, model.subject, model.chosenLevel, model.error) == ("", "", 0, "")
    assert not any(reason["chosen"] for reason in model.reasons)
    assert _ratings(ui) == []


def _plain(text: object) -> str:
    """A shown text without word joiners (U+2060: they keep Chinese words whole on a wrapped line)."""
    return str(text).replace("\u2060", "")


def _words(ui: KioskUi, name: str) -> str:
    """The words a visible item shows."""
    return _plain(find_item(ui.window, name).property("text"))


def _give_the_counter(ui: KioskUi, window_no: str, staff_no: str) -> None:
    """The counter step: the window (and staff) number typed on the page's keypad, then Next."""
    tap(ui.window, find_item(ui.window, "windowNumberField"))
    wait_until(lambda: bool(find_items(ui.window, "digitPad")))
    pad_keys(ui.window, window_no)
    if staff_no:
        tap(ui.window, find_item(ui.window, "staffNumberField"))
        pad_keys(ui.window, staff_no)
    tap(ui.window, find_item(ui.window, "counterNextButton"))
    settle(100)
    wait_for_page(ui.window)


def _sent(ui: KioskUi, rating_id: str) -> dict[str, object]:
    """What the county will receive for a rating (the outbox row's sealed snapshot)."""
    with ui.kiosk.sessions() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == rating_id)).one()
        sent: dict[str, object] = json.loads(
            ui.kiosk.cipher.decrypt(record_id=rating_id, field="outbox", blob=entry.payload_enc)
        )
    return sent


def test_the_last_step_keeps_the_rating_chosen_and_says_no_call_back(ui: KioskUi) -> None:
    _reach_the_call_back_offer(ui, 2, "long_wait")
    assert find_items(ui.window, "skipRatingButton") == [], "no button on the last step drops the rating"
    leave = find_item(ui.window, "noCallbackButton")
    assert "不需要回访" in _plain(leave.property("text")) and "提交" in _plain(leave.property("text"))

    tap(ui.window, leave)
    thanks = _plain(_thanks(ui))
    assert "回访" not in thanks, "no call-back is promised"
    (rating,) = _ratings(ui)
    assert (rating.level, json.loads(rating.reasons_json), rating.callback_phone_enc) == (
        2,
        ["long_wait"],
        None,
    )
    assert _queued_kinds(ui, rating.id) == ["rating"]


def test_no_rating_after_a_face_was_tapped_asks_before_dropping_it(ui: KioskUi) -> None:
    _open_rating_after_filing(ui)
    tap(ui.window, find_item(ui.window, "skipRatingButton"))  # nothing chosen yet: straight home
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile") and _ratings(ui) == []

    _open_rating_after_filing(ui)
    tap(ui.window, find_item(ui.window, "level_4"))
    tap(ui.window, find_item(ui.window, "skipRatingButton"))
    settle(100)
    question = find_item(ui.window, "skipQuestion")
    assert "不会保存" in _plain(question.property("text"))
    assert find_items(ui.window, "ratingLevels"), "still on the faces"
    tap(ui.window, find_item(ui.window, "keepRatingButton"))
    settle(100)
    assert find_items(ui.window, "skipQuestion") == [] and _rating_model(ui).chosenLevel == 4

    _choose_bad_level(ui, 1)
    assert _words(ui, "chosenLevelLabel") == "非常不满意", "the face keeps its words"
    tap(ui.window, find_item(ui.window, "reason_not_done"))
    tap(ui.window, find_item(ui.window, "skipRatingButton"))
    settle(100)
    assert find_items(ui.window, "skipQuestion") and find_items(ui.window, "ratingReasons")
    tap(ui.window, find_item(ui.window, "confirmSkipButton"))
    wait_for_page(ui.window)
    assert find_items(ui.window, "fileTile"), "dropped only once the citizen said so"
    assert _ratings(ui) == []


def test_the_call_back_offers_the_filing_number_masked_in_one_tap(ui: KioskUi) -> None:
    phone = str(demo_answers(ui.kiosk.catalog.service(FILED_SERVICE))["applicant_phone"])
    masked = f"{phone[:3]}****{phone[-4:]}"
    _reach_the_call_back_offer(ui, 1, "not_done")

    offer = find_item(ui.window, "useFilingPhoneButton")
    assert masked in _plain(offer.property("text")) and "办理时" in _plain(offer.property("text"))
    shown = list(shown_texts(ui.window.contentItem()))
    assert not [text for text in shown if phone in text], "the clear number is never on screen"
    model = _rating_model(ui)
    assert model.filingPhone == masked
    assert phone not in json.dumps([model.property(p) for p in ("filingPhone", "thanks", "subject")])

    tap(ui.window, offer)
    thanks = _plain(_thanks(ui))
    assert masked in thanks and phone not in thanks and "3 个工作日内" in thanks
    (rating,) = _ratings(ui)
    assert rating.callback_phone_enc is not None and phone.encode() not in rating.callback_phone_enc
    sealed = ui.kiosk.cipher.decrypt(
        record_id=rating.id, field="callback_phone", blob=rating.callback_phone_enc
    )
    assert sealed == phone
    assert _sent(ui, rating.id)["callback_phone"] == phone


def test_a_counter_rating_asks_for_the_window_and_staff_number_and_stores_them(ui: KioskUi) -> None:
    service = ui.kiosk.catalog.service("SS-001")
    _open_the_counter_step(ui)
    assert find_items(ui.window, f"rateCategory_{service.category}") == [], "the counter is asked first"
    assert "窗口" in _words(ui, "counterTitle")

    tap(ui.window, find_item(ui.window, "counterNextButton"))
    settle(100)
    assert "窗口号" in _words(ui, "windowNumberError"), "the window is required"
    _give_the_counter(ui, "0", "")
    assert "1 至 3 位数字" in _words(ui, "windowNumberError")
    assert not ui.window.property("keyboardShown"), "typed on the keypad, never the on-screen keyboard"
    tap(ui.window, find_item(ui.window, "digitKey_delete"))
    assert find_items(ui.window, "windowNumberError") == [], "typing again clears the error"
    _give_the_counter(ui, "12", "12")
    assert "工号" in _words(ui, "staffNumberError"), "a staff number too short"
    assert find_item(ui.window, "windowNumberField").property("text") == "12"
    tap(ui.window, find_item(ui.window, "digitKey_delete"))
    tap(ui.window, find_item(ui.window, "digitKey_delete"))
    pad_keys(ui.window, "01234")
    tap(ui.window, find_item(ui.window, "counterNextButton"))
    settle(100)
    wait_for_page(ui.window)

    tap(ui.window, find_item(ui.window, f"rateCategory_{service.category}"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, f"rateService_{service.code}"))
    _wait_for_the_faces(ui)
    assert _words(ui, "ratingCounter") == "12 号窗口 · 工号 01234"
    _rate_well(ui, 4)
    _thanks(ui)
    (rating,) = _ratings(ui)
    assert (rating.subject, rating.service_code, rating.window_no, rating.staff_no) == (
        "window",
        service.code,
        "12",
        "01234",
    )
    sent = _sent(ui, rating.id)
    assert (sent["window_no"], sent["staff_no"], sent["level"]) == ("12", "01234", 4)
    RatingPayload.model_validate(sent)  # what the county's intake accepts
