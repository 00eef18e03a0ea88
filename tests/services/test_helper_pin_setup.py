"""A helper chooses a PIN at a kiosk of their site with the county's set-up code, against a real county server:
signs in at once (offline too), other kiosks of the site learn it at their next pull, and every refusal says
why in both languages and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import AuditEntry, HelperAccount
from kiosk.domain.errors import KioskError
from kiosk.services.helper_pin_setup import set_up_helper_pin
from kiosk.services.helper_signin import sign_in_helper
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from tests.sync.county_helpers import SITE, County, enrol

PIN = "582046"


def _add_helper(county: County, staff_no: str = "BB-1001", *, site: str = SITE) -> str:
    """`county-server helper add`: the one-time set-up code it prints."""
    return county.cli(
        "helper", "add", "--site", site, "--name", "李桂兰", "--staff-no", staff_no
    ).stdout.strip()


def _helpers(kiosk: KioskRuntime) -> int:
    with kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(HelperAccount)) or 0


def test_a_pin_chosen_with_the_set_up_code_signs_in_at_once_even_offline_and_reaches_the_other_kiosks(
    enrolled: KioskRuntime, county: County, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _add_helper(county)
    assert set_up_helper_pin(enrolled, staff_no=" bb-1001 ", setup_code=code.lower(), pin=PIN) == "李桂兰"

    with pytest.raises(KioskError) as used:
        set_up_helper_pin(enrolled, staff_no="BB-1001", setup_code=code, pin="604918")
    assert "设置码不正确" in used.value.zh and "set-up code is wrong" in used.value.en, "the code is used up"

    county.stop()  # offline from here
    check, helper = sign_in_helper(enrolled, "BB-1001", PIN)
    assert check.ok and helper is not None and helper.name == "李桂兰"
    with enrolled.sessions() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    actions = [entry.action for entry in entries]
    every_detail = " ".join(entry.detail_json for entry in entries)
    assert "helper.pin_set" in actions and "helper.pin_ok" in actions
    assert PIN not in every_detail


def test_a_second_kiosk_of_the_site_learns_the_pin_at_its_next_pull(
    enrolled: KioskRuntime, county: County, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_helper_pin(enrolled, staff_no="BB-1001", setup_code=_add_helper(county), pin=PIN)
    monkeypatch.setenv("BIANMIN_DATA_DIR", str(tmp_path / "second-kiosk"))
    second = open_kiosk(load_settings())
    try:
        enrol(second, county)
        assert run_full_round(second).ok
        check, _ = sign_in_helper(second, "BB-1001", PIN)
        assert check.ok
    finally:
        second.close()


# (staff number, code (None: the right one), PIN, what the message says in Chinese and in English)
BAD_ENTRIES = [
    ("BB-1001", "ABCD-EFGH-JKMN", PIN, "设置码不正确", "set-up code is wrong"),
    ("BB-9999", None, PIN, "设置码不正确", "set-up code is wrong"),  # unknown: the same answer
    ("BB 1001", None, PIN, "工号", "staff number"),
    ("BB-1001", "", PIN, "设置码", "set-up code"),
    ("BB-1001", None, "123456", "过于简单", "too easy"),
    ("BB-1001", None, "58204", "6 到 12 位", "6 to 12 digits"),
]


def test_a_wrong_code_number_or_pin_is_refused_plainly_and_changes_nothing(
    enrolled: KioskRuntime, county: County
) -> None:
    right_code = _add_helper(county)
    for staff_no, code, pin, zh, en in BAD_ENTRIES:
        with pytest.raises(KioskError) as refused:
            set_up_helper_pin(
                enrolled, staff_no=staff_no, setup_code=right_code if code is None else code, pin=pin
            )
        assert zh in refused.value.zh and en in refused.value.en, (staff_no, code, pin)
        assert _helpers(enrolled) == 0
    assert set_up_helper_pin(enrolled, staff_no="BB-1001", setup_code=right_code, pin=PIN), (
        "the code still works"
    )


def test_a_helper_of_another_site_and_a_revoked_helper_are_refused(
    enrolled: KioskRuntime, county: County
) -> None:
    other = _add_helper(county, "BB-2001", site="红星村便民服务站")
    with pytest.raises(KioskError) as foreign:
        set_up_helper_pin(enrolled, staff_no="BB-2001", setup_code=other, pin=PIN)
    assert "不是本站点的帮办员" in foreign.value.zh and "not a helper of this site" in foreign.value.en

    code = _add_helper(county, "BB-1002")
    county.cli("helper", "revoke", "BB-1002")
    with pytest.raises(KioskError) as revoked:
        set_up_helper_pin(enrolled, staff_no="BB-1002", setup_code=code, pin=PIN)
    assert "设置码不正确" in revoked.value.zh, "revoking withdraws the code"
    assert _helpers(enrolled) == 0


def test_without_the_network_nothing_changes_and_the_helper_is_told_to_try_later(
    enrolled: KioskRuntime, county: County
) -> None:
    code = _add_helper(county)
    county.stop()
    with pytest.raises(KioskError) as offline:
        set_up_helper_pin(enrolled, staff_no="BB-1001", setup_code=code, pin=PIN)
    assert "需要联网" in offline.value.zh and "needs the network" in offline.value.en
    assert _helpers(enrolled) == 0


def test_a_kiosk_not_enrolled_says_so(kiosk: KioskRuntime) -> None:
    with pytest.raises(KioskError) as refused:
        set_up_helper_pin(kiosk, staff_no="BB-1001", setup_code="ABCD-EFGH-JKMN", pin=PIN)
    assert "尚未注册" in refused.value.zh
