"""Render a sample 80 mm receipt to OUT_DIR/receipt-80mm.pdf and .png (PNG needs poppler's pdftoppm)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from printing.pdf import render_receipt_pdf
from printing.receipt import Receipt, Row


def sample_receipt() -> Receipt:
    """Return a realistic receipt with masked applicant data and a rare (but covered) name character."""
    return Receipt(
        centre_name="青石镇便民服务中心",
        filing_number="7K3M-Q9XD-2RTP",
        service_name_zh="城乡居民基本养老保险参保登记",
        service_name_en="Enrolment in basic pension insurance for urban and rural residents",
        lines=(
            Row("申请人", "王*堃"),
            Row("身份证号", "110105********0021"),
            Row("联系电话", "139****5678"),
            Row("户籍地址", "青石镇杨柳村三组**号"),
        ),
        time=datetime(2026, 11, 22, 14, 5),
        terminal_id="QS-KIOSK-03",
        time_limit="5个工作日 / 5 working days",
        qr_payload="https://zw.example.cn/q/7K3MQ9XD2RTP",
    )


def main(argv: list[str] | None = None) -> int:
    """Write the sample PDF and, when pdftoppm is available, a 203 dpi PNG."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--width-mm", type=float, default=80.0)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = args.out_dir / f"receipt-{args.width_mm:g}mm"
    pdf = stem.with_suffix(".pdf")
    pdf.write_bytes(render_receipt_pdf(sample_receipt(), width_mm=args.width_mm))
    print(pdf)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found; PNG skipped", file=sys.stderr)
        return 0
    subprocess.run([pdftoppm, "-r", "203", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    print(stem.with_suffix(".png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
