"""The guide uses the terms a 办事指南 uses: 申请材料, 承诺时限, and it shows the 设定依据 the catalog has."""

from __future__ import annotations

from kiosk.ui.probe import find_item, tap, wait_for_page

from .conftest import KioskUi
from .forms import shown_texts


def test_the_guide_names_materials_time_limit_and_legal_basis_as_a_guide_does(ui: KioskUi) -> None:
    tap(ui.window, find_item(ui.window, "fileTile"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "category_social_security"))
    wait_for_page(ui.window)
    tap(ui.window, find_item(ui.window, "service_SS-001"))
    wait_for_page(ui.window)
    texts = list(shown_texts(ui.window.contentItem()))
    assert {"申请材料", "承诺时限", "设定依据"} <= set(texts)
    assert not {"所需材料", "办理时限"} & set(texts)
    legal_basis = find_item(ui.window, "guideLegalBasis")
    assert "国发〔2014〕8号" in str(legal_basis.property("body"))
