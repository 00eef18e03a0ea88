"""The signed HTTP client of protocol v1: one place that signs, compresses, times out and classifies.

Every request is signed when it is sent (a retry gets a fresh nonce and timestamp), JSON bodies are gzipped,
and every answer is either validated against a protocol model or turned into one exception of the tree in
`sync.errors`::

    outcome                                          raised
    connection refused/reset, timeout, cut answer    RetryableError
    no whole answer within the request's deadline    RetryableError
    answer that is not JSON                          RetryableError
    HTTP 5xx (429/503 without Retry-After too)       RetryableError
    HTTP 429/503 with Retry-After: N                 RetryAfterError(retry_after_s=N)
    JSON that does not validate against the model    BadAnswerError
    HTTP 401/403 (other than stale_timestamp)        ReenrolmentNeededError(error=...)
    HTTP 426                                         UpdateNeededError
    any other status the caller did not expect       RequestRefusedError(status=...)

Deadline: every request has one for the whole exchange (`Timeouts.total_s`, plus the time its body and its
answer need at `Timeouts.slowest_link_bytes_per_s`), enforced by `sync.deadline`: `requests` timeouts bound
each read only, and an answer trickled a byte at a time would never end otherwise.

Clock skew: the transport signs with `clock() + skew_s` and re-learns `skew_s` from the
X-Bianmin-Server-Time header of every answer; a 401 `stale_timestamp` corrects it from the answer's
`server_time` and the request is sent again once, at once. `nonce_replayed` is retried once the same way
(a fresh nonce is all it needs: something between us and the server delivered our request twice).
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import urlencode, urlsplit

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ValidationError

from sync.deadline import DeadlineAdapter, RequestDeadline
from sync.errors import (
    BadAnswerError,
    ReenrolmentNeededError,
    RequestRefusedError,
    RetryableError,
    RetryAfterError,
    UpdateNeededError,
)
from sync.protocol import (
    ERROR_NONCE_REPLAYED,
    ERROR_STALE_TIMESTAMP,
    HEADER_PROTOCOL,
    HEADER_SERVER_TIME,
    HEALTH_PATH,
    PROTOCOL_VERSION,
    ErrorResponse,
    HealthResponse,
    describe_validation_error,
    sign_request,
)

log = logging.getLogger(__name__)

Clock = Callable[[], float]
M = TypeVar("M", bound=BaseModel)

MAX_ANSWER_BYTES = 64 * 1024 * 1024
_CHUNK = 16 * 1024  # each chunk read extends the deadline; a small one keeps a slow link inside it


@dataclass(frozen=True, slots=True)
class Answer:
    """An expected answer: its HTTP status and its body, validated against the model given for that status."""

    status: int
    body: BaseModel


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Explicit limits of one request: seconds, and the slowest link it must still get through."""

    connect_s: float = 3.0
    read_s: float = 15.0
    total_s: float = 30.0
    slowest_link_bytes_per_s: float = 2048.0

    def allowance_s(self, body_bytes: int) -> float:
        """The deadline of a request sending `body_bytes`, before its answer's bytes extend it."""
        return self.total_s + body_bytes / self.slowest_link_bytes_per_s


@dataclass(frozen=True, slots=True)
class _Raw:
    status: int
    headers: Mapping[str, str]
    content: bytes


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("Retry-After", "").strip()
    return float(value) if value.isdigit() else None


def _error_code(content: bytes) -> str | None:
    try:
        return ErrorResponse.model_validate_json(content).error
    except ValidationError:
        return None


class Transport:
    """A signed, gzipping, timing-out client of one county server; close it (or use `with`) when done."""

    def __init__(
        self,
        *,
        base_url: str,
        device_id: str | None = None,
        private_key: Ed25519PrivateKey | None = None,
        skew_s: float = 0.0,
        clock: Clock = time.time,
        timeouts: Timeouts = Timeouts(),
        session: requests.Session | None = None,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._base_path = urlsplit(self._base_url).path
        self._device_id = device_id
        self._key = private_key
        self._clock = clock
        self._timeouts = timeouts
        self._own_session = session is None
        self._session = session or requests.Session()
        if not isinstance(self._session.get_adapter("http://"), DeadlineAdapter):
            adapter = DeadlineAdapter()
            self._session.mount("http://", adapter)
            self._session.mount("https://", adapter)
        self._max_answer_bytes = max_answer_bytes
        self.skew_s = skew_s
        self.skew_learned_at: float | None = None
        self.stale_corrections = 0

    # --- lifetime ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP session (when this transport made it)."""
        if self._own_session:
            self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def base_url(self) -> str:
        """The server this transport talks to."""
        return self._base_url

    def server_now(self) -> float:
        """What this kiosk believes the server's clock says now (Unix seconds)."""
        return self._clock() + self.skew_s

    # --- requests ---------------------------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        *,
        answers: Mapping[int, type[BaseModel]],
        query: Sequence[tuple[str, str | int]] = (),
        json_body: BaseModel | None = None,
        raw_body: bytes | None = None,
        signed: bool = True,
        timeouts: Timeouts | None = None,
    ) -> Answer:
        """Send one request and return the answer whose status is in `answers`; anything else raises."""
        body, headers = self._encode(json_body, raw_body)
        query_text = urlencode(list(query))
        for attempt in (1, 2):
            raw = self._send(method, path, query_text, body, headers, signed=signed, timeouts=timeouts)
            if signed and attempt == 1 and raw.status == 401 and self._retry_once(raw):
                continue
            return self._classify(method, path, raw, answers)
        raise AssertionError("unreachable")  # pragma: no cover

    def expect(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        status: int = 200,
        query: Sequence[tuple[str, str | int]] = (),
        json_body: BaseModel | None = None,
        signed: bool = True,
    ) -> M:
        """`call` for requests with a single expected answer; returns its validated body."""
        answer = self.call(
            method, path, answers={status: model}, query=query, json_body=json_body, signed=signed
        )
        assert isinstance(answer.body, model)
        return answer.body

    def probe(self, *, timeout_s: float = 2.0) -> bool:
        """True when GET /v1/health answers as the protocol says within `timeout_s` (never raises)."""
        try:
            self.call(
                "GET",
                HEALTH_PATH,
                answers={200: HealthResponse},
                signed=False,
                timeouts=Timeouts(connect_s=timeout_s, read_s=timeout_s, total_s=timeout_s),
            )
        except Exception as exc:  # the probe only answers up or down
            log.debug("probe: server down (%s)", type(exc).__name__)
            return False
        return True

    # --- internals --------------------------------------------------------------------------------

    def _encode(self, json_body: BaseModel | None, raw_body: bytes | None) -> tuple[bytes, dict[str, str]]:
        headers = {HEADER_PROTOCOL: str(PROTOCOL_VERSION), "Accept-Encoding": "gzip"}
        if json_body is not None:
            text = json.dumps(json_body.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "gzip"
            return gzip.compress(text.encode("utf-8"), mtime=0), headers
        if raw_body is not None:
            headers["Content-Type"] = "application/octet-stream"
            return raw_body, headers
        return b"", headers

    def _send(
        self,
        method: str,
        path: str,
        query: str,
        body: bytes,
        headers: dict[str, str],
        *,
        signed: bool,
        timeouts: Timeouts | None,
    ) -> _Raw:
        all_headers = dict(headers)
        if signed:
            if self._key is None or self._device_id is None:
                raise ReenrolmentNeededError("no device key", error="not_enrolled")
            all_headers.update(
                sign_request(
                    self._key,
                    method=method,
                    path=self._base_path + path,
                    query=query,
                    body=body,
                    device_id=self._device_id,
                    timestamp=int(self.server_now()),
                )
            )
        url = self._base_url + path + (f"?{query}" if query else "")
        limits = timeouts or self._timeouts
        allowance_s = limits.allowance_s(len(body))
        deadline = RequestDeadline(allowance_s=allowance_s, bytes_per_s=limits.slowest_link_bytes_per_s)
        try:
            with deadline:
                response = self._session.request(
                    method,
                    url,
                    data=body if body else None,
                    headers=all_headers,
                    timeout=(limits.connect_s, limits.read_s),
                    stream=True,
                    allow_redirects=False,
                )
                try:
                    content = self._read(response, deadline)
                finally:
                    response.close()
        except (requests.RequestException, OSError) as exc:
            if deadline.expired:
                raise self._past_deadline(method, path, allowance_s) from None
            if isinstance(exc, requests.Timeout):
                raise RetryableError(f"{method} {path}: timeout ({type(exc).__name__})") from None
            raise RetryableError(f"{method} {path}: {type(exc).__name__}") from None
        if deadline.expired:  # what arrived before the cut can look whole (a status line and no body)
            raise self._past_deadline(method, path, allowance_s)
        self._learn_skew(response.headers)
        log.debug("%s %s -> %d (%d bytes)", method, path, response.status_code, len(content))
        return _Raw(response.status_code, response.headers, content)

    @staticmethod
    def _past_deadline(method: str, path: str, allowance_s: float) -> RetryableError:
        return RetryableError(
            f"{method} {path}: no whole answer within the deadline ({allowance_s:.0f} s and the link's pace)"
        )

    def _read(self, response: requests.Response, deadline: RequestDeadline) -> bytes:
        parts: list[bytes] = []
        total = 0
        for chunk in response.iter_content(_CHUNK):
            deadline.grant_for(len(chunk))
            total += len(chunk)
            if total > self._max_answer_bytes:
                raise BadAnswerError(f"answer larger than {self._max_answer_bytes} bytes")
            parts.append(chunk)
        return b"".join(parts)

    def _learn_skew(self, headers: Mapping[str, str]) -> None:
        value = headers.get(HEADER_SERVER_TIME, "").strip()
        if value.isdigit() and len(value) <= 12:
            self._set_skew(int(value))

    def _set_skew(self, server_time: int) -> None:
        now = self._clock()
        self.skew_s = float(server_time - int(now))
        self.skew_learned_at = now

    def _retry_once(self, raw: _Raw) -> bool:
        """After a 401: correct the clock for stale_timestamp; True when the request should go again."""
        try:
            document = json.loads(raw.content)
        except ValueError:
            return False
        if not isinstance(document, dict):
            return False
        error = document.get("error")
        if error == ERROR_STALE_TIMESTAMP:
            server_time = document.get("server_time")
            if type(server_time) is not int or server_time <= 0:
                return False
            before = self.skew_s
            self._set_skew(server_time)
            self.stale_corrections += 1
            log.warning("clock corrected after stale_timestamp: skew %+.0f s -> %+.0f s", before, self.skew_s)
            return True
        return error == ERROR_NONCE_REPLAYED

    def _classify(self, method: str, path: str, raw: _Raw, answers: Mapping[int, type[BaseModel]]) -> Answer:
        where = f"{method} {path} -> HTTP {raw.status}"
        model = answers.get(raw.status)
        if model is not None:
            try:
                document: Any = json.loads(raw.content)
            except (ValueError, UnicodeDecodeError):
                raise RetryableError(f"{where}: unreadable answer") from None
            try:
                return Answer(raw.status, model.model_validate(document))
            except ValidationError as exc:
                raise BadAnswerError(f"{where}: {describe_validation_error(exc)}") from None
        if raw.status == 426:
            raise UpdateNeededError(where)
        if raw.status in (401, 403):
            code = _error_code(raw.content)
            if code is None:
                raise BadAnswerError(f"{where}: unreadable error answer")
            if code == ERROR_STALE_TIMESTAMP:
                raise RetryableError(f"{where}: still stale after the clock was corrected")
            if code == ERROR_NONCE_REPLAYED:
                raise RetryableError(f"{where}: nonce replayed twice")
            raise ReenrolmentNeededError(f"{where}: {code}", error=code)
        if raw.status in (429, 503):
            retry_after = _retry_after(raw.headers)
            if retry_after is not None:
                raise RetryAfterError(f"{where}: Retry-After {retry_after:g}", retry_after_s=retry_after)
        if raw.status == 429 or raw.status >= 500:
            raise RetryableError(where)
        raise RequestRefusedError(where, status=raw.status, error=_error_code(raw.content))
