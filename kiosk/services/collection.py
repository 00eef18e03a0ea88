"""How a filing's result is collected (领取方式): the citizen's choice on the form, else the service's guide."""

from __future__ import annotations

import json

from db.errors import StoreError
from db.models import Filing
from kiosk.domain.catalog import Service, Text
from kiosk.services.runtime import KioskRuntime

COLLECTION_FIELD = "pickup_method"
"""A form's choice of how the result is collected (领取方式): the choice made replaces the guide's text."""


def collection_of(kiosk: KioskRuntime, service: Service, filing: Filing) -> Text | None:
    """How the result is collected: the choice the citizen made on the form, else the guide's text."""
    field = next((f for f in service.form.fields if f.key == COLLECTION_FIELD), None)
    if field is not None:
        try:
            answers = json.loads(
                kiosk.cipher.decrypt(record_id=filing.id, field="answers", blob=filing.answers_enc)
            )
        except StoreError:  # removed by retention, or (on a laptop) another helper's: the guide's text
            answers = {}
        chosen = next((c for c in field.choices if c.value == answers.get(COLLECTION_FIELD)), None)
        if chosen is not None:
            return chosen.label
    return service.guide.collection
