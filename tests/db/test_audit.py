"""The audit log is hash-chained: any edited entry is found."""

from pathlib import Path

from sqlalchemy import update

from db.audit import append_audit, verify_audit_chain
from db.engine import create_store_engine, make_session_factory
from db.migrate import upgrade_to_head
from db.models import AuditEntry


def test_chain_verifies_and_an_edit_is_detected(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "k.db")
    try:
        upgrade_to_head(engine)
        sessions = make_session_factory(engine)
        with sessions.begin() as session:
            for n in range(5):
                append_audit(
                    session,
                    at=f"2026-11-22T10:0{n}:00+08:00",
                    actor="t",
                    action="a",
                    subject_id=str(n),
                    detail={"n": n},
                )
        with sessions() as session:
            assert verify_audit_chain(session) is None
        with sessions.begin() as session:
            session.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(detail_json='{"n": 99}'))
        with sessions() as session:
            assert verify_audit_chain(session) == 3
    finally:
        engine.dispose()
