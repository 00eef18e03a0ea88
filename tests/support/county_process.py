"""Start/stop a real ``county-server serve`` subprocess for tests (reusable by any test folder)."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_LINE = re.compile(r"^county-server listening on (http://\S+)( \(\d+ workers\))?$")
STARTUP_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 20.0


def _server_env() -> dict[str, str]:
    """The test process's environment without a database override."""
    env = dict(os.environ)
    env.pop("BIANMIN_COUNTY_DATABASE_URL", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _read_ready_line(proc: subprocess.Popen[bytes], deadline: float) -> str:
    """Read the first stdout line, failing if the process dies or stays silent too long."""
    assert proc.stdout is not None
    line = b""
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError(f"county-server printed no ready line in time (got {line!r})")
            if not selector.select(timeout=remaining):
                continue
            chunk = os.read(proc.stdout.fileno(), 1)
            if not chunk:
                raise RuntimeError(f"county-server exited before it was ready (exit code {proc.wait()})")
            line += chunk
    return line.decode("utf-8").rstrip("\n")


def _wait_healthy(proc: subprocess.Popen[bytes], base_url: str, deadline: float) -> None:
    """Poll ``/v1/health`` until it answers 200."""
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"county-server exited during start-up (exit code {proc.returncode})")
        try:
            response = requests.get(f"{base_url}/v1/health", timeout=2)
            if response.status_code == 200:
                return
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("county-server did not become healthy in time")
        time.sleep(0.05)


def start_county_server(
    *, database_url: str, cwd: Path | str, extra_args: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``python -m county.cli serve --port 0 [extra_args]`` in ``cwd`` and return (process, base URL).

    Returns once ``/v1/health`` answers.  Its stderr (logs) goes to the test's stderr.
    Always pair with ``stop_county_server``.
    """
    command = [sys.executable, "-m", "county.cli", "serve", "--port", "0", "--database", database_url]
    command += extra_args
    proc = subprocess.Popen(
        command, cwd=cwd, env=_server_env(), stdout=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        line = _read_ready_line(proc, deadline)
        match = READY_LINE.match(line)
        if match is None:
            raise RuntimeError(f"unexpected first line from county-server: {line!r}")
        base_url = match.group(1)
        _wait_healthy(proc, base_url, deadline)
    except BaseException:
        stop_county_server(proc)
        raise
    return proc, base_url


def stop_county_server(proc: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM) -> int:
    """Stop the server with ``sig`` (SIGKILL after a timeout), close its pipe, return its exit code."""
    try:
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        if proc.stdout is not None:
            proc.stdout.close()
    return proc.returncode


def run_county_cli(
    *args: str, database_url: str | None, cwd: Path | str = REPO_ROOT, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m county.cli ARGS [--database URL]`` and return the finished process (never raises on exit)."""
    command = [sys.executable, "-m", "county.cli", *args]
    if database_url is not None:
        command += ["--database", database_url]
    return subprocess.run(
        command,
        cwd=cwd,
        env=_server_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def list_county_records(
    *, database_url: str, cwd: Path | str, kind: str | None = None
) -> list[dict[str, Any]]:
    """Run ``county-server list-records`` and return its JSON lines."""
    command = [sys.executable, "-m", "county.cli", "list-records", "--database", database_url]
    if kind is not None:
        command += ["--kind", kind]
    result = subprocess.run(command, cwd=cwd, env=_server_env(), capture_output=True, check=False, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(
            f"list-records failed ({result.returncode}): {result.stderr.decode(errors='replace')}"
        )
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]
