"""Receipt render: the demo receipt as an 80 mm PDF and as ESC/POS bytes (budgets: median 30 ms and 5 ms)."""

from __future__ import annotations

from typing import Any

from benchmarks.stats import summarise, time_calls
from printing.demo import demo_receipt
from printing.escpos import render_receipt_escpos
from printing.pdf import render_receipt_pdf, render_receipt_pdf_a4


def run(*, repeat: int = 200) -> dict[str, Any]:
    """Measure both renderers on the same receipt in the same run."""
    receipt = demo_receipt()
    pdf = summarise(time_calls(lambda: render_receipt_pdf(receipt, width_mm=80.0), repeat=repeat))
    a4 = summarise(time_calls(lambda: render_receipt_pdf_a4(receipt), repeat=repeat))
    escpos = summarise(time_calls(lambda: render_receipt_escpos(receipt), repeat=repeat))
    rare_name = demo_receipt(applicant="张𠈌")  # one line drawn as a bitmap from the fallback font
    escpos_bitmap = summarise(time_calls(lambda: render_receipt_escpos(rare_name), repeat=repeat))
    return {
        "pdf_80mm": pdf,
        "pdf_a4": a4,
        "escpos_576_dots": escpos,
        "escpos_576_dots_with_bitmap_line": escpos_bitmap,
        "escpos_bytes": len(render_receipt_escpos(receipt)),
        "budget": {"pdf_p50_ms": 30, "escpos_p50_ms": 5},
        "within_budget": pdf["p50_ms"] <= 30 and escpos["p50_ms"] <= 5,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
