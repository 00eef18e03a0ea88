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


def test_the_centre_phone_ships_unset_and_a_real_number_is_kept_as_written(tmp_path: Path) -> None:
    assert load_settings({"BIANMIN_DATA_DIR": str(tmp_path)}).help_phone == ""
    (tmp_path / "settings.toml").write_text('help_phone = " 0571-8888 1234 "\n', "utf-8")
    assert load_settings({"BIANMIN_DATA_DIR": str(tmp_path)}).help_phone == "0571-8888 1234"
    env = {"BIANMIN_DATA_DIR": str(tmp_path), "BIANMIN_HELP_PHONE": "12345"}
    assert load_settings(env).help_phone == "12345"


@pytest.mark.parametrize("phone", ["0000-0000000", "88881234", "电话待定", "0571-888"])
def test_a_bad_centre_phone_is_refused_at_start_in_both_languages_and_the_file_is_untouched(
    tmp_path: Path, phone: str
) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(f'help_phone = "{phone}"\n', "utf-8")
    with pytest.raises(KioskError) as info:
        load_settings({"BIANMIN_DATA_DIR": str(tmp_path)})
    assert "help_phone" in info.value.zh and "help_phone" in info.value.en
    assert repr(phone) in info.value.zh and "area code" in info.value.en and "区号" in info.value.zh
    assert settings_file.read_text("utf-8") == f'help_phone = "{phone}"\n'
