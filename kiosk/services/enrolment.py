"""Use case: enrol this kiosk with the county server using a one-time code from the county centre."""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from db.audit import append_audit
from kiosk.domain.errors import KioskError
from kiosk.services.runtime import APP_VERSION, KioskRuntime
from kiosk.services.sync_round import transport_timeouts
from sync.enrol import EnrolmentRefusedError, enrol, load_or_create_device_key, record_enrolment
from sync.errors import HaltError, RetryableError, SyncError
from sync.protocol import public_key_text
from sync.transport import Transport

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EnrolmentSummary:
    """What the technician is shown after a successful enrolment."""

    device_id: str
    site: str
    server_url: str
    county_name: str
    clock_skew_s: float


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """The county server URL without a trailing slash; plain http is allowed only on this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise KioskError(
            "县级服务器地址无效，应类似 https://county.example.cn",
            "Invalid county server address; it should look like https://county.example.cn",
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise KioskError(
            "县级服务器地址必须使用 https://（只有本机上的测试服务器可以用 http://）",
            "The county server address must use https:// (http:// only for a test server on this machine)",
        )
    return url.strip().rstrip("/")


def _explain(exc: SyncError, url: str) -> KioskError:
    if isinstance(exc, EnrolmentRefusedError | HaltError):
        return KioskError(exc.zh, exc.en)
    if isinstance(exc, RetryableError):
        return KioskError(
            f"无法连接县级服务器 {url}，请检查网络和服务器地址后重试",
            f"Cannot reach the county server at {url}; check the network and the server address, then try again",
        )
    return KioskError(
        f"县级服务器的应答无法识别，注册未完成，请稍后重试：{exc.zh}",
        f"The county server's answer was not understood; the kiosk is not enrolled, please try again: {exc.en}",
    )


def enrol_kiosk(
    kiosk: KioskRuntime, *, server_url: str, code: str, http: requests.Session | None = None
) -> EnrolmentSummary:
    """Make (or reuse) the device key, enrol with the code, store the result; problems raise KioskError."""
    url = check_server_url(server_url)
    key = load_or_create_device_key(kiosk.settings.device_key_path)
    settings = kiosk.settings
    transport = Transport(
        base_url=url,
        clock=lambda: kiosk.clock().timestamp(),
        timeouts=transport_timeouts(settings),
        session=http,
    )
    try:
        enrolment = enrol(
            transport,
            code=code,
            device_id=kiosk.device_id,
            private_key=key,
            device_name=settings.terminal_name,
            app_version=APP_VERSION,
        )
    except SyncError as exc:
        log.warning("enrolment failed: %s", exc)
        raise _explain(exc, url) from None
    finally:
        transport.close()
    now = kiosk.clock()
    skew = float(enrolment.server_time - int(now.timestamp()))
    record_enrolment(
        kiosk.sessions, enrolment, server_url=url, public_key=public_key_text(key), clock_skew_s=skew, now=now
    )
    with kiosk.sessions.begin() as session:
        append_audit(
            session,
            at=now.isoformat(),
            actor="technician",
            action="device.enrol",
            subject_id=kiosk.device_id,
            detail={"site": enrolment.site, "server_url": url},
        )
    log.info("enrolled with %s as site %s (clock skew %+.0f s)", url, enrolment.site, skew)
    return EnrolmentSummary(
        device_id=kiosk.device_id,
        site=enrolment.site,
        server_url=url,
        county_name=enrolment.config.county_name,
        clock_skew_s=skew,
    )
