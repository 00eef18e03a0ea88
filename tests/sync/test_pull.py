"""Pulling changes: pages and cursor commit together, refused changes are skipped, bad pages change nothing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import RevokedVoucher
from kiosk.services.runtime import KioskRuntime
from sync.errors import BadAnswerError, RetryableError
from sync.protocol import CountyConfig, DeviceKeyChange, FilingStatusChange, VoucherRevokedChange
from sync.pull import ChangeRefused, pull_changes, read_cursor
from sync.transport import Transport
from tests.sync.scripted_server import Reply, ScriptedServer

FILING = "0b6e2f1c-8a4d-4c3e-9f7a-2d1e5b6c7a80"


class Recorder:
    """A ChangeHandler that writes revoked vouchers, remembers the rest, and can refuse or crash."""

    def __init__(self, *, refuse_catalogs: bool = False, crash_on_seq: int | None = None) -> None:
        self.applied: list[tuple[str, int]] = []
        self.events: list[str] = []
        self.refuse_catalogs = refuse_catalogs
        self.crash_on_seq = crash_on_seq

    def _crash(self, seq: int) -> None:
        if seq == self.crash_on_seq:
            raise RuntimeError("disk unplugged")

    def apply_catalog(self, session: Session, document: Mapping[str, Any], *, seq: int) -> None:
        session.add(
            RevokedVoucher(voucher_code=f"CATALOG{seq:05d}", reason="written before refusing", revoked_at="x")
        )
        session.flush()
        if self.refuse_catalogs:
            raise ChangeRefused("目录有误", "catalog is malformed")
        self.applied.append(("catalog", seq))

    def apply_filing_status(self, session: Session, change: FilingStatusChange, *, seq: int) -> None:
        self._crash(seq)
        self.applied.append(("filing_status", seq))

    def apply_config(self, session: Session, config: CountyConfig, *, seq: int) -> None:
        self.applied.append(("config", seq))

    def apply_voucher_revoked(self, session: Session, change: VoucherRevokedChange, *, seq: int) -> None:
        session.add(RevokedVoucher(voucher_code=change.voucher_code, reason=change.reason, revoked_at="x"))
        self._crash(seq)
        self.applied.append(("voucher_revoked", seq))

    def apply_device_key(self, session: Session, change: DeviceKeyChange, *, seq: int) -> None:
        self.applied.append(("device_key", seq))

    def page_committed(self) -> None:
        self.events.append("committed")

    def page_rolled_back(self) -> None:
        self.events.append("rolled back")


def _voucher(seq: int, code: str = "ABCDEFGHJKMN") -> dict[str, Any]:
    return {"seq": seq, "type": "voucher_revoked", "data": {"voucher_code": code, "reason": "lost"}}


def _status(seq: int, **data: Any) -> dict[str, Any]:
    body = {"filing_id": FILING, "status": "approved", "changed_at": "2026-11-22T03:00:00+08:00", **data}
    return {"seq": seq, "type": "filing_status", "data": body}


def _page(changes: list[dict[str, Any]], next_cursor: int, more: bool) -> Reply:
    return Reply(
        200,
        json.dumps({"protocol": 1, "changes": changes, "next_cursor": next_cursor, "more": more}).encode(),
    )


def _pull(kiosk: KioskRuntime, handler: Recorder, *replies: Reply) -> tuple[Any, list[str]]:
    with ScriptedServer(*replies) as server:
        transport = Transport(
            base_url=server.url, device_id="kiosk-1", private_key=Ed25519PrivateKey.generate()
        )
        with transport:
            report = pull_changes(kiosk.sessions, transport, handler, limit=2)
    return report, [seen.query for seen in server.seen]


def _vouchers(kiosk: KioskRuntime) -> list[str]:
    with kiosk.sessions() as session:
        return list(
            session.scalars(select(RevokedVoucher.voucher_code).order_by(RevokedVoucher.voucher_code))
        )


def test_pages_are_asked_for_while_there_are_more_and_the_cursor_follows(kiosk: KioskRuntime) -> None:
    handler = Recorder()
    report, queries = _pull(
        kiosk,
        handler,
        _page(
            [_voucher(3, "ABCDEFGHJKM1"), {"seq": 5, "type": "config", "data": {"push_interval_s": 30}}],
            5,
            True,
        ),
        _page([_status(9)], 9, False),
    )
    assert queries == ["after=0&limit=2", "after=5&limit=2"]
    assert (report.pages, report.applied, report.cursor, report.failure) == (2, 3, 9, None)
    assert handler.applied == [("voucher_revoked", 3), ("config", 5), ("filing_status", 9)]
    assert read_cursor(kiosk.sessions) == 9
    _, queries = _pull(kiosk, Recorder(), _page([], 9, False))
    assert queries == ["after=9&limit=2"], "the next pull starts at the stored cursor"


def test_a_page_that_fails_half_way_changes_nothing_and_keeps_the_cursor(kiosk: KioskRuntime) -> None:
    handler = Recorder(crash_on_seq=2)
    try:
        _pull(kiosk, handler, _page([_voucher(1), _voucher(2, "ABCDEFGHJKM2")], 2, False))
    except RuntimeError:
        pass
    else:
        raise AssertionError("the crash must surface")
    assert _vouchers(kiosk) == [] and read_cursor(kiosk.sessions) == 0
    assert handler.events == ["rolled back"]


def test_a_refused_change_changes_nothing_and_does_not_block_the_next_ones(kiosk: KioskRuntime) -> None:
    handler = Recorder(refuse_catalogs=True)
    catalog = {"seq": 1, "type": "catalog", "data": {"catalog_version": "broken"}}
    report, _ = _pull(kiosk, handler, _page([catalog, _status(2, status=""), _voucher(3)], 3, False))
    assert [(r.seq, r.type) for r in report.refused] == [(1, "catalog"), (2, "filing_status")]
    assert report.refused[0].en == "catalog is malformed"
    assert "status" in report.refused[1].en and report.refused[1].zh.startswith("县级服务器")
    assert handler.applied == [("voucher_revoked", 3)]
    assert _vouchers(kiosk) == ["ABCDEFGHJKMN"], "what the refused catalog wrote was rolled back"
    assert read_cursor(kiosk.sessions) == 3


def test_pages_out_of_order_or_without_progress_are_bad_answers(kiosk: KioskRuntime) -> None:
    report, _ = _pull(kiosk, Recorder(), _page([_voucher(4), _voucher(2, "ABCDEFGHJKM2")], 4, False))
    assert isinstance(report.failure, BadAnswerError) and _vouchers(kiosk) == []
    report, _ = _pull(kiosk, Recorder(), _page([], 0, True))
    assert isinstance(report.failure, BadAnswerError)
    report, _ = _pull(
        kiosk,
        Recorder(),
        Reply(
            200,
            b'{"protocol": 1, "changes": [{"seq": 1, "type": "weather", "data": {}}], "next_cursor": 1, "more": false}',
        ),
    )
    assert isinstance(report.failure, BadAnswerError)
    assert read_cursor(kiosk.sessions) == 0


def test_a_failed_request_keeps_the_cursor(kiosk: KioskRuntime) -> None:
    report, _ = _pull(kiosk, Recorder(), _page([_voucher(1)], 1, True), Reply(503, b""))
    assert isinstance(report.failure, RetryableError)
    assert (report.cursor, read_cursor(kiosk.sessions), report.applied) == (1, 1, 1), (
        "the first page stays applied"
    )
    with kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(RevokedVoucher)) == 1
