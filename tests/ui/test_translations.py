"""Every UI string goes through Qt's translation system: translated in zh_CN and en, none unused, none bare."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kiosk.resources import QML_DIR
from kiosk.ui.translations_tool import LANGUAGES, build, qm_file, run_lupdate, ts_file, untranslated

# Properties whose value a person reads on screen.
_SHOWN_PROPERTY = re.compile(r"^\s*(text|title|placeholderText|label|description)\s*:\s*(?P<value>.+)$")
_TRANSLATED_CALL = re.compile(r'qsTr\("(?:[^"\\]|\\.)*"(?:\s*,\s*"(?:[^"\\]|\\.)*")?')
_STRING_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
# Literals allowed on screen untranslated: language names are shown in their own language, language
# codes are compared, not shown, the voucher code's shape is the same in every language, and so is the
# X key of the ID-number keypad (the check character). Punctuation and spacing need no translation either.
_ALLOWED_LITERALS = frozenset({"English", "中文", "zh_CN", "en", "XXXX-XXXX-XXXX", "X"})


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    path = ts_file(language)
    assert path.read_text("utf-8").count("<message") >= 40
    assert untranslated(path) == [], "translate them, then run scripts/update-translations.sh"


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_file_holds_exactly_the_strings_of_the_qml(tmp_path: Path, language: str) -> None:
    """A new string not yet in the .ts, or a .ts string no page uses any more, both fail here."""
    copy = tmp_path / ts_file(language).name
    shutil.copy(ts_file(language), copy)
    run_lupdate(language, copy)
    assert copy.read_text("utf-8") == ts_file(language).read_text("utf-8"), (
        "run scripts/update-translations.sh"
    )


def test_english_plurals_have_a_singular_and_a_plural() -> None:
    text = ts_file("en").read_text("utf-8")
    assert 'numerus="yes"' in text
    assert "in %n second." in text and "in %n seconds." in text


def test_setup_built_the_qm_files_from_the_current_sources(tmp_path: Path) -> None:
    for compiled in build(tmp_path):
        shipped = qm_file(compiled.stem.removeprefix("kiosk_"))
        assert shipped.exists(), "make setup builds the .qm files"
        assert compiled.read_bytes() == shipped.read_bytes(), "run make setup"


def _bare_strings(qml: str) -> list[str]:
    found = []
    for line in qml.splitlines():
        match = _SHOWN_PROPERTY.match(line)
        if match is None:
            continue
        rest = _TRANSLATED_CALL.sub("", match.group("value"))
        found += [
            literal
            for literal in _STRING_LITERAL.findall(rest)
            if literal not in _ALLOWED_LITERALS and any(char.isalpha() for char in literal)
        ]
    return found


def test_no_page_shows_a_string_outside_the_translation_system() -> None:
    bare = {path.name: _bare_strings(path.read_text("utf-8")) for path in sorted(QML_DIR.glob("*.qml"))}
    assert {name: found for name, found in bare.items() if found} == {}


def test_the_bare_string_check_sees_a_bare_string() -> None:
    assert _bare_strings('    text: "Submit"\n    title: qsTr("Done")\n') == ["Submit"]
    assert _bare_strings('    text: vm.language === "zh_CN" ? "English" : "中文"\n') == []
