"""Fixtures for county server tests: real server subprocesses over SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.county.factories import DEVICE_ID
from tests.support.county_process import REPO_ROOT, start_county_server, stop_county_server
from tests.support.postgres import PostgresServer, PostgresUnavailableError, start_postgres
from tests.support.signed_client import SignedClient, enrol_device

__all__ = ["REPO_ROOT", "CountyServer"]


class CountyServer(NamedTuple):
    """A running county server: where to reach it and the database it writes to."""

    base_url: str
    database_url: str


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL 15 server for the whole session (fails, never skips, if missing)."""
    try:
        server = start_postgres()
    except PostgresUnavailableError as error:
        pytest.fail(f"PostgreSQL is required for the county tests: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database URL, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/c.db"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(prefix="county")


@pytest.fixture
def county_server(database_url: str) -> Iterator[CountyServer]:
    """A county server subprocess on a free port; yields (base_url, database_url)."""
    proc, base_url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    try:
        yield CountyServer(base_url, database_url)
    finally:
        stop_county_server(proc)


@pytest.fixture
def enrolled(county_server: CountyServer) -> Iterator[SignedClient]:
    """A device enrolled as ``DEVICE_ID`` (the factories' device) that signs its requests."""
    with enrol_device(
        county_server.base_url, database_url=county_server.database_url, device_id=DEVICE_ID
    ) as client:
        yield client
