"""Where a report may be written (issue 16): regular files only, atomically, with the umask's permissions;
never a device, FIFO, directory, symbolic link or input file; ``-``, ``/dev/stdout`` and process
substitution keep working; nothing the loader accepted makes writing fail."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archcheck.cli import main
from archcheck.cli._common import write_output
from archcheck.errors import OutputError
from tests.conftest import MINIMAL


@pytest.fixture
def model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "m.yaml"
    p.write_text(MINIMAL, encoding="utf-8")
    return p


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_new_report_gets_the_umask_permissions(model: Path, umask: None) -> None:
    assert run("m.yaml", "-o", "r.txt")[0] == 1
    assert stat.S_IMODE(Path("r.txt").stat().st_mode) == 0o644
    os.umask(0o027)
    assert run("m.yaml", "-o", "r2.txt")[0] == 1
    assert stat.S_IMODE(Path("r2.txt").stat().st_mode) == 0o640


def test_existing_report_keeps_its_mode(model: Path, umask: None) -> None:
    Path("r.txt").write_text("old", encoding="utf-8")
    Path("r.txt").chmod(0o604)
    assert run("m.yaml", "-o", "r.txt")[0] == 1
    assert stat.S_IMODE(Path("r.txt").stat().st_mode) == 0o604
    assert "Tỉnh Mẫu" in Path("r.txt").read_text(encoding="utf-8")


def test_the_input_model_is_never_overwritten(model: Path) -> None:
    code, out, err = run("m.yaml", "-o", "m.yaml")
    assert code == 2 and out == ""
    assert err == ("archcheck: error: m.yaml: is one of the input files (m.yaml); the report would overwrite it\n"
                   "  hint: write the report to another file\n")
    assert model.read_text(encoding="utf-8") == MINIMAL
    os.link("m.yaml", "hard.yaml")  # the same file under another name is still the input
    assert run("m.yaml", "-o", "hard.yaml")[0] == 2
    assert model.read_text(encoding="utf-8") == MINIMAL


def test_a_directory_is_refused(model: Path) -> None:
    Path("out").mkdir()
    code, _, err = run("m.yaml", "-o", "out")
    assert code == 2
    assert err.startswith("archcheck: error: out: is a directory, not a report file\n")
    assert Path("out").is_dir() and not any(Path("out").iterdir())


def test_a_fifo_is_refused_without_blocking(model: Path) -> None:
    os.mkfifo("pipe")
    code, _, err = run("m.yaml", "-o", "pipe")
    assert code == 2
    assert err == ("archcheck: error: pipe: is a FIFO, not a regular file; the report would not reach it\n"
                   "  hint: use `-o -` (standard output) and redirect it, e.g. `> pipe`\n")
    assert stat.S_ISFIFO(os.lstat("pipe").st_mode)
    assert leftovers(model.parent) == []


def test_a_device_node_is_refused(model: Path) -> None:
    try:
        os.mknod("null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own, in tmp_path
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    code, _, err = run("m.yaml", "-o", "null")
    assert code == 2
    assert err.startswith("archcheck: error: null: is a device, not a regular file;")
    assert stat.S_ISCHR(os.lstat("null").st_mode)  # still the device, not a file put in its place


def test_a_symbolic_link_is_refused_and_left_alone(model: Path) -> None:
    Path("real.txt").write_text("old", encoding="utf-8")
    Path("link.txt").symlink_to("real.txt")
    code, _, err = run("m.yaml", "-o", "link.txt")
    assert code == 2
    assert err == ("archcheck: error: link.txt: is a symbolic link (to real.txt); archcheck does not write "
                   "through links\n  hint: name the file the link points to, or remove the link\n")
    assert str(Path("link.txt").readlink()) == "real.txt"
    assert Path("real.txt").read_text(encoding="utf-8") == "old"


def test_dash_is_standard_output(model: Path) -> None:
    code, out, _ = run("m.yaml", "-o", "-")
    assert code == 1 and "Tỉnh Mẫu" in out
    assert not Path("-").exists()


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "archcheck", *args]


def test_dev_stdout_and_process_substitution(model: Path) -> None:
    with Path("redirected.txt").open("wb") as fh:
        done = subprocess.run(_cli("validate", "m.yaml", "-o", "/dev/stdout"), stdout=fh, check=False)
    assert done.returncode == 1
    assert "Tỉnh Mẫu" in Path("redirected.txt").read_text(encoding="utf-8")
    bash = shutil.which("bash")
    if bash is None:  # pragma: no cover - every CI image has bash
        pytest.skip("no bash for process substitution")
    cmd = " ".join(_cli("validate", "m.yaml", "-o")) + " >(wc -c > count.txt); rc=$?; wait; exit $rc"
    done = subprocess.run([bash, "-c", cmd], check=False, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    for _ in range(100):  # the substituted process may still be finishing
        if Path("count.txt").exists() and Path("count.txt").read_text(encoding="utf-8").strip():
            break
        subprocess.run(["sleep", "0.05"], check=True)
    assert int(Path("count.txt").read_text(encoding="utf-8")) == len(Path("redirected.txt").read_bytes())


def test_text_that_is_not_unicode_is_escaped_not_fatal(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    write_output("a\udce2b\n", str(target))
    assert target.read_bytes() == b"a\\udce2b\n"
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    target = tmp_path / "r.txt"
    with pytest.raises(OutputError, match="No space left on device"):
        write_output("report\n", str(target))
    assert list(tmp_path.iterdir()) == []


def test_a_report_replaces_an_old_one_atomically(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old report\n", encoding="utf-8")
    write_output("new report\n", str(target))
    assert target.read_text(encoding="utf-8") == "new report\n"
    assert leftovers(tmp_path) == []
