"""End to end with real processes: file offline, start the county server, sync once, scan the receipt."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.lookup import lookup_by_voucher, voucher_code_from_input
from kiosk.services.receipts import render_receipt_document
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.status import queue_status
from kiosk.services.sync_now import sync_now
from kiosk.settings import load_settings
from tests.support.county_process import list_county_records, start_county_server, stop_county_server

REPO_ROOT = Path(__file__).resolve().parents[2]


def _unused_local_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _open(server_url: str) -> KioskRuntime:
    return open_kiosk(load_settings({**_env(), "BIANMIN_SERVER_URL": server_url}))


def _env() -> dict[str, str]:
    import os

    return {"BIANMIN_DATA_DIR": os.environ["BIANMIN_DATA_DIR"]}


def _decode_qr_of_pdf(pdf: Path, out_dir: Path) -> str:
    subprocess.run(
        ["pdftoppm", "-r", "203", "-png", "-singlefile", str(pdf), str(out_dir / "receipt")], check=True
    )
    with Image.open(out_dir / "receipt.png") as image:
        results = zxingcpp.read_barcodes(image)
    assert len(results) == 1
    return str(results[0].text)


def test_three_offline_filings_reach_the_server_exactly_once(tmp_path: Path) -> None:
    kiosk = _open(_unused_local_url())  # the county server is not running yet
    services = [kiosk.catalog.services[i] for i in (0, 7, 14)]
    try:
        filed = [submit_filing(kiosk, service_code=s.code, answers=demo_answers(s)) for s in services]
        offline = sync_now(kiosk)
        assert offline.error is not None and offline.sent == 0
        assert queue_status(kiosk).pending == 3
    finally:
        kiosk.close()

    database_url = f"sqlite:///{tmp_path}/county.db"
    proc, base_url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    try:
        kiosk = _open(base_url)  # the technician points the kiosk at the server; the kiosk restarts
        try:
            first = sync_now(kiosk)
            assert (first.accepted, first.duplicate, first.rejected, first.error) == (3, 0, 0, None)
            second = sync_now(kiosk)
            assert (second.batches, second.sent, second.error) == (0, 0, None)
            assert queue_status(kiosk).pending == 0
            assert lookup_by_voucher(kiosk, text=filed[0].qr_payload).sync_state == "sent"
            document = render_receipt_document(kiosk, filed[1].filing_id)
        finally:
            kiosk.close()
    finally:
        stop_county_server(proc)

    records = list_county_records(database_url=database_url, cwd=REPO_ROOT, kind="filing")
    assert sorted(r["id"] for r in records) == sorted(f.filing_id for f in filed)
    by_id = {r["id"]: r["payload"] for r in records}
    for filing, service in zip(filed, services, strict=True):
        payload = by_id[filing.filing_id]
        assert payload["voucher_code"] == filing.voucher_code
        assert payload["service_code"] == service.code
        assert payload["applicant"]["name"] == "张晓梅"

    scanned = _decode_qr_of_pdf(document.path, tmp_path)
    assert voucher_code_from_input(scanned) == filed[1].voucher_code
