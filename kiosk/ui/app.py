"""Entry point of the `kiosk` command: settings, logging, Qt, shipped font, translations, QML."""

from __future__ import annotations

import argparse
import faulthandler
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.domain.errors import KioskError
from kiosk.logs import configure_logging
from kiosk.resources import CJK_FONT, I18N_DIR, QML_DIR
from kiosk.services.printer_setup import open_printer_from_settings
from kiosk.services.runtime import KioskRuntime, kiosk_opened_later
from kiosk.settings import load_settings
from kiosk.ui.citizen import CitizenHelpers, start_citizen_helpers
from kiosk.ui.crash import CrashHandler, log_qt_messages
from kiosk.ui.deferred_start import DeferredStart, StoreOpening, after_first_frame, import_use_cases
from kiosk.ui.lockdown import KioskLock, TechnicianGesture
from kiosk.ui.operations import Operations
from kiosk.ui.qr_image import QrImageProvider
from kiosk.ui.scanning import Scanning, start_scanning
from kiosk.ui.viewmodel import KioskViewModel

if TYPE_CHECKING:
    from kiosk.services.printer import PrinterBackend

log = logging.getLogger(__name__)

STORE_OPENS_AT_LATEST_MS = 3000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Command-line options of the kiosk."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Bianmin Kiosk 便民自助终端")
    parser.add_argument(
        "--windowed", action="store_true", help="run in a window (development), not full screen"
    )
    return parser.parse_args(argv)


def prepare_qt_environment() -> None:
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    # The virtual keyboard loads QtMultimedia for key clicks; the kiosk plays no audio through PipeWire.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver.warning=false")


def load_shipped_font() -> str:
    """Register the shipped CJK font with Qt and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    if font_id < 0:
        raise KioskError(f"无法加载字体 {CJK_FONT}", f"Cannot load the font {CJK_FONT}")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPixelSize(24)
    QGuiApplication.setFont(font)
    return family


class Translations:
    """Installs the Qt translator for the chosen language and retranslates QML on a switch."""

    def __init__(self, engine: QQmlApplicationEngine) -> None:
        self._engine = engine
        self._translator = QTranslator()
        self._installed = False

    def apply(self, language: str) -> None:
        """Load kiosk_<language>.qm (built by setup); without it the English source strings show."""
        if self._installed:
            QCoreApplication.removeTranslator(self._translator)
            self._installed = False
        compiled = I18N_DIR / f"kiosk_{language}.qm"
        if not self._translator.load(str(compiled)):
            log.error("translation file missing: %s (run `make setup`)", compiled)
        else:
            QCoreApplication.installTranslator(self._translator)
            self._installed = True
        self._engine.retranslate()


@dataclass
class KioskUi:
    """The running UI: QML engine, view-model, root window and their Python-side helpers."""

    engine: QQmlApplicationEngine
    viewmodel: KioskViewModel
    window: QQuickWindow
    operations: Operations
    translations: Translations
    scanning: Scanning | None = None
    citizen: CitizenHelpers | None = None
    crash: CrashHandler | None = None
    lock: KioskLock | None = None
    gesture: TechnicianGesture | None = None

    def close(self) -> None:
        """Finish running operations, then destroy the QML before the view-model it binds to."""
        if self.citizen is not None:
            self.citizen.close()
        if self.scanning is not None:
            self.scanning.close()
        self.operations.wait()
        if self.crash is not None:
            self.crash.uninstall()
        if self.lock is not None:
            self.lock.release()
        self.window.close()
        self.engine.deleteLater()


def build_ui(kiosk: KioskRuntime, *, windowed: bool, printer: PrinterBackend | None = None) -> KioskUi:
    """Create the QML engine with the view-model and load Main.qml; without `windowed`, lock the window."""
    engine = QQmlApplicationEngine()
    engine.addImageProvider("qr", QrImageProvider())
    operations = Operations(engine)
    printer = printer if printer is not None else open_printer_from_settings(kiosk.settings)
    viewmodel = KioskViewModel(kiosk, operations, language=kiosk.settings.language, printer=printer)
    viewmodel.setParent(engine)  # destroyed after the QML that binds to it
    engine.addImageProvider("photo", viewmodel.photo_images())  # document photos: preview, thumbnails
    translations = Translations(engine)
    translations.apply(viewmodel.current_language())
    viewmodel.languageChanged.connect(lambda: translations.apply(viewmodel.current_language()))
    citizen = start_citizen_helpers(kiosk, viewmodel, operations, printer=printer, parent=engine)
    crash = CrashHandler(
        language=viewmodel.current_language,
        accepted_voucher=lambda: str(viewmodel.property("receipt").get("voucher", "")),
        wipe_session=citizen.idle.expire_now,
        parent=engine,
    )
    viewmodel.languageChanged.connect(crash.changed)
    crash.install()
    engine.setInitialProperties(
        {"vm": viewmodel, "fullScreen": not windowed, "crash": crash, **citizen.qml_properties()}
    )
    engine.load(str(QML_DIR / "Main.qml"))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        crash.uninstall()
        raise RuntimeError("Main.qml failed to load")
    window = roots[0]
    citizen.watch(window)
    lock = None if windowed else KioskLock(window, parent=engine)
    gesture = TechnicianGesture(window, at_home=lambda: bool(citizen.idle.property("atHome")), parent=engine)
    gesture.triggered.connect(citizen.technician.open)
    helper = citizen.village_helper

    def on_payload(payload: str) -> None:  # at the helper's sign-in a QR is a staff card; else a voucher
        if helper.wants_card():
            helper.scanned(payload)
        else:
            viewmodel.lookup(payload)

    scanning = start_scanning(kiosk.settings, on_payload=on_payload, parent=engine)
    return KioskUi(
        engine, viewmodel, window, operations, translations, scanning, citizen, crash, lock, gesture
    )


def stop_on_signals(app: QGuiApplication) -> QTimer:
    """Quit the event loop cleanly on SIGTERM/SIGINT (a timer lets Python's handlers run under Qt)."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


def record_hard_crashes(path: Path) -> None:
    """A crash Python cannot catch (a fault inside Qt) leaves the Python stacks in `path` (faulthandler)."""
    try:
        faulthandler.enable(path.open("a", encoding="utf-8"))  # stays open for the life of the process
    except OSError:
        log.exception("cannot record hard crashes in %s", path)


def open_store_after_home(
    kiosk: KioskRuntime,
    ui: KioskUi,
    open_store: Callable[[], None],
    *,
    on_failure: Callable[[BaseException], None],
) -> DeferredStart:
    """The second stage of the start: once home has shown, open the store on a thread of its own, then
    show what needs it and start sync, print recovery and the search index (DeferredStart).

    Opened at once, the store's imports share Python's lock with the building of home, which then took
    three times as long to show.
    """
    after_first_frame(ui.window, open_store)
    QTimer.singleShot(STORE_OPENS_AT_LATEST_MS, open_store)  # in case no frame is ever drawn
    opening = StoreOpening(kiosk, parent=ui.engine)
    opening.opened.connect(ui.viewmodel.store_opened)
    if ui.citizen is not None:
        opening.opened.connect(ui.citizen.home.poll_notice)
    opening.opened.connect(lambda: log.info("kiosk started, data in %s", kiosk.settings.data_dir))
    opening.failed.connect(on_failure)
    deferred = DeferredStart(kiosk, ui)
    deferred.when_ready(opening)
    return deferred


def start_failed(exc: BaseException) -> int:
    """Log and print (in both languages) why the kiosk cannot start; the exit code for it."""
    # A known problem (KioskError, StoreError) carries its own words; a bug gets general ones.
    zh, en = getattr(exc, "zh", "终端无法启动"), getattr(exc, "en", f"The kiosk cannot start: {exc}")
    log.error("start failed: %s", en, exc_info=None if hasattr(exc, "en") else exc)
    print(f"{zh}\n{en}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the kiosk until its window closes."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings = load_settings()
    except KioskError as exc:
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return 2
    configure_logging(
        log_path=settings.log_path,
        level=settings.log_level,
        max_bytes=settings.log_max_bytes,
        backups=settings.log_backups,
    )
    record_hard_crashes(settings.log_path.with_name("fatal.log"))
    log_qt_messages()
    prepare_qt_environment()
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("bianmin-kiosk")
    try:
        load_shipped_font()
    except KioskError as exc:
        return start_failed(exc)
    kiosk, open_store = kiosk_opened_later(settings, warm=import_use_cases)
    windowed = args.windowed or settings.is_helper_laptop  # a helper's laptop: a window, no lockdown
    ui = build_ui(kiosk, windowed=windowed)
    deferred = open_store_after_home(
        kiosk, ui, open_store, on_failure=lambda exc: app.exit(start_failed(exc))
    )
    print_retries = QTimer(app)  # failed print jobs are retried when their backoff has passed
    print_retries.timeout.connect(ui.viewmodel.printPending)
    print_retries.start(int(settings.print_retry_base_s * 1000))
    stop_on_signals(app)
    log.info("home screen shown (%s)", "windowed" if windowed else "full screen")
    code = app.exec()
    log.info("kiosk stopped (exit code %d)", code)
    deferred.shutdown()
    ui.close()
    kiosk.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
