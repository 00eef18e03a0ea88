"""Every UI string has a Chinese translation, and the shipped .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.resources import I18N_DIR, QML_DIR

TS_FILE = I18N_DIR / "kiosk_zh_CN.ts"
QM_FILE = I18N_DIR / "kiosk_zh_CN.qm"


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is missing"
    return found


def test_every_message_is_translated() -> None:
    messages = ET.parse(TS_FILE).getroot().findall(".//message")
    assert len(messages) >= 20
    for message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, message.findtext("source")
        assert translation.text, message.findtext("source")


def test_ts_file_is_up_to_date_with_the_qml(tmp_path: Path) -> None:
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    qml_files = sorted(str(p) for p in QML_DIR.glob("*.qml"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *qml_files,
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    assert copy.read_text("utf-8") == TS_FILE.read_text("utf-8"), "run scripts/update-translations.sh"


def test_qm_file_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "out.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run scripts/update-translations.sh"
