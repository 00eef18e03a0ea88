"""Settings: declared once, read from TOML in the data directory, overridden by BIANMIN_* variables."""

from pathlib import Path

import pytest

from kiosk.domain.errors import KioskError
from kiosk.settings import SPECS, Settings, load_settings


def test_defaults_use_the_data_dir_from_the_environment(tmp_path: Path) -> None:
    settings = load_settings({"BIANMIN_DATA_DIR": str(tmp_path)})
    assert settings.data_dir == tmp_path
    assert settings.database_path == tmp_path / "kiosk.db"
    assert settings.server_url == ""
    assert settings.sync_batch_size == 100


def test_without_override_the_platform_data_directory_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/xdg")
    assert load_settings({}).data_dir == Path("/srv/xdg/bianmin-kiosk")


def test_toml_then_environment(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        'server_url = "http://county:8700"\nsync_batch_size = 50\n', "utf-8"
    )
    env = {"BIANMIN_DATA_DIR": str(tmp_path), "BIANMIN_SYNC_BATCH_SIZE": "20"}
    settings = load_settings(env)
    assert settings.server_url == "http://county:8700"
    assert settings.sync_batch_size == 20


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("sync_batch_size = [", "not valid TOML"),
        ('sync_batch_size = "many"', "invalid value"),
        ("no_such_setting = 1", "unknown settings"),
        ("sync_batch_size = 0", "between 1 and 500"),
        ('server_url = "ftp://x"', "http://"),
        ("sync_batch_size = true", "invalid value"),
    ],
)
def test_bad_settings_file_is_refused_in_both_languages(tmp_path: Path, toml: str, fragment: str) -> None:
    (tmp_path / "settings.toml").write_text(toml, "utf-8")
    with pytest.raises(KioskError) as info:
        load_settings({"BIANMIN_DATA_DIR": str(tmp_path)})
    assert fragment in info.value.en
    assert info.value.zh and any("\u4e00" <= ch <= "\u9fff" for ch in info.value.zh)


def test_every_setting_has_a_description_and_a_field() -> None:
    assert all(spec.description for spec in SPECS)
    assert {spec.name for spec in SPECS} | {"data_dir"} == set(Settings.__dataclass_fields__)
