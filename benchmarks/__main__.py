"""Run every benchmark and write benchmarks/results.json (figures beside same-run baselines)."""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import (
    catalog_search,
    durable_submit,
    fleet,
    qr_decode,
    receipt_render,
    sync_drain,
    ui_cold_start,
    ui_sessions_memory,
    vouchers,
)

RESULTS = Path(__file__).resolve().parent / "results.json"


def main() -> int:
    """Measure, print and save."""
    os.environ.setdefault("BIANMIN_DATA_DIR", tempfile.mkdtemp(prefix="bianmin-bench-"))
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "durable_submit": durable_submit.run(),
        "sync_drain": sync_drain.run(),
        "fleet_push_postgresql": fleet.run(),
        "receipt_render": receipt_render.run(),
        "qr_decode": qr_decode.run(),
        "vouchers": vouchers.run(),
        "catalog_search": catalog_search.run(),
        # The UI last: the sessions create this process's (offscreen) QGuiApplication.
        "ui_cold_start": ui_cold_start.run(),
        "ui_sessions_memory": ui_sessions_memory.run(),
    }
    text = json.dumps(results, indent=2, ensure_ascii=False)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
