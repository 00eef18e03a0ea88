"""terminal_role: a citizen kiosk by default, a helper laptop when set; a bad value is refused in both languages."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import KioskError
from kiosk.settings import load_settings


def test_a_terminal_is_a_citizen_kiosk_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().terminal_role == "kiosk" and not load_settings().is_helper_laptop
    monkeypatch.setenv("BIANMIN_TERMINAL_ROLE", " helper_laptop ")
    assert load_settings().is_helper_laptop


def test_a_bad_role_is_refused_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIANMIN_TERMINAL_ROLE", "laptop")
    with pytest.raises(KioskError) as refused:
        load_settings()
    assert "terminal_role" in refused.value.zh and "helper_laptop（帮办员上门办笔记本）" in refused.value.zh
    assert "must be kiosk (a citizen terminal) or helper_laptop" in refused.value.en
