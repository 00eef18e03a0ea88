"""Throwaway PostgreSQL 15 server for tests (Debian postgresql-15 binaries, trust auth).

Usage from a session fixture::

    server = start_postgres()
    try:
        url = server.create_database()   # fresh database per test
    finally:
        server.stop()                    # stops the server and removes its files

As root the binaries run through ``runuser -u postgres --`` (postgres refuses to run as
root).  Missing binaries raise ``PostgresUnavailableError``; fixtures should turn that into a
test failure, never a skip: the project setup script installs postgresql-15.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

PG_BIN_ENV = "BIANMIN_PG_BIN"
DEFAULT_PG_BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "postgres"


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL binaries (or the ``postgres`` OS user when running as root) are missing."""


def _pg_bin() -> Path:
    """Return the directory holding initdb and pg_ctl, or raise ``PostgresUnavailableError``."""
    bin_dir = Path(os.environ.get(PG_BIN_ENV) or DEFAULT_PG_BIN)
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (bin_dir / name).is_file()]
    if missing:
        raise PostgresUnavailableError(
            f"PostgreSQL 15 binaries not found in {bin_dir} (missing: {', '.join(missing)}). "
            "Install Debian's postgresql-15 package (the project setup script does) "
            f"or point ${PG_BIN_ENV} at the bin directory."
        )
    return bin_dir


def _as_postgres_user() -> list[str]:
    """Command prefix that drops root to the ``postgres`` OS user (empty when not root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailableError("running as root but `runuser` is missing (util-linux)")
    try:
        import pwd

        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PostgresUnavailableError("running as root but there is no `postgres` OS user") from None
    return [runuser, "-u", SUPERUSER, "--"]


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """A running throwaway PostgreSQL server."""

    root: Path
    port: int
    _prefix: list[str]
    _pg_ctl: Path
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, *, prefix: str = "test") -> str:
        """Create a fresh empty database and return its SQLAlchemy URL."""
        name = f"{prefix}_{next(self._counter)}"
        conninfo = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server immediately and delete its files."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                subprocess.run(
                    [
                        *self._prefix,
                        str(self._pg_ctl),
                        "-D",
                        str(self.data_dir),
                        "-m",
                        "immediate",
                        "-w",
                        "stop",
                    ],
                    check=False,
                    capture_output=True,
                    timeout=60,
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _run(command: list[str], *, what: str, log: Path | None = None) -> None:
    """Run a setup command, raising with its output (and server log) when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        server_log = log.read_text(errors="replace") if log is not None and log.exists() else ""
        raise RuntimeError(
            f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{server_log}"
        )


def start_postgres() -> PostgresServer:
    """Initialise and start a throwaway server on a unix socket dir + 127.0.0.1:<free port>."""
    bin_dir = _pg_bin()
    prefix = _as_postgres_user()
    # Not under pytest's tmp dirs: those are 0700 root-owned and the postgres user must reach it.
    root = Path(tempfile.mkdtemp(prefix="bianmin-pg-"))
    server = PostgresServer(root=root, port=_free_port(), _prefix=prefix, _pg_ctl=bin_dir / "pg_ctl")
    try:
        socket_dir = root / "socket"
        socket_dir.mkdir()
        if prefix:
            for path in (root, socket_dir):
                shutil.chown(path, user=SUPERUSER, group=None)
        _run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(server.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            what="initdb",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {server.port} -k {socket_dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        _run(
            [
                *prefix,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(server.data_dir),
                "-l",
                str(root / "postgres.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            what="pg_ctl start",
            log=root / "postgres.log",
        )
    except BaseException:
        server.stop()
        raise
    return server
