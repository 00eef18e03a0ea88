"""Tests for parsing the service catalog into frozen dataclasses."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.catalog import (
    Catalog,
    CatalogFormatError,
    FieldType,
    Material,
    Text,
    parse_catalog,
)
from kiosk.domain.errors import KioskError

PROPERTY = settings(max_examples=150, deadline=None)
SAMPLE_FILE = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "sample_catalog.json"


def text(zh: str, en: str) -> dict[str, str]:
    """A bilingual text node."""
    return {"zh": zh, "en": en}


def applicant_fields() -> list[dict[str, Any]]:
    """The three fields every form starts with."""
    return [
        {"key": "applicant_name", "type": "name", "label": text("姓名", "Name"), "required": True},
        {
            "key": "applicant_id_number",
            "type": "id_number",
            "label": text("身份证号", "ID number"),
            "required": True,
        },
        {"key": "applicant_phone", "type": "mobile", "label": text("手机号码", "Mobile"), "required": True},
    ]


def guide() -> dict[str, Any]:
    """A complete service guide."""
    return {
        "conditions": text("本乡镇户籍居民", "Residents registered in this township"),
        "materials": [text("居民身份证", "ID card"), text("户口簿", "Household register")],
        "time_limit": text("5 个工作日", "5 working days"),
        "fee": text("不收费", "Free"),
        "legal_basis": text("《社会保险法》", "Social Insurance Law"),
    }


def sample_catalog() -> dict[str, Any]:
    """A valid catalog using every field type."""
    return {
        "catalog_version": "2025.06-test",
        "sample": True,
        "notice": text("示例数据", "Sample data"),
        "categories": [
            {"code": "social_security", "name": text("社会保障", "Social security")},
            {"code": "business", "name": text("市场主体", "Businesses")},
            {"code": "empty_category", "name": text("空分类", "Empty category")},
        ],
        "services": [
            {
                "code": "SS-001",
                "version": 1,
                "category": "social_security",
                "name": text("城乡居民养老保险参保登记", "Pension insurance enrolment"),
                "department": text("县人社局", "County HR and Social Security Bureau"),
                "keywords": ["养老", "社保", "yanglao"],
                "guide": guide(),
                "form": {
                    "fields": [
                        *applicant_fields(),
                        {
                            "key": "contribution_grade",
                            "type": "choice",
                            "label": text("缴费档次", "Contribution grade"),
                            "required": True,
                            "choices": [
                                {"value": "200", "label": text("200 元", "CNY 200")},
                                {"value": "500", "label": text("500 元", "CNY 500")},
                            ],
                        },
                        {
                            "key": "household_size",
                            "type": "number",
                            "label": text("家庭人口", "Household size"),
                            "required": False,
                            "min": 1,
                            "max": 20,
                            "unit": text("人", "people"),
                            "hint": text("含本人", "Including yourself"),
                        },
                        {
                            "key": "start_date",
                            "type": "date",
                            "label": text("参保日期", "Start date"),
                            "required": False,
                        },
                        {
                            "key": "remarks",
                            "type": "text",
                            "label": text("备注", "Remarks"),
                            "required": False,
                            "max_length": 200,
                            "multiline": True,
                        },
                    ]
                },
            },
            {
                "code": "BIZ-002",
                "version": 3,
                "category": "business",
                "name": text("个体工商户年报", "Annual report of an individual business"),
                "department": text("县市场监管局", "County Market Regulation Bureau"),
                "keywords": [],
                "guide": guide() | {"materials": []},
                "form": {
                    "fields": [
                        *applicant_fields(),
                        {
                            "key": "credit_code",
                            "type": "credit_code",
                            "label": text("统一社会信用代码", "Unified social credit code"),
                            "required": True,
                        },
                    ]
                },
            },
        ],
    }


def test_sample_parses_into_frozen_dataclasses() -> None:
    catalog = parse_catalog(sample_catalog())
    assert isinstance(catalog, Catalog)
    assert catalog.version == "2025.06-test"
    assert catalog.sample is True
    assert catalog.notice == Text("示例数据", "Sample data")
    assert [category.code for category in catalog.categories] == [
        "social_security",
        "business",
        "empty_category",
    ]
    service = catalog.service("SS-001")
    assert service.version == 1
    assert service.keywords == ("养老", "社保", "yanglao")
    assert service.guide.materials[1] == Material(Text("户口簿", "Household register"))
    assert service.form.keys[:3] == ("applicant_name", "applicant_id_number", "applicant_phone")
    number = service.form.get("household_size")
    assert number is not None
    assert (number.type, number.min_value, number.max_value) == (FieldType.NUMBER, 1, 20)
    assert number.unit == Text("人", "people")
    assert number.hint == Text("含本人", "Including yourself")
    remarks = service.form.get("remarks")
    assert remarks is not None
    assert (remarks.max_length, remarks.multiline) == (200, True)
    choice = service.form.get("contribution_grade")
    assert choice is not None
    assert [option.value for option in choice.choices] == ["200", "500"]
    assert service.form.get("nope") is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        service.code = "X"  # type: ignore[misc]


def test_lookups() -> None:
    catalog = parse_catalog(sample_catalog())
    assert [service.code for service in catalog.services_in("business")] == ["BIZ-002"]
    assert catalog.services_in("empty_category") == ()
    with pytest.raises(KioskError) as raised:
        catalog.service("SS-999")
    assert (raised.value.zh, raised.value.en) == ("未找到该事项", "Service not found")
    with pytest.raises(KioskError):
        catalog.services_in("no_such_category")


def test_texts_are_trimmed() -> None:
    data = sample_catalog()
    data["notice"] = text("  示例数据\n", " Sample data ")
    assert parse_catalog(data).notice == Text("示例数据", "Sample data")


def _fields(data: dict[str, Any]) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = data["services"][0]["form"]["fields"]
    return fields


Mutation = Callable[[dict[str, Any]], object]

BAD_CATALOGS: list[tuple[str, Mutation, str]] = [
    ("unknown field type", lambda d: _fields(d)[3].update(type="colour"), "services[0].form.fields[3].type"),
    ("missing key", lambda d: d["services"][1].pop("department"), "services[1].department"),
    ("missing version", lambda d: d.pop("catalog_version"), "catalog_version"),
    ("unknown key", lambda d: d["services"][0].update(colour="red"), "services[0].colour"),
    ("not a mapping", lambda d: d["categories"].__setitem__(1, "business"), "categories[1]"),
    ("services not a list", lambda d: d.update(services={}), "services"),
    ("no services", lambda d: d.update(services=[]), "services"),
    ("sample not bool", lambda d: d.update(sample="yes"), "sample"),
    ("blank text", lambda d: d["notice"].update(zh="  "), "notice.zh"),
    ("text missing en", lambda d: d["notice"].pop("en"), "notice.en"),
    ("text not string", lambda d: d["notice"].update(en=5), "notice.en"),
    ("control character", lambda d: d["notice"].update(en="a\x00b"), "notice.en"),
    ("duplicate category", lambda d: d["categories"][1].update(code="social_security"), "categories[1].code"),
    ("bad category code", lambda d: d["categories"][0].update(code="Social Security"), "categories[0].code"),
    ("duplicate service", lambda d: d["services"][1].update(code="SS-001"), "services[1].code"),
    ("bad service code", lambda d: d["services"][1].update(code="biz 2"), "services[1].code"),
    ("unknown category", lambda d: d["services"][1].update(category="health"), "services[1].category"),
    ("version is bool", lambda d: d["services"][0].update(version=True), "services[0].version"),
    ("version zero", lambda d: d["services"][0].update(version=0), "services[0].version"),
    ("keyword not string", lambda d: d["services"][0]["keywords"].append(3), "services[0].keywords[3]"),
    (
        "material blank",
        lambda d: d["services"][0]["guide"]["materials"][1].update(en=""),
        "services[0].guide.materials[1].en",
    ),
    ("no fields", lambda d: d["services"][0]["form"].update(fields=[]), "services[0].form.fields"),
    ("first field missing", lambda d: _fields(d).pop(0), "services[0].form.fields[0].key"),
    ("fields swapped", lambda d: _fields(d).insert(1, _fields(d).pop(2)), "services[0].form.fields[1].key"),
    (
        "only two applicant fields",
        lambda d: d["services"][1]["form"].update(fields=applicant_fields()[:2]),
        "services[1].form.fields[2].key",
    ),
    (
        "applicant field wrong type",
        lambda d: _fields(d)[2].update(type="text", max_length=20),
        "services[0].form.fields[2].type",
    ),
    (
        "applicant optional",
        lambda d: _fields(d)[1].update(required=False),
        "services[0].form.fields[1].required",
    ),
    (
        "duplicate field key",
        lambda d: _fields(d)[4].update(key="contribution_grade"),
        "services[0].form.fields[4].key",
    ),
    ("bad field key", lambda d: _fields(d)[4].update(key="HouseholdSize"), "services[0].form.fields[4].key"),
    (
        "text without max_length",
        lambda d: _fields(d)[6].pop("max_length"),
        "services[0].form.fields[6].max_length",
    ),
    (
        "max_length not int",
        lambda d: _fields(d)[6].update(max_length="200"),
        "services[0].form.fields[6].max_length",
    ),
    (
        "max_length zero",
        lambda d: _fields(d)[6].update(max_length=0),
        "services[0].form.fields[6].max_length",
    ),
    (
        "multiline not bool",
        lambda d: _fields(d)[6].update(multiline=1),
        "services[0].form.fields[6].multiline",
    ),
    ("choice without choices", lambda d: _fields(d)[3].pop("choices"), "services[0].form.fields[3].choices"),
    ("empty choices", lambda d: _fields(d)[3].update(choices=[]), "services[0].form.fields[3].choices"),
    (
        "duplicate choice",
        lambda d: _fields(d)[3]["choices"][1].update(value="200"),
        "services[0].form.fields[3].choices[1].value",
    ),
    (
        "choice label missing",
        lambda d: _fields(d)[3]["choices"][0].pop("label"),
        "services[0].form.fields[3].choices[0].label",
    ),
    ("number min > max", lambda d: _fields(d)[4].update(min=30), "services[0].form.fields[4].max"),
    ("number min float", lambda d: _fields(d)[4].update(min=1.5), "services[0].form.fields[4].min"),
    ("number without max", lambda d: _fields(d)[4].pop("max"), "services[0].form.fields[4].max"),
    (
        "option of another type",
        lambda d: _fields(d)[0].update(max_length=10),
        "services[0].form.fields[0].max_length",
    ),
    (
        "unit on text",
        lambda d: _fields(d)[6].update(unit=text("人", "people")),
        "services[0].form.fields[6].unit",
    ),
    (
        "required not bool",
        lambda d: _fields(d)[5].update(required="false"),
        "services[0].form.fields[5].required",
    ),
    ("hint malformed", lambda d: _fields(d)[5].update(hint="see above"), "services[0].form.fields[5].hint"),
    ("non-string key", lambda d: d["notice"].update({1: "x"}), "notice"),
    ("form not a mapping", lambda d: d["services"][1].update(form=[]), "services[1].form"),
    (
        "promise with both counts",
        lambda d: d["services"][0]["guide"].update(promise={"working_days": 5, "calendar_days": 7}),
        "services[0].guide.promise",
    ),
    (
        "promise negative",
        lambda d: d["services"][0]["guide"].update(promise={"working_days": -1}),
        "services[0].guide.promise.working_days",
    ),
    (
        "promise of a thousand days",
        lambda d: d["services"][0]["guide"].update(promise={"calendar_days": 1000}),
        "services[0].guide.promise.calendar_days",
    ),
    (
        "promise in weeks",
        lambda d: d["services"][0]["guide"].update(promise={"weeks": 2}),
        "services[0].guide.promise.weeks",
    ),
    (
        "condition on a later field",
        lambda d: _fields(d)[3].update(shown_when={"field": "household_size", "equals": "1"}),
        "services[0].form.fields[3].shown_when.field",
    ),
    (
        "condition on an unknown field",
        lambda d: _fields(d)[5].update(shown_when={"field": "pickup", "equals": "post"}),
        "services[0].form.fields[5].shown_when.field",
    ),
    (
        "condition on a field that is not a choice",
        lambda d: _fields(d)[5].update(shown_when={"field": "household_size", "equals": "1"}),
        "services[0].form.fields[5].shown_when.field",
    ),
    (
        "condition on a value that is not a choice",
        lambda d: _fields(d)[4].update(shown_when={"field": "contribution_grade", "equals": "300"}),
        "services[0].form.fields[4].shown_when.equals",
    ),
    (
        "condition with an unknown key",
        lambda d: _fields(d)[4].update(shown_when={"field": "contribution_grade", "in": ["200"]}),
        "services[0].form.fields[4].shown_when.in",
    ),
    (
        "condition not an object",
        lambda d: _fields(d)[4].update(shown_when="contribution_grade == 200"),
        "services[0].form.fields[4].shown_when",
    ),
    (
        "condition on an applicant field",
        lambda d: _fields(d)[2].update(shown_when={"field": "applicant_name", "equals": "x"}),
        "services[0].form.fields[2].shown_when",
    ),
    (
        "material names a field the form lacks",
        lambda d: d["services"][0]["guide"]["materials"][0].update(field="id_card_photos"),
        "services[0].guide.materials[0].field",
    ),
    (
        "material names a field that takes no photos",
        lambda d: d["services"][0]["guide"]["materials"][1].update(field="remarks"),
        "services[0].guide.materials[1].field",
    ),
    (
        "material field not a code",
        lambda d: d["services"][0]["guide"]["materials"][1].update(field=["remarks"]),
        "services[0].guide.materials[1].field",
    ),
    (
        "collection not a text",
        lambda d: d["services"][0]["guide"].update(collection="at the window"),
        "services[0].guide.collection",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path"), [case[1:] for case in BAD_CATALOGS], ids=[case[0] for case in BAD_CATALOGS]
)
def test_malformed_catalogs_name_the_bad_element(mutate: Mutation, path: str) -> None:
    data = sample_catalog()
    mutate(data)
    with pytest.raises(CatalogFormatError) as raised:
        parse_catalog(data)
    assert raised.value.path == path
    assert path in raised.value.zh
    assert path in raised.value.en
    assert isinstance(raised.value, KioskError)


def test_root_that_is_not_an_object() -> None:
    with pytest.raises(CatalogFormatError) as raised:
        parse_catalog([])  # type: ignore[arg-type]
    assert raised.value.path == ""
    assert "(root)" in raised.value.en


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@PROPERTY
@given(data=json_values)
def test_junk_raises_only_catalog_format_errors(data: object) -> None:
    with pytest.raises(CatalogFormatError):
        parse_catalog(data)  # type: ignore[arg-type]


def _nodes(value: object) -> list[tuple[Any, Any]]:
    """Every (container, key) pair inside a JSON-like value."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((value, key))
            found.extend(_nodes(child))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append((value, index))
            found.extend(_nodes(child))
    return found


@PROPERTY
@given(choice=st.data(), replacement=json_values, delete=st.booleans())
def test_any_mutation_parses_or_raises_catalog_format_error(
    choice: st.DataObject, replacement: object, delete: bool
) -> None:
    data = copy.deepcopy(sample_catalog())
    container, key = choice.draw(st.sampled_from(_nodes(data)))
    if delete:
        del container[key]
    else:
        container[key] = replacement
    try:
        catalog = parse_catalog(data)
    except CatalogFormatError as error:
        assert error.zh and error.en
        return
    assert isinstance(catalog, Catalog)


def test_shipped_sample_catalog_parses() -> None:
    catalog = parse_catalog(json.loads(SAMPLE_FILE.read_text(encoding="utf-8")))
    assert catalog.services
    for service in catalog.services:
        assert service.form.keys[:3] == ("applicant_name", "applicant_id_number", "applicant_phone")
