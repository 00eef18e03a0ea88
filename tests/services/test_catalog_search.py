"""Catalog search against the real sample catalog, readings from pypinyin."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from kiosk.domain.catalog import Catalog, Service, Text
from kiosk.domain.search import MatchedField, SearchIndex
from kiosk.resources import SAMPLE_CATALOG
from kiosk.services import catalog_search
from kiosk.services.catalog_search import (
    build_search_index,
    catalog_search_index,
    search_services,
    search_text,
)
from kiosk.services.runtime import KioskRuntime, read_catalog_file

PROPERTY = settings(max_examples=300, deadline=None)
SAMPLE, _ = read_catalog_file(SAMPLE_CATALOG)
SAMPLE_INDEX = build_search_index(SAMPLE)
PENSION_ENROLMENT = "SS-001"  # 城乡居民基本养老保险参保登记


def found(kiosk: KioskRuntime, query: str, *, limit: int = 20) -> list[str]:
    """The codes search_services returns, best first."""
    return [service.code for service in search_services(kiosk, query, limit=limit)]


def test_sbk_finds_a_social_security_card_service_first(kiosk: KioskRuntime) -> None:
    assert "社保卡" in SAMPLE.service("SS-003").keywords
    assert found(kiosk, "sbk") == ["SS-003", "SS-004"]


@pytest.mark.parametrize("typed", ["yanglao", "yang lao", "养老", "YangLao"])
def test_pension_words_put_the_pension_enrolment_first(kiosk: KioskRuntime, typed: str) -> None:
    # A name containing 养老 with the exact keyword 养老 beats shorter names that only contain it.
    assert found(kiosk, typed)[0] == PENSION_ENROLMENT


@pytest.mark.parametrize("typed", ["ylbx", "YLBX", "ｙｌｂｘ", "ＹＬＢＸ", "yang lao bao xian", "pension"])
def test_initials_full_width_and_english_find_the_pension_enrolment(kiosk: KioskRuntime, typed: str) -> None:
    # Three names contain 养老保险 / pension; shorter names first on a tie.
    assert found(kiosk, typed) == ["PY-002", PENSION_ENROLMENT, "SS-002"]


def test_the_whole_name_in_pinyin_is_an_exact_match() -> None:
    (hit,) = SAMPLE_INDEX.search("chengxiangjuminjibenyanglaobaoxiancanbaodengji")
    assert (hit.code, hit.score, hit.text) == (PENSION_ENROLMENT, 100, "城乡居民基本养老保险参保登记")


def test_pypinyin_gives_the_reading_in_context_first_then_every_other() -> None:
    assert search_text("银行").readings[1][0] == "hang"
    assert "xing" in search_text("银行").readings[1]
    assert {"chang", "zhang"} <= set(search_text("长").readings[0])


@pytest.mark.parametrize(
    "typed", ["chongqingchangqihuli", "zhongqingzhangqihuli", "cqcqhl", "zqzqhl", "baoxianyinxing"]
)
def test_a_polyphonic_character_is_found_by_any_of_its_readings(typed: str) -> None:
    renamed = _with_name(SAMPLE, "SS-005", Text("重庆长期护理保险银行代发登记", "Chongqing long-term care"))
    assert top5(build_search_index(renamed), typed)[0] == "SS-005"


def test_junk_finds_nothing(kiosk: KioskRuntime) -> None:
    for junk in ["", "   ", "'; DROP TABLE services; --", "😀", "x" * 500]:
        assert search_services(kiosk, junk) == []


def test_the_index_is_built_once_per_catalog_and_again_for_a_new_one(
    kiosk: KioskRuntime, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[Catalog] = []

    def counting_build(catalog: Catalog) -> SearchIndex:
        """build_search_index, counted."""
        builds.append(catalog)
        return build_search_index(catalog)

    monkeypatch.setattr(catalog_search, "build_search_index", counting_build)
    kiosk.catalog = dataclasses.replace(kiosk.catalog, version=kiosk.catalog.version + ".copy")
    typed_one_by_one = [found(kiosk, typed) for typed in ("s", "sb", "sbk")]
    assert typed_one_by_one[-1][0] == "SS-003"
    assert len(builds) == 1
    kiosk.catalog = _with_name(
        kiosk.catalog, "SS-001", Text("社保卡年度审核", "Annual check of a social security card")
    )
    assert found(kiosk, "sbk")[0] == "SS-001"
    assert len(builds) == 2


def _with_name(catalog: Catalog, code: str, name: Text) -> Catalog:
    """A copy of the catalog, newer version, with one service renamed."""
    services = tuple(
        dataclasses.replace(service, name=name) if service.code == code else service
        for service in catalog.services
    )
    return dataclasses.replace(catalog, version=catalog.version + ".renamed", services=services)


# --- every sample service is found by what a citizen would type --------------------------------------


def spelled(service: Service, style: Style) -> str:
    """The name as pypinyin spells it (initials or full pinyin), punctuation left as typed junk."""
    return "".join(lazy_pinyin(service.name.zh, style=style))


def top5(index: SearchIndex, typed: str) -> list[str]:
    """The five best codes."""
    return [hit.code for hit in index.search(typed, limit=5)]


@pytest.mark.parametrize("service", SAMPLE.services, ids=lambda service: service.code)
def test_every_service_is_found_by_its_initials_and_its_full_pinyin(service: Service) -> None:
    assert service.code in top5(SAMPLE_INDEX, spelled(service, Style.FIRST_LETTER))
    assert service.code in top5(SAMPLE_INDEX, spelled(service, Style.NORMAL))
    assert service.code in top5(SAMPLE_INDEX, service.name.zh)


def sloppily(text: str) -> st.SearchStrategy[str]:
    """The text as typed on a touch keyboard: any case, full width or not, stray spaces between letters."""
    letter = st.sampled_from(["lower", "upper", "full"])
    gap = st.sampled_from(["", "", "", " ", "\u3000", "'"])
    return st.lists(st.tuples(letter, gap), min_size=len(text), max_size=len(text)).map(
        lambda styles: "".join(_style(char, how) + gap for char, (how, gap) in zip(text, styles, strict=True))
    )


def _style(char: str, how: str) -> str:
    """One typed character: lower case, upper case or full width."""
    if how == "upper":
        return char.upper()
    if how == "full" and char.isascii() and char.isalnum():
        return chr(ord(char) + 0xFEE0)
    return char


@st.composite
def typed_names(draw: st.DrawFn) -> tuple[Service, str]:
    """A sample service and its initials or full pinyin, typed sloppily."""
    service = draw(st.sampled_from(SAMPLE.services))
    style = draw(st.sampled_from([Style.FIRST_LETTER, Style.NORMAL]))
    return service, draw(sloppily(spelled(service, style)))


@PROPERTY
@given(typed_names())
def test_sloppy_typing_of_initials_or_pinyin_still_finds_the_service_in_the_top_5(
    typed: tuple[Service, str],
) -> None:
    service, text = typed
    assert service.code in top5(SAMPLE_INDEX, text)


def test_the_index_tells_the_ui_what_to_highlight(kiosk: KioskRuntime) -> None:
    hit = catalog_search_index(kiosk).search("ylbx")[1]
    assert (hit.code, hit.field, hit.text[hit.span[0] : hit.span[1]]) == (
        PENSION_ENROLMENT,
        MatchedField.NAME,
        "养老保险",
    )
