"""The form of one citizen session: answers, errors at the fields, the review, photos; QML edits it here.

Every edit goes through a domain helper (choices toggle, dates step, address parts join, photos add and
go), so QML only says which button was touched. The view-model runs the use cases (check, submit).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.address import join_address, split_address
from kiosk.domain.catalog import FieldType, FormField, Service, Text
from kiosk.domain.dates import DatePart, parse_iso_date, step_date
from kiosk.domain.multi_choice import toggle_choice
from kiosk.domain.photos import add_photo, remove_photo, split_photos
from kiosk.domain.validation import Problem
from kiosk.services.runtime import KioskRuntime
from kiosk.services.zh_lexicon import keep_chinese_words
from kiosk.ui.form_model import FormFieldsModel
from kiosk.ui.form_rows import field_rows, places_of, review_rows
from kiosk.ui.photo_capture import PhotoCapture

if TYPE_CHECKING:
    from kiosk.services.form_check import CheckedForm

FIX_THE_FIELDS = Text(zh="请按提示修改标红的内容", en="Please correct the fields marked in red")


class FormSession(QObject):
    """Answers and errors of the open form, the fields model QML shows, the review and the photo camera."""

    rowsChanged = Signal()
    messageChanged = Signal()
    reviewChanged = Signal()
    rejected = Signal(str)  # the first field with an error, for the page to scroll to

    def __init__(self, kiosk: KioskRuntime, photo: PhotoCapture, *, language: Callable[[], str]) -> None:
        super().__init__(photo.parent())
        self._kiosk = kiosk
        self._language = language
        self._service: Service | None = None
        self._answers: dict[str, str] = {}
        self._errors: dict[str, Text] = {}
        self._message: Text | None = None
        self._review: CheckedForm | None = None
        self._places = places_of(kiosk.settings.township_places)
        self._area = kiosk.settings.township_area
        self._model = FormFieldsModel(self)
        self.photo = photo
        photo.photoKept.connect(self._on_photo_kept)

    def _t(self, text: Text) -> str:
        return keep_chinese_words(text.zh) if self._language() == "zh_CN" else text.en

    # -- what the view-model reads ------------------------------------------------------------------------
    @property
    def service(self) -> Service | None:
        """The service whose form is open."""
        return self._service

    @property
    def answers(self) -> dict[str, str]:
        """A copy of the answers as typed and chosen (a hidden field's too: checking drops it)."""
        return dict(self._answers)

    def has_answers(self) -> bool:
        """True when anything was answered (a wipe would change something)."""
        return bool(self._answers)

    def rows(self) -> list[dict[str, Any]]:
        """The fields as the page shows them (the view-model's `fields`)."""
        return self._model.rows()

    # -- properties for QML ---------------------------------------------------------------------------
    @Property(QObject, constant=True)
    def fields(self) -> FormFieldsModel:
        """The fields as a list model (a changed answer updates its own row only)."""
        return self._model

    @Property(QObject, constant=True)
    def camera(self) -> PhotoCapture:
        """The document camera of photo fields."""
        return self.photo

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        """What the whole form needs (shown at its top, never over a field), in the current language."""
        return self._t(self._message) if self._message else ""

    @Property(str, notify=messageChanged)
    def spokenProblem(self) -> str:
        """What elder mode says of a form sent back: the message, then the first field's label and problem."""
        if not self._message:
            return ""
        keys = self._service.form.keys if self._service else ()
        first = next((key for key in keys if key in self._errors), None)
        form_field = self._service.form.get(first) if self._service and first else None
        if form_field is None or first is None:
            return self._t(self._message)
        return f"{self._t(self._message)}。{self._t(form_field.label)}：{self._t(self._errors[first])}"

    @Property(list, notify=reviewChanged)
    def review(self) -> list[dict[str, Any]]:
        """The checked answers as the review page lists them (ID and phone numbers masked)."""
        return review_rows(self._review.lines, t=self._t) if self._review else []

    # -- changes from the view-model ----------------------------------------------------------------------
    def start(self, service: Service | None) -> None:
        """A fresh form for this service (None: no form)."""
        self.photo.reset()
        self._service = service
        self._answers, self._errors, self._review = {}, {}, None
        self._set_message(None)
        self.reviewChanged.emit()
        self._refresh(same_form=False)

    def show_errors(self, errors: Mapping[str, Problem]) -> None:
        """Show problems at their fields and ask the page to bring the first one into view."""
        self._errors = {key: Text(zh=problem.zh, en=problem.en) for key, problem in errors.items()}
        self._message = FIX_THE_FIELDS
        self.messageChanged.emit()  # even when unchanged: the spoken problem follows the new errors
        self._refresh()
        keys = self._service.form.keys if self._service else ()
        first = next((key for key in keys if key in self._errors), "")
        self.rejected.emit(first)

    def show_message(self, text: Text | None) -> None:
        """A problem of the whole form (shown at the top of the form and of the review)."""
        self._set_message(text)

    def show_review(self, checked: CheckedForm) -> None:
        """The answers passed every check: the review page lists them."""
        self._review = checked
        self._set_message(None)
        self.reviewChanged.emit()

    def language_changed(self) -> None:
        """Texts follow the new language."""
        self._refresh()
        self.messageChanged.emit()
        self.reviewChanged.emit()
        self.photo.changed.emit()

    # -- edits from QML -------------------------------------------------------------------------------
    @Slot(str, str)
    def setAnswer(self, key: str, value: str) -> None:
        """Remember one typed answer; its error (if any) clears until the next check."""
        self._change(key, value)

    @Slot(str, str)
    def toggleChoice(self, key: str, value: str) -> None:
        """Choose or unchoose one option of a multiple choice."""
        form_field = self._field(key, FieldType.MULTI_CHOICE)
        if form_field is not None:
            self._change(key, toggle_choice(form_field, self._answers.get(key, ""), value))

    @Slot(str, str, int)
    def stepDate(self, key: str, part: str, delta: int) -> None:
        """Move the year, month or day of a date (the first touch moves from today)."""
        if self._field(key, FieldType.DATE) is None or part not in set(DatePart):
            return
        current = parse_iso_date(self._answers.get(key, ""))
        stepped = step_date(current, DatePart(part), delta, today=self._kiosk.clock().date())
        self._change(key, stepped.isoformat())

    @Slot(str)
    def clearAnswer(self, key: str) -> None:
        """Forget one answer (an optional date or choice the citizen does not want to give)."""
        self._change(key, "")

    @Slot(str, str)
    def setPlace(self, key: str, place: str) -> None:
        """The village or community of an address."""
        _old_place, detail = split_address(self._answers.get(key, ""))
        self._change(key, join_address(place, detail))

    @Slot(str, str)
    def setAddressDetail(self, key: str, detail: str) -> None:
        """The rest of an address (group, house number)."""
        place, _old_detail = split_address(self._answers.get(key, ""))
        self._change(key, join_address(place, detail))

    @Slot(str)
    def takePhoto(self, key: str) -> None:
        """Open the camera panel for a photos field that has room for another photo."""
        form_field = self._field(key, FieldType.PHOTOS)
        count = len(split_photos(self._answers.get(key, "")))
        if form_field is not None and count < (form_field.max_count or 0):
            self.photo.open(key)

    @Slot(str, str)
    def removePhoto(self, key: str, sha256: str) -> None:
        """Take one photo off a photos field."""
        self._change(key, remove_photo(self._answers.get(key, ""), sha256))

    @Slot(str, str)
    def retakePhoto(self, key: str, sha256: str) -> None:
        """Take one photo off, then open the camera for its replacement."""
        self.removePhoto(key, sha256)
        self.takePhoto(key)

    # -- helpers --------------------------------------------------------------------------------------
    def _field(self, key: str, field_type: FieldType) -> FormField | None:
        form_field = self._service.form.get(key) if self._service else None
        return form_field if form_field is not None and form_field.type is field_type else None

    def _change(self, key: str, value: str) -> None:
        if self._service is None or self._service.form.get(key) is None:
            return
        self._answers[key] = value
        self._errors.pop(key, None)
        self._refresh()

    def _on_photo_kept(self, key: str, sha256: str) -> None:
        self._change(key, add_photo(self._answers.get(key, ""), sha256))

    def _set_message(self, text: Text | None) -> None:
        if text != self._message:
            self._message = text
            self.messageChanged.emit()

    def _refresh(self, *, same_form: bool = True) -> None:
        rows = field_rows(
            self._service, self._answers, self._errors, t=self._t, places=self._places, area=self._area
        )
        self._model.set_rows(rows, same_form=same_form)
        self.rowsChanged.emit()
