"""Kiosk ↔ county sync protocol v1 (pure: wire models, constants, request signing); see PROTOCOL.md."""

from sync.protocol.models import *  # noqa: F403
from sync.protocol.signing import *  # noqa: F403
from sync.protocol.staff_cards import *  # noqa: F403
from sync.protocol.vouchers import *  # noqa: F403
