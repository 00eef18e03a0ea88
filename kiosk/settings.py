"""Every kiosk setting, declared once with type, default and description; read from TOML and BIANMIN_* env."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.domain.errors import KioskError
from kiosk.domain.office_hours import parse_office_hours
from kiosk.domain.service_phone import check_service_phone
from printing.backends.errors import PrinterSettingError
from printing.backends.spec import check_printer_charset, parse_printer_setting

ENV_PREFIX = "BIANMIN_"
SETTINGS_FILE_NAME = "settings.toml"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """The declaration of one setting."""

    name: str
    type: type
    default: Any
    description: str


TERMINAL_ROLES = ("kiosk", "helper_laptop")

SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "terminal_role",
        str,
        "kiosk",
        'What this terminal is: "kiosk" (a citizen terminal, full screen and locked down) or "helper_laptop" '
        "(a village helper's laptop for home visits: windowed, helper sign-in first, receipts saved as PDF, "
        "residents' data sealed to the county and readable here only with a helper's PIN).",
    ),
    SettingSpec(
        "centre_name", str, "示例乡镇便民服务中心", "Name of the service centre printed on receipts."
    ),
    SettingSpec("terminal_name", str, "自助终端 01", "Human name of this terminal, printed on receipts."),
    SettingSpec(
        "server_url",
        str,
        "",
        "County server URL `kiosk-admin enrol` uses when --server is not given (enrolment stores its own).",
    ),
    SettingSpec(
        "sync_batch_size", int, 100, "Most records per push request (the county config may ask for fewer)."
    ),
    SettingSpec("sync_connect_timeout_s", float, 3.0, "Connect timeout of one sync request, seconds."),
    SettingSpec("sync_read_timeout_s", float, 15.0, "Read timeout of one sync request, seconds."),
    SettingSpec(
        "sync_request_deadline_s",
        float,
        30.0,
        "Longest one sync request may take (connect, send, the whole answer), seconds, plus the time its body "
        "and answer need at sync_slowest_link_bytes_per_s: a link that stops moving fails, a slow one finishes.",
    ),
    SettingSpec(
        "sync_slowest_link_bytes_per_s",
        float,
        2048.0,
        "Slowest link a sync request must still get through, bytes per second (2 KB/s: a poor 2G signal).",
    ),
    SettingSpec(
        "sync_probe_interval_s", float, 10.0, "Seconds between connectivity checks of the county server."
    ),
    SettingSpec("sync_probe_timeout_s", float, 2.0, "Timeout of one connectivity check, seconds."),
    SettingSpec("catalog_file", str, "", "Service catalog JSON; empty uses the built-in sample catalog."),
    SettingSpec(
        "log_level", str, "INFO", "Log level of the rotating log file (DEBUG, INFO, WARNING, ERROR)."
    ),
    SettingSpec("log_max_bytes", int, 2_000_000, "Size at which the log file rotates."),
    SettingSpec("log_backups", int, 5, "How many rotated log files are kept."),
    SettingSpec("language", str, "zh_CN", "UI language at start: zh_CN or en."),
    SettingSpec(
        "idle_timeout_s", int, 120, "Seconds without a touch before the wipe warning (elder mode: twice)."
    ),
    SettingSpec(
        "idle_warning_s", int, 30, "Seconds the wipe warning counts down, at least 20 (elder mode: twice)."
    ),
    SettingSpec(
        "scanner_camera",
        str,
        "none",
        'Camera that scans vouchers: "none", "qt" (the default camera) or "simulated:<folder of images>".',
    ),
    SettingSpec("qr_reader", str, "zxing", 'QR decoder for camera frames: "zxing" or "pyzbar".'),
    SettingSpec(
        "document_camera",
        str,
        "simulated",
        'SAMPLE default: camera that photographs documents for photo fields: "simulated" (shipped sample '
        'pictures), "simulated:<folder of images>", "qt" (the default camera; set this on a real terminal) '
        'or "none" (photo fields say to bring the papers to the counter).',
    ),
    SettingSpec(
        "township_places",
        str,
        "幸福村,和平村,长江村,新华村,城关社区,南街社区",
        "SAMPLE default: the villages and communities (村/社区) of this township, comma-separated, offered "
        "as buttons in address fields; empty: the place is typed on the keyboard.",
    ),
    SettingSpec(
        "township_area",
        str,
        "示例县示例镇",
        "SAMPLE default: the county and township of this centre (e.g. 某某县某某镇), up to 30 characters: the "
        "fixed start of every address answered here (the place from township_places follows); empty: none.",
    ),
    SettingSpec(
        "printer",
        str,
        "file",
        "Receipt printer: file[:DIR] (80 mm PDFs; default <data dir>/printed), file-escpos[:DIR], simulated, "
        "cups:QUEUE, cups-a4:QUEUE, escpos-tcp:HOST[:PORT], escpos-serial:DEVICE[:BAUD], escpos-usb[:DEVICE].",
    ),
    SettingSpec(
        "printer_width_dots",
        int,
        576,
        "Printable width of the thermal printer in dots (576: 80 mm, 384: 58 mm).",
    ),
    SettingSpec(
        "printer_charset",
        str,
        "GBK",
        "Character set of the thermal printer's Chinese font: GB2312, GBK, GB18030.",
    ),
    SettingSpec(
        "printer_timeout_s", float, 5.0, "Connect and answer timeout of one exchange with the printer, s."
    ),
    SettingSpec(
        "print_retry_max_attempts", int, 5, "Attempts before a print job is abandoned (it stays reprintable)."
    ),
    SettingSpec(
        "print_retry_base_s", float, 15.0, "Wait before the first retry of a failed print job, s (doubles)."
    ),
    SettingSpec("print_retry_max_s", float, 120.0, "Longest wait between two attempts of a print job, s."),
    SettingSpec(
        "help_phone",
        str,
        "",
        "The service centre's phone number, given by the help (求助) screen and printed on receipts: a landline "
        "with its area code (0571-88881234), a hotline such as 12345, a 400 number or a mobile. Empty (the "
        "default): screen and receipt ask citizens to turn to the staff, never a made-up number.",
    ),
    SettingSpec(
        "help_office_hours",
        str,
        "1-5 08:30-12:00,14:00-17:30",
        "When staff are at work, e.g. 1-5 08:30-12:00,14:00-17:30 (ISO weekdays 1 = Monday, local times); "
        "the help screen says what happens next from it.",
    ),
    SettingSpec(
        "technician_lockout_minutes",
        int,
        15,
        "Minutes the technician PIN stays locked after 5 wrong PINs in a row (1 to 1440).",
    ),
    SettingSpec(
        "helper_lockout_minutes",
        int,
        30,
        "Minutes a village helper stays locked on this terminal after 5 wrong PINs in a row (1 to 1440).",
    ),
    SettingSpec(
        "helper_lock_minutes",
        int,
        5,
        "Minutes without a touch before a signed-in helper's screen locks (PIN to unlock, work kept; 1 to 60).",
    ),
    SettingSpec(
        "draft_days",
        int,
        7,
        "Days a helper's unfinished assisted filing (draft) is kept before it is wiped with its photos (1 to 90).",
    ),
    SettingSpec(
        "helper_session_hours",
        int,
        8,
        "Hours after sign-in when a helper's session ends and is wiped (1 to 24).",
    ),
)
_SPEC_BY_NAME = {spec.name: spec for spec in SPECS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings of one kiosk run."""

    data_dir: Path
    terminal_role: str
    centre_name: str
    terminal_name: str
    server_url: str
    sync_batch_size: int
    sync_connect_timeout_s: float
    sync_read_timeout_s: float
    sync_request_deadline_s: float
    sync_slowest_link_bytes_per_s: float
    sync_probe_interval_s: float
    sync_probe_timeout_s: float
    catalog_file: str
    log_level: str
    log_max_bytes: int
    log_backups: int
    language: str
    idle_timeout_s: int
    idle_warning_s: int
    scanner_camera: str
    qr_reader: str
    document_camera: str
    township_places: str
    township_area: str
    printer: str
    printer_width_dots: int
    printer_charset: str
    printer_timeout_s: float
    print_retry_max_attempts: int
    print_retry_base_s: float
    print_retry_max_s: float
    help_phone: str
    help_office_hours: str
    technician_lockout_minutes: int
    helper_lockout_minutes: int
    helper_lock_minutes: int
    helper_session_hours: int
    draft_days: int

    @property
    def is_helper_laptop(self) -> bool:
        """True on a village helper's laptop (terminal_role "helper_laptop")."""
        return self.terminal_role == "helper_laptop"

    @property
    def laptop_key_wraps_path(self) -> Path:
        """On a helper laptop: each helper's data key, wrapped under a key derived from their PIN."""
        return self.data_dir / "keys" / "helper-key-wraps.json"

    @property
    def database_path(self) -> Path:
        """The local SQLite file."""
        return self.data_dir / "kiosk.db"

    @property
    def key_path(self) -> Path:
        """The file holding the PII encryption key (outside the database)."""
        return self.data_dir / "keys" / "pii.key"

    @property
    def device_key_path(self) -> Path:
        """The device's Ed25519 private key (made at enrolment, never sent, never in the database)."""
        return self.data_dir / "keys" / "device.key"

    @property
    def attachments_dir(self) -> Path:
        """Where attached files are kept, named by their SHA-256."""
        return self.data_dir / "attachments"

    @property
    def log_path(self) -> Path:
        """The rotating log file."""
        return self.data_dir / "logs" / "kiosk.log"

    @property
    def receipts_dir(self) -> Path:
        """Where rendered receipt PDFs are kept for reprint."""
        return self.data_dir / "receipts"


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """The platform data directory, or BIANMIN_DATA_DIR when set."""
    override = environ.get(f"{ENV_PREFIX}DATA_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("bianmin-kiosk", appauthor=False))


def _bad_setting(name: str, raw: object, source: str) -> KioskError:
    spec = _SPEC_BY_NAME[name]
    return KioskError(
        f"配置项 {name} 的值无效（来自 {source}）：{raw!r}，应为 {spec.type.__name__}",
        f"Setting {name} has an invalid value (from {source}): {raw!r}; expected {spec.type.__name__}",
    )


def _coerce(name: str, raw: object, source: str) -> Any:
    spec = _SPEC_BY_NAME[name]
    if spec.type is str:
        if isinstance(raw, str):
            return raw
        raise _bad_setting(name, raw, source)
    if isinstance(raw, bool):
        raise _bad_setting(name, raw, source)
    if isinstance(raw, str):
        try:
            return spec.type(raw.strip())
        except ValueError:
            raise _bad_setting(name, raw, source) from None
    if spec.type is int and isinstance(raw, int):
        return raw
    if spec.type is float and isinstance(raw, int | float):
        return float(raw)
    raise _bad_setting(name, raw, source)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KioskError(
            f"配置文件 {path} 格式错误：{exc}",
            f"The settings file {path} is not valid TOML: {exc}",
        ) from None
    unknown = sorted(set(data) - set(_SPEC_BY_NAME))
    if unknown:
        raise KioskError(
            f"配置文件 {path} 含有未知配置项：{', '.join(unknown)}",
            f"The settings file {path} has unknown settings: {', '.join(unknown)}",
        )
    return data


def _check_terminal_role(values: dict[str, Any]) -> None:
    role = values["terminal_role"].strip()
    if role not in TERMINAL_ROLES:
        raise KioskError(
            f"terminal_role 的值 {values['terminal_role']!r} 无效：应为 kiosk（群众自助终端）或 helper_laptop"
            "（帮办员上门办笔记本）",
            f"terminal_role {values['terminal_role']!r} is invalid: it must be kiosk (a citizen terminal) or "
            "helper_laptop (a village helper's laptop for home visits)",
        )
    values["terminal_role"] = role


def _check_ranges(values: dict[str, Any]) -> None:
    _check_terminal_role(values)
    if values["sync_batch_size"] < 1 or values["sync_batch_size"] > 500:
        raise KioskError("sync_batch_size 应在 1 到 500 之间", "sync_batch_size must be between 1 and 500")
    if values["log_level"].upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise KioskError("log_level 无效", "log_level must be DEBUG, INFO, WARNING or ERROR")
    if values["language"] not in {"zh_CN", "en"}:
        raise KioskError("language 应为 zh_CN 或 en", "language must be zh_CN or en")
    _check_sync(values)
    if not 2 <= values["idle_timeout_s"] <= 3600:
        raise KioskError(
            "idle_timeout_s 应在 2 到 3600 秒之间", "idle_timeout_s must be between 2 and 3600 s"
        )
    if not 20 <= values["idle_warning_s"] <= 300:
        raise KioskError(
            "idle_warning_s 应在 20 到 300 秒之间", "idle_warning_s must be between 20 and 300 s"
        )
    camera = values["scanner_camera"]
    if camera not in {"none", "qt"} and not (camera.startswith("simulated:") and camera[len("simulated:") :]):
        raise KioskError(
            "scanner_camera 应为 none、qt 或 simulated:<图片文件夹>",
            "scanner_camera must be none, qt or simulated:<image folder>",
        )
    _check_document_camera_and_places(values)
    if values["qr_reader"] not in {"zxing", "pyzbar"}:
        raise KioskError("qr_reader 应为 zxing 或 pyzbar", "qr_reader must be zxing or pyzbar")
    url = values["server_url"]
    if url and not url.startswith(("http://", "https://")):
        raise KioskError(
            "server_url 应以 http:// 或 https:// 开头", "server_url must start with http:// or https://"
        )


def _check_sync(values: dict[str, Any]) -> None:
    """The sync intervals, timeouts and deadline are within sensible bounds."""
    if not 1.0 <= values["sync_probe_interval_s"] <= 3600:
        raise KioskError(
            "sync_probe_interval_s 应在 1 到 3600 秒之间",
            "sync_probe_interval_s must be between 1 and 3600 s",
        )
    for name in ("sync_connect_timeout_s", "sync_read_timeout_s", "sync_probe_timeout_s"):
        if not 0.1 <= values[name] <= 300:
            raise KioskError(f"{name} 应在 0.1 到 300 秒之间", f"{name} must be between 0.1 and 300 s")
    if not 1 <= values["sync_request_deadline_s"] <= 3600:
        raise KioskError(
            "sync_request_deadline_s 应在 1 到 3600 秒之间",
            "sync_request_deadline_s must be between 1 and 3600 s",
        )
    if not 100 <= values["sync_slowest_link_bytes_per_s"] <= 100_000_000:
        raise KioskError(
            "sync_slowest_link_bytes_per_s 应在 100 到 100000000 之间",
            "sync_slowest_link_bytes_per_s must be between 100 and 100000000",
        )


def _check_document_camera_and_places(values: dict[str, Any]) -> None:
    camera = values["document_camera"]
    if camera not in {"none", "qt", "simulated"} and not (
        camera.startswith("simulated:") and camera[len("simulated:") :]
    ):
        raise KioskError(
            "document_camera 应为 none、qt、simulated 或 simulated:<图片文件夹>",
            "document_camera must be none, qt, simulated or simulated:<image folder>",
        )
    places = [place.strip() for place in values["township_places"].split(",")]
    if values["township_places"].strip() and (
        len(places) > 40 or any(not place or len(place) > 20 for place in places)
    ):
        raise KioskError(
            "township_places 应为逗号分隔的村（社区）名称，最多 40 个，每个 1 到 20 个字",
            "township_places must be up to 40 comma-separated village names of 1 to 20 characters",
        )
    area = values["township_area"].strip()
    if len(area) > 30 or not area.isprintable():
        raise KioskError(
            "township_area 应为本中心所在的县和乡镇名称，最多 30 个字，不含换行",
            "township_area must be the county and township of this centre, up to 30 characters, one line",
        )
    values["township_area"] = area


def _check_printer(values: dict[str, Any]) -> None:
    try:
        parse_printer_setting(values["printer"])
        values["printer_charset"] = check_printer_charset(values["printer_charset"])
    except PrinterSettingError as exc:
        raise KioskError(exc.zh, exc.en) from None
    width = values["printer_width_dots"]
    if not 384 <= width <= 1024 or width % 8:
        raise KioskError(
            "printer_width_dots 应为 384 到 1024 之间 8 的倍数",
            "printer_width_dots must be a multiple of 8 between 384 and 1024",
        )
    if not 0.1 <= values["printer_timeout_s"] <= 60:
        raise KioskError(
            "printer_timeout_s 应在 0.1 到 60 秒之间", "printer_timeout_s must be between 0.1 and 60 s"
        )
    if not 1 <= values["print_retry_max_attempts"] <= 50:
        raise KioskError(
            "print_retry_max_attempts 应在 1 到 50 之间", "print_retry_max_attempts must be between 1 and 50"
        )
    if not 1.0 <= values["print_retry_base_s"] <= values["print_retry_max_s"] <= 86400:
        raise KioskError(
            "应满足 1 ≤ print_retry_base_s ≤ print_retry_max_s ≤ 86400 秒",
            "print_retry_base_s and print_retry_max_s must satisfy 1 <= base <= max <= 86400 s",
        )


def _check_help_and_technician(values: dict[str, Any]) -> None:
    try:
        parse_office_hours(values["help_office_hours"])
    except KioskError as exc:
        raise KioskError(f"help_office_hours：{exc.zh}", f"help_office_hours: {exc.en}") from None
    phone = check_service_phone(values["help_phone"])
    if phone.error is not None:
        raise KioskError(
            f"help_phone 的值 {values['help_phone']!r} 无效：{phone.error.zh}",
            f"help_phone {values['help_phone']!r} is invalid: it {phone.error.en}",
        )
    values["help_phone"] = phone.value
    for minutes in ("technician_lockout_minutes", "helper_lockout_minutes"):
        if not 1 <= values[minutes] <= 1440:
            raise KioskError(f"{minutes} 应在 1 到 1440 之间", f"{minutes} must be between 1 and 1440")
    if not 1 <= values["helper_lock_minutes"] <= 60:
        raise KioskError(
            "helper_lock_minutes 应在 1 到 60 之间", "helper_lock_minutes must be between 1 and 60"
        )
    if not 1 <= values["draft_days"] <= 90:
        raise KioskError("draft_days 应在 1 到 90 之间", "draft_days must be between 1 and 90")
    if not 1 <= values["helper_session_hours"] <= 24:
        raise KioskError(
            "helper_session_hours 应在 1 到 24 之间", "helper_session_hours must be between 1 and 24"
        )


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then <data dir>/settings.toml, then BIANMIN_* environment variables; bad values raise."""
    env = os.environ if environ is None else environ
    data_dir = default_data_dir(env)
    values: dict[str, Any] = {spec.name: spec.default for spec in SPECS}
    settings_path = data_dir / SETTINGS_FILE_NAME
    for name, raw in _read_toml(settings_path).items():
        values[name] = _coerce(name, raw, str(settings_path))
    for spec in SPECS:
        env_name = f"{ENV_PREFIX}{spec.name.upper()}"
        if env_name in env:
            values[spec.name] = _coerce(spec.name, env[env_name], env_name)
    _check_ranges(values)
    _check_printer(values)
    _check_help_and_technician(values)
    return Settings(data_dir=data_dir, **values)


def describe_settings() -> list[tuple[str, str, str, str]]:
    """(name, type, default, description) of every setting, for docs and `kiosk-admin settings`."""
    return [(s.name, s.type.__name__, repr(s.default), s.description) for s in SPECS]


assert {f.name for f in fields(Settings)} == {"data_dir", *_SPEC_BY_NAME}, "Settings and SPECS disagree"
