"""Conditional fields (`shown_when`): a hidden field is not asked, not required, not checked and not kept."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import pytest

from kiosk.domain.catalog import Choice, FieldType, FormField, FormSchema, ShownWhen, Text
from kiosk.domain.forms import FormInvalid, validate_answers
from kiosk.domain.review import review_lines

TODAY = datetime.date(2025, 6, 1)
BY_POST = ShownWhen(field="pickup_method", equals="post")
SCHEMA = FormSchema(
    fields=(
        FormField("applicant_name", FieldType.NAME, Text("姓名", "Name"), required=True),
        FormField("applicant_id_number", FieldType.ID_NUMBER, Text("身份证号", "ID number"), required=True),
        FormField("applicant_phone", FieldType.MOBILE, Text("手机", "Mobile"), required=True),
        FormField(
            "pickup_method",
            FieldType.CHOICE,
            Text("领卡方式", "How to collect"),
            required=True,
            choices=(
                Choice("service_centre", Text("到本中心领取", "At this centre")),
                Choice("post", Text("邮寄到家", "By post")),
            ),
        ),
        FormField(
            "postal_address",
            FieldType.ADDRESS,
            Text("邮寄地址", "Postal address"),
            required=True,
            shown_when=BY_POST,
            max_length=50,
        ),
    )
)
APPLICANT = {
    "applicant_name": "张三",
    "applicant_id_number": "11010519491231002X",
    "applicant_phone": "13812345678",
}
AT_CENTRE = APPLICANT | {"pickup_method": "service_centre"}
BY_MAIL = APPLICANT | {"pickup_method": "post", "postal_address": "幸福村\n3组15号"}


def _keys(fields: tuple[FormField, ...]) -> list[str]:
    return [form_field.key for form_field in fields]


def test_a_conditional_field_is_shown_only_while_its_choice_has_that_value() -> None:
    assert "postal_address" not in _keys(SCHEMA.shown(APPLICANT))
    assert "postal_address" not in _keys(SCHEMA.shown(AT_CENTRE))
    assert "postal_address" in _keys(SCHEMA.shown(BY_MAIL))
    assert "postal_address" in _keys(SCHEMA.shown(APPLICANT | {"pickup_method": " post "}))


def test_a_field_that_depends_on_a_hidden_choice_is_hidden_too() -> None:
    delivery = FormField(
        "delivery",
        FieldType.CHOICE,
        Text("投递方式", "Delivery"),
        required=True,
        shown_when=BY_POST,
        choices=(
            Choice("door", Text("送到家门", "To the door")),
            Choice("station", Text("驿站", "Parcel station")),
        ),
    )
    door_note = FormField(
        "door_note",
        FieldType.TEXT,
        Text("投递说明", "Delivery note"),
        required=True,
        shown_when=ShownWhen(field="delivery", equals="door"),
        max_length=20,
    )
    chained = FormSchema(fields=(*SCHEMA.fields, delivery, door_note))
    assert _keys(chained.shown(BY_MAIL | {"delivery": "door"}))[-3:] == [
        "postal_address",
        "delivery",
        "door_note",
    ]
    stale = AT_CENTRE | {"delivery": "door", "door_note": "放门口"}
    assert _keys(chained.shown(stale))[-1] == "pickup_method", "a stale choice shows nothing"
    assert set(validate_answers(chained, stale, today=TODAY).answers) == {*APPLICANT, "pickup_method"}


def test_a_hidden_required_field_is_not_required() -> None:
    answers = validate_answers(SCHEMA, AT_CENTRE, today=TODAY).answers
    assert answers["pickup_method"] == "service_centre"


def test_a_shown_required_field_is_required() -> None:
    with pytest.raises(FormInvalid) as raised:
        validate_answers(SCHEMA, APPLICANT | {"pickup_method": "post"}, today=TODAY)
    assert set(raised.value.errors) == {"postal_address"}


def test_an_answer_typed_before_its_field_was_hidden_is_dropped_unchecked() -> None:
    typed_then_hidden = AT_CENTRE | {"postal_address": "\x00 not even valid"}
    answers = validate_answers(SCHEMA, typed_then_hidden, today=TODAY).answers
    assert "postal_address" not in answers
    assert set(answers) == {*APPLICANT, "pickup_method"}


def test_the_review_has_no_line_for_a_hidden_field() -> None:
    answers = validate_answers(SCHEMA, AT_CENTRE | {"postal_address": "幸福村\n3组15号"}, today=TODAY).answers
    assert "postal_address" not in _keys_of_review(SCHEMA, answers)
    mailed = validate_answers(SCHEMA, BY_MAIL, today=TODAY).answers
    lines = {line.key: line for line in review_lines(SCHEMA, mailed)}
    assert lines["postal_address"].value.zh == "幸福村 3组15号"


def _keys_of_review(schema: FormSchema, answers: Mapping[str, str]) -> list[str]:
    return [line.key for line in review_lines(schema, answers)]


def test_an_address_leads_with_the_kiosk_s_county_and_township() -> None:
    area = "示例县示例镇"
    answers = validate_answers(SCHEMA, BY_MAIL, today=TODAY, address_area=area).answers
    assert answers["postal_address"] == "示例县示例镇\n幸福村\n3组15号"
    again = validate_answers(SCHEMA, dict(answers), today=TODAY, address_area=area).answers
    assert again == answers, "a checked address checks again unchanged"
    lines = {line.key: line for line in review_lines(SCHEMA, answers)}
    assert lines["postal_address"].value.zh == "示例县示例镇 幸福村 3组15号"


def test_an_address_with_a_third_line_that_is_not_the_area_is_refused() -> None:
    with pytest.raises(FormInvalid) as raised:
        validate_answers(
            SCHEMA,
            BY_MAIL | {"postal_address": "别县别镇\n幸福村\n3组15号"},
            today=TODAY,
            address_area="示例县示例镇",
        )
    assert set(raised.value.errors) == {"postal_address"}
