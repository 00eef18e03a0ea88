"""The resident's consent to an assisted filing on the touch screen (Main.qml's `consent`): who the resident
is, what they agree to (shown large and read aloud), and how they consent (sign on the screen, or agree aloud
with a second person present).

Every rule is kiosk.domain.consent's (through kiosk.services.assisted_filing); the signature is drawn in QML,
turned into a PNG here and stored sealed like a photo. Once the consent is complete, the view-model files the
form as the helper's for the resident, with the resident's name and ID number filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import Text
from kiosk.domain.consent import METHOD_NAMES, consent_statement
from kiosk.domain.id_number import check_id_number
from kiosk.domain.person_name import check_person_name
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.operations import Operations
from kiosk.ui.screen_model import ScreenModel, notice_properties
from kiosk.ui.signature_image import MIN_INK_POINTS, ink_points, signature_png

if TYPE_CHECKING:
    from kiosk.domain.consent import Consent
    from kiosk.services.drafts import ResumedDraft
    from kiosk.services.filing import SubmittedFiling
    from kiosk.services.helper_signin import SignedInHelper
    from kiosk.ui.viewmodel import KioskViewModel

NO_HELPER = Text("请先由帮办员登录", "A helper must sign in first.")
SIGN_MORE = Text(
    "签名太短，请群众用手指写下自己的名字", "That is too short: the resident writes their name with a finger."
)
SAVING = Text("正在保存…", "Saving…")
PAPER_PHOTO_KEY = "consent_paper"  # the document camera's key for the photo of the signed paper form


class ConsentModel(ScreenModel):
    """The resident named, the statement, the way of consent chosen, the signature kept, what went wrong."""

    changed = Signal()
    busy, message = notice_properties(changed)
    consented = Signal()  # the consent is on record: the form opens, filled with the resident's name and ID
    draftSaved = Signal()  # the form was kept as a draft: the helper may leave it

    def __init__(
        self,
        kiosk: KioskRuntime,
        operations: Operations,
        *,
        language: Callable[[], str],
        viewmodel: KioskViewModel,
        helper: Callable[[], SignedInHelper | None],
        parent: QObject,
    ) -> None:
        super().__init__(kiosk, operations, language=language, where="the consent screen", parent=parent)
        self._vm = viewmodel
        self._helper = helper
        self._methods: tuple[str, ...] = ()
        self.clear()

    @Slot()
    def clear(self) -> None:
        """Forget everything (a new consent, going home, the wipe)."""
        self._name, self._id_number = "", ""
        self._statement: Text | None = None
        self._method = ""
        self._evidence: str | None = None
        self._notice = None
        self._consent: Consent | None = None
        self._draft_id: str | None = None
        self._visit += 1
        self.changed.emit()

    @Slot()
    def open(self) -> None:
        """The consent screen opens for the chosen service: read which ways the county offers."""
        from kiosk.services.assisted_filing import consent_methods

        self.clear()
        kiosk, visit = self._kiosk, self._visit
        self._ops.run(
            lambda: consent_methods(kiosk),
            on_done=lambda methods: self._on_methods(visit, methods),
            on_error=self._bug,
        )

    def _on_methods(self, visit: int, methods: tuple[str, ...]) -> None:
        if visit == self._visit:
            self._methods = methods
            self._method = methods[0] if methods else ""
            self.changed.emit()

    @Slot(str, str)
    def nameResident(self, name: str, id_number: str) -> None:
        """The resident's name and ID number typed: the statement shows, or what is wrong with them."""
        helper, service = self._helper(), self._vm.current_service()
        checked_name = check_person_name(name)
        checked_id = check_id_number(id_number, today=self._kiosk.clock().date())
        problem = checked_name.error or checked_id.error
        if helper is None or service is None:
            self._statement, self._notice = None, NO_HELPER
        elif problem is not None:
            self._statement, self._notice = None, Text(problem.zh, problem.en)
        else:
            self._name, self._id_number = checked_name.value, checked_id.value
            self._statement = consent_statement(
                resident_name=self._name,
                resident_id_number=self._id_number,
                helper_name=helper.name,
                helper_staff_no=helper.staff_no,
                service_name=service.name,
            )
            self._notice = None
        self.changed.emit()

    @Slot(str)
    def chooseMethod(self, method: str) -> None:
        """One of the ways of consent the county offers."""
        if method in self._methods and method != self._method:
            self._method, self._notice, self._evidence = method, None, None  # a signature is no paper photo
            self.changed.emit()

    @Slot(str, str)
    def photoKept(self, key: str, sha256: str) -> None:
        """The document camera kept a photo: for the paper-form way, it is the evidence."""
        if key == PAPER_PHOTO_KEY and self._method == "paper_photo":
            self._evidence, self._notice = sha256, None
            self.changed.emit()

    @Slot(list, int, int)
    def sign(self, strokes: list[Any], width: int, height: int) -> None:
        """The signature drawn (strokes of [x, y] points in a width×height area): stored sealed."""
        from kiosk.services.assisted_filing import keep_consent_image

        if ink_points(strokes) < MIN_INK_POINTS:
            self._evidence, self._notice = None, SIGN_MORE
            self.changed.emit()
            return
        image = signature_png(strokes, width=width, height=height)
        kiosk, visit = self._kiosk, self._visit
        self._run(lambda: keep_consent_image(kiosk, image), lambda sha: self._on_signed(visit, sha), SAVING)

    def _on_signed(self, visit: int, sha256: str) -> None:
        if visit == self._visit:
            self._evidence, self._notice = sha256, None

    @Slot()
    def unsign(self) -> None:
        """The signature area cleared: a new signature is needed."""
        self._evidence = None
        self.changed.emit()

    @Slot(str)
    def confirm(self, witness_name: str) -> None:
        """确认授权: the consent is recorded (or what is missing is said), then the form opens."""
        from kiosk.services.assisted_filing import record_consent

        helper = self._helper()
        if helper is None or self._statement is None or self._busy:
            self._notice = self._notice or NO_HELPER
            self.changed.emit()
            return
        kiosk, visit, method, evidence = self._kiosk, self._visit, self._method, self._evidence
        witness = witness_name if method == "oral_witnessed" else None

        def on_recorded(consent: Consent) -> None:
            if visit == self._visit:
                self._assist(
                    helper, consent, {"applicant_name": self._name, "applicant_id_number": self._id_number}
                )

        self._run(
            lambda: record_consent(kiosk, method=method, evidence_sha256=evidence, witness_name=witness),
            on_recorded,
            None,
        )

    def _assist(self, helper: SignedInHelper, consent: Consent, answers: Mapping[str, str]) -> None:
        """The consent is on record: the view-model files the form as the helper's for the resident."""
        from kiosk.services.assisted_filing import file_for_resident
        from kiosk.services.drafts import discard_draft

        kiosk, draft_id = self._kiosk, self._draft_id

        def filer(code: str, version: int, given: Mapping[str, str]) -> SubmittedFiling:
            filed = file_for_resident(
                kiosk,
                helper=helper,
                consent=consent,
                service_code=code,
                service_version=version,
                answers=given,
            )
            if draft_id is not None:  # submitted: the draft and the photos only it held go
                discard_draft(kiosk, draft_id=draft_id)
            return filed

        self._consent = consent
        self._vm.begin_assisted(filer, answers)
        self.consented.emit()

    # -- drafts -------------------------------------------------------------------------------------------
    @Slot()
    def saveDraft(self) -> None:
        """保存草稿: keep the form as it stands for this helper to finish later (sealed, for draft_days)."""
        from kiosk.services.drafts import save_draft

        helper, service = self._helper(), self._vm.current_service()
        if helper is None or service is None or self._consent is None or self._busy:
            return
        kiosk, consent, draft_id, answers = (
            self._kiosk,
            self._consent,
            self._draft_id,
            self._vm.form_answers(),
        )
        self._run(
            lambda: save_draft(
                kiosk,
                staff_no=helper.staff_no,
                service_code=service.code,
                service_version=service.version,
                answers=answers,
                consent=consent,
                draft_id=draft_id,
            ),
            self._on_draft_saved,
            SAVING,
        )

    def _on_draft_saved(self, draft_id: str) -> None:
        days = self._kiosk.settings.draft_days
        self._draft_id = draft_id
        self._notice = Text(
            f"草稿已保存，{days} 天内可在“我的办件”里继续填写",
            f"Draft saved: go on within {days} days from My filings.",
        )
        self.draftSaved.emit()

    @Slot(str)
    def resumeDraft(self, draft_id: str) -> None:
        """继续填写: open the draft's form as it was left, with its consent; then `consented`."""
        from kiosk.services.drafts import resume_draft

        helper = self._helper()
        if helper is None or self._busy:
            return
        self.clear()
        kiosk, visit = self._kiosk, self._visit
        self._run(
            lambda: resume_draft(kiosk, staff_no=helper.staff_no, draft_id=draft_id),
            lambda resumed: self._on_resumed(visit, helper, resumed),
            None,
        )

    def _on_resumed(self, visit: int, helper: SignedInHelper, resumed: ResumedDraft) -> None:
        if visit != self._visit:
            return
        self._vm.open_service(resumed.service)
        self._draft_id = resumed.draft_id
        self._assist(helper, resumed.consent, resumed.answers)

    # -- what QML shows -------------------------------------------------------------------------------
    @Property(str, notify=changed)
    def statement(self) -> str:
        """What the resident agrees to ("" until their name and ID number are right)."""
        return self._t(self._statement) if self._statement is not None else ""

    @Property(str, notify=changed)
    def spokenStatement(self) -> str:
        """The statement in Chinese, read aloud whatever the screen's language."""
        return self._statement.zh if self._statement is not None else ""

    @Property(list, notify=changed)
    def methods(self) -> list[dict[str, str]]:
        """The ways the county offers: code and label."""
        return [
            {"code": code, "label": self._t(METHOD_NAMES[code])}
            for code in self._methods
            if code in METHOD_NAMES
        ]

    @Property(str, notify=changed)
    def method(self) -> str:
        """The way chosen."""
        return self._method

    @Property(str, constant=True)
    def paperPhotoKey(self) -> str:
        """The key the consent page opens the document camera with."""
        return PAPER_PHOTO_KEY

    @Property(bool, notify=changed)
    def signed(self) -> bool:
        """True once the evidence is kept (the signature, or the photo of the signed paper form)."""
        return self._evidence is not None
