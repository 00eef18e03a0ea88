"""A realistic receipt with masked data, for demos, printer self-tests, benchmarks and sample pictures."""

from __future__ import annotations

from datetime import datetime

from printing.receipt import Receipt, Row

__all__ = ["DEMO_QR_PAYLOAD", "demo_receipt"]

DEMO_QR_PAYLOAD = (
    "BMK3:AGNI6LS4GF6UBC3OH5LEOWVHKQ."
    "6FDJMJLT4SNGWSO7PFUJZYBTVGLRYLMXB4SSAJERBAPQOFWBLOTLCSD4EZDHA3OI3RP6A35MDIMYNM4P4NH4YFFHSLLZWWIDEO47KCI"
)
"""A signed voucher (sync.protocol.vouchers) of filing 019a8f2e-5c31-7d40-8b6e-3f56475aa754, made with the
public demo key bytes(range(32)): the real size and shape, for sample pictures and benchmarks."""


def demo_receipt(*, applicant: str = "张*华") -> Receipt:
    """Return the pension-enrolment receipt of 幸福镇便民服务中心 (ID number and phone already masked)."""
    return Receipt(
        centre_name="幸福镇便民服务中心",
        filing_number="7K3M-Q9XD-2RTP",
        service_name_zh="城乡居民基本养老保险参保登记",
        service_name_en="Enrolment in basic pension insurance",
        lines=(
            Row("申请人", applicant),
            Row("身份证号", "330************123X"),
            Row("联系电话", "138****5678"),
        ),
        time=datetime(2026, 11, 22, 14, 5),
        terminal_id="XF-KIOSK-01",
        time_limit="5个工作日",
        promised_by="最迟 2026-11-27",
        qr_payload=DEMO_QR_PAYLOAD,
        department_zh="乡镇人力资源和社会保障服务所",
        department_en="Township Human Resources and Social Security Office",
        collection="办理结果以短信或电话通知，按通知到本中心窗口领取",
        collect_with="本回执和申请人身份证原件",
        contact_phone="0571-8888 1234",
    )
