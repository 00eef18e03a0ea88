"""A private CUPS scheduler with a cups-pdf queue, for tests that print through real CUPS.

`running_cups()` starts `cupsd -f` with its own ServerRoot, spool, cache, state and log folders in a temp
folder, listening only on a Unix socket in that folder (no port, nothing touches a system CUPS), adds a
cups-pdf queue and stops everything afterwards. Clients reach it with `-h SOCKET` (CupsBackend(server=…)).

Two things only root can arrange, so these tests need root (as the project's setup and CI run):
- the cups-pdf backend refuses to run unless CUPS starts it as root, and
- cups-pdf reads its configuration only from /etc/cups (compiled in): the queue's device URI
  `cups-pdf:/NAME` makes it read /etc/cups/cups-pdf-NAME.conf, which this module writes (Out = the temp
  output folder) and removes again.

Fidelity fixes for the PDF printer emulation, not for the receipt:
- The queue renders PDF to PostScript with pdftocairo (`pdftops-renderer-default`), which keeps glyph
  names (uni57CE …); Ghostscript's PostScript (the default) loses them and pdftotext would read no Chinese.
- cairo names every subset of one font the same; Ghostscript's pdfwrite then mixes their ToUnicode maps.
  cups-pdf's GSCall gets a one-line PostScript prologue giving each font its own resource name.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD_GLOB = "/usr/share/ppd/cups-pdf/CUPS-PDF*.ppd"
CUPS_PDF_CONFIG_DIR = Path("/etc/cups")
PROGRAMS = ("cupsd", "lpadmin", "lp", "lpstat", "cancel", "cupsenable", "cupsdisable")
START_TIMEOUT_S = 30.0
OUTPUT_TIMEOUT_S = 60.0
_UNIQUE_FONT_NAMES = "/definefont { dup /FontName 3 index put systemdict /definefont get exec } bind def"
_GS_CALL = (
    '%s -q -dCompatibilityLevel=%s -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile="%s" '
    f'-dAutoRotatePages=/PageByPage -c "{_UNIQUE_FONT_NAMES}" -f %s'
)


def _require_cups() -> str:
    """The cups-pdf PPD; fail (never skip) when something the setup installs is missing."""
    missing = [program for program in PROGRAMS if shutil.which(program) is None]
    if not CUPS_PDF_BACKEND.exists():
        missing.append(str(CUPS_PDF_BACKEND))
    ppds = sorted(glob.glob(CUPS_PDF_PPD_GLOB))
    if not ppds:
        missing.append(CUPS_PDF_PPD_GLOB)
    if missing:
        pytest.fail(
            f"CUPS test printer incomplete, missing {', '.join(missing)}: run scripts/setup.sh "
            "(Debian packages cups, cups-client, printer-driver-cups-pdf)"
        )
    if os.geteuid() != 0:
        pytest.fail("the CUPS tests need root: cups-pdf only runs as root and reads /etc/cups")
    noopt = [ppd for ppd in ppds if "noopt" in ppd]  # no PPD options: cups-pdf.conf decides everything
    return (noopt or ppds)[0]


@dataclass
class CupsServer:
    """A running private cupsd with one cups-pdf queue."""

    server: str
    queue: str
    output_dir: Path
    root: Path

    def run(self, *args: str) -> str:
        """Run a CUPS client against this scheduler; its output (a failure raises)."""
        program, *rest = args
        return subprocess.run(
            [program, "-h", self.server, *rest],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "LC_ALL": "C"},
        ).stdout

    def disable(self) -> None:
        """Stop the queue, as a technician (or CUPS after a device error) would."""
        self.run("cupsdisable", self.queue)

    def enable(self) -> None:
        """Start the queue again."""
        self.run("cupsenable", self.queue)

    def outputs(self) -> list[Path]:
        """The PDFs cups-pdf wrote so far, oldest first."""
        return sorted(self.output_dir.glob("*.pdf"), key=lambda path: path.stat().st_mtime_ns)

    def wait_for_outputs(self, count: int) -> list[Path]:
        """Block until cups-pdf has finished `count` PDFs (it writes each whole, then chmods it)."""
        deadline = time.monotonic() + OUTPUT_TIMEOUT_S
        while len(outputs := self.outputs()) < count:
            if time.monotonic() > deadline:
                log = (self.root / "log" / "error_log").read_text(errors="replace")[-3000:]
                raise AssertionError(f"cups-pdf wrote {len(outputs)} of {count} PDFs; CUPS log:\n{log}")
            time.sleep(0.1)
        return outputs


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _configure(root: Path, socket_path: Path) -> tuple[Path, Path]:
    for name in ("conf", "spool", "spool/tmp", "cache", "state", "log", "out", "cups-pdf-spool"):
        (root / name).mkdir(parents=True, exist_ok=True)
    files = root / "conf" / "cups-files.conf"
    _write(
        files,
        f"ServerRoot {root}/conf\nRequestRoot {root}/spool\nTempDir {root}/spool/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nAccessLog {root}/log/access_log\n"
        f"ErrorLog {root}/log/error_log\nPageLog {root}/log/page_log\n"
        # cupsd writes its list of queues here (the default is the system's /etc/printcap); cupsd 2.4.2-3+deb12u11
        # and later refuse the bare "Printcap" that older ones read as "write none".
        f"Printcap {root}/state/printcap\n"
        "SystemGroup root\nUser lp\nGroup lp\nFileDevice No\nSandboxing Relaxed\n",
    )
    conf = root / "conf" / "cupsd.conf"
    _write(
        conf,
        f"Listen {socket_path}\nLogLevel debug\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow localhost\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
    )
    return conf, files


def _write_cups_pdf_config(name: str, root: Path) -> Path:
    config = CUPS_PDF_CONFIG_DIR / f"cups-pdf-{name}.conf"
    _write(
        config,
        f"Out {root}/out\nSpool {root}/cups-pdf-spool\nLog {root}/log\nLogType 3\nGrp root\n"
        f"AnonDirName {root}/out\nGSCall {_GS_CALL}\n",
    )
    return config


def _tail(path: Path, limit: int = 3000) -> str:
    """The end of a log file, or a note that cupsd wrote none."""
    if not path.exists() or path.stat().st_size == 0:
        return "(nothing)"
    return path.read_text(errors="replace")[-limit:]


def _wait_until_scheduler_answers(server: str, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        result = subprocess.run(
            ["lpstat", "-h", server, "-r"],
            check=False,
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
        )
        if "is running" in result.stdout:
            return
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(
                f"private cupsd did not start (exit {process.poll()}):\n"
                f"cupsd's own output:\n{_tail(root / 'log' / 'cupsd.stderr')}\n"
                f"its error_log:\n{_tail(root / 'log' / 'error_log')}"
            )
        time.sleep(0.1)


@contextmanager
def running_cups() -> Iterator[CupsServer]:
    """A private cupsd on a Unix socket with a cups-pdf queue writing into a temp folder."""
    ppd = _require_cups()
    name = f"bianmin{uuid.uuid4().hex[:10]}"
    root = Path(tempfile.mkdtemp(prefix="bianmin-cups-"))
    root.chmod(0o755)  # filters run as the lp user and must reach the spool
    socket_path = root / "cups.sock"
    conf, files = _configure(root, socket_path)
    cups_pdf_config = _write_cups_pdf_config(name, root)
    with (root / "log" / "cupsd.stderr").open("wb") as stderr:
        process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(conf), "-s", str(files)], stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        server = CupsServer(server=str(socket_path), queue=name, output_dir=root / "out", root=root)
        _wait_until_scheduler_answers(server.server, process, root)
        server.run(
            "lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{name}", "-P", ppd,
            "-o", "pdftops-renderer-default=pdftocairo", "-o", "printer-error-policy=abort-job",
        )  # fmt: skip
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        cups_pdf_config.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)
