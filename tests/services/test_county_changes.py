"""What the county publishes reaches the kiosk through a pull: catalog, statuses, config, revoked vouchers,
village helpers."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import AuditEntry, Filing, HelperAccount
from kiosk.domain.errors import KioskError
from kiosk.resources import SAMPLE_CATALOG
from kiosk.services.county_changes import CountyChanges
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import service_for_form, submit_filing
from kiosk.services.lookup import VoucherRevoked, lookup_by_voucher
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import SyncRoundReport, intervals_for, read_link, run_full_round
from kiosk.settings import load_settings
from sync.protocol import FilingStatusChange, HelperChange
from tests.sync.county_helpers import SITE, County

SAMPLE: dict[str, Any] = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))


def _sync(kiosk: KioskRuntime) -> SyncRoundReport:
    report = run_full_round(kiosk)
    assert report.ok, report.error
    return report


def _publish(county: County, tmp_path: Path, document: dict[str, Any]) -> None:
    path = tmp_path / f"catalog-{document['catalog_version']}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    county.cli("publish-catalog", str(path))


def _with_new_version(code: str, *, catalog_version: str, name_zh: str) -> dict[str, Any]:
    document = copy.deepcopy(SAMPLE)
    document["catalog_version"] = catalog_version
    document["sample"] = False
    service = next(s for s in document["services"] if s["code"] == code)
    service["version"] += 1
    service["name"]["zh"] = name_zh
    return document


def _file(kiosk: KioskRuntime, code: str, *, version: int | None = None) -> str:
    service = service_for_form(kiosk, code=code, version=version)
    return submit_filing(
        kiosk, service_code=code, service_version=version, answers=demo_answers(service)
    ).filing_id


def _versions(kiosk: KioskRuntime) -> dict[str, int]:
    with kiosk.sessions() as session:
        return dict(session.execute(select(Filing.id, Filing.service_version)).tuples().all())


def test_a_new_service_version_is_used_by_new_forms_while_an_open_form_keeps_its_own(
    enrolled: KioskRuntime, county: County, tmp_path: Path
) -> None:
    kiosk = enrolled
    code = kiosk.catalog.services[0].code
    opened = service_for_form(kiosk, code=code)  # a citizen opens the form now
    assert opened.version == 1

    _publish(
        county, tmp_path, _with_new_version(code, catalog_version="2026.12-county.1", name_zh="新版事项")
    )
    report = _sync(kiosk)
    # The first pull brings this kiosk's own published voucher key, then the catalog.
    assert report.pull is not None and (report.pull.applied, report.pull.refused) == (2, [])
    assert kiosk.catalog.version == "2026.12-county.1"
    assert kiosk.catalog.service(code).version == 2 and kiosk.catalog.service(code).name.zh == "新版事项"

    old = _file(kiosk, code, version=opened.version)  # ...and submits after the catalog changed
    new = _file(kiosk, code)
    assert _versions(kiosk)[old] == 1 and _versions(kiosk)[new] == 2
    _sync(kiosk)
    payloads = {r["id"]: r["payload"] for r in county.records(kind="filing")}
    assert payloads[old]["service_version"] == 1 and payloads[new]["service_version"] == 2  # type: ignore[index]

    reopened = open_kiosk(load_settings())  # after a restart the county's catalog is still in use
    try:
        assert reopened.catalog.version == "2026.12-county.1"
        assert reopened.catalog.service(code).version == 2
    finally:
        reopened.close()


def test_a_bad_catalog_is_refused_changes_nothing_and_does_not_block_later_changes(
    enrolled: KioskRuntime, county: County, tmp_path: Path
) -> None:
    kiosk = enrolled
    before = kiosk.catalog.version
    filing = _file(kiosk, kiosk.catalog.services[1].code)
    _sync(kiosk)
    broken = copy.deepcopy(SAMPLE)
    broken["catalog_version"] = "2026.12-broken"
    del broken["services"][2]["form"]
    _publish(county, tmp_path, broken)
    county.cli("set-status", filing, "in_review", "--note", "正在审核")

    report = _sync(kiosk)
    assert report.pull is not None and report.pull.applied == 1
    (refused,) = report.pull.refused
    assert refused.type == "catalog" and "services[2]" in refused.en and "事项目录" in refused.zh
    assert "still using catalog" in refused.en
    assert kiosk.catalog.version == before
    with kiosk.sessions() as session:
        refusals = session.scalars(
            select(AuditEntry.detail_json).where(AuditEntry.action == "county.change_refused")
        )
        assert [json.loads(detail)["type"] for detail in refusals] == ["catalog"]
    assert lookup_by_voucher(kiosk, text=_voucher(kiosk, filing)).server_status == "in_review"

    good = _with_new_version(
        kiosk.catalog.services[0].code, catalog_version="2026.12-fixed", name_zh="修正版"
    )
    _publish(county, tmp_path, good)
    _sync(kiosk)
    assert kiosk.catalog.version == "2026.12-fixed", "a later good catalog still applies"


def test_a_catalog_that_changes_a_version_filings_were_made_with_is_refused(
    enrolled: KioskRuntime, county: County, tmp_path: Path
) -> None:
    kiosk = enrolled
    code = kiosk.catalog.services[0].code
    _file(kiosk, code)
    changed = copy.deepcopy(SAMPLE)
    changed["catalog_version"] = "2026.12-sneaky"
    changed["services"][0]["name"]["zh"] = "改了名字却没升版本"
    _publish(county, tmp_path, changed)
    report = _sync(kiosk)
    assert report.pull is not None
    (refused,) = report.pull.refused
    assert f"{code} v1" in refused.en and "new version number" in refused.en
    assert kiosk.catalog.version == SAMPLE["catalog_version"]


def _voucher(kiosk: KioskRuntime, filing_id: str) -> str:
    with kiosk.sessions() as session:
        return session.scalars(select(Filing.voucher_code).where(Filing.id == filing_id)).one()


def test_a_status_set_by_the_county_shows_in_the_lookup(enrolled: KioskRuntime, county: County) -> None:
    filing = _file(enrolled, enrolled.catalog.services[4].code)
    _sync(enrolled)
    assert lookup_by_voucher(enrolled, text=_voucher(enrolled, filing)).server_status is None
    county.cli("set-status", filing, "approved", "--note", "已办结，请携带身份证领取")
    _sync(enrolled)
    summary = lookup_by_voucher(enrolled, text=_voucher(enrolled, filing))
    assert (summary.server_status, summary.server_status_note) == ("approved", "已办结，请携带身份证领取")


def test_a_revoked_voucher_is_refused_by_the_lookup_in_both_languages(
    enrolled: KioskRuntime, county: County
) -> None:
    filing = _file(enrolled, enrolled.catalog.services[4].code)
    voucher = _voucher(enrolled, filing)
    county.cli("revoke-voucher", voucher, "--reason", "重复申请")
    _sync(enrolled)
    with pytest.raises(VoucherRevoked) as info:
        lookup_by_voucher(enrolled, text=voucher)
    assert "撤销" in info.value.zh and "重复申请" in info.value.zh and "revoked" in info.value.en
    with enrolled.sessions() as session:
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "voucher.revoked")).all()


def test_a_new_county_config_changes_intervals_and_batch_size(enrolled: KioskRuntime, county: County) -> None:
    county.cli("set-config", "push_interval_s=15", "batch_size=7")
    _sync(enrolled)
    link = read_link(enrolled)
    assert link is not None and (link.config.push_interval_s, link.config.batch_size) == (15, 7)
    assert intervals_for(enrolled).push_s == 15


def test_a_status_for_a_filing_of_another_kiosk_is_ignored(kiosk: KioskRuntime) -> None:
    filing = _file(kiosk, kiosk.catalog.services[0].code)
    with kiosk.sessions.begin() as session:
        row = session.get(Filing, filing)
        assert row is not None
        row.device_id = "another-kiosk"
        change = FilingStatusChange(
            filing_id=filing, status="approved", changed_at="2026-11-22T03:00:00+08:00"
        )
        CountyChanges(kiosk).apply_filing_status(session, change, seq=1)
        assert row.server_status is None


def test_an_unknown_version_of_a_service_is_a_clear_error(kiosk: KioskRuntime) -> None:
    with pytest.raises(KioskError) as info:
        service_for_form(kiosk, code=kiosk.catalog.services[0].code, version=99)
    assert "99" in info.value.en and "99" in info.value.zh


def _helpers(kiosk: KioskRuntime) -> dict[str, HelperAccount]:
    with kiosk.sessions() as session:
        return {row.staff_no: row for row in session.scalars(select(HelperAccount))}


def test_the_helpers_of_this_site_arrive_by_pull_and_a_revoked_one_is_marked(
    enrolled: KioskRuntime, county: County
) -> None:
    county.cli("helper", "add", "--site", SITE, "--name", "李桂兰", "--staff-no", "BB-1001")
    county.cli("helper", "add", "--site", "别的镇", "--name", "王建国", "--staff-no", "BB-2001")
    _sync(enrolled)
    helpers = _helpers(enrolled)
    assert list(helpers) == ["BB-1001"], "a helper of another site stays at the county"
    mine = helpers["BB-1001"]
    assert (mine.name, mine.state, json.loads(mine.sites_json), mine.pin_hash) == (
        "李桂兰",
        "active",
        [SITE],
        None,
    )

    county.cli("helper", "revoke", "BB-1001")
    _sync(enrolled)
    revoked = _helpers(enrolled)["BB-1001"]
    assert (revoked.state, revoked.version) == ("revoked", 2)
    with enrolled.sessions() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == "BB-1001")).all()
    assert actions == ["helper.updated", "helper.revoked"]


def _helper_change(**changes: Any) -> HelperChange:
    fields: dict[str, Any] = {
        "staff_no": "BB-1001",
        "name": "李桂兰",
        "sites": [SITE],
        "state": "active",
        "version": 2,
    }
    return HelperChange.model_validate({**fields, **changes})


def test_an_older_helper_change_changes_nothing_and_a_helper_moved_away_is_forgotten(
    enrolled: KioskRuntime,
) -> None:
    handler = CountyChanges(enrolled)
    verifier = {"n": 2**15, "r": 8, "p": 1, "salt": "A" * 22, "digest": "B" * 43}
    with enrolled.sessions.begin() as session:
        handler.apply_helper(session, _helper_change(pin_verifier=verifier), seq=10)
        handler.apply_helper(session, _helper_change(version=1, name="旧名字"), seq=11)
    kept = _helpers(enrolled)["BB-1001"]
    assert (kept.name, kept.version, kept.scrypt_n, len(kept.salt or b"")) == ("李桂兰", 2, 2**15, 16)
    with enrolled.sessions.begin() as session:
        handler.apply_helper(session, _helper_change(version=3, sites=["别的镇"]), seq=12)
    assert _helpers(enrolled) == {}, "moved to another site: no sign-in here any more"
