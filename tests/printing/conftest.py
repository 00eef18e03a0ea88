"""Fixtures for the printing tests: a receipt factory and poppler (pdffonts, pdftotext, pdftoppm) helpers."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from printing.receipt import Receipt, Row

PAYLOAD = "https://zw.example.cn/q/7K3MQ9XD2RTP"
SERVICE_ZH = "城乡居民基本养老保险参保登记"
FILING_NUMBER = "7K3M-Q9XD-2RTP"
MASKED_ID = "110105********0021"


def base_receipt() -> Receipt:
    """Return the receipt most tests start from (masked data, a rare but covered name character 堃)."""
    return Receipt(
        centre_name="青石镇便民服务中心",
        filing_number=FILING_NUMBER,
        service_name_zh=SERVICE_ZH,
        service_name_en="Enrolment in basic pension insurance",
        lines=(
            Row("申请人", "张*堃"),
            Row("身份证号", MASKED_ID),
            Row("联系电话", "139****5678"),
        ),
        time=datetime(2026, 11, 22, 14, 5),
        terminal_id="QS-KIOSK-03",
        time_limit="5个工作日 / 5 working days",
        qr_payload=PAYLOAD,
    )


@pytest.fixture
def make_receipt() -> Callable[..., Receipt]:
    """Build a receipt from base_receipt() with some fields replaced."""

    def make(**changes: Any) -> Receipt:
        return dataclasses.replace(base_receipt(), **changes)

    return make


class Poppler:
    """Thin wrappers over the poppler-utils command-line tools."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        for tool in ("pdffonts", "pdftotext", "pdftoppm", "pdfinfo", "pdfimages"):
            if shutil.which(tool) is None:
                pytest.fail(f"{tool} not found: install poppler-utils (scripts/setup.sh)")

    def write(self, pdf: bytes, name: str = "receipt") -> Path:
        path = self.workdir / f"{name}.pdf"
        path.write_bytes(pdf)
        return path

    @staticmethod
    def run(*args: str) -> str:
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    def fonts(self, pdf: Path) -> list[dict[str, str]]:
        """Return pdffonts rows as dicts with name, type, emb, sub, uni."""
        lines = self.run("pdffonts", str(pdf)).splitlines()[2:]
        rows = []
        for line in lines:
            cells = line.split()
            rows.append({"name": cells[0], "emb": cells[-5], "sub": cells[-4], "uni": cells[-3]})
        return rows

    def text(self, pdf: Path) -> str:
        return self.run("pdftotext", "-enc", "UTF-8", str(pdf), "-")

    def page_size_pt(self, pdf: Path) -> tuple[float, float]:
        match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", self.run("pdfinfo", str(pdf)))
        assert match, "pdfinfo printed no page size"
        return float(match[1]), float(match[2])

    def images(self, pdf: Path) -> list[str]:
        return self.run("pdfimages", "-list", str(pdf)).splitlines()[2:]

    def word_boxes(self, pdf: Path) -> list[tuple[str, float, float, float, float]]:
        """Return (word, xMin, yMin, xMax, yMax) in points from pdftotext -bbox."""
        html = self.run("pdftotext", "-bbox", str(pdf), "-")
        pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
        return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)]

    def png(self, pdf: Path, *, dpi: int = 203) -> Image.Image:
        stem = pdf.with_suffix("")
        self.run("pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem))
        with Image.open(stem.with_suffix(".png")) as image:
            return image.convert("RGB")


@pytest.fixture
def poppler(tmp_path: Path) -> Poppler:
    """Poppler helpers working in tmp_path; fail (not skip) when poppler-utils is missing."""
    return Poppler(tmp_path)
