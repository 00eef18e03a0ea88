"""Apply what the county publishes (catalog, statuses, config, revoked vouchers, kiosk keys, village helpers)
to this kiosk.

`CountyChanges` is the `sync.pull.ChangeHandler` of the kiosk. Everything it writes happens inside the
page's transaction; the new runtime catalog is swapped in only after that transaction committed.
A catalog that does not parse, or that changes a service version filings here were made with, is refused
(`ChangeRefused`, bilingual): the kiosk keeps its catalog, and later changes still apply.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from db.audit import append_audit
from db.models import Device, Filing, HelperAccount, RevokedVoucher, VoucherKey
from kiosk.domain.catalog import Catalog, CatalogFormatError, parse_catalog
from kiosk.services.catalog_store import (
    save_county_document,
    store_catalog_versions,
    versions_in_use_that_differ,
)
from kiosk.services.runtime import KioskRuntime
from sync.protocol import (
    CountyConfig,
    DeviceKeyChange,
    FilingStatusChange,
    HelperChange,
    VoucherRevokedChange,
    load_public_key,
    voucher_key_id,
)
from sync.pull import ChangeRefused

log = logging.getLogger(__name__)

ACTOR = "county"


class CountyChanges:
    """Applies pulled changes to one kiosk's store and runtime."""

    def __init__(self, kiosk: KioskRuntime) -> None:
        self._kiosk = kiosk
        self._new_catalog: Catalog | None = None

    def _now(self) -> str:
        return self._kiosk.clock().isoformat()

    def apply_catalog(self, session: Session, document: Mapping[str, Any], *, seq: int) -> None:
        """Check and store a whole catalog document; new service versions are added, none is changed."""
        current = self._kiosk.catalog.version
        try:
            catalog = parse_catalog(document)
        except CatalogFormatError as exc:
            raise ChangeRefused(
                f"县级中心发布的事项目录有误，未采用，仍使用目录 {current}：{exc.zh}",
                f"The county's service catalog is malformed and was not used; still using catalog {current}: {exc.en}",
            ) from None
        differing = versions_in_use_that_differ(session, catalog, document)
        if differing:
            listed = ", ".join(differing[:5])
            raise ChangeRefused(
                f"县级中心发布的事项目录修改了本机已有办件所用的事项版本（{listed}），未采用；修改后的事项须使用新的版本号",
                f"The county's catalog changes service versions filings on this kiosk were made with ({listed}) "
                "and was not used; a changed service needs a new version number",
            )
        added = store_catalog_versions(session, catalog, document, now=self._now())
        save_county_document(session, document, catalog_version=catalog.version, seq=seq, now=self._now())
        append_audit(
            session,
            at=self._now(),
            actor=ACTOR,
            action="catalog.update",
            subject_id=None,
            detail={"catalog_version": catalog.version, "seq": seq, "new_versions": added},
        )
        self._new_catalog = catalog

    def apply_filing_status(self, session: Session, change: FilingStatusChange, *, seq: int) -> None:
        """Show the county's status of one of this kiosk's filings (others are ignored)."""
        filing = session.get(Filing, change.filing_id)
        if filing is None or filing.device_id != self._kiosk.device_id:
            log.info("status change %d is for a filing not on this kiosk; ignored", seq)
            return
        filing.server_status = change.status
        filing.server_status_note = change.note or None
        filing.server_status_at = change.changed_at

    def apply_config(self, session: Session, config: CountyConfig, *, seq: int) -> None:
        """Keep the county's configuration (intervals and batch size take effect after this round)."""
        device = session.get(Device, 1)
        if device is None:
            raise RuntimeError("device row missing")
        device.county_config_json = config.model_dump_json()

    def apply_voucher_revoked(self, session: Session, change: VoucherRevokedChange, *, seq: int) -> None:
        """Remember a revoked voucher so a lookup says so."""
        row = session.get(RevokedVoucher, change.voucher_code)
        if row is None:
            row = RevokedVoucher(voucher_code=change.voucher_code)
            session.add(row)
        row.reason = change.reason
        row.revoked_at = self._now()
        append_audit(
            session,
            at=self._now(),
            actor=ACTOR,
            action="voucher.revoked",
            subject_id=None,
            detail={"seq": seq},
        )

    def apply_device_key(self, session: Session, change: DeviceKeyChange, *, seq: int) -> None:
        """Keep a county kiosk's public voucher key (or its revocation) for checking scanned vouchers."""
        try:
            key_id = voucher_key_id(load_public_key(change.public_key))
        except ValueError:
            raise ChangeRefused(
                f"县级中心发布的终端密钥无效（{change.device_id}），已跳过",
                f"The county published an invalid terminal key ({change.device_id}); skipped",
            ) from None
        row = session.get(VoucherKey, change.device_id)
        if row is None:
            row = VoucherKey(device_id=change.device_id)
            session.add(row)
        row.key_id, row.public_key, row.site = key_id, change.public_key, change.site
        row.revoked, row.updated_at = change.revoked, self._now()

    def apply_helper(self, session: Session, change: HelperChange, *, seq: int) -> None:
        """Keep a helper of this kiosk's site as published (an older version than the one kept changes nothing);
        a helper no longer of this site is forgotten. This terminal's failed attempts and lock stay."""
        device = session.get(Device, 1)
        site = device.site if device is not None else None
        row = session.get(HelperAccount, change.staff_no)
        if site not in change.sites:
            if row is not None:
                session.delete(row)
                self._audit_helper(session, "helper.left_site", change, seq=seq)
            return
        if row is not None and row.version >= change.version:
            return
        verifier = change.pin_verifier
        try:
            salt, digest = (_unb64(verifier.salt), _unb64(verifier.digest)) if verifier else (None, None)
        except (binascii.Error, ValueError):
            raise ChangeRefused(
                f"县级中心发布的帮办员密码校验值无效（工号 {change.staff_no}），已跳过",
                f"The county published an invalid PIN verifier (staff number {change.staff_no}); skipped",
            ) from None
        if row is None:
            row = HelperAccount(staff_no=change.staff_no, failed_attempts=0)
            session.add(row)
        row.name, row.sites_json, row.state = (
            change.name,
            json.dumps(change.sites, ensure_ascii=False),
            change.state,
        )
        row.scrypt_n = verifier.n if verifier else None
        row.scrypt_r = verifier.r if verifier else None
        row.scrypt_p = verifier.p if verifier else None
        row.salt, row.pin_hash = salt, digest
        row.version, row.updated_at = change.version, self._now()
        self._audit_helper(
            session, "helper.revoked" if change.state == "revoked" else "helper.updated", change, seq=seq
        )

    def _audit_helper(self, session: Session, action: str, change: HelperChange, *, seq: int) -> None:
        append_audit(
            session,
            at=self._now(),
            actor=ACTOR,
            action=action,
            subject_id=change.staff_no,
            detail={"seq": seq, "version": change.version, "pin_set": change.pin_verifier is not None},
        )

    def page_committed(self) -> None:
        """Swap in the new catalog: forms opened from now on use it; open forms keep their version."""
        if self._new_catalog is not None:
            self._kiosk.catalog = self._new_catalog
            log.info("catalog %s in use", self._new_catalog.version)
            self._new_catalog = None

    def page_rolled_back(self) -> None:
        """Forget a catalog whose page did not commit."""
        self._new_catalog = None


def _unb64(text: str) -> bytes:
    """Bytes of unpadded base64url text."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
