"""Schemathesis against the committed OpenAPI document and a real server process: no 5xx, no crash.

Two runs over every operation, on SQLite and on PostgreSQL, deterministic (fixed seed, no example database):
- unsigned, as anyone on the network could send;
- signed by an enrolled device at send time (``DeviceSigner`` as a ``requests`` auth hook, so the
  signature covers the exact bytes sent), with a valid body's ``device_id`` set to the signer and each
  PATCHed hash announced first, so that push, heartbeat and attachment bodies reach the handlers
  instead of stopping at 401/403/404.
Checks: no 5xx, and status codes, content types, bodies and headers as the document says.
``negative_data_rejection`` is left out on purpose: envelope models coerce like pydantic's lax mode
(``true`` is read as 1), so it would flag the protocol's own leniency rather than server faults.
Reproduce a failure with the printed seed: ``BIANMIN_FUZZ_SEED`` is read at import (default below).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import NamedTuple

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync.protocol import MAX_ATTACHMENT_BYTES, SHA256_PATTERN
from tests.county.conftest import REPO_ROOT
from tests.support.county_process import start_county_server, stop_county_server
from tests.support.postgres import PostgresServer
from tests.support.signed_client import DeviceSigner, SignedClient, enrol_device

OPENAPI_FILE = REPO_ROOT / "sync" / "openapi-v1.json"
FUZZ_SEED = int(os.environ.get("BIANMIN_FUZZ_SEED", "20241122"))
MAX_EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


class FuzzTarget(NamedTuple):
    """The server under fuzzing and a device enrolled on it."""

    base_url: str
    device: SignedClient


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FuzzTarget]:
    """One server process per backend for the whole module, with one enrolled device."""
    print(f"schemathesis seed: {FUZZ_SEED} (set BIANMIN_FUZZ_SEED to change it)")
    if request.param == "sqlite":
        database_url = f"sqlite:///{tmp_path_factory.mktemp('fuzz')}/county.db"
    else:
        postgres: PostgresServer = request.getfixturevalue("postgres_server")
        database_url = postgres.create_database(prefix="fuzz")
    proc, base_url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    try:
        with enrol_device(base_url, database_url=database_url) as device:
            yield FuzzTarget(base_url, device)
    finally:
        stop_county_server(proc)


# Loaded eagerly from the committed file (schemathesis' fixture-based lazy loader does not run on pytest 9);
# the server's address is given per call.
schema = schemathesis.openapi.from_path(
    OPENAPI_FILE,
    config=schemathesis.Config.from_dict(
        {
            "seed": FUZZ_SEED,
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "database": "none"},
            "phases": {"stateful": {"enabled": False}},
        }
    ),
)


@schema.parametrize()
def test_unsigned_requests_never_break_the_server(case: schemathesis.Case, fuzz_target: FuzzTarget) -> None:
    response = case.call(base_url=fuzz_target.base_url)
    case.validate_response(response, checks=CHECKS)


def _negated(case: schemathesis.Case, location: ParameterLocation) -> bool:
    """Whether this part of the request was generated to be invalid."""
    info = case.meta.components.get(location) if case.meta is not None else None
    return info is not None and info.mode.is_negative


@schema.parametrize()
def test_signed_requests_never_break_the_server(case: schemathesis.Case, fuzz_target: FuzzTarget) -> None:
    signer: DeviceSigner = fuzz_target.device.signer
    body_is_valid = not _negated(case, ParameterLocation.BODY)
    if (
        body_is_valid
        and isinstance(case.body, dict)
        and "device_id" in case.body
        and case.path != "/v1/enrol"
    ):
        case.body["device_id"] = signer.device_id  # reach the handler instead of 403 device_mismatch
    sha256 = (case.path_parameters or {}).get("sha256")
    if case.method == "PATCH" and isinstance(sha256, str) and re.fullmatch(SHA256_PATTERN, sha256):
        # Announce the upload first, so that generated chunks are appended and stored, not just refused.
        start = {"protocol": 1, "size": MAX_ATTACHMENT_BYTES, "media_type": "application/octet-stream"}
        fuzz_target.device.put(f"/v1/attachments/{sha256}", json_body=start)
    response = case.call(base_url=fuzz_target.base_url, auth=signer)
    case.validate_response(response, checks=CHECKS)
