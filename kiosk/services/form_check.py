"""Use case: check a form's answers without writing anything, for the 请核对 (please check) screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.domain.catalog import FieldType, FormSchema, Service
from kiosk.domain.errors import KioskError
from kiosk.domain.forms import FormInvalid, ValidatedForm, validate_answers
from kiosk.domain.photos import split_photos
from kiosk.domain.review import ReviewLine, review_lines
from kiosk.domain.validation import Problem
from kiosk.services.attachments import unknown_attachments
from kiosk.services.catalog_store import stored_service
from kiosk.services.runtime import KioskRuntime

PHOTO_LOST = Problem(
    "照片已找不到，请删除后重新拍照", "A photo can no longer be found; please delete it and take it again."
)


@dataclass(frozen=True, slots=True)
class CheckedForm:
    """Answers that passed every check (normalised), and how the review screen shows them."""

    service: Service
    answers: Mapping[str, str]
    lines: tuple[ReviewLine, ...]
    warnings: tuple[Problem, ...]


def service_for_form(kiosk: KioskRuntime, *, code: str, version: int | None = None) -> Service:
    """The service a form was opened with: the current one, or the stored `version` after a catalog update."""
    if version is None:
        return kiosk.catalog.service(code)
    try:
        current = kiosk.catalog.service(code)
    except KioskError:
        current = None
    if current is not None and current.version == version:
        return current
    with kiosk.sessions() as session:
        return stored_service(session, code=code, version=version)


def photo_hashes(schema: FormSchema, answers: Mapping[str, str]) -> list[str]:
    """The attachments the photos fields of validated answers name, in form order, each once."""
    hashes = (
        sha
        for form_field in schema.fields
        if form_field.type is FieldType.PHOTOS
        for sha in split_photos(answers.get(form_field.key, ""))
    )
    return list(dict.fromkeys(hashes))


def validate_with_photos(kiosk: KioskRuntime, service: Service, answers: Mapping[str, str]) -> ValidatedForm:
    """validate_answers (addresses in this kiosk's township), then every photo named must be kept here.

    FormInvalid names the field of a photo that is lost.
    """
    validated = validate_answers(
        service.form, answers, today=kiosk.clock().date(), address_area=kiosk.settings.township_area
    )
    lost = unknown_attachments(kiosk, photo_hashes(service.form, validated.answers))
    if lost:
        raise FormInvalid(
            {
                form_field.key: PHOTO_LOST
                for form_field in service.form.fields
                if form_field.type is FieldType.PHOTOS
                and lost.intersection(split_photos(validated.answers.get(form_field.key, "")))
            }
        )
    return validated


def check_form(
    kiosk: KioskRuntime,
    *,
    service_code: str,
    answers: Mapping[str, str],
    service_version: int | None = None,
    masked: bool = False,
) -> CheckedForm:
    """Everything submit_filing checks, nothing written: FormInvalid (every bad field) or the review (its
    numbers masked with `masked`: an assisted filing's)."""
    service = service_for_form(kiosk, code=service_code, version=service_version)
    validated = validate_with_photos(kiosk, service, answers)
    return CheckedForm(
        service=service,
        answers=validated.answers,
        lines=review_lines(service.form, validated.answers, masked=masked),
        warnings=tuple(problem for problems in validated.warnings.values() for problem in problems),
    )
