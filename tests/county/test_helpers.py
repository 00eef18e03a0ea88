"""Village helpers at the county: the operator's commands, the one-time PIN set-up, and what kiosks pull."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from county import cli
from county.clock import utc_now
from county.db import create_county_engine
from county.helpers import HelperError, add_helper, reset_pin, revoke_helper, set_helper_pin
from county.migrate import upgrade_to_head
from county.models import ChangeLogEntry, Helper
from sync.protocol import HelperChange, PinVerifier

SITE = "幸福镇便民服务中心"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


VERIFIER = PinVerifier(n=2**15, r=8, p=1, salt=_b64(os.urandom(16)), digest=_b64(os.urandom(32)))


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a fresh county database at head (both backends)."""
    engine: Engine = create_county_engine(database_url)
    upgrade_to_head(engine)
    try:
        yield sessionmaker(engine, expire_on_commit=False)
    finally:
        engine.dispose()


def _helper_changes(session: Session) -> list[HelperChange]:
    rows = session.scalars(
        select(ChangeLogEntry).where(ChangeLogEntry.type == "helper").order_by(ChangeLogEntry.seq)
    )
    return [HelperChange.model_validate(row.data) for row in rows]


def test_a_helper_sets_a_pin_with_the_one_time_code_and_every_step_reaches_the_kiosks(
    sessions: sessionmaker[Session],
) -> None:
    now = utc_now()
    with sessions.begin() as session:
        code = add_helper(session, staff_no="BB-1001", name="李桂兰", sites=[SITE, f" {SITE} "], now=now)
    assert len(code) == 14 and code.count("-") == 2
    with sessions.begin() as session:
        with pytest.raises(HelperError) as wrong:
            set_helper_pin(
                session,
                staff_no="BB-1001",
                setup_code="0000-0000-0000",
                verifier=VERIFIER,
                site=SITE,
                now=now,
            )
        assert wrong.value.reason == "setup_code_wrong"
        with pytest.raises(HelperError) as elsewhere:
            set_helper_pin(
                session, staff_no="BB-1001", setup_code=code, verifier=VERIFIER, site="别的镇", now=now
            )
        assert elsewhere.value.reason == "helper_other_site"
        set_helper_pin(
            session, staff_no="BB-1001", setup_code=code.lower(), verifier=VERIFIER, site=SITE, now=now
        )
    with sessions.begin() as session:
        with pytest.raises(HelperError) as reused:
            set_helper_pin(
                session, staff_no="BB-1001", setup_code=code, verifier=VERIFIER, site=SITE, now=now
            )
        assert reused.value.reason == "setup_code_wrong", "the code works once"
        added, pin_set = _helper_changes(session)
    assert (added.state, added.pin_verifier, added.sites, added.version) == ("active", None, [SITE], 1)
    assert (pin_set.pin_verifier, pin_set.version, pin_set.name) == (VERIFIER, 2, "李桂兰")

    with sessions.begin() as session:
        new_code = reset_pin(session, staff_no="BB-1001", now=now)
        assert new_code != code
        assert revoke_helper(session, staff_no="BB-1001", now=now) is True
        assert revoke_helper(session, staff_no="BB-1001", now=now) is False
        with pytest.raises(HelperError) as revoked:
            set_helper_pin(
                session, staff_no="BB-1001", setup_code=new_code, verifier=VERIFIER, site=SITE, now=now
            )
        assert revoked.value.reason == "setup_code_wrong", "revoking withdraws the pending code too"
        *_, reset, gone = _helper_changes(session)
    assert (reset.pin_verifier, reset.version) == (None, 3), "a reset withdraws the old PIN at the next pull"
    assert (gone.state, gone.version) == ("revoked", 4)


def test_an_expired_set_up_code_is_refused_and_a_new_one_from_reset_works(
    sessions: sessionmaker[Session],
) -> None:
    now = utc_now()
    with sessions.begin() as session:
        code = add_helper(session, staff_no="BB-1002", name="王建国", sites=[SITE], now=now)
    later = now + timedelta(days=7, seconds=1)
    with sessions.begin() as session, pytest.raises(HelperError) as expired:
        set_helper_pin(session, staff_no="BB-1002", setup_code=code, verifier=VERIFIER, site=SITE, now=later)
    assert expired.value.reason == "setup_code_expired" and "过期" in expired.value.zh
    with sessions.begin() as session:
        fresh = reset_pin(session, staff_no="BB-1002", now=later)
        set_helper_pin(session, staff_no="BB-1002", setup_code=fresh, verifier=VERIFIER, site=SITE, now=later)
        helper = session.get(Helper, "BB-1002")
        assert helper is not None and helper.pin_verifier is not None and helper.setup_code_sha256 is None


def _county(capsys: pytest.CaptureFixture[str], database_url: str, *args: str) -> tuple[int, str, str]:
    code = cli.main([*args, "--database", database_url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_helper_commands_print_the_code_alone_and_refuse_bad_input_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database_url = f"sqlite:///{tmp_path}/c.db"
    assert _county(capsys, database_url, "migrate")[0] == 0
    status, out, err = _county(
        capsys,
        database_url,
        "helper",
        "add",
        "--site",
        SITE,
        "--site",
        "和平村",
        "--name",
        "李桂兰",
        "--staff-no",
        "BB-1001",
    )
    assert status == 0, err
    code = out.removesuffix("\n")
    assert len(code) == 14 and "\n" not in code and code not in err, "the code is on stdout only"
    assert "设置码" in err and "set-up" not in err.split(" / ")[0]
    assert code.replace("-", "").encode() not in (tmp_path / "c.db").read_bytes(), "only its hash is stored"

    status, out, _ = _county(capsys, database_url, "helper", "list")
    listed: list[dict[str, Any]] = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [(h["staff_no"], h["sites"], h["state"], h["pin_set"]) for h in listed] == [
        ("BB-1001", [SITE, "和平村"], "active", False)
    ]
    assert "pin_verifier" not in listed[0] and listed[0]["setup_code_expires_at"]

    refusals = [
        (("helper", "add", "--site", SITE, "--name", "张三", "--staff-no", "BB-1001"), 2, "已存在"),
        (("helper", "add", "--site", SITE, "--name", "张三", "--staff-no", "BB 1 002"), 2, "工号无效"),
        (("helper", "add", "--site", SITE, "--name", "  ", "--staff-no", "BB-1003"), 2, "姓名无效"),
        (("helper", "add", "--site", "\x07", "--name", "张三", "--staff-no", "BB-1003"), 2, "站点名称无效"),
        (("helper", "reset-pin", "NOBODY"), 1, "未知的帮办员"),
        (("helper", "revoke", "NOBODY"), 1, "未知的帮办员"),
    ]
    for args, expected, words in refusals:
        status, out, err = _county(capsys, database_url, *args)
        assert (status, out) == (expected, ""), args
        line = err.strip().splitlines()[-1]
        assert line.startswith("county-server: ") and " / " in line and words in line, line

    status, out, _ = _county(capsys, database_url, "helper", "reset-pin", "BB-1001")
    assert status == 0 and len(out.strip()) == 14 and out.strip() != code
    assert _county(capsys, database_url, "helper", "revoke", "BB-1001")[0] == 0
    status, _, err = _county(capsys, database_url, "helper", "revoke", "BB-1001")
    assert status == 0 and "此前已停用" in err
    status, out, err = _county(capsys, database_url, "helper", "reset-pin", "BB-1001")
    assert (status, out) == (1, "") and "已停用" in err
    status, out, _ = _county(capsys, database_url, "helper", "list")
    assert json.loads(out)["state"] == "revoked"
