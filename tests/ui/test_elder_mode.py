"""长辈模式 and the normal mode, measured on every screen the citizen path reaches: sizes, contrast, targets."""

from __future__ import annotations

import pytest

from kiosk.ui.citizen_path import walk_citizen_path
from kiosk.ui.probe import find_item, settle, tap, wait_for_page
from kiosk.ui.speaker import Speaker, usable_engines

from .clipping import clipping_problems
from .conftest import KioskUi
from .readability import ELDER, NORMAL, audit, pixels_per_mm

# Texts allowed below the mode's minimum size: none (the header and the home notice keep to it too).


def _walk_citizen_path(ui: KioskUi) -> dict[str, list[str]]:
    """Every screen of the citizen path with what breaks the rules of the current mode, and what it cuts off
    or hides in a scrolling view."""
    rules = ELDER if ui.vm.elderMode else NORMAL
    problems: dict[str, list[str]] = {}

    def check(screen: str) -> None:
        problems[screen] = audit(ui.window, rules) + clipping_problems(ui.window)

    walk_citizen_path(ui.window, ui.vm, ui.kiosk.catalog, on_screen=check)
    return {screen: found for screen, found in problems.items() if found}


def test_normal_mode_text_is_at_least_24_px_readable_and_targets_are_15_mm(ui: KioskUi) -> None:
    problems = _walk_citizen_path(ui)
    assert problems == {}, "\n".join(f"{screen}: {p}" for screen, found in problems.items() for p in found)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1080, 1920)])
def test_elder_mode_is_one_tap_from_home_and_every_screen_meets_its_numbers(
    ui: KioskUi, width: int, height: int
) -> None:
    ui.window.resize(width, height)
    tap(ui.window, find_item(ui.window, "elderTile"))
    settle(200)
    assert ui.vm.elderMode
    problems = _walk_citizen_path(ui)
    assert problems == {}, "\n".join(f"{screen}: {p}" for screen, found in problems.items() for p in found)
    assert ui.vm.elderMode, "elder mode lasts through Done and Home until the session ends"


def test_elder_mode_makes_text_and_targets_larger(ui: KioskUi) -> None:
    tile = find_item(ui.window, "fileTile")
    normal_height = tile.height()
    tap(ui.window, find_item(ui.window, "elderTile"))
    settle(200)
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_for_page(ui.window)
    row = find_item(ui.window, f"service_{ui.kiosk.catalog.services[0].code}")
    assert row.height() >= 20 * pixels_per_mm(ui.window)
    assert normal_height > 0


@pytest.mark.parametrize("engines", [[], ["mock"], ["speechd"] if not usable_engines(["speechd"]) else []])
def test_without_a_speech_engine_the_speaker_is_silent_and_raises_nothing(engines: list[str]) -> None:
    assert usable_engines(engines) == []


def test_speaking_a_page_title_without_an_engine_warns_nothing(ui: KioskUi) -> None:
    speaker = Speaker()
    speaker.set_enabled(True)
    speaker.say("欢迎使用")  # qt_log_level_fail=WARNING: a plug-in load warning would fail the test
    if not usable_engines(["speechd"]):
        assert speaker.engine_name is None
