"""The signed transport: what it sends, and how it classifies every kind of answer (scripted server)."""

from __future__ import annotations

import gzip
import json
import socket
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.errors import (
    BadAnswerError,
    ReenrolmentNeededError,
    RequestRefusedError,
    RetryableError,
    RetryAfterError,
    SyncError,
    TransientError,
    UpdateNeededError,
)
from sync.protocol import (
    HEADER_NONCE,
    HEADER_SERVER_TIME,
    HEADER_TIMESTAMP,
    HealthResponse,
    HeartbeatResponse,
    PushRequest,
    parse_signed_headers,
    signature_is_valid,
)
from sync.transport import Timeouts, Transport
from tests.sync.scripted_server import Reply, ScriptedServer

KEY = Ed25519PrivateKey.generate()
DEVICE = "01a20130-979c-7b4c-a5ae-aafff5789b9c"
NOW = 1_800_000_000.0
OK = Reply(200, b'{"protocol": 1, "server_time": 1800000000}')


def _transport(url: str, *, clock: float = NOW, skew_s: float = 0.0, read_s: float = 5.0) -> Transport:
    return Transport(
        base_url=url,
        device_id=DEVICE,
        private_key=KEY,
        clock=lambda: clock,
        skew_s=skew_s,
        timeouts=Timeouts(connect_s=2.0, read_s=read_s),
    )


def _auth(status: int, error: str, server_time: int = int(NOW)) -> Reply:
    body = {"error": error, "message_zh": "错", "message_en": "no", "server_time": server_time}
    return Reply(status, json.dumps(body).encode(), {HEADER_SERVER_TIME: str(server_time)})


def _push_body() -> PushRequest:
    record = {"id": "0b6e2f1c-8a4d-4c3e-9f7a-2d1e5b6c7a80", "kind": "rating", "payload": {"note": "张三"}}
    return PushRequest(device_id=DEVICE, records=[record])  # type: ignore[list-item]


def test_a_json_request_is_gzipped_signed_at_send_time_and_verifiable() -> None:
    with ScriptedServer(OK) as server, _transport(server.url) as transport:
        transport.expect("POST", "/v1/heartbeat", HeartbeatResponse, json_body=_push_body(), query=[("a", 1)])
    (seen,) = server.seen
    assert seen.headers["X-Bianmin-Protocol"] == "1"
    assert seen.headers["Content-Encoding"] == "gzip"
    document = json.loads(gzip.decompress(seen.body))
    assert document["protocol"] == 1 and document["records"][0]["payload"]["note"] == "张三"
    parts = parse_signed_headers(seen.headers)
    assert parts is not None and parts.device_id == DEVICE and parts.timestamp == int(NOW)
    assert signature_is_valid(
        KEY.public_key(), parts, method="POST", path="/v1/heartbeat", query=seen.query, body=seen.body
    )


def test_stale_timestamp_corrects_the_clock_and_retries_once_with_a_new_nonce() -> None:
    server_time = int(NOW) + 7200  # this kiosk's clock is two hours slow
    with (
        ScriptedServer(_auth(401, "stale_timestamp", server_time), OK) as server,
        _transport(server.url) as t,
    ):
        t.expect("POST", "/v1/heartbeat", HeartbeatResponse, json_body=_push_body())
        assert t.skew_s == 7200 and t.stale_corrections == 1
    first, second = server.seen
    assert first.headers[HEADER_TIMESTAMP] == str(int(NOW))
    assert second.headers[HEADER_TIMESTAMP] == str(server_time)
    assert first.headers[HEADER_NONCE] != second.headers[HEADER_NONCE]


def test_stale_twice_is_retryable_and_sent_only_twice() -> None:
    stale = _auth(401, "stale_timestamp")
    with ScriptedServer(stale, stale) as server, _transport(server.url) as t, pytest.raises(RetryableError):
        t.expect("GET", "/v1/changes", HeartbeatResponse)
    assert len(server.seen) == 2


def test_a_replayed_nonce_is_sent_again_with_a_fresh_one() -> None:
    with ScriptedServer(_auth(401, "nonce_replayed"), OK) as server, _transport(server.url) as transport:
        transport.expect("GET", "/v1/changes", HeartbeatResponse)
    assert server.seen[0].headers[HEADER_NONCE] != server.seen[1].headers[HEADER_NONCE]


def test_the_skew_is_learned_from_every_answer() -> None:
    reply = Reply(500, b"", {HEADER_SERVER_TIME: str(int(NOW) - 42)})
    with ScriptedServer(reply) as server, _transport(server.url) as transport:
        with pytest.raises(RetryableError):
            transport.expect("GET", "/v1/changes", HeartbeatResponse)
        assert transport.skew_s == -42
        assert transport.server_now() == NOW - 42


NOT_JSON = b"<html>Bad Gateway</html>"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (Reply(500, b'{"error": "internal_error"}'), RetryableError),
        (Reply(502, NOT_JSON), RetryableError),
        (Reply(503, b""), RetryableError),
        (Reply(429, b""), RetryableError),
        (Reply(503, b"", {"Retry-After": "7"}), RetryAfterError),
        (Reply(429, b"", {"Retry-After": "3"}), RetryAfterError),
        (Reply(426, b'{"error": "protocol_unsupported"}'), UpdateNeededError),
        (_auth(401, "unknown_device"), ReenrolmentNeededError),
        (_auth(401, "signature_invalid"), ReenrolmentNeededError),
        (_auth(403, "device_revoked"), ReenrolmentNeededError),
        (_auth(403, "device_mismatch"), ReenrolmentNeededError),
        (Reply(401, NOT_JSON), BadAnswerError),
        (Reply(200, b"this is not json"), RetryableError),
        (Reply(200, b'{"protocol": 1}'), BadAnswerError),
        (Reply(200, b'{"protocol": 2, "server_time": 1}'), BadAnswerError),
        (Reply(404, b'{"error": "not_found"}'), RequestRefusedError),
        (Reply(413, b'{"error": "too_large"}'), RequestRefusedError),
        (Reply(302, b"", {"Location": "http://elsewhere.invalid/"}), RequestRefusedError),
    ],
)
def test_every_answer_is_one_exception_of_the_tree(reply: Reply, expected: type[SyncError]) -> None:
    with ScriptedServer(reply) as server, _transport(server.url) as t, pytest.raises(expected) as info:
        t.expect("POST", "/v1/heartbeat", HeartbeatResponse, json_body=_push_body())
    assert info.value.zh and info.value.en
    assert "张三" not in str(info.value) and "张三" not in info.value.detail, "never echoes what was sent"
    if expected is RetryAfterError:
        assert isinstance(info.value, RetryAfterError)
        assert info.value.retry_after_s == float(reply.headers["Retry-After"])
    if expected is ReenrolmentNeededError:
        assert isinstance(info.value, ReenrolmentNeededError)
        assert info.value.error == json.loads(reply.body)["error"]


def test_transient_and_halting_errors_are_told_apart() -> None:
    assert issubclass(RetryAfterError, RetryableError)
    assert all(issubclass(c, TransientError) for c in (RetryableError, BadAnswerError, RequestRefusedError))
    assert not issubclass(ReenrolmentNeededError, TransientError)
    assert not issubclass(UpdateNeededError, TransientError)


def test_a_truncated_answer_is_retryable() -> None:
    body = b'{"protocol": 1, "server_time": 1800000000}'
    reply = Reply(200, body, cut_after=10)
    with ScriptedServer(reply) as server, _transport(server.url) as t, pytest.raises(RetryableError):
        t.expect("GET", "/v1/heartbeat", HeartbeatResponse)


def test_a_silent_server_times_out_as_retryable() -> None:
    slow = Reply(200, OK.body, delay_s=1.0)
    with (
        ScriptedServer(slow) as server,
        _transport(server.url, read_s=0.2) as t,
        pytest.raises(RetryableError) as info,
    ):
        t.expect("GET", "/v1/heartbeat", HeartbeatResponse)
    assert "timeout" in info.value.detail


def _padded_health(size: int) -> bytes:
    return b'{"protocol": 1, "status": "ok", "pad": "' + b"x" * size + b'"}'


def test_an_answer_trickled_under_every_read_timeout_fails_at_its_deadline() -> None:
    trickle = Reply(200, _padded_health(100), pace_bytes_per_s=20)  # a byte every 50 ms: never a read timeout
    limits = Timeouts(connect_s=1.0, read_s=1.0, total_s=0.5, slowest_link_bytes_per_s=1024)
    started = time.monotonic()
    with (
        ScriptedServer(trickle) as server,
        Transport(base_url=server.url, timeouts=limits) as transport,
        pytest.raises(RetryableError) as info,
    ):
        transport.expect("GET", "/v1/health", HealthResponse, signed=False)
    assert "deadline" in info.value.detail
    assert time.monotonic() - started < 2.0, "cut at the deadline, not after the 6 s the answer takes"


def test_a_slow_link_that_keeps_moving_gets_past_the_fixed_allowance() -> None:
    # 128 KB at 64 KB/s takes 2 s, four times the fixed 0.5 s; every 16 KB that arrives buys 0.5 s more.
    slow = Reply(200, _padded_health(128 * 1024), pace_bytes_per_s=64 * 1024)
    limits = Timeouts(connect_s=1.0, read_s=1.0, total_s=0.5, slowest_link_bytes_per_s=32 * 1024)
    with ScriptedServer(slow) as server, Transport(base_url=server.url, timeouts=limits) as transport:
        assert transport.expect("GET", "/v1/health", HealthResponse, signed=False).status == "ok"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_connection_is_retryable() -> None:
    with _transport(f"http://127.0.0.1:{_closed_port()}") as transport, pytest.raises(RetryableError):
        transport.expect("GET", "/v1/heartbeat", HeartbeatResponse)


def test_an_oversized_answer_is_refused() -> None:
    big = b'{"protocol": 1, "server_time": 1, "pad": "' + b"x" * 5000 + b'"}'
    with ScriptedServer(Reply(200, big)) as server:
        transport = Transport(base_url=server.url, device_id=DEVICE, private_key=KEY, max_answer_bytes=1000)
        with transport, pytest.raises(BadAnswerError):
            transport.expect("GET", "/v1/heartbeat", HeartbeatResponse)


def test_an_unenrolled_transport_refuses_to_send_a_signed_request() -> None:
    with Transport(base_url="http://127.0.0.1:9") as transport, pytest.raises(ReenrolmentNeededError):
        transport.expect("GET", "/v1/changes", HeartbeatResponse)


def test_the_probe_says_up_or_down_and_never_raises() -> None:
    with ScriptedServer(Reply(200, b'{"protocol": 1, "status": "ok"}'), Reply(500)) as server:
        with Transport(base_url=server.url) as transport:
            assert transport.probe(timeout_s=1) is True
            assert transport.probe(timeout_s=1) is False
        assert "X-Bianmin-Signature" not in server.seen[0].headers
    with Transport(base_url=f"http://127.0.0.1:{_closed_port()}") as transport:
        assert transport.probe(timeout_s=0.5) is False
    assert HealthResponse().status == "ok"
