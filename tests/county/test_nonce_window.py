"""The replay window in-process, on both backends, with a controlled clock: reuse, expiry and purging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.datastructures import Headers

from county.auth import NONCE_PURGE_INTERVAL_S, RequestVerifier
from county.db import create_county_engine
from county.errors import AuthError
from county.migrate import upgrade_to_head
from county.models import Device, SeenNonce
from sync.protocol import REPLAY_WINDOW_S, public_key_text, sign_request

DEVICE = "kiosk-nonce-window"
KEY = Ed25519PrivateKey.generate()
START = 1_900_000_000.0


class FakeClock:
    """Unix time the test moves by hand."""

    def __init__(self) -> None:
        """Start at START."""
        self.now = START

    def __call__(self) -> float:
        """The current fake time."""
        return self.now


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated county database holding one enrolled device."""
    engine = create_county_engine(database_url)
    upgrade_to_head(engine)
    with Session(engine) as session, session.begin():
        session.add(
            Device(
                id=DEVICE,
                public_key=public_key_text(KEY),
                site="幸福镇",
                name="终端",
                app_version="0.1.0",
                enrolled_at=datetime.now(UTC),
            )
        )
    yield engine
    engine.dispose()


def verify(verifier: RequestVerifier, clock: FakeClock, nonce: str) -> None:
    """Verify a fresh signed GET with ``nonce``, timestamped at the fake time."""
    headers = sign_request(
        KEY,
        method="GET",
        path="/v1/changes",
        query="",
        body=b"",
        device_id=DEVICE,
        timestamp=int(clock.now),
        nonce=nonce,
    )
    verifier.verify(method="GET", path="/v1/changes", query="", headers=Headers(headers), body=b"")


def stored_nonces(engine: Engine) -> int:
    """How many nonce rows the server keeps."""
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(SeenNonce)) or 0


def test_a_nonce_is_refused_within_the_window_and_accepted_after_it(engine: Engine) -> None:
    clock = FakeClock()
    verifier = RequestVerifier(engine, clock=clock)
    verify(verifier, clock, "n" * 22)
    clock.now += REPLAY_WINDOW_S - 1
    with pytest.raises(AuthError) as refused:
        verify(verifier, clock, "n" * 22)
    assert refused.value.error == "nonce_replayed"
    clock.now += 2  # now older than the window: the stale row is taken over
    verify(verifier, clock, "n" * 22)
    assert stored_nonces(engine) == 1


def test_expired_nonces_are_purged_periodically_not_on_every_request(engine: Engine) -> None:
    clock = FakeClock()
    verifier = RequestVerifier(engine, clock=clock)
    for index in range(5):
        verify(verifier, clock, f"{index:022d}")
    clock.now += REPLAY_WINDOW_S + 1
    verify(verifier, clock, "a" * 22)  # first request after start-up purges: the five are gone
    assert stored_nonces(engine) == 1
    clock.now += REPLAY_WINDOW_S + 1
    verify(verifier, clock, "b" * 22)  # purge interval passed again: "a" goes
    assert stored_nonces(engine) == 1
    clock.now += 1
    verify(verifier, clock, "c" * 22)  # within the purge interval: nothing deleted
    assert stored_nonces(engine) == 2
    assert NONCE_PURGE_INTERVAL_S < REPLAY_WINDOW_S
