"""A helper's staff card from the county, scanned at a kiosk of the site: its staff number, checked offline;
a forged, foreign or damaged card, or one of another site's helper, is refused plainly."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.domain.errors import KioskError
from kiosk.services.runtime import KioskRuntime
from kiosk.services.staff_cards import staff_no_from_card
from kiosk.services.sync_round import run_full_round
from sync.protocol import sign_staff_card
from tests.sync.county_helpers import SITE, County


def test_a_card_the_county_issued_names_its_helper_and_a_forged_or_foreign_one_is_refused(
    enrolled: KioskRuntime, county: County
) -> None:
    with pytest.raises(KioskError) as no_key:
        staff_no_from_card(enrolled, sign_staff_card(Ed25519PrivateKey.generate(), "BB-1001"))
    assert "工作证密钥" in no_key.value.zh
    county.cli("helper", "add", "--site", SITE, "--name", "李桂兰", "--staff-no", "BB-1001")
    county.cli("helper", "add", "--site", "红星村便民服务站", "--name", "王建国", "--staff-no", "BB-2001")
    card = county.cli("helper", "card", "bb-1001").stdout.strip()
    other_site = county.cli("helper", "card", "BB-2001").stdout.strip()
    assert card.startswith("BMH1:BB-1001.") and card.isascii()
    assert run_full_round(enrolled).ok  # the key comes with the county config, the helper with the pull

    assert staff_no_from_card(enrolled, card) == "BB-1001"
    refusals = {
        sign_staff_card(Ed25519PrivateKey.generate(), "BB-1001"): "不是本县签发",  # forged
        card.replace("BB-1001", "BB-1002"): "不是本县签发",  # altered
        card[:-3]: "不是本县签发",  # damaged
        "BMK3:NOTACARD": "不是帮办员工作证",
        other_site: "不属于本站点",
    }
    for payload, said in refusals.items():
        with pytest.raises(KioskError) as refused:
            staff_no_from_card(enrolled, payload)
        assert said in refused.value.zh and refused.value.en, payload
