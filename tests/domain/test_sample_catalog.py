"""The shipped sample catalog agrees with itself: the guide asks only for what the form collects."""

from __future__ import annotations

import json

import pytest

from kiosk.domain.catalog import Catalog, FieldType, Service, parse_catalog
from kiosk.resources import SAMPLE_CATALOG

CATALOG: Catalog = parse_catalog(json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")))
SERVICES = {service.code: service for service in CATALOG.services}


@pytest.mark.parametrize("service", CATALOG.services, ids=lambda service: service.code)
def test_every_material_collected_here_names_a_photos_field_of_its_form(service: Service) -> None:
    for material in service.guide.materials:
        if material.field is not None:
            form_field = service.form.get(material.field)
            assert form_field is not None and form_field.type is FieldType.PHOTOS, material.text.zh


@pytest.mark.parametrize("service", CATALOG.services, ids=lambda service: service.code)
def test_every_photos_field_is_listed_in_the_guide(service: Service) -> None:
    listed = {material.field for material in service.guide.materials}
    photos = {field.key for field in service.form.fields if field.type is FieldType.PHOTOS}
    assert photos <= listed, f"{service.code}: the guide does not ask for {sorted(photos - listed)}"


@pytest.mark.parametrize("service", CATALOG.services, ids=lambda service: service.code)
def test_a_material_the_guide_says_is_taken_here_is_taken_by_a_field(service: Service) -> None:
    for material in service.guide.materials:
        if "本机" in material.text.zh or any(
            here in material.text.en for here in ("taken here", "photographed here")
        ):
            assert material.field is not None, f"{service.code}: {material.text.zh}"


def test_the_social_security_card_asks_for_each_side_of_the_id_card_and_a_recent_photo() -> None:
    service = SERVICES["SS-003"]
    tied = {material.field: material.text.zh for material in service.guide.materials if material.field}
    assert "人像面" in tied["id_card_front_photos"] and "国徽面" in tied["id_card_back_photos"]
    assert "免冠" in tied["portrait_photos"]
    for key in ("id_card_front_photos", "id_card_back_photos", "portrait_photos"):
        form_field = service.form.get(key)
        assert form_field is not None and form_field.max_count == 1, key


def test_the_social_security_card_asks_for_a_postal_address_only_when_sent_by_post() -> None:
    form = SERVICES["SS-003"].form
    postal = form.get("postal_address")
    assert postal is not None and postal.required and postal.shown_when is not None
    pickup = form.get(postal.shown_when.field)
    assert pickup is not None
    post = next(choice for choice in pickup.choices if choice.label.zh.startswith("邮寄"))
    assert postal.shown_when.equals == post.value
    assert "postal_address" not in {f.key for f in form.shown({"pickup_method": "service_centre"})}
    assert "postal_address" in {f.key for f in form.shown({"pickup_method": post.value})}
