"""Run every benchmark and write benchmarks/results.json (figures beside same-run baselines).

`python -m benchmarks NAME ...` measures only those and replaces their entries in the file (the others stay,
and `remeasured` says when each named one was measured).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import (
    assisted_submit,
    catalog_search,
    durable_submit,
    fleet,
    helper_backlog,
    helper_sign_in,
    qr_decode,
    receipt_render,
    sync_drain,
    ui_cold_start,
    ui_sessions_memory,
    vouchers,
)

RESULTS = Path(__file__).resolve().parent / "results.json"


BENCHMARKS: dict[str, Callable[[], dict[str, Any]]] = {
    "durable_submit": durable_submit.run,
    "sync_drain": sync_drain.run,
    "fleet_push_postgresql": fleet.run,
    "receipt_render": receipt_render.run,
    "qr_decode": qr_decode.run,
    "vouchers": vouchers.run,
    "catalog_search": catalog_search.run,
    "helper_sign_in": helper_sign_in.run,
    "assisted_submit": assisted_submit.run,
    "helper_backlog": helper_backlog.run,
    # The UI last: the sessions create this process's (offscreen) QGuiApplication.
    "ui_cold_start": ui_cold_start.run,
    "ui_sessions_memory": ui_sessions_memory.run,
}


def main(names: list[str]) -> int:
    """Measure (every benchmark, or the named ones), print and save."""
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    os.environ.setdefault("BIANMIN_DATA_DIR", tempfile.mkdtemp(prefix="bianmin-bench-"))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    machine = {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count()}
    if names:
        results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        results.setdefault("remeasured", {}).update({name: now for name in names})
        measured = {name: BENCHMARKS[name]() for name in names}
        print(json.dumps(measured, indent=2, ensure_ascii=False))
    else:
        results = {"measured_at": now, "machine": machine}
        measured = {name: run() for name, run in BENCHMARKS.items()}
    results.update(measured)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    if not names:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
