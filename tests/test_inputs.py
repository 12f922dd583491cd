"""Inputs at the edges (issue 16): standard input, devices, FIFOs, huge and sparse files, memory, stage files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck import api
from archcheck.check import engine, national
from archcheck.cli import main
from archcheck.errors import LoadError
from archcheck.read import files
from tests.conftest import MINIMAL


def run(*args: str, stdin: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_dash_reads_standard_input() -> None:
    code, out, _ = run("-", stdin=MINIMAL)
    assert code == 1
    assert out.startswith("<stdin>: Tỉnh Mẫu\n")
    assert "<stdin>:6:7  DOC-002" in out


def test_standard_input_errors_are_located_as_stdin() -> None:
    code, out, err = run("-", stdin="province:\n  name: [unclosed\n")
    assert code == 2 and out == ""
    assert err.startswith("archcheck: error: <stdin>:")


def test_standard_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_CHUNK", 16)
    monkeypatch.setattr("archcheck.read.sourcemap.MAX_FILE_BYTES", 100)
    code, _, err = run("-", stdin=MINIMAL * 10)
    assert code == 2
    assert err == ("archcheck: error: <stdin>: more than 100 bytes; the limit is 100\n"
                   "  hint: split the national file into one file per province\n")


def test_a_device_is_refused_without_reading(tmp_path: Path) -> None:
    zero = tmp_path / "zero"
    try:
        os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # a /dev/zero of our own
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    code, _, err = run(str(zero))
    assert code == 2
    assert err == (f"archcheck: error: {zero}: is a device, not a model file\n"
                   "  hint: name a regular .yaml file, or pipe it in with `-`\n")


def test_a_fifo_with_no_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "m.yaml"
    os.mkfifo(fifo)
    code, _, err = run(str(fifo))
    assert code == 2
    assert err.startswith(f"archcheck: error: {fifo}:1:1: file is empty")


def test_a_sparse_file_is_refused_by_its_size_on_every_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(2 * 1024 * 1024)  # sparse: nothing is written, and nothing must be read
    monkeypatch.setattr("archcheck.read.sourcemap.MAX_FILE_BYTES", 1024 * 1024 + 1)

    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("read before the size was checked")

    monkeypatch.setattr(files, "_read_capped", no_reading)
    assert national.check_split(str(big), api.rulesets(), framework=None, as_of=None, workers=2) is None
    with pytest.raises(LoadError, match="file is 2097152 bytes; the limit is 1048577"):
        api.validate([big])


def test_a_dangling_symlink_says_so(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").symlink_to(tmp_path / "gone.yaml")
    code, _, err = run(str(tmp_path / "m.yaml"))
    assert code == 2
    assert "is a symbolic link to nothing" in err


def test_a_memory_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.yaml").write_text(MINIMAL, encoding="utf-8")

    def exhausted(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr(engine, "check_model", exhausted)
    code, out, err = run(str(tmp_path / "m.yaml"))
    assert (code, out) == (2, "")
    assert err == ("archcheck: error: out of memory while checking; nothing was written\n"
                   "  hint: check fewer files at once, or raise the memory limit (ulimit -v)\n")


def test_a_real_memory_limit_is_one_line(tmp_path: Path) -> None:
    resource = pytest.importorskip("resource")
    model = tmp_path / "m.yaml"
    # a string that fits in the file limit but not in 250 MB of address space once parsed and copied
    model.write_text(MINIMAL.replace("Tỉnh Mẫu", "x" * 60_000_000), encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (250 * 1024 * 1024, 250 * 1024 * 1024))

    done = subprocess.run([sys.executable, "-m", "archcheck", "validate", str(model)], capture_output=True,
                          text=True, preexec_fn=limit, check=False, env={**os.environ, "ARCHCHECK_WORKERS": "1"})
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("archcheck: error: ")
    assert done.stdout == ""


def test_an_unwritable_stages_file_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, "ARCHCHECK_STAGES": str(tmp_path / "missing" / "stages.json")}
    done = subprocess.run([sys.executable, "-m", "archcheck", "validate", str(tmp_path / "m.yaml")],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    assert done.stderr == (f"archcheck: warning: ARCHCHECK_STAGES: cannot write {tmp_path}/missing/stages.json: "
                           "No such file or directory\n")
