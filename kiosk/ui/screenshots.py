"""Render every screen of the citizen path offscreen into PNGs: `python -m kiosk.ui.screenshots OUT_DIR`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kiosk.ui.app import build_ui, load_shipped_font, prepare_qt_environment


def capture_all(out_dir: Path) -> list[Path]:
    """Walk home → category → guide → form (with errors) → receipt → lookup, in both languages."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.services.demo_answers import demo_answers
    from kiosk.services.runtime import open_kiosk
    from kiosk.settings import load_settings
    from kiosk.ui.probe import find_item, grab, settle, tap, wait_for_page

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    load_shipped_font()
    kiosk = open_kiosk(load_settings())
    ui = build_ui(kiosk, windowed=True)
    vm, window = ui.viewmodel, ui.window
    window.resize(1280, 800)
    shots: list[Path] = []

    def shot(name: str) -> None:
        wait_for_page(window)
        shots.append(grab(window, out_dir / f"{name}.png"))

    shot("01-home")
    tap(window, find_item(window, "fileTile"))
    shot("02-catalog")
    service = kiosk.catalog.services[0]
    tap(window, find_item(window, f"service_{service.code}"))
    shot("03-guide")
    tap(window, find_item(window, "startButton"))
    shot("04-form")
    tap(window, find_item(window, "submitButton"))
    settle(300)
    shot("05-form-errors")
    for key, value in demo_answers(service).items():
        vm.setAnswer(key, value)
    tap(window, find_item(window, "submitButton"))
    shot("06-receipt")
    voucher = vm.property("receipt")["voucher"]
    tap(window, find_item(window, "doneButton"))
    vm.setLanguage("en")
    shot("07-home-english")
    vm.setLanguage("zh_CN")
    tap(window, find_item(window, "lookupTile"))
    shot("08-lookup")
    find_item(window, "voucherField").setProperty("text", voucher.lower())
    tap(window, find_item(window, "lookupButton"))
    settle(300)
    shot("09-lookup-result")
    ui.close()
    kiosk.close()
    app.processEvents()
    return shots


def main(argv: list[str] | None = None) -> int:
    """Capture into the given folder, on a throwaway data directory."""
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0] if args else "docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["BIANMIN_DATA_DIR"] = tempfile.mkdtemp(prefix="bianmin-shots-")
    prepare_qt_environment()
    for path in capture_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
