"""`kiosk-admin set-pin` as a technician runs it: typed twice without echo, or piped in by a script."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from kiosk.admin.cli import main as kiosk_admin
from kiosk.services.runtime import open_kiosk
from kiosk.services.technician import check_technician_pin
from kiosk.settings import load_settings

PIN = "739184"


def _typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """Answer getpass prompts with `answers`; returns the prompts shown."""
    prompts: list[str] = []
    replies: Iterator[str] = iter(answers)

    def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        try:
            return next(replies)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return prompts


def _technician_exit(pin: str) -> str:
    """What the technician exit answers to `pin` now: "ok", "not_set", "wrong"…"""
    kiosk = open_kiosk(load_settings())
    try:
        return check_technician_pin(kiosk, pin).outcome
    finally:
        kiosk.close()


def test_set_pin_asks_twice_without_echo_and_the_pin_then_opens_the_technician_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = _typed(monkeypatch, PIN, PIN)
    assert kiosk_admin(["set-pin"]) == 0
    assert len(prompts) == 2
    out = capsys.readouterr().out
    assert "技术员密码已设置 / technician PIN set" in out and PIN not in out
    assert _technician_exit(PIN) == "ok"


def test_two_different_pins_change_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _typed(monkeypatch, PIN, "739148")
    assert kiosk_admin(["set-pin"]) == 2
    err = capsys.readouterr().err
    assert "两次输入的密码不一致" in err and "The two PINs differ" in err
    assert _technician_exit(PIN) == "not_set"


def test_a_trivial_pin_is_refused_before_it_is_asked_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = _typed(monkeypatch, "123456", "123456")
    assert kiosk_admin(["set-pin"]) == 2
    assert len(prompts) == 1
    err = capsys.readouterr().err
    assert "过于简单" in err and "too easy to guess" in err
    assert _technician_exit(PIN) == "not_set"


def test_pin_stdin_sets_the_pin_from_a_script(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = _typed(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert kiosk_admin(["set-pin", "--pin-stdin"]) == 0
    assert prompts == [], "a script is never prompted"
    assert "technician PIN set" in capsys.readouterr().out
    assert _technician_exit(PIN) == "ok"


def test_pin_stdin_with_nothing_piped_in_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert kiosk_admin(["set-pin", "--pin-stdin"]) == 2
    assert "No PIN on standard input" in capsys.readouterr().err
    assert _technician_exit(PIN) == "not_set"


def test_a_cancelled_prompt_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _typed(monkeypatch)
    assert kiosk_admin(["set-pin"]) == 2
    assert "已取消" in capsys.readouterr().err
    assert _technician_exit(PIN) == "not_set"
