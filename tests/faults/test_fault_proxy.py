"""The fault proxy itself does what the fault tests rely on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support.county_process import start_county_server, stop_county_server
from tests.support.fault_proxy import Fault, FaultProxy

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[FaultProxy]:
    proc, base_url = start_county_server(database_url=f"sqlite:///{tmp_path}/c.db", cwd=REPO_ROOT)
    port = int(base_url.rsplit(":", 1)[1])
    fault_proxy = FaultProxy("127.0.0.1", port).start()
    try:
        yield fault_proxy
    finally:
        fault_proxy.stop()
        stop_county_server(proc)


def _health(proxy: FaultProxy, *, timeout: float = 5) -> requests.Response:
    with requests.Session() as session:
        return session.get(f"{proxy.url}/v1/health", timeout=timeout)


def test_pass_relays_the_answer(proxy: FaultProxy) -> None:
    assert _health(proxy).json()["status"] == "ok"


@pytest.mark.parametrize(
    ("fault", "status"), [(Fault.STATUS_500, 500), (Fault.STATUS_503, 503), (Fault.STATUS_429, 429)]
)
def test_canned_statuses(proxy: FaultProxy, fault: Fault, status: int) -> None:
    proxy.inject(fault)
    response = _health(proxy)
    assert response.status_code == status
    assert (response.headers.get("Retry-After") == "1") == (status != 500)
    assert _health(proxy).status_code == 200, "only one request is affected"


@pytest.mark.parametrize("fault", [Fault.REFUSE, Fault.RESET_MID_REQUEST, Fault.LOSE_RESPONSE, Fault.DELAY])
def test_connection_faults_surface_as_connection_errors(proxy: FaultProxy, fault: Fault) -> None:
    proxy.inject(fault)
    with pytest.raises(requests.ConnectionError):
        _health(proxy)
    assert _health(proxy).status_code == 200


def test_truncated_answer_is_an_error(proxy: FaultProxy) -> None:
    proxy.inject(Fault.TRUNCATE_RESPONSE)
    with pytest.raises(requests.RequestException):
        _health(proxy).json()


def test_blackhole_times_out(proxy: FaultProxy) -> None:
    proxy.inject(Fault.BLACKHOLE)
    with pytest.raises(requests.Timeout):
        _health(proxy, timeout=0.5)
