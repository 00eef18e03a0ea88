"""The village helper's way in on the touch screen (Main.qml's `villageHelper`): sign-in, PIN set-up, the
session's lock and end.

Staff numbers and set-up codes are typed in QML's entries and handed over with the action; PINs only on this
model's pad. Every decision comes from kiosk.services (sign-in, set-up) and kiosk.domain.helper_session (when
the screen locks, when the session ends); a timer asks the domain at the moment the state can next change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.helper_session import HelperSession
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.pin_pad_model import PinPadModel, pad_properties

if TYPE_CHECKING:
    from kiosk.services.drafts import DraftSummary
    from kiosk.services.helper_signin import SignedInHelper
    from kiosk.services.helper_workspace import HelperFiling
    from kiosk.services.pin_attempts import PinCheck
    from kiosk.services.print_queue import PrintOutcome
    from kiosk.services.printer import PrinterBackend
    from kiosk.services.upload_state import UploadState

CHECKING = Text(zh="正在核对…", en="Checking…")
SENDING = Text(zh="正在向县里设置密码…", en="Setting the PIN with the county…")
PIN_AGAIN = Text(zh="请再输入一次新密码，然后按确定", en="Type the new PIN once more, then OK.")
PINS_DIFFER = Text(
    zh="两次输入的密码不一样，请重新输入新密码", en="The two PINs differ; please type the new PIN again."
)
CARD_READ = Text(zh="已读取工作证，请输入密码", en="Staff card read: now type your PIN.")
NO_STAFF_NO = Text(zh="请先输入工号", en="Please type your staff number first.")
SYNCING = Text(zh="正在与县里同步…", en="Syncing with the county…")
REACHED = Text(zh="已上报县里", en="At the county")
WAITING = Text(zh="待上报（联网后自动上报）", en="Waiting to upload (sent when online)")
REFUSED = Text(zh="县里未接收", en="Not accepted by the county")
PRINTED = Text(zh="回执已重新打印", en="The receipt was printed again.")
PRINT_QUEUED = Text(
    zh="回执已排队，打印机恢复后打印", en="The receipt is queued and prints when the printer is back."
)
ENDED = Text(
    zh="帮办员登录已到时限，已自动签退，本次未提交的内容已清除",
    en="The helper session reached its time limit and was signed out; unsubmitted work was cleared.",
)


def _sign_in(kiosk: KioskRuntime, staff_no: str, pin: str) -> tuple[PinCheck, SignedInHelper | None]:
    """Sign in (or unlock); on a helper laptop, with the same PIN, open the helper's data key too."""
    from kiosk.services.helper_signin import sign_in_helper

    check, helper = sign_in_helper(kiosk, staff_no, pin)
    if helper is not None and kiosk.settings.is_helper_laptop:
        from kiosk.services.laptop_store import unlock_laptop_store

        unlock_laptop_store(kiosk, helper.staff_no, pin)
    return check, helper


class VillageHelperModel(PinPadModel):
    """Which helper screen shows ("", "signin", "setup", "locked"), who is signed in, and the session's state."""

    changed = Signal()
    stage, dots, busy, message = pad_properties(changed)
    cardScanned = Signal(str)  # a genuine staff card was scanned: its staff number goes in the entry
    sessionEnded = Signal()  # the session is over (signed out, hours ran out, PIN locked): wipe and go home

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: Callable[[], str],
        printer: PrinterBackend | None = None,
        parent: QObject,
    ) -> None:
        super().__init__(kiosk, operations, language=language, where="the helper screen", parent=parent)
        self._printer = printer
        self._laptop = kiosk.settings.is_helper_laptop  # a helper laptop: sign-in before anything
        if self._laptop:
            self._stage = "signin"
        self._filings: list[HelperFiling] = []
        self._drafts: list[DraftSummary] = []
        self._desk_notice: Text | None = (
            None  # 我的办件's line: sync done, reprint queued, or what went wrong
        )
        self._session: HelperSession | None = None
        self._first_pin: str | None = None  # set-up: the new PIN typed once, until typed again
        self._uploads: Text | None = None  # what waits to upload, the last contact (the workspace's line)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)

    def _limits(self) -> tuple[timedelta, timedelta]:
        settings = self._kiosk.settings
        return timedelta(minutes=settings.helper_lock_minutes), timedelta(hours=settings.helper_session_hours)

    def _pad_open(self) -> bool:
        return self._stage in {"signin", "setup", "locked"} and not self._busy

    # -- sign-in and set-up ---------------------------------------------------------------------------
    @Slot()
    def openSignIn(self) -> None:
        """The Staff entry on home: the sign-in screen, empty."""
        self._show("signin")

    @Slot()
    def openSetUp(self) -> None:
        """首次设置密码: the set-up screen (staff number, set-up code, new PIN twice)."""
        self._show("setup")

    def _show(self, stage: str, notice: Text | None = None) -> None:
        self._visit += 1
        self._stage, self._digits, self._first_pin, self._notice = stage, [], None, notice
        self.changed.emit()

    @Slot()
    def dismiss(self) -> None:
        """Back to the citizen home (the sign-in screen's Back): nothing typed is kept. A helper laptop has no
        citizen home: its sign-in stays."""
        if self._laptop:
            self._show("signin")
        elif self._stage in {"signin", "setup"}:
            self._show("")

    @Slot(str)
    def signIn(self, staff_no: str) -> None:
        """The sign-in screen's OK: the staff number typed and the PIN on the pad."""
        if self._stage != "signin" or self._busy:
            return
        if not staff_no.strip():
            self._notice = NO_STAFF_NO
            self.changed.emit()
            return
        pin, kiosk, visit = self._take_digits(), self._kiosk, self._visit
        self._run(
            lambda: _sign_in(kiosk, staff_no, pin), lambda answer: self._signed_in(visit, *answer), CHECKING
        )

    def _signed_in(self, visit: int, check: PinCheck, helper: SignedInHelper | None) -> None:
        if visit != self._visit:
            return
        if helper is None:
            self._notice = check.message
            return
        now = self._kiosk.clock()
        self._session = HelperSession(
            staff_no=helper.staff_no, name=helper.name, signed_in_at=now, last_touch_at=now
        )
        self._show("")
        self._schedule()

    def wants_card(self) -> bool:
        """True while the sign-in or set-up screen shows: a scanned QR is a staff card, not a voucher."""
        return self._stage in {"signin", "setup"}

    @Slot(str)
    def scanned(self, payload: str) -> None:
        """A QR scanned at the sign-in screen: the staff number of a genuine card, or why not."""
        if not self.wants_card() or self._busy:
            return
        from kiosk.services.staff_cards import staff_no_from_card

        kiosk, visit = self._kiosk, self._visit
        self._run(
            lambda: staff_no_from_card(kiosk, payload), lambda staff_no: self._on_card(visit, staff_no), None
        )

    def _on_card(self, visit: int, staff_no: str) -> None:
        if visit == self._visit:
            self._notice = CARD_READ
            self.cardScanned.emit(staff_no)

    @Slot(str, str)
    def setUp(self, staff_no: str, setup_code: str) -> None:
        """The set-up screen's OK: first the new PIN, then the same again; then the county is asked."""
        if self._stage != "setup" or self._busy or not self._digits:
            return
        pin = self._take_digits()
        if self._first_pin is None:
            self._first_pin, self._notice = pin, PIN_AGAIN
            self.changed.emit()
            return
        first, self._first_pin = self._first_pin, None
        if pin != first:
            self._notice = PINS_DIFFER
            self.changed.emit()
            return
        from kiosk.services.helper_pin_setup import set_up_helper_pin

        kiosk, visit = self._kiosk, self._visit
        self._run(
            lambda: set_up_helper_pin(kiosk, staff_no=staff_no, setup_code=setup_code, pin=pin),
            lambda name: self._pin_set(visit, name),
            SENDING,
        )

    def _pin_set(self, visit: int, name: str) -> None:
        if visit == self._visit:
            self._show(
                "signin",
                Text(
                    zh=f"{name}，密码已设置，请输入工号和新密码登录",
                    en=f"{name}, your PIN is set: sign in with it now.",
                ),
            )

    @Property(bool, notify=changed)
    def secondPin(self) -> bool:
        """True on the set-up screen once the new PIN was typed once."""
        return self._first_pin is not None

    # -- the session ----------------------------------------------------------------------------------
    @Slot()
    def touched(self) -> None:
        """A touch anywhere while signed in: the quiet spell starts again."""
        if self._session is not None and self._stage != "locked":
            self._session = self._session.touched(self._kiosk.clock())
            self._schedule()

    @Slot()
    def check(self) -> None:
        """Lock the screen or end the session when its time has come (the timer calls this)."""
        if self._session is None:
            return
        lock_after, end_after = self._limits()
        state = self._session.state_at(self._kiosk.clock(), lock_after=lock_after, end_after=end_after)
        if state == "ended":
            self._end("hours_ran_out", ENDED)
            return
        if state == "locked" and self._stage != "locked":
            self.lockNow()
            return
        self._schedule()

    @Slot()
    def lockNow(self) -> None:
        """Lock the screen (the quiet spell ran out, or the helper's 锁屏): only the PIN opens it again."""
        if self._session is None:
            return
        self._session = self._session.lock()
        self._show("locked")
        self._schedule()
        self._lock_store()

    def _lock_store(self) -> None:
        """A helper laptop forgets the helper's data key while locked or signed out (sync goes on)."""
        if self._laptop:
            from kiosk.services.laptop_store import lock_laptop_store

            kiosk = self._kiosk
            self._ops.run(lambda: lock_laptop_store(kiosk), on_done=lambda _: None, on_error=self._bug)

    @Slot()
    def unlock(self) -> None:
        """The lock screen's OK: the signed-in helper's PIN; a PIN locked by wrong tries ends the session."""
        if self._session is None or self._stage != "locked" or self._busy or not self._digits:
            return
        pin, kiosk, visit, staff_no = self._take_digits(), self._kiosk, self._visit, self._session.staff_no
        self._run(
            lambda: _sign_in(kiosk, staff_no, pin), lambda answer: self._unlocked(visit, answer[0]), CHECKING
        )

    def _unlocked(self, visit: int, check: PinCheck) -> None:
        if visit != self._visit or self._session is None:
            return
        if check.ok:
            self._session = self._session.unlocked(self._kiosk.clock())
            self._show("")
            self._schedule()
        elif check.outcome in {"locked", "revoked", "unknown", "not_set"}:
            self._end("pin_refused_at_lock", check.message)
        else:
            self._notice = check.message

    @Slot()
    def signOut(self) -> None:
        """签退 (on the helper's home or the lock screen): the session ends and is wiped."""
        if self._session is not None:
            self._end("signed_out", None)

    def _end(self, reason: str, notice: Text | None) -> None:
        assert self._session is not None
        from kiosk.services.helper_signin import record_session_end

        kiosk, staff_no = self._kiosk, self._session.staff_no
        self._session = None
        self._filings, self._drafts, self._desk_notice = [], [], None
        self._timer.stop()
        self._show("signin" if notice is not None or self._laptop else "", notice)
        self.sessionEnded.emit()
        self._lock_store()
        self._ops.run(
            lambda: record_session_end(kiosk, staff_no, reason=reason),
            on_done=lambda _: None,
            on_error=self._bug,
        )

    def _schedule(self) -> None:
        if self._session is None:
            return
        lock_after, end_after = self._limits()
        wait = self._session.next_check(self._kiosk.clock(), lock_after=lock_after, end_after=end_after)
        self._timer.start(int(min(wait.total_seconds(), 3600) * 1000))

    @Slot()
    def refreshUploads(self) -> None:
        """Read again what waits to upload and the last contact with the county (the helper's home shows it)."""
        from kiosk.services.upload_state import upload_state

        kiosk = self._kiosk
        self._ops.run(
            lambda: upload_state(kiosk), on_done=self._on_uploads, on_error=self._bug, background=True
        )

    def _on_uploads(self, state: UploadState) -> None:
        self._uploads = state.summary()
        self.changed.emit()

    # -- 我的办件 --------------------------------------------------------------------------------------
    @Slot()
    def refreshFilings(self) -> None:
        """Read the signed-in helper's filings on this terminal again."""
        if self._session is None:
            return
        from kiosk.services.drafts import list_drafts
        from kiosk.services.helper_workspace import helper_filings

        kiosk, staff_no = self._kiosk, self._session.staff_no
        self._ops.run(
            lambda: (helper_filings(kiosk, staff_no), list_drafts(kiosk, staff_no)),
            on_done=lambda found: self._on_filings(*found),
            on_error=self._bug,
            background=True,
        )

    def _on_filings(self, filings: list[HelperFiling], drafts: list[DraftSummary]) -> None:
        signed_in = self._session is not None
        self._filings, self._drafts = (filings, drafts) if signed_in else ([], [])
        self.changed.emit()

    @Property(list, notify=changed)
    def drafts(self) -> list[dict[str, str]]:
        """The helper's drafts: service, resident (masked), when last saved and until when it is kept."""
        return [
            {
                "id": draft.draft_id,
                "service": self._t(draft.service_name),
                "resident": draft.resident_masked,
                "when": self._t(
                    Text(
                        f"保存于 {draft.updated_at:%m-%d %H:%M}，保留至 {draft.expires_at:%m-%d %H:%M}",
                        f"saved {draft.updated_at:%d %b %H:%M}, kept until {draft.expires_at:%d %b %H:%M}",
                    )
                ),
            }
            for draft in self._drafts
        ]

    @Slot()
    def syncNow(self) -> None:
        """立即同步: one round with the county now; then the list and the counts again."""
        if self._session is None or self._busy:
            return
        from kiosk.services.helper_workspace import sync_now

        kiosk = self._kiosk
        self._desk_notice = SYNCING
        self._run(lambda: sync_now(kiosk), self._on_synced, None, on_error=self._on_desk_failed)

    def _on_synced(self, said: Text) -> None:
        self._desk_notice = said
        self.refreshFilings()
        self.refreshUploads()

    def _on_desk_failed(self, exc: Exception) -> None:
        from kiosk.domain.errors import KioskError

        if not isinstance(exc, KioskError):
            self._bug(exc)
            return
        self._desk_notice = Text(zh=exc.zh, en=exc.en)
        self.changed.emit()

    @Slot(str)
    def reprint(self, filing_id: str) -> None:
        """Print one of the helper's receipts again (audited as the helper's)."""
        if self._session is None or self._busy or self._printer is None:
            return
        from kiosk.services.print_queue import reprint_now

        kiosk, printer, actor = self._kiosk, self._printer, f"helper:{self._session.staff_no}"
        self._run(
            lambda: reprint_now(kiosk, printer, filing_id, actor=actor),
            self._on_reprinted,
            None,
            on_error=self._on_desk_failed,
        )

    def _on_reprinted(self, outcome: PrintOutcome) -> None:
        message = outcome.message
        self._desk_notice = PRINTED if outcome.printed else Text(*message) if message else PRINT_QUEUED

    @Property(list, notify=changed)
    def filings(self) -> list[dict[str, Any]]:
        """我的办件 as the list shows them: voucher, service, time, resident (masked), state, status, refusal."""
        from kiosk.ui.lookup_model import summary_row

        now = self._kiosk.clock()
        rows = []
        for entry in self._filings:
            row = summary_row(entry.summary, self._t, now)
            state = entry.summary.sync_state
            row["id"] = entry.summary.filing_id
            row["uploaded"] = self._t(
                REACHED if state == "sent" else REFUSED if state == "rejected" else WAITING
            )
            row["refused"] = self._t(entry.refused) if entry.refused is not None else ""
            row["resident"] = row["applicant"][0]["value"] if row["applicant"] else ""
            rows.append(row)
        return rows

    @Property(str, notify=changed)
    def deskMessage(self) -> str:
        """我的办件's line: how 立即同步 or a reprint went ("" when there is nothing to say)."""
        return self._t(self._desk_notice) if self._desk_notice is not None else ""

    def current_helper(self) -> SignedInHelper | None:
        """The helper signed in now (who an assisted filing is filed by), or None."""
        if self._session is None:
            return None
        from kiosk.services.helper_signin import SignedInHelper

        return SignedInHelper(staff_no=self._session.staff_no, name=self._session.name)

    # -- what QML shows -------------------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        """True while a helper's session runs (the citizen idle wipe gives way to the helper's lock)."""
        return self._session is not None

    @Property(bool, constant=True)
    def signInRequired(self) -> bool:
        """True on a helper laptop: nothing shows before a helper signs in (no way back to a citizen home)."""
        return self._laptop

    @Property(bool, notify=changed)
    def signedIn(self) -> bool:
        """True while a helper is signed in."""
        return self._session is not None

    @Property(str, notify=changed)
    def uploadSummary(self) -> str:
        """待上报 N 件 · 最近与县里联系 … ("" until read)."""
        return self._t(self._uploads) if self._uploads is not None else ""

    @Property(str, notify=changed)
    def who(self) -> str:
        """The signed-in helper as the screens name them: 李桂兰（工号 BB-1001）."""
        if self._session is None:
            return ""
        name, staff_no = self._session.name, self._session.staff_no
        return self._t(Text(zh=f"{name}（工号 {staff_no}）", en=f"{name} (staff no. {staff_no})"))
