"""A resident's consent to an assisted filing (帮办授权): how it was given, its evidence, what it says, and the
hand-over check before the resident rates.

Decisions: three ways, each recorded, the county config saying which are offered: a finger signature drawn
on the screen, a photo of a paper form the resident signed (both kept as a sealed image whose SHA-256 is on
record), or an oral consent the helper declares with a second person present (their name required). Without
one of them nothing is kept. The statement names the resident with the ID number masked, the helper with
their staff number, and the service. The hand-over asks the last four characters of the resident's own ID
number (an X typed as x counts), so the helper cannot rate in the resident's place (不得代评).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.domain.catalog import Text
from kiosk.domain.errors import ValidationError
from kiosk.domain.masking import mask_id_number
from kiosk.domain.person_name import check_person_name

ConsentMethod = Literal["signature", "paper_photo", "oral_witnessed"]
CONSENT_METHODS: tuple[ConsentMethod, ...] = ("signature", "paper_photo", "oral_witnessed")
METHOD_NAMES: dict[str, Text] = {
    "signature": Text("群众在屏幕上签名", "The resident signs on the screen"),
    "paper_photo": Text("拍摄群众签字的纸质授权书", "Photo of the paper form the resident signed"),
    "oral_witnessed": Text(
        "群众口头同意，另有一人在场", "The resident agrees aloud, a second person present"
    ),
}


@dataclass(frozen=True, slots=True)
class Consent:
    """The consent on record: its method, when, and its evidence (an image's hash, or the witness)."""

    method: ConsentMethod
    given_at: datetime
    evidence_sha256: str | None = None
    witness_name: str | None = None


def check_consent(
    method: str,
    *,
    given_at: datetime,
    evidence_sha256: str | None,
    witness_name: str | None,
    allowed: Sequence[str],
) -> Consent:
    """The consent when it is complete and allowed; raises ValidationError (field "consent") saying what is missing."""
    if method not in CONSENT_METHODS or method not in allowed:
        raise ValidationError(
            "请选择县里允许的一种授权方式",
            "Choose one of the ways of consent the county allows.",
            field="consent",
        )
    if method == "oral_witnessed":
        checked = check_person_name(witness_name or "")
        if not (witness_name or "").strip():
            raise ValidationError(
                "口头同意须有第二人在场：请填写在场人的姓名",
                "An oral consent needs a second person present: enter their name.",
                field="witness_name",
            )
        if checked.error is not None:
            raise ValidationError(
                f"在场人姓名：{checked.error.zh}", f"Witness name: {checked.error.en}", field="witness_name"
            )
        return Consent(method="oral_witnessed", given_at=given_at, witness_name=checked.value)
    if not evidence_sha256:
        zh, en = (
            ("请先请群众在屏幕上签名", "Please ask the resident to sign on the screen first.")
            if method == "signature"
            else ("请先拍下群众签好字的纸质授权书", "Please take a photo of the signed paper form first.")
        )
        raise ValidationError(zh, en, field="consent")
    evidence_method: ConsentMethod = "signature" if method == "signature" else "paper_photo"
    return Consent(method=evidence_method, given_at=given_at, evidence_sha256=evidence_sha256)


def consent_statement(
    *, resident_name: str, resident_id_number: str, helper_name: str, helper_staff_no: str, service_name: Text
) -> Text:
    """What the resident agrees to, in large type and read aloud."""
    masked = mask_id_number(resident_id_number)
    return Text(
        f"本人{resident_name}（身份证号 {masked}）委托帮办员{helper_name}（工号 {helper_staff_no}）"
        f"为本人填写并提交“{service_name.zh}”，并确认所填信息真实。",
        f"I, {resident_name} (ID {masked}), ask helper {helper_name} (staff no. {helper_staff_no}) to fill in "
        f"and submit “{service_name.en}” for me, and confirm the information is true.",
    )


def handover_matches(resident_id_number: str, typed: str) -> bool:
    """True when `typed` is the last four characters of the resident's ID number (x for X)."""
    last_four = resident_id_number.strip().upper()[-4:]
    return len(last_four) == 4 and typed.strip().upper() == last_four
