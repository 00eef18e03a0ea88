"""The catalog's newer field types: multiple choice, address and photos, with their options checked."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kiosk.domain.catalog import (
    DEFAULT_ADDRESS_LENGTH,
    DEFAULT_PHOTOS,
    CatalogFormatError,
    FieldType,
    parse_catalog,
)
from kiosk.resources import SAMPLE_CATALOG

SAMPLE: dict[str, Any] = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))


def _with_field(field: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(SAMPLE)
    data["services"][0]["form"]["fields"].append(field)
    return data


def _label() -> dict[str, str]:
    return {"zh": "标签", "en": "Label"}


def test_the_sample_catalog_shows_every_field_type() -> None:
    catalog = parse_catalog(SAMPLE)
    used = {form_field.type for service in catalog.services for form_field in service.form.fields}
    assert used == set(FieldType)


def test_options_of_the_new_types_have_defaults() -> None:
    address = parse_catalog(
        _with_field({"key": "home", "type": "address", "label": _label(), "required": True})
    ).services[0]
    assert address.form.fields[-1].max_length == DEFAULT_ADDRESS_LENGTH
    photos = parse_catalog(
        _with_field({"key": "papers", "type": "photos", "label": _label(), "required": False})
    ).services[0]
    assert photos.form.fields[-1].max_count == DEFAULT_PHOTOS


@pytest.mark.parametrize(
    ("field", "bad_part"),
    [
        ({"type": "multi_choice"}, "choices"),
        ({"type": "multi_choice", "choices": [{"value": "a,b", "label": _label()}]}, "choices[0].value"),
        ({"type": "multi_choice", "choices": [{"value": "a b", "label": _label()}]}, "choices[0].value"),
        ({"type": "photos", "max_count": 0}, "max_count"),
        ({"type": "photos", "max_count": 21}, "max_count"),
        ({"type": "photos", "max_length": 5}, "max_length"),
        ({"type": "address", "max_count": 2}, "max_count"),
        ({"type": "address", "max_length": 0}, "max_length"),
        ({"type": "address", "choices": []}, "choices"),
    ],
)
def test_bad_options_name_the_element(field: dict[str, Any], bad_part: str) -> None:
    data = _with_field({"key": "extra", "label": _label(), "required": False} | field)
    with pytest.raises(CatalogFormatError) as raised:
        parse_catalog(data)
    assert raised.value.path.endswith(bad_part)
