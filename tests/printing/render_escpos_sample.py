"""Print the demo receipt on the simulated 80 mm printer and save the paper as OUT_DIR/receipt-80mm-escpos.png."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from printing.demo import demo_receipt
from printing.escpos import render_receipt_escpos
from printing.simulated_printer import SimulatedThermalPrinter


def main(argv: list[str] | None = None) -> int:
    """Render, print on the simulated printer, write the PNG and print its path."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--width-dots", type=int, default=576)
    parser.add_argument("--applicant", default="张*华")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    printer = SimulatedThermalPrinter(printable_width_dots=args.width_dots)
    printer.feed(
        render_receipt_escpos(demo_receipt(applicant=args.applicant), printable_width_dots=args.width_dots)
    )
    (receipt,) = printer.receipts
    print(receipt.render_png(args.out_dir / "receipt-80mm-escpos.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
