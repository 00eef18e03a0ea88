"""End to end with real processes: enrol, lose the server, file offline, get it back, sync, scan the receipt."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import zxingcpp
from PIL import Image

from kiosk.domain.catalog import Service
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.receipts import render_receipt_document
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.status import queue_status
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from sync.errors import RetryableError
from sync.protocol import parse_signed_voucher
from tests.support.fault_proxy import FaultProxy
from tests.sync.county_helpers import County, enrol, restart, running_county


def _open() -> KioskRuntime:
    return open_kiosk(load_settings())


def _decode_qr_of_pdf(pdf: Path, out_dir: Path) -> str:
    subprocess.run(
        ["pdftoppm", "-r", "203", "-png", "-singlefile", str(pdf), str(out_dir / "receipt")], check=True
    )
    with Image.open(out_dir / "receipt.png") as image:
        results = zxingcpp.read_barcodes(image)
    assert len(results) == 1
    return str(results[0].text)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


@contextmanager
def _stable_address(county: County) -> Iterator[FaultProxy]:
    """The county's address as kiosks know it (a proxy that survives the server's restarts)."""
    proxy = FaultProxy("127.0.0.1", _port(county.url)).start()
    try:
        yield proxy
    finally:
        proxy.stop()


def _file_while_offline() -> tuple[list[SubmittedFiling], list[Service]]:
    kiosk = _open()
    try:
        services = [kiosk.catalog.services[i] for i in (0, 7, 14)]
        filed = [submit_filing(kiosk, service_code=s.code, answers=demo_answers(s)) for s in services]
        offline = run_full_round(kiosk)
        assert isinstance(offline.failures["push"], RetryableError)
        assert offline.push is not None and offline.push.sent == 0
        assert queue_status(kiosk).pending == 3
    finally:
        kiosk.close()
    return filed, services


def _sync_twice_then_render(filed: list[SubmittedFiling]) -> Path:
    kiosk = _open()  # the kiosk restarts; nothing was lost
    try:
        first = run_full_round(kiosk)
        assert first.ok, first.error
        assert first.push is not None
        assert (first.push.accepted, first.push.duplicate, first.push.rejected) == (3, 0, 0)
        second = run_full_round(kiosk)
        assert second.push is not None and (second.push.batches, second.push.sent) == (0, 0)
        assert queue_status(kiosk).pending == 0
        assert lookup_by_voucher(kiosk, text=filed[0].qr_payload).sync_state == "sent"
        return render_receipt_document(kiosk, filed[1].filing_id).path
    finally:
        kiosk.close()


def test_three_offline_filings_reach_the_server_exactly_once(tmp_path: Path) -> None:
    with running_county(tmp_path) as county, _stable_address(county) as proxy:
        kiosk = _open()
        try:
            enrol(kiosk, county, server_url=proxy.url)  # the technician enrols the kiosk
        finally:
            kiosk.close()
        county.stop()  # then the network goes down for days
        filed, services = _file_while_offline()
        back = restart(county)
        try:
            proxy.retarget(_port(back.url))
            receipt = _sync_twice_then_render(filed)
            records = back.records(kind="filing")
        finally:
            back.stop()

    assert sorted(str(r["id"]) for r in records) == sorted(f.filing_id for f in filed)
    by_id = {r["id"]: r["payload"] for r in records}
    for filing, service in zip(filed, services, strict=True):
        payload = by_id[filing.filing_id]
        assert isinstance(payload, dict)
        assert payload["voucher_code"] == filing.voucher_code
        assert payload["service_code"] == service.code
        assert payload["applicant"]["name"] == "张晓梅"

    scanned = _decode_qr_of_pdf(receipt, tmp_path)
    assert scanned == filed[1].qr_payload and parse_signed_voucher(scanned).filing_id == filed[1].filing_id
    verdict = back.cli("verify-voucher", scanned).stdout  # the county checks the printed code offline
    assert '"valid": true' in verdict and '"received": true' in verdict
