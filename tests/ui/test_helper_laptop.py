"""A helper laptop (terminal_role helper_laptop) on the real QML: the sign-in before anything, with no way
back to a citizen home; signing in opens the helper's data key, locking and signing out drop it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.services.laptop_store import laptop_store_unlocked
from kiosk.ui.probe import find_item, find_items, tap, wait_until
from tests.support.helpers_pulled import pull_helpers

from .conftest import KioskUi
from .forms import any_item
from .helper_steps import PIN, type_pin


@pytest.fixture(autouse=True)
def helper_laptop(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This module's kiosk is a helper laptop."""
    monkeypatch.setenv("BIANMIN_TERMINAL_ROLE", "helper_laptop")
    yield


def test_a_laptop_asks_for_a_helper_first_and_holds_the_data_key_only_while_signed_in(ui: KioskUi) -> None:
    window, helper = ui.window, ui.window.property("villageHelper")
    pull_helpers(ui.kiosk, [("BB-1001", "李桂兰", "active", PIN)])
    wait_until(lambda: bool(find_items(window, "staffNoField")))
    assert not find_items(window, "helperBackButton"), "no citizen home behind the sign-in"
    assert not laptop_store_unlocked(ui.kiosk)

    find_item(window, "staffNoField").setProperty("text", "BB-1001")
    type_pin(ui, PIN)
    wait_until(lambda: bool(find_items(window, "helperHomeTitle")))
    assert laptop_store_unlocked(ui.kiosk), "signed in: the helper's data key is held"

    helper.lockNow()
    wait_until(lambda: not laptop_store_unlocked(ui.kiosk))
    type_pin(ui, PIN)
    wait_until(lambda: not any_item(window, "helperSignInPage").isVisible())
    assert laptop_store_unlocked(ui.kiosk)

    tap(window, find_item(window, "helperHomeSignOutButton"))
    wait_until(lambda: bool(find_items(window, "staffNoField")))
    wait_until(lambda: not laptop_store_unlocked(ui.kiosk))
    assert any_item(window, "helperSignInPage").isVisible(), "signed out, the laptop shows its sign-in again"
