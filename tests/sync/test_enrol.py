"""Enrolment with one-time codes against the real county server: success, refusals, and the device key."""

from __future__ import annotations

import json
import socket
import stat

import pytest
from sqlalchemy import select

from db.models import Device
from kiosk.admin.cli import main as kiosk_admin
from kiosk.domain.errors import KioskError
from kiosk.services.enrolment import enrol_kiosk
from kiosk.services.runtime import KioskRuntime
from sync.enrol import load_device_key
from sync.protocol import public_key_text
from tests.sync.county_helpers import SITE, County


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_enrolment_stores_the_county_answer_and_keeps_the_key_private(
    kiosk: KioskRuntime, county: County
) -> None:
    code = county.code()
    summary = enrol_kiosk(kiosk, server_url=county.url + "/", code=code.lower().replace("-", " "))
    assert (summary.device_id, summary.site, summary.server_url) == (kiosk.device_id, SITE, county.url)
    assert abs(summary.clock_skew_s) <= 2

    key_path = kiosk.settings.device_key_path
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
    with kiosk.sessions() as session:
        device = session.scalars(select(Device)).one()
        assert device.enrolled_at is not None and device.server_url == county.url and device.site == SITE
        assert device.public_key == public_key_text(load_device_key(key_path))
        assert json.loads(device.county_config_json or "{}")["batch_size"] >= 1
    devices = [json.loads(line) for line in county.cli("list-devices").stdout.splitlines()]
    assert [d["device_id"] for d in devices] == [kiosk.device_id], "the kiosk's own id, made at first start"
    assert key_path.read_bytes() not in county.database_path.read_bytes()


def test_a_used_code_is_refused_in_both_languages(kiosk: KioskRuntime, county: County) -> None:
    code = county.code()
    enrol_kiosk(kiosk, server_url=county.url, code=code)
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url=county.url, code=code)
    assert "already been used" in info.value.en and _chinese(info.value.zh)


def test_an_expired_code_is_refused(kiosk: KioskRuntime, county: County) -> None:
    code = county.code()
    county.expire_every_code()
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url=county.url, code=code)
    assert "expired" in info.value.en and "过期" in info.value.zh


def test_an_unknown_code_is_refused(kiosk: KioskRuntime, county: County) -> None:
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url=county.url, code="ABCD-EFGH-JKMN")
    assert "does not know this enrolment code" in info.value.en and _chinese(info.value.zh)
    with kiosk.sessions() as session:
        assert session.scalars(select(Device.enrolled_at)).one() is None


def test_a_malformed_code_is_refused_before_asking_the_server(kiosk: KioskRuntime) -> None:
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url="http://127.0.0.1:9", code="ABC-123")
    assert "malformed" in info.value.en


def test_an_unreachable_server_is_named(kiosk: KioskRuntime) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url=url, code="ABCD-EFGH-JKMN")
    assert url in info.value.en and url in info.value.zh and "Cannot reach" in info.value.en


@pytest.mark.parametrize(
    "url", ["http://county.example.cn", "ftp://127.0.0.1", "county.example.cn", "https://"]
)
def test_plain_http_is_only_for_a_server_on_this_machine(kiosk: KioskRuntime, url: str) -> None:
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url=url, code="ABCD-EFGH-JKMN")
    assert _chinese(info.value.zh) and ("https://" in info.value.en or "Invalid" in info.value.en)


def test_enrolling_again_with_a_new_code_keeps_the_same_key(kiosk: KioskRuntime, county: County) -> None:
    enrol_kiosk(kiosk, server_url=county.url, code=county.code())
    key = kiosk.settings.device_key_path.read_bytes()
    enrol_kiosk(kiosk, server_url=county.url, code=county.code(site="另一个镇"))
    assert kiosk.settings.device_key_path.read_bytes() == key


def test_kiosk_admin_enrol(county: County, capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_admin(["enrol", "--server", county.url, "--code", county.code()]) == 0
    out = capsys.readouterr().out
    assert "enrolled" in out and SITE in out
    assert kiosk_admin(["enrol", "--server", county.url, "--code", "ABCD-EFGH-JKMN"]) == 2
    err = capsys.readouterr().err
    assert "enrolment code" in err and _chinese(err)


def test_a_revoked_kiosk_cannot_enrol_itself_again(kiosk: KioskRuntime, county: County) -> None:
    enrol_kiosk(kiosk, server_url=county.url, code=county.code())
    county.cli("revoke-device", kiosk.device_id)
    with pytest.raises(KioskError) as info:
        enrol_kiosk(kiosk, server_url=county.url, code=county.code())
    assert "revoked" in info.value.en and "县级中心" in info.value.zh
