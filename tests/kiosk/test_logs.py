"""The rotating log masks ID and phone numbers."""

import logging
from pathlib import Path

from kiosk.logs import configure_logging, redact


def test_redact_masks_ids_and_mobiles_but_not_other_numbers() -> None:
    line = redact("id 11010519491231002X phone 13812345678 order 12345")
    assert "19491231" not in line and "13812345678" not in line
    assert "110***********002X" in line and "138****5678" in line
    assert "order 12345" in line


def test_redact_masks_numbers_grouped_as_the_form_shows_them() -> None:
    line = redact("answers {'id': '110105 19491231 002X', 'phone': '138 1234 5678'} at 2026-12-07 15:40:12")
    assert "19491231" not in line and "1234 5678" not in line
    assert "110***********002X" in line and "138****5678" in line
    assert "2026-12-07 15:40:12" in line


def test_log_file_rotates_and_is_redacted(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "kiosk.log"
    handler = configure_logging(log_path=path, level="INFO", max_bytes=2000, backups=2)
    try:
        for n in range(100):
            logging.getLogger("t").info("attempt %d for 11010519491231002X", n)
        handler.flush()
        text = "".join(p.read_text("utf-8") for p in path.parent.glob("kiosk.log*"))
        assert "attempt 99" in text
        assert "11010519491231002X" not in text
        assert len(list(path.parent.glob("kiosk.log*"))) == 3
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
