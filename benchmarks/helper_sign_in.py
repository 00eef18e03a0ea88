"""A village helper's offline sign-in (scrypt PIN check, counters, audit) beside the bare scrypt hash it rests on."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.helper_material import HELPER_NAME, PIN, STAFF_NO, load_average, signed_in
from benchmarks.stats import p50_ratio, summarise, time_side_by_side
from kiosk.domain.staff_pin import SALT_BYTES, SCRYPT_N, SCRYPT_P, SCRYPT_R, hash_pin
from kiosk.services.runtime import open_kiosk
from kiosk.settings import load_settings
from tests.support.helpers_pulled import pull_helpers

BUDGET_MS = 500


def run(*, repeat: int = 30) -> dict[str, Any]:
    """Both in the same run, on the same machine."""
    load_before = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        kiosk = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(Path(tmp) / "kiosk")}))
        try:
            pull_helpers(kiosk, [(STAFF_NO, HELPER_NAME, "active", PIN)])

            salt = secrets.token_bytes(SALT_BYTES)
            sign_ins, hashes = time_side_by_side(
                lambda: signed_in(kiosk), lambda: hash_pin(PIN, salt=salt), repeat=repeat, warmup=1
            )
        finally:
            kiosk.close()
    signed = summarise(sign_ins)
    bare = summarise(hashes)
    return {
        "helper_sign_in": signed,
        "bare_scrypt_hash": bare,
        "scrypt": {"n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
        "sign_in_over_scrypt_p50": p50_ratio(signed, bare),
        "load_average_before_after": [load_before, load_average()],
        "budget": {"helper_sign_in_p99_ms": BUDGET_MS},
        "within_budget": signed["p99_ms"] <= BUDGET_MS,
    }
