"""Tests for the pure receipt model: validation, local time and the logical blocks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from printing.receipt import (
    DEFAULT_FOOTER,
    MAX_QR_PAYLOAD,
    Field,
    Footer,
    Heading,
    QrCode,
    Receipt,
    Row,
    Rule,
    Subheading,
    format_filing_number,
)

MakeReceipt = Callable[..., Receipt]


def test_defaults_are_the_bilingual_title_and_footer(make_receipt: MakeReceipt) -> None:
    receipt = make_receipt()
    assert (receipt.title_zh, receipt.title_en) == ("收件回执", "Receipt of submission")
    assert receipt.footer == DEFAULT_FOOTER
    assert receipt.footer[:2] == (
        "本回执证明您已在本终端提交申请",
        "不代表已受理，是否受理以承办部门通知为准",
    )
    assert "在本终端扫码或到服务窗口查询办理进度" in receipt.footer


def test_receipt_is_frozen(make_receipt: MakeReceipt) -> None:
    receipt = make_receipt()
    with pytest.raises(dataclasses.FrozenInstanceError):
        receipt.qr_payload = "X"  # type: ignore[misc]


@pytest.mark.parametrize("payload", ["https://zw.example.cn/q/张三", "ＡＢＣ", "abc\u00e9", "a\nb", ""])
def test_qr_payload_must_be_printable_ascii(make_receipt: MakeReceipt, payload: str) -> None:
    with pytest.raises(ValueError, match="qr_payload"):
        make_receipt(qr_payload=payload)


def test_qr_payload_length_limit(make_receipt: MakeReceipt) -> None:
    assert make_receipt(qr_payload="A" * MAX_QR_PAYLOAD).qr_payload == "A" * 160
    with pytest.raises(ValueError, match="at most 160"):
        make_receipt(qr_payload="A" * (MAX_QR_PAYLOAD + 1))


@pytest.mark.parametrize(
    "number", ["7K3MQ9XD2RTP", "7k3m-q9xd-2rtp", "7K3M-Q9XD-2RT", "7K3M Q9XD 2RTP", "受理-Q9XD-2RTP"]
)
def test_filing_number_must_be_formatted(make_receipt: MakeReceipt, number: str) -> None:
    with pytest.raises(ValueError, match="XXXX-XXXX-XXXX"):
        make_receipt(filing_number=number)


def test_format_filing_number() -> None:
    assert format_filing_number("7k3mq9xd2rtp") == "7K3M-Q9XD-2RTP"
    assert format_filing_number("7K3M Q9XD-2RTP") == "7K3M-Q9XD-2RTP"
    for bad in ("7K3MQ9XD2RT", "7K3MQ9XD2RTPX", "7K3M_Q9XD2RT", "７K3MQ9XD2RTP"):
        with pytest.raises(ValueError):
            format_filing_number(bad)


@pytest.mark.parametrize("name", ["centre_name", "service_name_zh", "terminal_id", "time_limit"])
def test_required_texts_must_not_be_blank(make_receipt: MakeReceipt, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        make_receipt(**{name: "  "})


def test_time_must_be_a_datetime(make_receipt: MakeReceipt) -> None:
    with pytest.raises(TypeError):
        make_receipt(time="2026-11-22 14:05")


def test_lines_are_normalised_to_a_tuple_of_rows(make_receipt: MakeReceipt) -> None:
    receipt = make_receipt(lines=[Row("姓名", "张*")])
    assert receipt.lines == (Row("姓名", "张*"),)
    with pytest.raises(TypeError):
        make_receipt(lines=[("姓名", "张*")])


def test_naive_time_is_shown_as_is() -> None:
    assert _time_text(datetime(2026, 11, 22, 14, 5, 59)) == "2026-11-22 14:05"


def test_aware_time_is_shown_in_local_time() -> None:
    moment = datetime(2026, 11, 22, 6, 5, tzinfo=UTC)
    assert _time_text(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    beijing = moment.astimezone(timezone(timedelta(hours=8)))
    assert _time_text(beijing) == _time_text(moment)


def _time_text(moment: datetime) -> str:
    receipt = Receipt(
        centre_name="中心",
        filing_number="AAAA-BBBB-CCCC",
        service_name_zh="事项",
        time=moment,
        terminal_id="T1",
        time_limit="即办",
        qr_payload="X",
    )
    return receipt.time_text


def test_blocks_are_in_print_order(make_receipt: MakeReceipt) -> None:
    receipt = make_receipt(lines=(Row("申请人", "张*堃"),), footer=("页脚一", "Footer two"))
    blocks = list(receipt.blocks())
    assert blocks[:3] == [
        Subheading("青石镇便民服务中心"),
        Heading("收件回执", "Receipt of submission"),
        Rule(),
    ]
    fields = [b for b in blocks if isinstance(b, Field)]
    assert [f.label for f in fields] == ["凭证号", "办理事项", "申请人", "提交时间", "终端编号", "承诺时限"]
    assert fields[0].value == "7K3M-Q9XD-2RTP" and fields[0].emphasis
    assert (fields[1].value, fields[1].value_en) == (receipt.service_name_zh, receipt.service_name_en)
    assert fields[2] == Field("申请人", "张*堃")
    assert fields[3].value == "2026-11-22 14:05"
    assert blocks[-3:] == [
        QrCode(receipt.qr_payload, caption="7K3M-Q9XD-2RTP"),
        Footer("页脚一"),
        Footer("Footer two"),
    ]
    assert isinstance(blocks[-4], Rule)


def test_drawn_text_covers_every_block_but_not_the_payload(make_receipt: MakeReceipt) -> None:
    receipt = make_receipt()
    drawn = receipt.drawn_text()
    for expected in (
        "青石镇便民服务中心",
        "收件回执",
        "张*堃",
        "110105********0021",
        "QS-KIOSK-03",
        "5个工作日",
    ):
        assert expected in drawn
    assert receipt.footer[1] in drawn
    assert receipt.qr_payload not in drawn
