"""Render every screen of the citizen path offscreen into PNGs: `python -m kiosk.ui.screenshots OUT_DIR [VARIANT…]`.

Each walk (home, catalog, search, guide, form, form with errors, receipt, lookup, lookup result) is shot in
Chinese, English and elder mode at 1280×800, and in Chinese and elder mode at 1080×1920 portrait; so are the
technician's PIN pad and menu and the crash notice, and the village helper's screens (sign-in, set-up, home,
consent, hand-over, 我的办件, lock).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.catalog import Catalog
from kiosk.ui.app import KioskUi, build_ui, load_shipped_font, prepare_qt_environment

LANDSCAPE, PORTRAIT = (1280, 800), (1080, 1920)


@dataclass(frozen=True)
class Variant:
    """One way of showing the kiosk: a name prefix, the language, elder mode and the window size."""

    prefix: str
    language: str
    elder: bool
    size: tuple[int, int]


VARIANTS = (
    Variant("zh", "zh_CN", elder=False, size=LANDSCAPE),
    Variant("en", "en", elder=False, size=LANDSCAPE),
    Variant("elder", "zh_CN", elder=True, size=LANDSCAPE),
    Variant("portrait-zh", "zh_CN", elder=False, size=PORTRAIT),
    Variant("portrait-elder", "zh_CN", elder=True, size=PORTRAIT),
)


def _apply(ui: KioskUi, variant: Variant) -> None:
    """The variant's size, language and elder mode (a wipe in the overlays' shots resets the last two)."""
    vm = ui.viewmodel
    ui.window.resize(*variant.size)
    vm.setLanguage(variant.language)
    if bool(vm.property("elderMode")) != variant.elder:
        vm.toggleElderMode()


def _walk(ui: KioskUi, catalog: Catalog, variant: Variant, out_dir: Path) -> list[Path]:
    """Shoot one variant's path, starting and ending on the home screen."""
    from kiosk.ui.citizen_path import walk_citizen_path
    from kiosk.ui.probe import grab

    vm, window = ui.viewmodel, ui.window
    _apply(ui, variant)
    shots: list[Path] = []
    walk_citizen_path(
        window,
        vm,
        catalog,
        on_screen=lambda name: shots.append(grab(window, out_dir / f"{variant.prefix}-{name}.png")),
    )
    return shots


def capture_all(out_dir: Path, only: tuple[str, ...] = ()) -> list[Path]:
    """Walk every variant (or those whose prefixes are in `only`); on a full set, PNGs left from an older set
    of names are removed first."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.services.runtime import open_kiosk
    from kiosk.settings import load_settings
    from kiosk.ui.helper_shots import shoot_helper_screens
    from kiosk.ui.overlay_shots import shoot_overlays

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    load_shipped_font()
    kiosk = open_kiosk(load_settings())
    ui = build_ui(kiosk, windowed=True)
    chosen = [variant for variant in VARIANTS if not only or variant.prefix in only]
    if not only:
        for old in out_dir.glob("*.png"):
            old.unlink()
    shots: list[Path] = []
    for variant in chosen:
        shots.extend(_walk(ui, kiosk.catalog, variant, out_dir))
        shots.extend(shoot_overlays(ui, kiosk, out_dir=out_dir, prefix=variant.prefix))
        _apply(ui, variant)
        shots.extend(shoot_helper_screens(ui, kiosk, out_dir=out_dir, prefix=variant.prefix))
    ui.close()
    kiosk.close()
    app.processEvents()
    return shots


def main(argv: list[str] | None = None) -> int:
    """Capture into the given folder (the named variants only, when any are named), on a throwaway data
    directory."""
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0] if args else "docs/screenshots")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["BIANMIN_DATA_DIR"] = tempfile.mkdtemp(prefix="bianmin-shots-")
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="bianmin-shots-config-"))
    prepare_qt_environment()
    unknown = set(args[1:]) - {variant.prefix for variant in VARIANTS}
    if unknown:
        print(f"unknown variants: {sorted(unknown)}; known: {[v.prefix for v in VARIANTS]}", file=sys.stderr)
        return 2
    for path in capture_all(out_dir, tuple(args[1:])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
