"""Render the demo receipt as the kiosk prints it into OUT_DIR (docs/receipts): 80 mm PDF, A4 PDF and the
80 mm thermal printer's paper (ESC/POS on the simulated printer), each also as a PNG (needs pdftoppm)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from printing.demo import demo_receipt
from printing.escpos import render_receipt_escpos
from printing.pdf import render_receipt_pdf, render_receipt_pdf_a4
from printing.simulated_printer import SimulatedThermalPrinter


def _pdf_and_png(pdf_bytes: bytes, stem: Path, *, dpi: int) -> None:
    """Write STEM.pdf and STEM.png (rendered by poppler at ``dpi``)."""
    pdf = stem.with_suffix(".pdf")
    pdf.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)], check=True)
    print(stem.with_suffix(".png"))


def main(argv: list[str] | None = None) -> int:
    """Write the three renderings and print the PNG paths."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "--applicant", default="刘*䶮", help="masked name (the default needs the fallback font)"
    )
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    receipt = demo_receipt(applicant=args.applicant)
    _pdf_and_png(render_receipt_pdf(receipt), args.out_dir / "receipt-80mm", dpi=203)
    _pdf_and_png(render_receipt_pdf_a4(receipt), args.out_dir / "receipt-a4", dpi=100)
    printer = SimulatedThermalPrinter()
    printer.feed(render_receipt_escpos(receipt))
    (paper,) = printer.receipts
    print(paper.render_png(args.out_dir / "receipt-80mm-escpos.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
