"""One simulated citizen session through the real QML, from home to a printed receipt and back home.

Sessions vary with their number: the service (a stride through the catalog), the way it is found (search
by 汉字 or by pinyin initials, or by category), English or elder mode now and then, and how the session
ends (the idle wipe, or the citizen tapping Done, and Home on any page offered after the receipt).
"""

from __future__ import annotations

from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from benchmarks.citizen_driver import CitizenDriver
from kiosk.domain.catalog import Catalog, Service
from kiosk.services.demo_answers import demo_answers
from kiosk.ui.app import KioskUi

SERVICE_STRIDE = 7  # consecutive sessions land in different categories


@dataclass(frozen=True)
class SessionPlan:
    """What the citizen of session `number` does."""

    number: int
    service: Service
    category_index: int
    service_index: int
    query: str  # "" to browse by category
    english: bool
    elder: bool
    idle_wipe: bool  # else the citizen taps Done, then Home


def plan_session(catalog: Catalog, number: int) -> SessionPlan:
    """The deterministic plan of session `number` (0-based)."""
    service = catalog.services[(number * SERVICE_STRIDE) % len(catalog.services)]
    categories = [category.code for category in catalog.categories]
    in_category = catalog.services_in(service.category)
    english, elder = number % 5 == 1, number % 7 == 3
    ways = (service.name.zh, "", "".join(lazy_pinyin(service.name.zh, style=Style.FIRST_LETTER)), "")
    return SessionPlan(
        number=number,
        service=service,
        category_index=categories.index(service.category),
        service_index=[s.code for s in in_category].index(service.code),
        query=ways[number % len(ways)],
        english=english,
        elder=elder,
        idle_wipe=english or elder or number % 3 == 0,
    )


def run_session(ui: KioskUi, driver: CitizenDriver, plan: SessionPlan) -> str:
    """Walk one session from the home page back to it; returns the receipt's print state."""
    vm = ui.viewmodel
    driver.wait_page("homePage")
    if plan.english:
        driver.tap("languageTile")
    if plan.elder:
        driver.tap("elderTile")
    driver.tap("fileTile")
    driver.wait_page("categoryPage")
    code = plan.service.code
    if plan.query:
        driver.type_text("searchField", plan.query)
        driver.wait_until(lambda: code in _result_codes(ui), f"{code} among the results for {plan.query}")
        driver.tap_in_list("serviceList", _result_codes(ui).index(code), f"service_{code}")
    else:
        driver.tap_in_list("categoryList", plan.category_index, f"category_{plan.service.category}")
        driver.tap_in_list("serviceList", plan.service_index, f"service_{code}")
    driver.wait_page("guidePage")
    driver.tap("startButton")
    driver.wait_page("formPage")
    for key, value in demo_answers(plan.service).items():
        vm.setAnswer(key, value)
    vm.submit()
    driver.wait_page("receiptPage")
    driver.wait_until(lambda: vm.property("printState") in ("printed", "failed"), "the receipt printed")
    print_state = str(vm.property("printState"))
    if plan.idle_wipe:
        assert ui.citizen is not None
        ui.citizen.idle.expire_now()
    else:
        _leave_by_done(driver)
    driver.wait_page("homePage")
    return print_state


def _leave_by_done(driver: CitizenDriver) -> None:
    """Tap Done on the receipt; a page offered after it (rating the filing) is left with Home."""
    driver.tap("doneButton")
    driver.wait_until(lambda: driver.page() != "receiptPage", "the page after the receipt")
    if driver.page() != "homePage":
        driver.wait_page(driver.page())
        driver.tap("homeButton")


def _result_codes(ui: KioskUi) -> list[str]:
    """Codes of the search results the service list shows now."""
    assert ui.citizen is not None
    return [str(row["code"]) for row in ui.citizen.search.property("results")]
