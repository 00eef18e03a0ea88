"""The kiosk's Qt translations: `python -m kiosk.ui.translations_tool update|build|check`.

`update` refreshes resources/i18n/kiosk_<lang>.ts from the QML (lupdate, unused strings dropped) and gives
every new English message its source text; `build` compiles the .ts files into .qm (setup runs it, the
.qm files are not committed), with a word joiner inside each Chinese word of the zh_CN translations so that
a wrapped line never breaks inside one (kiosk.domain.zh_words; the .ts files stay as written); `check` lists what blocks a release: untranslated or unfinished messages.
English is the source language, so kiosk_en.ts matters for plural forms ("%n second(s)").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.resources import I18N_DIR, QML_DIR

LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "en"


def ts_file(language: str) -> Path:
    """The translation source of ``language``."""
    return I18N_DIR / f"kiosk_{language}.ts"


def qm_file(language: str) -> Path:
    """The compiled translation of ``language`` that the kiosk loads."""
    return I18N_DIR / f"kiosk_{language}.qm"


def qt_tool(name: str) -> str:
    """Path of a PySide6 tool (pyside6-lupdate, pyside6-lrelease) beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} is missing; run `make setup`")
    return found


def run_lupdate(language: str, ts_path: Path) -> None:
    """Extract the QML strings of every page into ``ts_path`` (existing translations kept, unused dropped)."""
    qml_files = sorted(str(path) for path in QML_DIR.glob("*.qml"))
    subprocess.run(
        [
            qt_tool("pyside6-lupdate"),
            *qml_files,
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            language,
            "-ts",
            str(ts_path),
        ],
        check=True,
        capture_output=True,
    )


def fill_english(ts_path: Path) -> int:
    """Give every unfinished non-plural message of an English .ts its source text; returns how many."""
    tree = ET.parse(ts_path)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished" or message.get("numerus") == "yes":
            continue
        translation.text = message.findtext("source")
        del translation.attrib["type"]
        filled += 1
    if filled:
        tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled


def update() -> None:
    """Refresh both .ts files from the QML; English messages start as their source text."""
    for language in LANGUAGES:
        path = ts_file(language)
        run_lupdate(language, path)
        if language == SOURCE_LANGUAGE and fill_english(path):
            run_lupdate(language, path)  # back to lupdate's own layout


def keep_words_in(ts_path: Path, out_path: Path) -> None:
    """Write ``ts_path`` to ``out_path`` with word joiners inside the Chinese words of every translation."""
    from kiosk.domain.zh_words import keep_words
    from kiosk.services.zh_lexicon import lexicon

    words = lexicon()  # always the whole lexicon: the same .qm whatever this process has loaded before
    tree = ET.parse(ts_path)
    for translation in tree.getroot().iter("translation"):
        for form in translation.findall("numerusform") or [translation]:
            if form.text:
                form.text = keep_words(form.text, words)
    tree.write(out_path, encoding="utf-8", xml_declaration=True)


def build(out_dir: Path = I18N_DIR) -> list[Path]:
    """Compile every .ts into a .qm in ``out_dir`` (Chinese words kept whole on a line)."""
    built = []
    with tempfile.TemporaryDirectory(prefix="bianmin-ts-") as scratch:
        for language in LANGUAGES:
            source = ts_file(language)
            if language.startswith("zh"):
                source = Path(scratch) / source.name
                keep_words_in(ts_file(language), source)
            target = out_dir / qm_file(language).name
            subprocess.run(
                [qt_tool("pyside6-lrelease"), str(source), "-qm", str(target)],
                check=True,
                capture_output=True,
            )
            built.append(target)
    return built


def untranslated(ts_path: Path) -> list[str]:
    """Source texts of ``ts_path`` whose translation is missing, empty or marked unfinished."""
    problems = []
    for message in ET.parse(ts_path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") is not None:
            problems.append(source)
            continue
        forms = [form.text for form in translation.findall("numerusform")] or [translation.text]
        if not all(forms):
            problems.append(source)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run one command: update, build or check."""
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    if command == "update":
        update()
    elif command == "build":
        for path in build():
            print(path)
    elif command == "check":
        missing = {language: untranslated(ts_file(language)) for language in LANGUAGES}
        for language, sources in missing.items():
            for source in sources:
                print(f"{language}: untranslated: {source}")
        return 1 if any(missing.values()) else 0
    else:
        print("usage: python -m kiosk.ui.translations_tool update|build|check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
