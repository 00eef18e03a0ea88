"""Child process of the crash test: files and syncs in a loop until it is killed (not a test module)."""

from __future__ import annotations

import sys

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings


def main() -> None:
    """Print `ready`, then alternate filing and syncing; every accepted filing is printed as `filed ID`."""
    kiosk = open_kiosk(load_settings())
    services = kiosk.catalog.services
    print("ready", flush=True)
    n = 0
    while True:
        service = services[n % len(services)]
        result = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
        print(f"filed {result.filing_id}", flush=True)
        run_full_round(kiosk)
        n += 1


if __name__ == "__main__":
    sys.exit(main())
