"""The consent of an assisted filing: each way complete or refused plainly, the statement, the hand-over check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.domain.catalog import Text
from kiosk.domain.consent import check_consent, consent_statement, handover_matches
from kiosk.domain.errors import ValidationError

AT = datetime(2026, 12, 8, 9, tzinfo=UTC)
ALL = ("signature", "paper_photo", "oral_witnessed")
SHA = "a" * 64


def test_each_way_of_consent_is_kept_with_its_evidence() -> None:
    assert (
        check_consent(
            "signature", given_at=AT, evidence_sha256=SHA, witness_name=None, allowed=ALL
        ).evidence_sha256
        == SHA
    )
    paper = check_consent(
        "paper_photo", given_at=AT, evidence_sha256=SHA, witness_name="ignored", allowed=ALL
    )
    assert paper.method == "paper_photo" and paper.witness_name is None
    oral = check_consent(
        "oral_witnessed", given_at=AT, evidence_sha256=None, witness_name=" 王建国 ", allowed=ALL
    )
    assert oral.witness_name == "王建国" and oral.evidence_sha256 is None


@pytest.mark.parametrize(
    ("method", "evidence", "witness", "allowed", "said"),
    [
        ("signature", None, None, ALL, ("签名", "sign")),
        ("paper_photo", None, None, ALL, ("纸质授权书", "paper form")),
        ("oral_witnessed", None, "", ALL, ("在场人的姓名", "second person")),
        ("oral_witnessed", None, "王建国123", ALL, ("在场人姓名", "Witness name")),
        ("oral_witnessed", None, "王建国", ("signature",), ("县里允许", "county allows")),
        ("fingerprint", SHA, None, ALL, ("县里允许", "county allows")),
    ],
)
def test_an_incomplete_or_disallowed_consent_is_refused_in_both_languages(
    method: str, evidence: str | None, witness: str | None, allowed: tuple[str, ...], said: tuple[str, str]
) -> None:
    zh, en = said
    with pytest.raises(ValidationError) as refused:
        check_consent(method, given_at=AT, evidence_sha256=evidence, witness_name=witness, allowed=allowed)
    assert zh in refused.value.zh and en in refused.value.en


def test_the_statement_names_the_resident_masked_the_helper_and_the_service() -> None:
    text = consent_statement(
        resident_name="张桂芬",
        resident_id_number="11010519491231002X",
        helper_name="李桂兰",
        helper_staff_no="BB-1001",
        service_name=Text("最低生活保障申请", "Minimum living allowance"),
    )
    assert "张桂芬" in text.zh and "11010519491231002X" not in text.zh and "002X" in text.zh
    assert "李桂兰（工号 BB-1001）" in text.zh and "“最低生活保障申请”" in text.zh and "真实" in text.zh
    assert "Minimum living allowance" in text.en


def test_the_hand_over_takes_the_last_four_of_the_residents_own_id() -> None:
    assert handover_matches("11010519491231002X", "002x")
    assert not handover_matches("11010519491231002X", "0021")
    assert not handover_matches("11010519491231002X", "")
    assert not handover_matches("", "")
