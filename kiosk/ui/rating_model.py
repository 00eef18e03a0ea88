"""好差评 on screen: what is being rated, the five levels, the reasons of a bad rating, and the thank-you.

Nothing the citizen chose is lost without being told: the call-back step stores the rating with or without a
call-back (its way out is "no call-back, submit", not a silent discard), and the earlier steps' "No rating"
asks first once a face was tapped (RatingButtons.qml).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.rating import (
    BAD_RATING_REASONS,
    OTHER_REASON,
    Counter,
    RatingLevel,
    ValidRating,
    callback_offer,
    counter_words,
    rating_what_next,
    validate_counter,
    validate_rating,
)
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

if TYPE_CHECKING:
    from kiosk.services.lookup import FilingSummary

log = logging.getLogger(__name__)

RATING_FAILED = Text(
    zh="评价暂时没有保存成功，请再试一次，或点“求助”请工作人员帮忙。",
    en="Your rating could not be saved just now. Please try again, or tap Help to ask a member of staff.",
)

NO_CALLBACK_NUMBER = Text(
    zh="请输入回访用的手机号码；不需要回访请点“不需要回访，提交评价”。",
    en="Please type the mobile number to call back; if you need no call back, tap “No call back, submit”.",
)
NO_COUNTER = Text(
    zh="请先填写为您办理的窗口号，再选择事项。",
    en="Please enter the counter number first, then choose the service.",
)

# Stages of the rating screens (QML shows the one named here).
LOADING, LEVELS, CLOSED, THANKS = "loading", "levels", "closed", "thanks"


@dataclass(frozen=True, slots=True)
class RatingSubject:
    """What is rated: one filing (一事一评) or a service received at a counter (一次一评)."""

    name: Text
    filing_id: str | None = None
    service_code: str | None = None
    counter: Counter | None = None  # the window (and staff) number of a counter service
    filing_phone: str | None = None  # the filing's own mobile number, masked only, offered for the call-back
    handover_last_four: str | None = (
        None  # after an assisted filing: what the resident typed at the hand-over
    )


class RatingModel(SessionHelper):
    """One citizen's rating in progress; nothing is chosen until the citizen taps, and skipping records nothing."""

    changed = Signal()
    submitted = Signal()
    handoverChecked = Signal(bool)  # the hand-over's last four of the resident's ID: right or not

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._subject: RatingSubject | None = None
        self._stage = ""
        self._notice: Text | None = None
        self._window_category = ""
        self._counter: Counter | None = None
        self._attempt = 0
        self._handover: str | None = None  # the hand-over of an assisted filing, for the rating begun
        self._clear_choices()

    def _clear_choices(self) -> None:
        self._level: RatingLevel | None = None
        self._reasons: list[str] = []
        self._comment = ""
        self._error: ValidationError | None = None
        self._pending = False
        self._thanks: Text | None = None

    def _set(self, stage: str, notice: Text | None = None) -> None:
        self._stage, self._notice = stage, notice
        self.changed.emit()

    # -- starting -------------------------------------------------------------------------------------
    @Slot(str)
    def startForVoucher(self, text: str) -> None:
        """Rate the filing a voucher names (a receipt just shown, a scanned QR or a typed code)."""
        self.startAfterHandover(text, "")

    @Slot(str, str)
    def checkHandover(self, voucher: str, last_four: str) -> None:
        """请将屏幕交给群众本人评价: is `last_four` the end of the ID number of the filing the voucher names?"""
        from kiosk.services.lookup import lookup_by_voucher
        from kiosk.services.rating import check_handover

        kiosk = self._kiosk
        self._ops.run(
            lambda: check_handover(kiosk, lookup_by_voucher(kiosk, text=voucher).filing_id, last_four),
            on_done=self.handoverChecked.emit,
            on_error=lambda _exc: self.handoverChecked.emit(False),
        )

    @Slot(str, str)
    def startAfterHandover(self, text: str, last_four: str) -> None:
        """Rate an assisted filing once the helper handed the screen over (`last_four` of the resident's ID;
        "" for a citizen's own filing)."""
        from kiosk.services.lookup import lookup_by_voucher

        self.clear()
        self._handover = last_four or None
        self._set(LOADING)
        kiosk, attempt = self._kiosk, self._attempt
        self._ops.run(
            lambda: _filing_and_phone(kiosk, lookup_by_voucher(kiosk, text=text)),
            on_done=lambda found: self._on_found(attempt, *found),
            on_error=lambda exc: self._on_not_found(attempt, exc),
        )

    def _on_found(self, attempt: int, summary: FilingSummary, filing_phone: str | None) -> None:
        from kiosk.services.rating import ALREADY_RATED

        if attempt != self._attempt:  # cleared meanwhile (skipped, home, idle wipe)
            return
        self._subject = RatingSubject(
            name=summary.service_name,
            filing_id=summary.filing_id,
            filing_phone=filing_phone,
            handover_last_four=self._handover,
        )
        if summary.rated:
            self._set(CLOSED, ALREADY_RATED)
        else:
            self._set(LEVELS)

    def _on_not_found(self, attempt: int, exc: Exception) -> None:
        if attempt == self._attempt:
            self._set(CLOSED, self._calm(exc))

    @Slot(str)
    def chooseWindowCategory(self, code: str) -> None:
        """Show the services of one category, to pick the one received at a counter."""
        try:
            self._kiosk.catalog.category(code)
        except KioskError:
            return
        self._window_category = code
        self.changed.emit()

    @Slot(str, str, result=bool)
    def setCounter(self, window_no: str, staff_no: str) -> bool:
        """The counter that served the citizen (窗口号, and 工号 when known): True once the numbers are valid."""
        try:
            self._counter = validate_counter(window_no=window_no, staff_no=staff_no)
        except ValidationError as exc:
            self._counter, self._error = None, exc
            self.changed.emit()
            return False
        self._error = None
        self.changed.emit()
        return True

    @Slot(str)
    def clearError(self, field: str) -> None:
        """The citizen changed what an error was about (a number typed again): the error goes."""
        if self._error is not None and self._error.field == field:
            self._error = None
            self.changed.emit()

    @Slot(str)
    def startForWindowService(self, code: str) -> None:
        """Rate a service received at a counter (any number of times); Back still shows the category's list."""
        category, counter = self._window_category, self._counter
        self.clear()
        self._window_category, self._counter = category, counter
        try:
            service = self._kiosk.catalog.service(code)
        except KioskError as exc:
            self._set(CLOSED, self._calm(exc))
            return
        if counter is None:  # the counter step comes first; without it there is nothing to rate
            self._set(CLOSED, NO_COUNTER)
            return
        self._subject = RatingSubject(name=service.name, service_code=service.code, counter=counter)
        self._set(LEVELS)

    # -- choosing -------------------------------------------------------------------------------------
    @Slot(int)
    def chooseLevel(self, level: int) -> None:
        """The citizen tapped one of the five faces; reasons belong to bad levels only."""
        if self._stage != LEVELS or level not in set(RatingLevel):
            return
        self._level = RatingLevel(level)
        if not self._level.is_bad:
            self._reasons = []
        self._error = None
        self.changed.emit()

    @Slot(str)
    def toggleReason(self, code: str) -> None:
        """Choose or unchoose one reason of a bad rating."""
        if code in self._reasons:
            self._reasons.remove(code)
        elif any(reason.code == code for reason in BAD_RATING_REASONS):
            self._reasons.append(code)
        if self._error is not None and self._error.field in ("reasons", "comment"):
            self._error = None
        self.changed.emit()

    def _validate(self, level: RatingLevel, phone: str | None) -> ValidRating | None:
        """The domain's rules on what was chosen so far; a broken one is shown (and None returned)."""
        try:
            valid = validate_rating(
                level=int(level),
                reasons=list(self._reasons) if level.is_bad else [],
                comment=self._comment if level.is_bad else "",
                callback_phone=phone if level.is_bad else None,
            )
        except ValidationError as exc:
            self._error = exc
            self.changed.emit()
            return None
        if self._error is not None:
            self._error = None
            self.changed.emit()
        return valid

    @Slot(str, result=bool)
    def confirmReasons(self, comment: str) -> bool:
        """A bad rating's reasons (and the words for “Other”) are complete: True, and the call-back is offered."""
        self._comment = comment
        return self._level is not None and self._validate(self._level, None) is not None

    @Slot(str)
    def submit(self, phone: str) -> None:
        """Check the rating (the domain's rules), then store it once; a broken rule is shown and stores nothing.

        An empty `phone` stores the rating without a call-back (the call-back step's "no call-back, submit").
        """
        self._submit(phone, to_filing_phone=False)

    @Slot(str)
    def submitCallback(self, phone: str) -> None:
        """Store a bad rating with a call-back to the number typed; an empty field is explained, not stored."""
        if not phone.strip() and self._stage == LEVELS:
            self._error = ValidationError(
                NO_CALLBACK_NUMBER.zh, NO_CALLBACK_NUMBER.en, field="callback_phone"
            )
            self.changed.emit()
            return
        self._submit(phone, to_filing_phone=False)

    @Slot()
    def submitWithFilingPhone(self) -> None:
        """Store a bad rating of a filing with its call-back on the mobile number the filing gave (one tap)."""
        subject = self._subject
        if subject is not None and subject.filing_phone is not None and self.needsReasons:
            self._submit("", to_filing_phone=True)

    def _submit(self, phone: str, *, to_filing_phone: bool) -> None:
        subject, level = self._subject, self._level
        if subject is None or level is None or self._pending or self._stage != LEVELS:
            return
        valid = self._validate(level, phone)
        if valid is None:
            return
        self._pending = True
        self.changed.emit()
        self._ops.run(
            lambda: self._store(subject, valid, to_filing_phone=to_filing_phone),
            on_done=lambda _rating_id: self._on_stored(subject, valid, to_filing_phone=to_filing_phone),
            on_error=lambda exc: self._on_store_failed(subject, exc),
        )

    def _store(self, subject: RatingSubject, valid: ValidRating, *, to_filing_phone: bool) -> str:
        from kiosk.services.rating import rate_filing, rate_window_service

        details: dict[str, Any] = {
            "level": int(valid.level),
            "reasons": valid.reasons,
            "comment": valid.comment,
            "callback_phone": valid.callback_phone,
        }
        if subject.filing_id is not None:
            return rate_filing(
                self._kiosk,
                filing_id=subject.filing_id,
                callback_to_filing_phone=to_filing_phone,
                handover_last_four=subject.handover_last_four,
                **details,
            )
        assert subject.service_code is not None and subject.counter is not None
        return rate_window_service(
            self._kiosk,
            service_code=subject.service_code,
            window_no=subject.counter.window_no,
            staff_no=subject.counter.staff_no or "",
            **details,
        )

    def _on_stored(self, subject: RatingSubject, valid: ValidRating, *, to_filing_phone: bool) -> None:
        if subject is not self._subject:  # wiped meanwhile: the next citizen sees nothing of it
            return
        self._pending = False
        self._thanks = rating_what_next(valid, masked_phone=subject.filing_phone if to_filing_phone else None)
        self._set(THANKS)
        self.submitted.emit()

    def _on_store_failed(self, subject: RatingSubject, exc: Exception) -> None:
        from kiosk.services.rating import ALREADY_RATED, AlreadyRated

        if subject is not self._subject:
            return
        self._pending = False
        if isinstance(exc, AlreadyRated):
            self._set(CLOSED, ALREADY_RATED)
        elif isinstance(exc, ValidationError):
            self._error = exc
            self.changed.emit()
        else:
            self._set(LEVELS, self._calm(exc))

    def _calm(self, exc: Exception) -> Text:
        if isinstance(exc, KioskError):
            return Text(zh=exc.zh, en=exc.en)
        log.error("rating failed", exc_info=exc)
        return RATING_FAILED

    @Slot()
    def clear(self) -> None:
        """Forget the rating in progress (skipped, finished, going home, or the idle wipe)."""
        self._subject = None
        self._attempt += 1
        self._window_category = ""
        self._counter = None
        self._clear_choices()
        self._set("")

    def language_changed(self) -> None:
        """Show every text in the new language."""
        self.changed.emit()

    # -- what QML shows -------------------------------------------------------------------------------
    def _shown(self, text: Text | None) -> str:
        """The text in the current language; empty when there is none."""
        return self._t(text) if text is not None else ""

    @Property(str, notify=changed)
    def stage(self) -> str:
        """loading, levels (faces, then reasons of a bad one), closed (a calm notice only), thanks; or ""."""
        return self._stage

    @Property(bool, notify=changed)
    def inProgress(self) -> bool:
        """True once a face is tapped and until the rating is stored or dropped: leaving then asks first."""
        return self._stage == LEVELS and self._level is not None

    @Property(str, notify=changed)
    def subject(self) -> str:
        """The name of the service being rated."""
        return self._shown(self._subject.name if self._subject is not None else None)

    @Property(list, notify=changed)
    def levels(self) -> list[dict[str, Any]]:
        """The five levels, best first, with their words; `chosen` is true only after a tap."""
        return [
            {
                "level": int(level),
                "label": self._t(Text(zh=level.zh, en=level.en)),
                "chosen": level is self._level,
            }
            for level in RatingLevel
        ]

    @Property(int, notify=changed)
    def chosenLevel(self) -> int:
        """The level tapped (5 best … 1 worst), 0 before any tap."""
        return int(self._level) if self._level is not None else 0

    @Property(str, notify=changed)
    def chosenLabel(self) -> str:
        """The words of the level tapped (非常满意 …), empty before any tap: a face never stands without them."""
        level = self._level
        return self._t(Text(zh=level.zh, en=level.en)) if level is not None else ""

    @Property(str, notify=changed)
    def counter(self) -> str:
        """The counter a window service was received at (3 号窗口 · 工号 10086); empty for a filing."""
        subject = self._subject
        return self._shown(counter_words(subject.counter) if subject and subject.counter else None)

    @Property(str, notify=changed)
    def counterWindow(self) -> str:
        """The window number given (to show again after Back); empty before."""
        return self._counter.window_no if self._counter is not None else ""

    @Property(str, notify=changed)
    def counterStaff(self) -> str:
        """The staff number given (to show again after Back); empty when none."""
        return (self._counter.staff_no or "") if self._counter is not None else ""

    @Property(str, notify=changed)
    def filingPhone(self) -> str:
        """The filing's own mobile number, masked (138****5678), offered for the call-back; empty when none."""
        subject = self._subject
        return (subject.filing_phone or "") if subject is not None else ""

    @Property(bool, notify=changed)
    def needsReasons(self) -> bool:
        """True for 不满意 and 非常不满意: reasons come next, and a call-back phone may be left."""
        return self._level is not None and self._level.is_bad

    @Property(list, notify=changed)
    def reasons(self) -> list[dict[str, Any]]:
        """The reasons a bad rating can give, with whether each is chosen."""
        return [
            {"code": r.code, "label": self._t(Text(zh=r.zh, en=r.en)), "chosen": r.code in self._reasons}
            for r in BAD_RATING_REASONS
        ]

    @Property(bool, notify=changed)
    def needsComment(self) -> bool:
        """True when “Other” is chosen: a few words say what went wrong."""
        return OTHER_REASON in self._reasons

    @Property(str, notify=changed)
    def callbackOffer(self) -> str:
        """What leaving a phone number means: who calls, and within how many working days."""
        return self._t(callback_offer())

    @Property(str, notify=changed)
    def error(self) -> str:
        """Why the rating cannot be stored yet, in the current language; empty when nothing is wrong."""
        error = self._error
        return self._shown(Text(zh=error.zh, en=error.en) if error is not None else None)

    @Property(str, notify=changed)
    def errorField(self) -> str:
        """Where the error belongs: reasons, comment, callback_phone, window_no, staff_no; empty when none."""
        return (self._error.field or "") if self._error is not None else ""

    @Property(str, notify=changed)
    def notice(self) -> str:
        """A calm notice (already rated, voucher not found, not saved); empty when there is none."""
        return self._shown(self._notice)

    @Property(bool, notify=changed)
    def pending(self) -> bool:
        """True while the rating is being stored."""
        return self._pending

    @Property(str, notify=changed)
    def thanks(self) -> str:
        """The thank-you with what happens next, after the rating is stored."""
        return self._shown(self._thanks)

    @Property(list, notify=changed)
    def windowCategories(self) -> list[dict[str, str]]:
        """The catalog's categories, to find the service received at a counter."""
        return [{"code": c.code, "name": self._t(c.name)} for c in self._kiosk.catalog.categories]

    @Property(list, notify=changed)
    def windowServices(self) -> list[dict[str, str]]:
        """The services of the chosen category (none before one is chosen)."""
        if not self._window_category:
            return []
        services = self._kiosk.catalog.services_in(self._window_category)
        return [{"code": s.code, "name": self._t(s.name)} for s in services]


def _filing_and_phone(kiosk: KioskRuntime, summary: FilingSummary) -> tuple[FilingSummary, str | None]:
    """The filing a voucher found and its mobile number masked, for the call-back offer (on the worker thread)."""
    from kiosk.services.rating import filing_callback_offer

    return summary, (None if summary.rated else filing_callback_offer(kiosk, summary.filing_id))
