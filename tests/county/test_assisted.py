"""Assisted filings (帮办) at the county: the helper and the consent method as they were when it was filed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from county import cli
from county.attachments import append_chunk, start_upload
from county.clock import utc_now
from county.config import update_config
from county.db import create_county_engine
from county.enrolment import enrol, issue_code
from county.helpers import add_helper, revoke_helper
from county.ingest import engine_sessions, ingest
from county.migrate import upgrade_to_head
from county.models import CountyRecord
from sync.protocol import AttachmentStart, EnrolRequest, PushRequest, RecordResult, public_key_text
from tests.county.factories import DEVICE_ID, EVIDENCE_SHA256, assisted_filing, filing, push_body, rating

SITE = "幸福镇便民服务中心"
OTHER_SITE = "和平镇便民服务中心"
ADDED = datetime(2024, 4, 1, tzinfo=UTC)
BEFORE_REVOCATION = "2024-05-01T09:30:00+08:00"
REVOKED = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)  # 10:00 in the kiosk's +08:00
AFTER_REVOCATION = "2024-05-01T10:30:00+08:00"


def _enrol(session: Session, *, site: str) -> None:
    """Enrol ``DEVICE_ID`` at ``site`` the way a kiosk does, with a fresh one-time code."""
    code = issue_code(session, site=site, ttl=timedelta(minutes=5), now=utc_now())
    key = Ed25519PrivateKey.generate()
    request = EnrolRequest(
        code=code, device_id=DEVICE_ID, public_key=public_key_text(key), device_name="终端", app_version="1"
    )
    enrol(session, request, now=utc_now())


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A county database (both backends) with the kiosk enrolled at ``SITE`` and two helpers.

    BB-1001 works for ``SITE`` and was revoked at ``REVOKED``; BB-2001 works for ``OTHER_SITE`` only.
    """
    engine = create_county_engine(database_url)
    upgrade_to_head(engine)
    with sessionmaker(engine).begin() as session:
        _enrol(session, site=SITE)
        add_helper(session, staff_no="BB-1001", name="李桂兰", sites=[OTHER_SITE, SITE], now=ADDED)
        add_helper(session, staff_no="BB-2001", name="王建国", sites=[OTHER_SITE], now=ADDED)
        revoke_helper(session, staff_no="bb-1001", now=REVOKED)
    try:
        yield engine
    finally:
        engine.dispose()


def push(engine: Engine, *records: dict[str, object]) -> list[RecordResult]:
    """Push ``records`` as the enrolled kiosk, through the county's ingest."""
    return ingest(engine_sessions(engine), PushRequest.model_validate(push_body(list(records))))


def stored_ids(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(CountyRecord.id)))


def test_a_filing_made_before_the_helper_was_revoked_is_accepted_and_one_made_after_is_rejected(
    engine: Engine,
) -> None:
    offline = assisted_filing("BB-1001", created_at=BEFORE_REVOCATION)
    lower_case = assisted_filing("bb-1001", created_at=BEFORE_REVOCATION, method="oral_witnessed")
    late = assisted_filing("BB-1001", created_at=AFTER_REVOCATION)
    at_revocation = assisted_filing("BB-1001", created_at="2024-05-01T10:00:00+08:00")
    results = push(engine, offline, lower_case, late, at_revocation, filing())
    assert [r.status for r in results] == ["accepted", "accepted", "rejected", "rejected", "accepted"]
    reason = results[2].reason or ""
    assert reason == (
        "帮办员 BB-1001 已于 2024-05-01 10:00 停用，本次办件在此之后（2024-05-01 10:30） / "
        "helper BB-1001 was revoked at 2024-05-01 10:00, before this filing was made (2024-05-01 10:30)"
    ), "told in the kiosk's own time"
    assert "停用" in (results[3].reason or "")
    assert stored_ids(engine) == {offline["id"], lower_case["id"], results[4].id}
    # Pushed again (the answer was lost), the accepted one stays a duplicate, the late one stays refused.
    assert [r.status for r in push(engine, offline, late)] == ["duplicate", "rejected"]


def test_unknown_helpers_and_helpers_of_another_site_are_rejected_and_nothing_is_stored(
    engine: Engine,
) -> None:
    unknown = assisted_filing("NOBODY-9", created_at=BEFORE_REVOCATION)
    elsewhere = assisted_filing("BB-2001", created_at=BEFORE_REVOCATION)
    results = push(engine, unknown, elsewhere)
    assert [(r.status, r.reason) for r in results] == [
        ("rejected", "帮办员工号 NOBODY-9 在县里不存在 / helper NOBODY-9 is not known to the county"),
        (
            "rejected",
            "帮办员 BB-2001 不属于本终端所在站点 / helper BB-2001 does not work for this terminal's site",
        ),
    ]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(CountyRecord)) == 0


def filed_by_bb1002(engine: Engine, *filed: tuple[str, str]) -> list[RecordResult]:
    """Push one assisted filing of helper BB-1002 per (consent method, ``created_at``)."""
    return push(engine, *(assisted_filing("BB-1002", method=method, created_at=at) for method, at in filed))


def test_a_consent_method_counts_as_allowed_when_the_filing_was_made(engine: Engine) -> None:
    with sessionmaker(engine).begin() as session:
        add_helper(session, staff_no="BB-1002", name="赵春花", sites=[SITE], now=ADDED)
        # The county stops accepting oral consent at 09:00 (+08:00) on 1 May.
        update_config(session, {"consent_methods": ["signature"]}, now=datetime(2024, 5, 1, 1, 0, tzinfo=UTC))
    results = filed_by_bb1002(
        engine,
        ("oral_witnessed", "2024-05-01T08:59:00+08:00"),
        ("oral_witnessed", "2024-05-01T09:01:00+08:00"),
        ("paper_photo", "2024-05-01T08:00:00+08:00"),
        ("signature", "2024-05-01T09:01:00+08:00"),
    )
    assert [r.status for r in results] == ["accepted", "rejected", "accepted", "accepted"]
    assert results[1].reason == (
        "县里不接受这种同意方式：口头同意（有见证人）（可用：手写签名） / "
        "the county does not accept consent by oral_witnessed (allowed: signature)"
    )
    assert stored_ids(engine) == {r.id for r in results if r.status == "accepted"}

    with sessionmaker(engine).begin() as session:
        # On 2 May only photos of signed paper forms: what was allowed when each filing was made still counts.
        update_config(session, {"consent_methods": ["paper_photo"]}, now=datetime(2024, 5, 2, tzinfo=UTC))
    results = filed_by_bb1002(
        engine,
        ("signature", "2024-05-01T08:00:00+08:00"),
        ("signature", "2024-05-01T12:00:00+08:00"),
        ("oral_witnessed", "2024-05-01T12:00:00+08:00"),
        ("signature", "2024-05-02T09:00:00+08:00"),
    )
    assert [r.status for r in results] == ["accepted", "accepted", "rejected", "rejected"]
    assert "（可用：纸质同意书照片）" in (results[3].reason or "")


def county(capsys: pytest.CaptureFixture[str], engine: Engine, *args: str) -> tuple[int, str, str]:
    """Run ``county-server ARGS`` on the fixture's database: exit code, stdout, stderr."""
    code = cli.main([*args, "--database", engine.url.render_as_string(hide_password=False)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listed(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_list_records_shows_one_helpers_filings_and_who_gave_each_rating(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    with sessionmaker(engine).begin() as session:
        add_helper(session, staff_no="BB-1002", name="赵春花", sites=[SITE], now=ADDED)
    by_revoked = assisted_filing("BB-1001", created_at=BEFORE_REVOCATION)
    by_other = assisted_filing("BB-1002")
    # A self-service filing whose answer merely mentions the staff number is not the helper's.
    mention = filing(answers={"note": '"helper_staff_no":"BB-1002"'})
    after_handover = rating(filing_id=by_other["id"], given_by="citizen_after_handover")
    older_kiosk = rating(filing_id=mention["id"])  # no given_by: sent before the field existed
    push(engine, by_revoked, by_other, mention, after_handover, older_kiosk)

    status, out, err = county(capsys, engine, "list-records", "--helper", " bb-1002 ")
    assert status == 0, err
    assert [record["id"] for record in listed(out)] == [by_other["id"]]
    assert listed(out)[0]["payload"]["assisted"]["consent_evidence_sha256"] == EVIDENCE_SHA256
    status, out, _ = county(capsys, engine, "list-records", "--helper", "BB-1001", "--kind", "filing")
    assert status == 0 and [record["id"] for record in listed(out)] == [by_revoked["id"]]
    assert county(capsys, engine, "list-records", "--helper", "NOBODY")[:2] == (0, "")

    status, out, _ = county(capsys, engine, "list-records", "--kind", "rating")
    assert status == 0
    ratings = {record["id"]: record for record in listed(out)}
    assert {record_id: record["given_by"] for record_id, record in ratings.items()} == {
        after_handover["id"]: "citizen_after_handover",
        older_kiosk["id"]: "citizen",
    }
    assert "given_by" not in ratings[older_kiosk["id"]]["payload"], "the payload is printed as it was filed"

    for args, words in [
        (("--helper", "BB 1002"), "工号无效"),
        (("--helper", "BB-1002", "--kind", "rating"), "只用于列出办件"),
    ]:
        status, out, err = county(capsys, engine, "list-records", *args)
        assert (status, out) == (2, ""), args
        assert err.startswith("county-server: ") and words in err and " / " in err


def test_the_consent_evidence_is_written_to_a_file_once_fully_uploaded(
    engine: Engine, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    evidence = b"\xff\xd8 a photo of the signed form " * 1000
    sha256 = hashlib.sha256(evidence).hexdigest()
    audit = tmp_path / "audit"
    audit.mkdir()
    output = audit / "consent.jpg"
    with sessionmaker(engine).begin() as session:
        start_upload(session, sha256, AttachmentStart(size=len(evidence), media_type="image/jpeg"), now=ADDED)
        append_chunk(session, sha256, offset=0, data=evidence[:1000], now=ADDED)

    status, out, err = county(capsys, engine, "attachment", sha256, "--output", str(output))
    assert (status, out) == (1, "") and not output.exists()
    assert f"尚未上传完整（已收到 1000 / {len(evidence)} 字节）" in err and "not fully uploaded" in err

    with sessionmaker(engine).begin() as session:
        append_chunk(session, sha256, offset=1000, data=evidence[1000:], now=ADDED)
    status, out, err = county(capsys, engine, "attachment", sha256.upper(), "--output", str(output))
    assert status == 0, err
    assert output.read_bytes() == evidence
    assert str(len(evidence)) in err and "image/jpeg" in err and out == ""
    assert list(audit.iterdir()) == [output], "no temporary file left behind"

    unknown = "0" * 64
    status, out, err = county(capsys, engine, "attachment", unknown, "--output", str(audit / "x"))
    assert (status, out) == (1, "") and "没有这个附件" in err and "no such attachment" in err
    status, _, err = county(capsys, engine, "attachment", "not-a-hash", "--output", str(audit / "x"))
    assert status == 2 and "SHA-256" in err
    assert list(audit.iterdir()) == [output]


def test_set_config_takes_consent_methods_as_a_list_and_later_oral_consents_are_refused(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    with sessionmaker(engine).begin() as session:
        add_helper(session, staff_no="BB-1002", name="赵春花", sites=[SITE], now=ADDED)
    status, out, err = county(capsys, engine, "set-config", "consent_methods=signature, paper_photo")
    assert status == 0, err
    assert json.loads(out)["consent_methods"] == ["signature", "paper_photo"]
    status, out, err = county(capsys, engine, "set-config", "consent_methods=signature,phone")
    assert (status, out) == (2, "") and "设置值无效" in err and "oral_witnessed" in err
    soon = (utc_now() + timedelta(minutes=1)).isoformat()
    results = filed_by_bb1002(engine, ("oral_witnessed", soon), ("oral_witnessed", BEFORE_REVOCATION))
    assert [r.status for r in results] == ["rejected", "accepted"], (
        "a filing of 2024 was made under the defaults"
    )
