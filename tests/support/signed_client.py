"""A simulated kiosk for tests: enrol through the real CLI and HTTP, then sign requests like a kiosk.

Usage (any test folder)::

    proc, base_url = start_county_server(database_url=url, cwd=REPO_ROOT)
    with enrol_device(base_url, database_url=url) as kiosk:
        kiosk.post("/v1/push", json=body)          # signed at send time, new nonce each time
        kiosk.get("/v1/changes", params={"after": 0})

``DeviceSigner`` is a ``requests`` auth hook, so it also signs requests made by other code
(e.g. ``session.auth = DeviceSigner(key, device_id)``).
"""

from __future__ import annotations

import gzip
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import (
    ENROL_PATH,
    HEADER_PROTOCOL,
    PROTOCOL_VERSION,
    public_key_text,
    sign_request,
)
from tests.support.county_process import REPO_ROOT, run_county_cli

TIMEOUT = 30
DEFAULT_SITE = "幸福镇便民服务中心"


def _body_bytes(body: bytes | str | None) -> bytes:
    """A prepared request's body as the bytes sent."""
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else body


class DeviceSigner(requests.auth.AuthBase):
    """Signs each prepared request when it is sent: current time (plus an offset) and a new nonce."""

    def __init__(
        self, private_key: Ed25519PrivateKey, device_id: str, *, clock_offset_s: float = 0.0
    ) -> None:
        """Sign as ``device_id``; ``clock_offset_s`` shifts the signed time (to simulate a wrong clock)."""
        self.private_key = private_key
        self.device_id = device_id
        self.clock_offset_s = clock_offset_s

    def headers_for(
        self,
        *,
        method: str,
        path_url: str,
        body: bytes,
        timestamp: int | None = None,
        nonce: str | None = None,
    ) -> dict[str, str]:
        """The signature headers for a request to ``path_url`` (path plus ``?query``)."""
        path, _, query = path_url.partition("?")
        return sign_request(
            self.private_key,
            method=method,
            path=path,
            query=query,
            body=body,
            device_id=self.device_id,
            timestamp=int(time.time() + self.clock_offset_s) if timestamp is None else timestamp,
            nonce=nonce,
        )

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Add the protocol and signature headers to ``request``."""
        assert request.method is not None and request.path_url
        body = request.body if isinstance(request.body, bytes | str) else None
        request.headers.setdefault(HEADER_PROTOCOL, str(PROTOCOL_VERSION))
        request.headers.update(
            self.headers_for(method=request.method, path_url=request.path_url, body=_body_bytes(body))
        )
        return request


class _NoAuth(requests.auth.AuthBase):
    """Overrides the session's signer for one request."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Leave the request as it is."""
        return request


@dataclass
class SignedClient:
    """An enrolled simulated kiosk talking to one county server."""

    base_url: str
    device_id: str
    private_key: Ed25519PrivateKey
    site: str
    config: dict[str, Any]
    signer: DeviceSigner = field(init=False)
    session: requests.Session = field(init=False)

    def __post_init__(self) -> None:
        """Open a session that signs every request."""
        self.signer = DeviceSigner(self.private_key, self.device_id)
        self.session = requests.Session()
        self.session.auth = self.signer

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        gzipped: bool = False,
    ) -> requests.Response:
        """Send a signed request; ``json_body`` is serialised (and gzipped if asked) before signing."""
        headers = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        if gzipped and data is not None:
            data = gzip.compress(data)
            headers["Content-Encoding"] = "gzip"
        return self.session.request(
            method, self.base_url + path, data=data, params=params, headers=headers, timeout=TIMEOUT
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        """Signed GET."""
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        """Signed POST."""
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        """Signed PUT."""
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        """Signed PATCH."""
        return self.request("PATCH", path, **kwargs)

    def send_raw(
        self, method: str, path_url: str, *, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> requests.Response:
        """Send exactly ``body`` and ``headers`` (no automatic signature): for tampering and replay tests."""
        return self.session.request(
            method,
            self.base_url + path_url,
            data=body,
            headers=headers or {},
            auth=_NoAuth(),
            timeout=TIMEOUT,
        )

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()

    def __enter__(self) -> SignedClient:
        """Use as a context manager that closes the session."""
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        """Close the session."""
        self.close()


def new_enrolment_code(
    *, database_url: str, site: str = DEFAULT_SITE, ttl_minutes: int = 60, cwd: Path | str = REPO_ROOT
) -> str:
    """Run ``county-server enrolment-code`` and return the code it printed."""
    result = run_county_cli(
        "enrolment-code",
        "--site",
        site,
        "--ttl-minutes",
        str(ttl_minutes),
        database_url=database_url,
        cwd=cwd,
    )
    if result.returncode != 0:
        raise RuntimeError(f"enrolment-code failed ({result.returncode}): {result.stderr}")
    return result.stdout.strip()


def enrol_request(
    base_url: str,
    *,
    code: str,
    device_id: str,
    private_key: Ed25519PrivateKey,
    device_name: str = "自助终端 1",
    app_version: str = "0.1.0",
) -> requests.Response:
    """POST an EnrolRequest as a kiosk would and return the raw answer."""
    body = {
        "protocol": PROTOCOL_VERSION,
        "code": code,
        "device_id": device_id,
        "public_key": public_key_text(private_key),
        "device_name": device_name,
        "app_version": app_version,
    }
    headers = {HEADER_PROTOCOL: str(PROTOCOL_VERSION)}
    return requests.post(base_url + ENROL_PATH, json=body, headers=headers, timeout=TIMEOUT)


def new_device_id() -> str:
    """A fresh device id."""
    return f"kiosk-{uuid.uuid4().hex[:16]}"


def enrol_device(
    base_url: str,
    *,
    database_url: str,
    site: str = DEFAULT_SITE,
    device_id: str | None = None,
    private_key: Ed25519PrivateKey | None = None,
    cwd: Path | str = REPO_ROOT,
) -> SignedClient:
    """Get a code from the real CLI, enrol over HTTP, and return a client that signs as that device."""
    private_key = private_key or Ed25519PrivateKey.generate()
    device_id = device_id or new_device_id()
    code = new_enrolment_code(database_url=database_url, site=site, cwd=cwd)
    response = enrol_request(base_url, code=code, device_id=device_id, private_key=private_key)
    if response.status_code != 201:
        raise RuntimeError(f"enrolment failed ({response.status_code}): {response.text}")
    answer = response.json()
    return SignedClient(
        base_url=base_url,
        device_id=answer["device_id"],
        private_key=private_key,
        site=answer["site"],
        config=answer["config"],
    )
