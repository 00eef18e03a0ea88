"""Fields shown only when they apply, on the real QML: SS-003's postal address follows the choice of 邮寄."""

from __future__ import annotations

import json

from sqlalchemy import select

from db.models import Filing
from kiosk.services.demo_answers import DEMO_APPLICANT
from kiosk.ui.probe import find_item, find_items, tap, wait_for_page, wait_until

from .conftest import KioskUi
from .forms import form_of, go_to_review, open_form, open_guide, row, shown_texts, text_of

SERVICE = "SS-003"  # 社会保障卡申领: 领卡方式 到本中心领取 or 邮寄到家, then the postal address
ADDRESS = "postal_address"


def _plain(text: object) -> str:
    """A text as read, without the word joiners that keep words whole when lines wrap."""
    return str(text).replace("\u2060", "")


def _asks_for_the_address(ui: KioskUi) -> bool:
    return bool(find_items(ui.window, f"field_{ADDRESS}"))


def _keys(ui: KioskUi) -> list[str]:
    return [str(field["key"]) for field in ui.vm.property("fields")]


def _fill_applicant(ui: KioskUi) -> None:
    for key, value in DEMO_APPLICANT.items():
        ui.vm.setAnswer(key, value)


def test_the_postal_address_is_asked_only_while_post_is_chosen_and_never_reviewed_otherwise(
    ui: KioskUi,
) -> None:
    open_form(ui, SERVICE)
    assert not _asks_for_the_address(ui) and ADDRESS not in _keys(ui), "nothing chosen: no address"

    tap(ui.window, find_item(ui.window, "choice_pickup_method_post"))
    wait_until(lambda: _asks_for_the_address(ui))
    assert _keys(ui).index(ADDRESS) == _keys(ui).index("pickup_method") + 1, "right under the choice"
    assert _plain(text_of(ui, f"area_{ADDRESS}")).startswith("示例县示例镇"), "county and township are given"
    assert row(ui, ADDRESS)["mandatory"] is True
    tap(ui.window, find_item(ui.window, f"place_{ADDRESS}_0"))
    form_of(ui).setAddressDetail(ADDRESS, "3组15号")

    tap(ui.window, find_item(ui.window, "choice_pickup_method_service_centre"))
    wait_until(lambda: not _asks_for_the_address(ui))
    assert ADDRESS not in _keys(ui)

    _fill_applicant(ui)
    go_to_review(ui)
    assert find_items(ui.window, f"review_{ADDRESS}") == []
    texts = _plain(" ".join(shown_texts(ui.window.contentItem())))
    assert "3组15号" not in texts and "邮寄地址" not in texts, "the address typed before is not reviewed"

    tap(ui.window, find_item(ui.window, "confirmButton"))
    wait_until(lambda: bool(find_items(ui.window, "voucherCode")))
    with ui.kiosk.sessions() as session:
        filing = session.scalars(select(Filing)).one()
        answers = json.loads(
            ui.kiosk.cipher.decrypt(record_id=filing.id, field="answers", blob=filing.answers_enc)
        )
    assert answers["pickup_method"] == "service_centre"
    assert ADDRESS not in answers, "an answer typed before its field was hidden is not submitted"


def test_by_post_the_review_gives_the_whole_address_with_county_and_township(ui: KioskUi) -> None:
    open_form(ui, SERVICE)
    _fill_applicant(ui)
    tap(ui.window, find_item(ui.window, "choice_pickup_method_post"))
    wait_until(lambda: _asks_for_the_address(ui))
    tap(ui.window, find_item(ui.window, "submitButton"))
    wait_until(lambda: bool(find_items(ui.window, f"error_{ADDRESS}")))
    assert not find_items(ui.window, "reviewPage"), "shown, the address is required"

    tap(ui.window, find_item(ui.window, f"place_{ADDRESS}_0"))
    form_of(ui).setAddressDetail(ADDRESS, "3组15号")
    go_to_review(ui)
    assert _plain(text_of(ui, f"review_{ADDRESS}")) == "示例县示例镇 幸福村 3组15号"


def test_the_guide_and_the_form_ask_for_each_side_of_the_id_card_and_a_recent_photo(ui: KioskUi) -> None:
    window = ui.window
    open_guide(ui, SERVICE)
    guide = _plain(" ".join(shown_texts(window.contentItem())))
    assert all(words in guide for words in ("人像面", "国徽面", "近期免冠证件照")), guide

    tap(window, find_item(window, "startButton"))
    wait_for_page(window)
    photos = {"id_card_front_photos": "人像面", "id_card_back_photos": "国徽面", "portrait_photos": "免冠"}
    for key, words in photos.items():
        assert find_items(window, f"photoButton_{key}"), key
        assert words in _plain(row(ui, key)["label"]) and row(ui, key)["maxPhotos"] == 1
    assert "id_card_photos" not in _keys(ui)
