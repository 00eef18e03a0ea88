"""Resumable, content-addressed attachment uploads against the real server (SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import hashlib
import os
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from county.db import create_county_engine
from county.models import AttachmentChunk
from sync.protocol import MAX_ATTACHMENT_BYTES, MAX_CHUNK_BYTES
from tests.county.conftest import CountyServer
from tests.support.signed_client import SignedClient

TIMEOUT = 30
OCTETS = {"Content-Type": "application/octet-stream"}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def start(client: SignedClient, sha: str, size: int, media_type: str = "image/jpeg") -> requests.Response:
    """PUT an AttachmentStart."""
    body = {"protocol": 1, "size": size, "media_type": media_type}
    return client.put(f"/v1/attachments/{sha}", json_body=body)


def send_chunk(client: SignedClient, sha: str, offset: int, chunk: bytes, **kwargs: Any) -> requests.Response:
    """PATCH one chunk at ``offset``."""
    headers = {**OCTETS, **kwargs.pop("headers", {})}
    return client.patch(
        f"/v1/attachments/{sha}", params={"offset": offset}, data=chunk, headers=headers, **kwargs
    )


def status(client: SignedClient, sha: str) -> dict[str, Any]:
    response = client.get(f"/v1/attachments/{sha}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def raw_patch(
    client: SignedClient, sha: str, offset: int, chunk: bytes, *, send: int, read_answer: bool
) -> None:
    """Send a signed PATCH over a bare socket, only the first ``send`` body bytes, then hang up."""
    path_url = f"/v1/attachments/{sha}?offset={offset}"
    signature = client.signer.headers_for(method="PATCH", path_url=path_url, body=chunk)
    address = urlsplit(client.base_url)
    head = [
        f"PATCH {path_url} HTTP/1.1",
        f"Host: {address.netloc}",
        "Content-Type: application/octet-stream",
        f"Content-Length: {len(chunk)}",
        "X-Bianmin-Protocol: 1",
        *(f"{name}: {value}" for name, value in signature.items()),
    ]
    with socket.create_connection((address.hostname, address.port), timeout=TIMEOUT) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("ascii") + chunk[:send])
        if read_answer:
            assert sock.recv(12).startswith(b"HTTP/1.1 200")
    # Give the server a moment to notice the hang-up (nothing may be stored either way).
    time.sleep(0.2)


def stored_bytes(database_url: str, sha: str) -> bytes:
    """The attachment's bytes as the database holds them (chunks in offset order)."""
    engine = create_county_engine(database_url)
    try:
        with Session(engine) as session:
            chunks = session.scalars(
                select(AttachmentChunk.data)
                .where(AttachmentChunk.sha256 == sha)
                .order_by(AttachmentChunk.chunk_offset)
            ).all()
        return b"".join(chunks)
    finally:
        engine.dispose()


def test_upload_cut_in_the_middle_resumes(county_server: CountyServer, enrolled: SignedClient) -> None:
    data = os.urandom(2 * MAX_CHUNK_BYTES + 1000)
    sha = sha256_of(data)
    assert enrolled.get(f"/v1/attachments/{sha}").status_code == 404
    first = start(enrolled, sha, len(data))
    assert first.status_code == 200 and first.json() == {
        "protocol": 1,
        "sha256": sha,
        "size": len(data),
        "received": 0,
        "complete": False,
    }
    chunks = [data[i : i + MAX_CHUNK_BYTES] for i in range(0, len(data), MAX_CHUNK_BYTES)]
    assert send_chunk(enrolled, sha, 0, chunks[0]).json()["received"] == MAX_CHUNK_BYTES

    # The connection drops halfway through the second chunk: nothing of it is kept.
    raw_patch(enrolled, sha, MAX_CHUNK_BYTES, chunks[1], send=len(chunks[1]) // 2, read_answer=False)
    assert status(enrolled, sha)["received"] == MAX_CHUNK_BYTES

    # The second chunk arrives whole but the answer is lost; the kiosk resends it and learns where to go on.
    raw_patch(enrolled, sha, MAX_CHUNK_BYTES, chunks[1], send=len(chunks[1]), read_answer=True)
    resent = send_chunk(enrolled, sha, MAX_CHUNK_BYTES, chunks[1])
    assert resent.status_code == 409, resent.text
    assert resent.json()["error"] == "offset_mismatch"
    offset = resent.json()["received"]
    assert offset == 2 * MAX_CHUNK_BYTES

    # A restart of the kiosk: PUT again returns the upload unchanged, then the rest goes up.
    assert start(enrolled, sha, len(data)).json()["received"] == offset
    last = send_chunk(enrolled, sha, offset, data[offset:])
    assert last.status_code == 200, last.text
    assert last.json() == {
        "protocol": 1,
        "sha256": sha,
        "size": len(data),
        "received": len(data),
        "complete": True,
    }
    assert status(enrolled, sha)["complete"] is True
    assert stored_bytes(county_server.database_url, sha) == data
    # Announcing a complete file again changes nothing.
    assert start(enrolled, sha, len(data)).json()["complete"] is True


def test_wrong_offset_gets_409_with_the_current_status(enrolled: SignedClient) -> None:
    data = os.urandom(3000)
    sha = sha256_of(data)
    start(enrolled, sha, len(data))
    assert send_chunk(enrolled, sha, 0, data[:1000]).status_code == 200
    for wrong in (0, 999, 1001, 2000):
        response = send_chunk(enrolled, sha, wrong, data[wrong : wrong + 500])
        assert response.status_code == 409, response.text
        body = response.json()
        assert body["error"] == "offset_mismatch" and body["message_zh"] and body["message_en"]
        assert (body["sha256"], body["size"], body["received"], body["complete"]) == (sha, 3000, 1000, False)
    assert send_chunk(enrolled, sha, 1000, data[1000:]).json()["complete"] is True
    done = send_chunk(enrolled, sha, 3000, b"more")
    assert done.status_code == 409 and done.json()["complete"] is True
    assert send_chunk(enrolled, sha, 3000, b"").status_code == 409  # complete: nothing more to take


def test_hash_mismatch_discards_then_a_correct_upload_completes(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    data = os.urandom(MAX_CHUNK_BYTES + 10)
    sha = sha256_of(data)
    start(enrolled, sha, len(data))
    corrupted = data[:-1] + bytes([data[-1] ^ 0xFF])
    assert send_chunk(enrolled, sha, 0, corrupted[:MAX_CHUNK_BYTES]).status_code == 200
    mismatch = send_chunk(enrolled, sha, MAX_CHUNK_BYTES, corrupted[MAX_CHUNK_BYTES:])
    assert mismatch.status_code == 422, mismatch.text
    assert mismatch.json()["error"] == "attachment_hash_mismatch"
    assert status(enrolled, sha) == {
        "protocol": 1,
        "sha256": sha,
        "size": len(data),
        "received": 0,
        "complete": False,
    }
    assert stored_bytes(county_server.database_url, sha) == b""
    assert send_chunk(enrolled, sha, 0, data[:MAX_CHUNK_BYTES]).status_code == 200
    assert send_chunk(enrolled, sha, MAX_CHUNK_BYTES, data[MAX_CHUNK_BYTES:]).json()["complete"] is True
    assert stored_bytes(county_server.database_url, sha) == data


def test_limits_and_unknown_uploads(enrolled: SignedClient) -> None:
    data = os.urandom(MAX_CHUNK_BYTES + 1)
    sha = sha256_of(data)
    assert enrolled.get(f"/v1/attachments/{sha}").json()["error"] == "attachment_unknown"
    assert send_chunk(enrolled, sha, 0, b"x").status_code == 404
    for size in (0, MAX_ATTACHMENT_BYTES + 1):
        assert start(enrolled, sha, size).status_code == 422
    assert start(enrolled, sha, len(data), media_type="not a type").status_code == 422
    assert start(enrolled, sha, len(data)).status_code == 200
    conflict = start(enrolled, sha, len(data) - 1)
    assert conflict.status_code == 409 and conflict.json()["error"] == "attachment_size_mismatch"
    too_big = send_chunk(enrolled, sha, 0, data)
    assert too_big.status_code == 413 and too_big.json()["error"] == "chunk_too_large"
    empty = send_chunk(enrolled, sha, 0, b"")
    assert empty.status_code == 422 and empty.json()["error"] == "empty_chunk"
    assert send_chunk(enrolled, sha, 0, data[:10]).status_code == 200
    past_end = send_chunk(enrolled, sha, 10, data[:MAX_CHUNK_BYTES])
    assert past_end.status_code == 422 and past_end.json()["error"] == "chunk_exceeds_size"
    for bad_path in ("/v1/attachments/" + "A" * 64, "/v1/attachments/abc", f"/v1/attachments/{sha}x"):
        assert enrolled.get(bad_path).status_code == 422
    for offset in ("-1", "x", str(MAX_ATTACHMENT_BYTES + 1), str(2**70)):
        response = enrolled.patch(
            f"/v1/attachments/{sha}", params={"offset": offset}, data=b"x", headers=OCTETS
        )
        assert response.status_code == 422, response.text
    assert status(enrolled, sha)["received"] == 10


def test_gzip_chunks_are_decoded(enrolled: SignedClient) -> None:
    data = b"\xe5\x8a\x9e\xe4\xba\x8b" * 5000
    sha = sha256_of(data)
    start(enrolled, sha, len(data), media_type="application/pdf")
    response = send_chunk(enrolled, sha, 0, gzip.compress(data), headers={"Content-Encoding": "gzip"})
    assert response.status_code == 200, response.text
    assert response.json()["complete"] is True


def test_concurrent_appends_at_one_offset_store_one(
    county_server: CountyServer, enrolled: SignedClient
) -> None:
    data = os.urandom(4096)
    sha = sha256_of(data)
    start(enrolled, sha, len(data))
    racers = 5
    barrier = threading.Barrier(racers)
    codes: list[int] = []
    lock = threading.Lock()

    def race() -> None:
        barrier.wait(timeout=TIMEOUT)
        response = requests.patch(
            f"{enrolled.base_url}/v1/attachments/{sha}",
            params={"offset": 0},
            data=data[:2048],
            headers=OCTETS,
            auth=enrolled.signer,
            timeout=TIMEOUT,
        )
        with lock:
            codes.append(response.status_code)

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * TIMEOUT)
    assert sorted(codes) == [200] + [409] * (racers - 1)
    assert send_chunk(enrolled, sha, 2048, data[2048:]).json()["complete"] is True
    assert stored_bytes(county_server.database_url, sha) == data
