"""The look-up screen beside the view-model: a filing as a look-up shows it, and the look-up of a lost receipt
by ID number and mobile number (masked results, the promised date and the next step; rules in kiosk.services)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.status_age import AWAITING_ACCEPTANCE, status_freshness
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.crash import report_bug
from kiosk.ui.operations import Operations
from kiosk.ui.session_helper import SessionHelper

if TYPE_CHECKING:
    from kiosk.services.lookup import FilingSummary
    from kiosk.services.person_lookup import PersonLookup

LOOKUP_FAILED = Text(
    zh="查询暂时没有成功，请再试一次，或点“求助”请工作人员帮忙。",
    en="The look-up did not work just now. Please try again, or tap Help to ask a member of staff.",
)


def summary_row(summary: FilingSummary, t: Callable[[Text], str], now: datetime) -> dict[str, Any]:
    """A looked-up filing as the look-up screen shows it, in the language `t` picks."""
    return {
        "voucher": summary.voucher_display,
        "service": t(summary.service_name),
        "time": summary.created_at.strftime("%Y-%m-%d %H:%M"),
        "status": summary.server_status or t(AWAITING_ACCEPTANCE),
        "note": summary.server_status_note or "",
        "freshness": t(status_freshness(summary.last_heard_from_county, now)),
        "synced": summary.sync_state == "sent",
        "applicant": [{"label": t(m.label), "value": m.value} for m in summary.masked_applicant],
        "promised": t(summary.promised) if summary.promised is not None else "",
        "nextStep": t(summary.next_step) if summary.next_step is not None else "",
    }


class PersonLookupModel(SessionHelper):
    """A lost receipt's look-up by ID number and mobile number: the filings found, or why none are shown."""

    changed = Signal()
    found = Signal()  # filings were found: the screen shows them

    def __init__(
        self, kiosk: KioskRuntime, operations: Operations, *, language: Callable[[], str], parent: QObject
    ) -> None:
        super().__init__(kiosk, operations, language=language, parent=parent)
        self._result: PersonLookup | None = None
        self._error: Text | None = None
        self._error_field = ""
        self._pending = False
        self._attempt = 0

    @Property(list, notify=changed)
    def results(self) -> list[dict[str, Any]]:
        """The filings found, newest first, as the screen shows them (masked data only, no voucher code)."""
        if self._result is None:
            return []
        now = self._kiosk.clock()
        rows = [summary_row(summary, self._t, now) for summary in self._result.filings]
        for row in rows:
            del row["voucher"]  # the voucher rates a filing; a new receipt is the window's job
        return rows

    @Property(str, notify=changed)
    def older(self) -> str:
        """How many older filings were found but not shown; empty when none."""
        older = self._result.older if self._result is not None else 0
        if not older:
            return ""
        return self._t(
            Text(
                zh=f"另有 {older} 件较早的办件未显示，请带身份证到本中心窗口查询",
                en=f"{older} older filing{'' if older == 1 else 's'} not shown; ask at this centre's window "
                "with your ID card",
            )
        )

    @Property(str, notify=changed)
    def error(self) -> str:
        """Why nothing is shown (bad entry, nothing found, too many tries), in the current language."""
        return self._t(self._error) if self._error is not None else ""

    @Property(str, notify=changed)
    def errorField(self) -> str:
        """The entry the error belongs to: "id_number", "phone", or "" for the look-up as a whole."""
        return self._error_field

    @Property(bool, notify=changed)
    def pending(self) -> bool:
        """True while the look-up runs."""
        return self._pending

    @Slot(str, str)
    def lookUp(self, id_number: str, phone: str) -> None:
        """Look the filings of this ID number and mobile number up (malformed entries change nothing)."""
        if self._pending:
            return
        from kiosk.services.person_lookup import lookup_by_person

        self._attempt += 1
        attempt, kiosk = self._attempt, self._kiosk
        self._result, self._error, self._error_field, self._pending = None, None, "", True
        self.changed.emit()
        self._ops.run(
            lambda: lookup_by_person(kiosk, id_number=id_number, phone=phone),
            on_done=lambda result: self._on_done(attempt, result),
            on_error=lambda exc: self._on_error(attempt, exc),
        )

    def _on_done(self, attempt: int, result: PersonLookup) -> None:
        if attempt != self._attempt:  # cleared meanwhile (home, idle wipe): the next citizen sees nothing
            return
        self._result, self._pending = result, False
        self.changed.emit()
        self.found.emit()

    def _on_error(self, attempt: int, exc: Exception) -> None:
        if attempt != self._attempt:
            return
        self._pending = False
        if isinstance(exc, KioskError):
            self._error = Text(zh=exc.zh, en=exc.en)
            self._error_field = (exc.field or "") if isinstance(exc, ValidationError) else ""
        elif not report_bug(exc, where="looking up by ID number"):
            self._error = LOOKUP_FAILED
        self.changed.emit()

    @Slot()
    def clear(self) -> None:
        """Forget the look-up (a new one is typed, going home, the idle wipe)."""
        self._attempt += 1
        self._result, self._error, self._error_field, self._pending = None, None, "", False
        self.changed.emit()

    def has_result(self) -> bool:
        """True when filings of the current citizen are shown (a wipe would change something)."""
        return self._result is not None or self._error is not None

    def language_changed(self) -> None:
        """Show the results and messages in the new language."""
        self.changed.emit()
