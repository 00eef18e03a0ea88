"""The view-model QML binds to: presents catalog, form and receipt; every rule stays in kiosk.services."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQuick import QQuickImageProvider

from kiosk.domain.catalog import Service, Text
from kiosk.domain.errors import KioskError
from kiosk.domain.forms import FormInvalid
from kiosk.services.printer_setup import open_printer_from_settings
from kiosk.services.runtime import KioskRuntime
from kiosk.services.zh_lexicon import keep_chinese_words
from kiosk.ui.crash import report_bug
from kiosk.ui.lookup_model import PersonLookupModel, summary_row
from kiosk.ui.operations import Operations
from kiosk.ui.photo_images import PhotoImages

Filer = Callable[[str, int, Mapping[str, str]], "SubmittedFiling"]  # (service code, version, answers)

if TYPE_CHECKING:  # the use cases are imported where they are called: home shows before SQLAlchemy loads
    from kiosk.services.filing import SubmittedFiling
    from kiosk.services.form_check import CheckedForm
    from kiosk.services.lookup import FilingSummary
    from kiosk.services.print_queue import PrintOutcome
    from kiosk.services.printer import PrinterBackend
    from kiosk.ui.form_session import FormSession

log = logging.getLogger(__name__)

GENERIC_ERROR = Text(
    zh="系统暂时出现问题，您填写的内容未提交，请稍后再试或呼叫工作人员",
    en="Something went wrong; nothing was submitted. Please try again or call for help",
)
PRINT_TROUBLE = Text(
    zh="回执暂时无法打印。请记下屏幕上的凭证号，或稍后点“重新打印”。",
    en="The receipt cannot be printed right now. Please note the voucher code on the screen, or tap Reprint later.",
)


class KioskViewModel(QObject):
    """One citizen session: chosen service, answers, errors, and the receipt of the last filing."""

    languageChanged = Signal()
    servicesChanged = Signal()
    serviceChanged = Signal()
    formChanged = Signal()
    receiptChanged = Signal()
    lookupChanged = Signal()
    messageChanged = Signal()
    printChanged = Signal()
    busyChanged = Signal()
    elderModeChanged = Signal()
    catalogShown = Signal()  # the store has opened (the catalog can be read) or the language changed
    submitted = Signal()
    lookedUp = Signal()
    reviewReady = Signal()  # the answers passed every check: show the review page
    formRejected = Signal()  # answers need correcting: show the form (the errors are at its fields)
    assistedChanged = Signal()

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: str = "zh_CN",
        printer: PrinterBackend | None = None,
    ) -> None:
        super().__init__()
        self._kiosk = kiosk
        self._ops = operations
        self._printer = printer if printer is not None else open_printer_from_settings(kiosk.settings)
        self._print_state = ""
        self._print_message: Text | None = None
        self._language = language
        self._category = ""
        self._service: Service | None = None
        self._photo_images = PhotoImages()
        self._form_session: FormSession | None = None  # made when a form first needs it (see `_form`)
        self._receipt: SubmittedFiling | None = None
        self._lookup: FilingSummary | None = None
        self._message: Text | None = None
        self._busy = False
        self._elder_mode = False
        # An assisted filing (帮办): how the form is filed instead of the citizen's own submit (None: the citizen's).
        self._filer: Filer | None = None
        self._person_lookup = PersonLookupModel(
            kiosk, operations, language=self.current_language, parent=self
        )
        operations.busyChanged.connect(self._on_busy)
        self.languageChanged.connect(self._person_lookup.language_changed)
        self.languageChanged.connect(self.catalogShown)

    @property
    def _form(self) -> FormSession:
        """The form session, made on first use: its modules (fields, photos, camera) are not needed to show
        home, and loading them later keeps them off the start."""
        if self._form_session is None:
            from kiosk.ui.form_session import FormSession
            from kiosk.ui.photo_capture import PhotoCapture

            language = self.current_language
            photo = PhotoCapture(
                self._kiosk, self._ops, language=language, images=self._photo_images, parent=self
            )
            self._form_session = FormSession(self._kiosk, photo, language=language)
            self._form_session.rowsChanged.connect(self.formChanged)
        return self._form_session

    def store_opened(self) -> None:
        """The store has opened after home was shown: show what depends on the catalog."""
        self.catalogShown.emit()

    # -- presentation helpers -------------------------------------------------------------------------
    def _t(self, text: Text) -> str:
        return keep_chinese_words(text.zh) if self._language == "zh_CN" else text.en

    def _on_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit()

    def _set_message(self, text: Text | None) -> None:
        self._message = text
        self.messageChanged.emit()

    def _show_error(self, exc: Exception) -> None:
        if isinstance(exc, KioskError):
            self._set_message(Text(zh=exc.zh, en=exc.en))
        elif not report_bug(exc, where="an operation"):  # no crash handler (a view-model without its UI)
            self._set_message(GENERIC_ERROR)

    def current_language(self) -> str:
        """The language for Python callers (QML reads the `language` property)."""
        return self._language

    # -- properties -----------------------------------------------------------------------------------
    @Property(str, notify=languageChanged)
    def language(self) -> str:
        """zh_CN or en."""
        return self._language

    @Property(bool, notify=elderModeChanged)
    def elderMode(self) -> bool:
        """长辈模式: larger text, higher contrast, spoken prompts, more time; lasts until the session ends."""
        return self._elder_mode

    def session_started(self) -> bool:
        """True when anything of the current citizen is held (a wipe would change something)."""
        return (
            self._elder_mode
            or self._filer is not None
            or self._language != self._kiosk.settings.language
            or self._service is not None
            or self._receipt is not None
            or self._lookup is not None
            or self._person_lookup.has_result()
            or (self._form_session is not None and self._form_session.has_answers())
        )

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        """True while a use case runs."""
        return self._busy

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        """The current error or notice for the person at the terminal, in the current language."""
        return self._t(self._message) if self._message else ""

    @Property(str, notify=catalogShown)
    def sampleNotice(self) -> str:
        """Tells the person the catalog is sample data, when it is (nothing while the store opens)."""
        if not self._kiosk.is_open():
            return ""
        catalog = self._kiosk.catalog
        return self._t(catalog.notice) if catalog.sample else ""

    @Property(list, notify=languageChanged)
    def categories(self) -> list[dict[str, Any]]:
        """Every category with its name and number of services."""
        catalog = self._kiosk.catalog
        return [
            {"code": c.code, "name": self._t(c.name), "count": len(catalog.services_in(c.code))}
            for c in catalog.categories
        ]

    @Property(list, notify=servicesChanged)
    def services(self) -> list[dict[str, Any]]:
        """The services of the chosen category."""
        if not self._category:
            return []
        return [
            {"code": s.code, "name": self._t(s.name), "department": self._t(s.department)}
            for s in self._kiosk.catalog.services_in(self._category)
        ]

    @Property(str, notify=servicesChanged)
    def categoryName(self) -> str:
        """Name of the chosen category."""
        for category in self._kiosk.catalog.categories:
            if category.code == self._category:
                return self._t(category.name)
        return ""

    @Property(dict, notify=serviceChanged)
    def service(self) -> dict[str, Any]:
        """The chosen service with its guide."""
        s = self._service
        if s is None:
            return {}
        return {
            "code": s.code,
            "name": self._t(s.name),
            "department": self._t(s.department),
            "conditions": self._t(s.guide.conditions),
            "materials": [self._t(m.text) for m in s.guide.materials],
            "timeLimit": self._t(s.guide.time_limit),
            "fee": self._t(s.guide.fee),
            "legalBasis": self._t(s.guide.legal_basis),
        }

    @Property(list, notify=formChanged)
    def fields(self) -> list[dict[str, Any]]:
        """The form of the chosen service, with current values and errors (QML uses `form.fields`)."""
        return self._form.rows()

    @Property(bool, notify=formChanged)
    def formInProgress(self) -> bool:
        """Answers are typed and not yet submitted: leaving for home would throw them away."""
        return self._form_session is not None and self._form_session.has_answers() and self._receipt is None

    @Property(QObject, constant=True)
    def form(self) -> FormSession:
        """The open form: its fields model, edits by touch, the review and the photo camera."""
        return self._form

    def photo_images(self) -> QQuickImageProvider:
        """The `image://photo/…` provider of the document camera's preview and the photos' thumbnails."""
        return self._photo_images

    @Property(dict, notify=receiptChanged)
    def receipt(self) -> dict[str, Any]:
        """The last accepted filing, as the receipt screen shows it."""
        r = self._receipt
        if r is None:
            return {}
        return {
            "voucher": r.voucher_display,
            "qr": r.qr_payload,
            "service": self._t(r.service_name),
            "time": r.created_at.strftime("%Y-%m-%d %H:%M"),
            "timeLimit": self._promised(r.time_limit, r.promised_by),
            "department": self._t(r.department),
            "applicant": [{"label": self._t(m.label), "value": m.value} for m in r.masked_applicant],
        }

    def _promised(self, time_limit: Text, by: Text | None) -> str:
        """The time limit with its date: "5个工作日（最迟 2026-12-14）" / "5 working days (by 2026-12-14)"."""
        if by is None:
            return self._t(time_limit)
        if self._language == "en":
            return f"{time_limit.en} ({by.en})"
        return keep_chinese_words(f"{time_limit.zh}（{by.zh}）")

    @Property(str, notify=printChanged)
    def printState(self) -> str:
        """The receipt's paper: "" (nothing yet), printing, printed or failed."""
        return self._print_state

    @Property(str, notify=printChanged)
    def printMessage(self) -> str:
        """Why the receipt did not print, calmly, in the current language; empty otherwise."""
        return self._t(self._print_message) if self._print_message else ""

    @Property(dict, notify=lookupChanged)
    def lookupResult(self) -> dict[str, Any]:
        """The filing found by the last voucher lookup."""
        s = self._lookup
        return summary_row(s, self._t, self._kiosk.clock()) if s is not None else {}

    @Property(QObject, constant=True)
    def personLookup(self) -> PersonLookupModel:
        """The look-up of a lost receipt by ID number and mobile number."""
        return self._person_lookup

    # -- actions --------------------------------------------------------------------------------------
    @Slot(str)
    def setLanguage(self, language: str) -> None:
        """Switch the language of catalog texts (Qt's translator switches the rest)."""
        if language in ("zh_CN", "en") and language != self._language:
            self._language = language
            self.languageChanged.emit()
            self._refresh_all()
            if self._form_session is not None:
                self._form_session.language_changed()

    @Slot(str)
    def selectCategory(self, code: str) -> None:
        """Show the services of one category."""
        self._category = code
        self.servicesChanged.emit()

    @Slot(str)
    def selectService(self, code: str) -> None:
        """Start a fresh form for one service."""
        try:
            service = self._kiosk.catalog.service(code)
        except KioskError as exc:
            self._show_error(exc)
            return
        self.open_service(service)

    def open_service(self, service: Service) -> None:
        """Start a fresh form for this service (at its version: a draft's may be older than the catalog's)."""
        self._service = service
        self._form.start(service)
        self._set_message(None)
        self.serviceChanged.emit()

    @Slot(str, str)
    def setAnswer(self, key: str, value: str) -> None:
        """Remember one answer; its error (if any) clears until the next check."""
        self._form.setAnswer(key, value)

    @Slot()
    def review(self) -> None:
        """Check the answers without writing anything: `reviewReady`, or errors at the fields."""
        if self._service is None or self._busy:
            return
        code, version, answers = self._service.code, self._service.version, self._form.answers
        from kiosk.services.form_check import check_form

        kiosk, masked = self._kiosk, self._filer is not None  # 帮办: the resident's numbers masked
        self._form.show_message(None)
        self._ops.run(
            lambda: check_form(
                kiosk, service_code=code, service_version=version, answers=answers, masked=masked
            ),
            on_done=self._on_reviewed,
            on_error=self._on_submit_failed,
        )

    def _on_reviewed(self, checked: CheckedForm) -> None:
        self._form.show_review(checked)
        self.reviewReady.emit()

    @Slot()
    def submit(self) -> None:
        """Submit the form (durably); `submitted` fires only after the durable commit."""
        if self._service is None or self._busy:
            return
        code, version, answers = self._service.code, self._service.version, self._form.answers
        from kiosk.services.filing import submit_filing

        kiosk, filer = self._kiosk, self._filer
        self._set_message(None)
        self._form.show_message(None)
        self._ops.run(
            lambda: (
                filer(code, version, answers)
                if filer is not None
                else submit_filing(kiosk, service_code=code, service_version=version, answers=answers)
            ),
            on_done=self._on_submitted,
            on_error=self._on_submit_failed,
        )

    def _on_submitted(self, result: SubmittedFiling) -> None:
        from kiosk.services.print_queue import print_now

        self._receipt = result
        self._form.start(self._service)
        self.receiptChanged.emit()
        self.submitted.emit()
        kiosk, printer, job_id = self._kiosk, self._printer, result.print_job_id
        self._start_printing(lambda: print_now(kiosk, printer, job_id))

    @Slot()
    def reprint(self) -> None:
        """Print the shown receipt again (a new print job, audited); the voucher stays on screen."""
        if self._receipt is None or self._print_state == "printing":
            return
        from kiosk.services.print_queue import reprint_now

        kiosk, printer, filing_id = self._kiosk, self._printer, self._receipt.filing_id
        self._start_printing(lambda: reprint_now(kiosk, printer, filing_id, actor="citizen@self"))

    @Slot()
    def printPending(self) -> None:
        """Retry the print jobs that are due (a timer calls this); the screen is not changed."""
        if self._busy:
            return
        from kiosk.services.print_queue import run_pending_print_jobs

        kiosk, printer = self._kiosk, self._printer
        self._ops.run(
            lambda: run_pending_print_jobs(kiosk, printer),
            on_done=lambda _run: None,
            on_error=lambda exc: log.error("print retry failed: %s", exc),
        )

    def _start_printing(self, work: Callable[[], PrintOutcome]) -> None:
        self._set_print_state("printing", None)
        receipt = self._receipt
        self._ops.run(
            work,
            on_done=lambda outcome: self._on_printed(receipt, outcome),
            on_error=lambda exc: self._on_print_crashed(receipt, exc),
        )

    def _on_printed(self, receipt: SubmittedFiling | None, outcome: PrintOutcome) -> None:
        if receipt is not self._receipt:  # the citizen has gone; the next one must not see this
            return
        message = outcome.message
        if outcome.printed:
            self._set_print_state("printed", None)
        elif message is not None:
            self._set_print_state("failed", Text(zh=message[0], en=message[1]))
        else:  # still queued (another runner has it): it prints with the next retry
            self._set_print_state("failed", PRINT_TROUBLE)

    def _on_print_crashed(self, receipt: SubmittedFiling | None, exc: Exception) -> None:
        log.error("printing failed unexpectedly", exc_info=exc)
        if receipt is self._receipt:
            self._set_print_state("failed", PRINT_TROUBLE)

    def _set_print_state(self, state: str, message: Text | None) -> None:
        self._print_state, self._print_message = state, message
        self.printChanged.emit()

    def _on_submit_failed(self, exc: Exception) -> None:
        # Shown on the form (or review) page itself, at the top, never in the bar over its buttons.
        if isinstance(exc, FormInvalid):
            self._form.show_errors(exc.errors)
            self.formRejected.emit()
        elif isinstance(exc, KioskError):
            self._form.show_message(Text(zh=exc.zh, en=exc.en))
        elif not report_bug(exc, where="checking or submitting a form"):
            self._form.show_message(GENERIC_ERROR)

    @Slot(str)
    def lookup(self, text: str) -> None:
        """Find a filing by a typed voucher code or a scanned payload."""
        from kiosk.services.lookup import lookup_by_voucher

        kiosk = self._kiosk
        self._set_message(None)
        self._ops.run(
            lambda: lookup_by_voucher(kiosk, text=text), on_done=self._on_looked_up, on_error=self._show_error
        )

    def _on_looked_up(self, summary: FilingSummary) -> None:
        self._lookup = summary
        self.lookupChanged.emit()
        self.lookedUp.emit()

    @Slot()
    def clearMessage(self) -> None:
        """Dismiss the current message."""
        self._set_message(None)

    @Slot()
    def toggleElderMode(self) -> None:
        """Switch elder mode on or off (one tap from home)."""
        self._elder_mode = not self._elder_mode
        self.elderModeChanged.emit()

    @Slot()
    def wipeSession(self) -> None:
        """End the session (idle timeout): forget everything, elder mode off, the kiosk's own language."""
        self.resetSession()
        if self._elder_mode:
            self.toggleElderMode()
        self.setLanguage(self._kiosk.settings.language)

    def form_answers(self) -> dict[str, str]:
        """The answers of the open form as they stand."""
        return dict(self._form.answers)

    def current_service(self) -> Service | None:
        """The service chosen (its form open), or None."""
        return self._service

    def begin_assisted(self, filer: Filer, answers: Mapping[str, str]) -> None:
        """A helper files the chosen service for a resident who consented: `filer` submits it, `answers` (the
        resident's name and ID number) are filled in; until the session is reset."""
        self._filer = filer
        for key, value in answers.items():
            self._form.setAnswer(key, value)
        self.assistedChanged.emit()

    @Property(bool, notify=assistedChanged)
    def assisted(self) -> bool:
        """True from a resident's consent to the end of the session: a helper files for them (帮办)."""
        return self._filer is not None

    @Slot()
    def resetSession(self) -> None:
        """Forget everything of the current citizen (going home, idle timeout)."""
        if self._filer is not None:
            self._filer = None
            self.assistedChanged.emit()
        self._category, self._service = "", None
        if self._form_session is not None:
            self._form_session.start(None)
        self._receipt = self._lookup = None
        self._person_lookup.clear()
        self._message = None
        self._print_state, self._print_message = "", None
        self._refresh_all()

    def _refresh_all(self) -> None:
        for signal in (
            self.servicesChanged,
            self.serviceChanged,
            self.formChanged,
            self.receiptChanged,
            self.lookupChanged,
            self.messageChanged,
            self.printChanged,
        ):
            signal.emit()
