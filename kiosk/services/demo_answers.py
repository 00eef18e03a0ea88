"""Valid example answers for any service form: demos, the end-to-end test and the benchmarks use them."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.domain.catalog import FieldType, FormField, Service
from kiosk.domain.id_number import compute_check_char

DEMO_APPLICANT = {
    "applicant_name": "张晓梅",
    "applicant_id_number": "11010519491231002X",
    "applicant_phone": "13812345678",
}


def demo_id_number(*, region: str = "330106", birth: str = "19580314", serial: str = "123") -> str:
    """A well-formed 18-digit ID number for the given region, birth date and serial."""
    first17 = f"{region}{birth}{serial}"
    return first17 + compute_check_char(first17)


_FIXED_ANSWERS = {
    FieldType.DATE: "2024-05-01",
    FieldType.NAME: "李建国",
    FieldType.MOBILE: "13912345678",
    FieldType.CREDIT_CODE: "91350100M000100Y43",
}


def demo_answer(field: FormField) -> str:
    """A value every validator of this field accepts."""
    if field.type in _FIXED_ANSWERS:
        return _FIXED_ANSWERS[field.type]
    if field.type == FieldType.CHOICE:
        return field.choices[0].value
    if field.type == FieldType.NUMBER:
        return str(field.min_value if field.min_value is not None else 1)
    if field.type == FieldType.ID_NUMBER:
        return demo_id_number(birth="19800101", serial="234")
    return "示例内容"[: field.max_length or 4]


def demo_answers(service: Service, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Answers for every field of the service (applicant fields from DEMO_APPLICANT), then the overrides."""
    answers = {field.key: demo_answer(field) for field in service.form.fields}
    answers.update(DEMO_APPLICANT)
    answers.update(overrides or {})
    return answers
