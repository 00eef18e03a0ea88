"""Use case: a signed-in village helper files for a resident (帮办), with the resident's consent on record.

The consent comes first: its evidence image (a finger signature or a photo of the signed paper form) is
stored sealed like any photo, or the oral consent's witness is named; the county config says which ways are
offered. The filing then goes in as every filing does (one durable transaction), with channel "assisted",
the helper's staff number and the consent sealed beside the applicant's fields. A helper revoked since
sign-in (a pull came in meanwhile) files nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from db.models import Device, HelperAccount
from kiosk.domain.consent import Consent, check_consent
from kiosk.domain.errors import KioskError
from kiosk.services.attachments import add_attachment
from kiosk.services.county_config import stored_county_config
from kiosk.services.filing import AssistedBy, SubmittedFiling, submit_filing
from kiosk.services.helper_signin import REVOKED, SignedInHelper
from kiosk.services.runtime import KioskRuntime

SIGNATURE_MEDIA_TYPE = "image/png"


def consent_methods(kiosk: KioskRuntime) -> tuple[str, ...]:
    """The ways of consent the county offers, in its order."""
    with kiosk.sessions() as session:
        return tuple(stored_county_config(session.get(Device, 1)).consent_methods)


def keep_consent_image(kiosk: KioskRuntime, image: bytes, *, media_type: str = SIGNATURE_MEDIA_TYPE) -> str:
    """Store a signature (PNG) or a photo of the signed paper form, sealed; its SHA-256 is the evidence."""
    return add_attachment(kiosk, data=image, media_type=media_type)


def record_consent(
    kiosk: KioskRuntime, *, method: str, evidence_sha256: str | None = None, witness_name: str | None = None
) -> Consent:
    """The resident's consent, given now, when complete and allowed; raises ValidationError otherwise."""
    return check_consent(
        method,
        given_at=kiosk.clock(),
        evidence_sha256=evidence_sha256,
        witness_name=witness_name,
        allowed=consent_methods(kiosk),
    )


def file_for_resident(
    kiosk: KioskRuntime,
    *,
    helper: SignedInHelper,
    consent: Consent,
    service_code: str,
    answers: Mapping[str, str],
    service_version: int | None = None,
    attachments: Sequence[str] = (),
) -> SubmittedFiling:
    """Submit the resident's filing as the helper's, with the consent; nothing is written when refused."""
    with kiosk.sessions() as session:
        account = session.get(HelperAccount, helper.staff_no)
        if account is None or account.state != "active":
            raise KioskError(REVOKED.message.zh, REVOKED.message.en)
    return submit_filing(
        kiosk,
        service_code=service_code,
        answers=answers,
        service_version=service_version,
        attachments=attachments,
        assisted=AssistedBy(helper_staff_no=helper.staff_no, helper_name=helper.name, consent=consent),
    )
