"""archcheck's cache cannot be made to run code or change a verdict (issue 28, item 1).

Each test plays someone who can write the cache folder (another user, a CI cache restored from
another branch's job) against a real run: the entries are replaced, edited with their key and MAC
line kept, turned into a FIFO or a symbolic link, handed to another owner, or the folder opened to
others. The run must give the verdict the files give, run nothing, never hang, and rebuild the entry.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from archcheck.law import cache
from archcheck.law.rules import _documents_from_plain, collect_rules, rule_from_document
from tests.conftest import MODELS, ROOT

MODEL = str(MODELS / "lamdong.yaml")
VERDICT = "1 province checked: 1 error, 0 warnings, 9 info; failing on error or worse → exit 1"
"""What the files say of lamdong.yaml under framework 2.0: DOC-002 is an error."""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHCHECK_")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"),
               PYTHONPATH=str(ROOT))
    return env


def _validate(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archcheck", "validate", MODEL, "--framework", "2.0",
                           "--format", "compact"], capture_output=True, text=True, env=_env(tmp_path),
                          cwd=tmp_path, check=False, timeout=120)


def _assert_the_files_verdict(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[-1] == VERDICT
    assert "DOC-002" in done.stdout


def _entries(tmp_path: Path) -> dict[str, Path]:
    return {p.name.split("-")[0]: p for p in (tmp_path / "cache" / "archcheck").glob("*.json")}


@pytest.fixture
def warm(tmp_path: Path) -> dict[str, Path]:
    """A cache made by a first run: its entries by kind."""
    _assert_the_files_verdict(_validate(tmp_path))
    entries = _entries(tmp_path)
    assert {"rules", "frameworks", "provinces"} <= entries.keys()
    return entries


def test_an_edited_entry_that_keeps_its_key_and_mac_line_changes_no_verdict(tmp_path: Path,
                                                                           warm: dict[str, Path]) -> None:
    for kind in ("rules", "frameworks"):
        raw = warm[kind].read_bytes()
        content = raw.split(b"\n", 2)[2]
        edited = content.replace(b'"error"', b'"info"').replace(b'"default"', b'"info"')
        assert edited != content
        warm[kind].write_bytes(raw[: len(raw) - len(content)] + edited)
    # Believed, the edit would turn the error into info: the rules it holds say so.
    edited_rules = collect_rules(rule_from_document(d) for d in _documents_from_plain(
        json.loads(warm["rules"].read_bytes().split(b"\n", 2)[2])))
    assert edited_rules["DOC-002"].default_severity.value == "info"
    _assert_the_files_verdict(_validate(tmp_path))
    assert b'"error"' in _entries(tmp_path)["rules"].read_bytes()  # rebuilt from the files


def test_an_entry_replaced_by_one_with_a_mac_of_another_secret_is_not_believed(tmp_path: Path,
                                                                              warm: dict[str, Path]) -> None:
    """The attacker knows the format and the key: not the user's secret, kept outside the cache."""
    raw = warm["rules"].read_bytes()
    content = raw.split(b"\n", 2)[2].replace(b'"error"', b'"info"')
    key_digest = bytes(32)  # whatever the attacker computes, the MAC needs the secret as well
    forged = cache.FORMAT + cache.mac(os.urandom(32), "rules", key_digest, content).encode() + b"\n" + content
    warm["rules"].write_bytes(forged)
    _assert_the_files_verdict(_validate(tmp_path))


def test_a_pickle_in_place_of_any_entry_runs_nothing(tmp_path: Path, warm: dict[str, Path]) -> None:
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    bomb = pickle.dumps(Payload())
    folder = tmp_path / "cache" / "archcheck"
    for entry in warm.values():
        entry.write_bytes(bomb)
        entry.with_suffix(".pickle").write_bytes(bomb)  # where archcheck 0.1.0 kept its pickles
    _assert_the_files_verdict(_validate(tmp_path))
    assert not marker.exists()
    assert not list(folder.glob("*.pickle"))  # an old format's entries are removed, never read


def test_a_fifo_as_an_entry_does_not_hang_the_run(tmp_path: Path, warm: dict[str, Path]) -> None:
    for entry in warm.values():
        entry.unlink()
        os.mkfifo(entry)
    _assert_the_files_verdict(_validate(tmp_path))  # the timeout would fail a hang
    assert all(p.is_file() for p in _entries(tmp_path).values())  # replaced by regular entries


def test_a_symbolic_link_as_an_entry_is_not_followed(tmp_path: Path, warm: dict[str, Path]) -> None:
    """Even a link to a copy of a good entry: where an entry lives is part of trusting it."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for entry in warm.values():
        target = elsewhere / entry.name
        target.write_bytes(entry.read_bytes())
        entry.unlink()
        entry.symlink_to(target)
    _assert_the_files_verdict(_validate(tmp_path))
    assert not any(p.is_symlink() for p in (tmp_path / "cache" / "archcheck").iterdir())


def test_an_entry_of_another_owner_is_not_used(tmp_path: Path, warm: dict[str, Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    cache._secret.cache_clear()
    try:
        files = [(warm["provinces"], "x")]
        calls: list[bool] = []

        def build() -> str:
            calls.append(True)
            return "fresh"

        for owner_changed in (False, True):
            assert cache.cached("t", files, build, lambda v: v, str) == "fresh"
            (entry,) = (tmp_path / "cache" / "archcheck").glob("t-*.json")
            if owner_changed:
                os.chown(entry, 12345, 12345)
            calls.clear()
            assert cache.cached("t", files, build, lambda v: v, str) == "fresh"
            assert calls == ([True] if owner_changed else [])
    finally:
        cache._secret.cache_clear()


@pytest.mark.parametrize("how", ["other-writable", "group-writable", "foreign-owner", "symlink"])
def test_a_folder_others_may_write_is_not_used_and_said_once(tmp_path: Path, warm: dict[str, Path],
                                                             how: str) -> None:
    folder = tmp_path / "cache" / "archcheck"
    for kind in ("rules", "frameworks"):  # what it holds would change the verdict if it were believed
        warm[kind].write_bytes(b"planted")
    if how == "other-writable":
        folder.chmod(0o777)
    elif how == "group-writable":
        folder.chmod(0o770)
    elif how == "symlink":
        folder.rename(tmp_path / "real")
        folder.symlink_to(tmp_path / "real")
    else:
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(folder, 12345, 12345)
    done = _validate(tmp_path)
    _assert_the_files_verdict(done)
    notes = [line for line in done.stderr.splitlines() if line.startswith("archcheck: note:")]
    assert len(notes) == 1, done.stderr
    assert str(folder) in notes[0]
    assert notes[0].endswith("this run reads the rule files without the cache")
    assert (folder / warm["rules"].name).read_bytes() == b"planted"  # left alone: not ours to write


@pytest.mark.parametrize("how", ["other-writable", "readable-key"])
def test_a_secret_others_may_see_or_change_is_not_used(tmp_path: Path, warm: dict[str, Path], how: str) -> None:
    state = tmp_path / "state" / "archcheck"
    if how == "other-writable":
        state.chmod(0o777)
    else:
        (state / "cache.key").chmod(0o644)
    done = _validate(tmp_path)
    _assert_the_files_verdict(done)
    notes = [line for line in done.stderr.splitlines() if line.startswith("archcheck: note:")]
    assert len(notes) == 1, done.stderr


def test_an_entry_past_the_size_bound_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "a.txt"
    source.write_text("one", encoding="utf-8")
    files = [(source, "a.txt")]
    calls: list[int] = []

    def build() -> str:
        calls.append(1)
        return "x" * 1000

    cache.cached("t", files, build, lambda v: v, str)
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 500)
    assert cache.cached("t", files, build, lambda v: v, str) == "x" * 1000
    assert len(calls) == 2


def test_an_entry_load_refuses_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A MAC that verifies is not enough: the content is checked as it is rebuilt."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "a.txt"
    source.write_text("one", encoding="utf-8")
    files = [(source, "a.txt")]
    calls: list[int] = []

    def strict(plain: object) -> str:
        raise cache.BadEntry("never what dump made")

    cache.cached("t", files, lambda: calls.append(1) or "v", lambda v: v, strict)
    assert cache.cached("t", files, lambda: calls.append(1) or "v", lambda v: v, strict) == "v"
    assert len(calls) == 2


@pytest.mark.parametrize("plain", [
    None, [], {"file": "x"}, {"file": 1, "data": {}, "positions": [], "scalars": []},
    {"file": "x", "data": {}, "positions": [["a", 1]], "scalars": []},
    {"file": "x", "data": {}, "positions": [["a", True, 1]], "scalars": []},
    {"file": "x", "data": {}, "positions": [["a", 0, 1]], "scalars": []},
    {"file": "x", "data": {}, "positions": [[["a"], 1, 1]], "scalars": []},
    {"file": "x", "data": {}, "positions": ["abc"], "scalars": []},
    {"file": "x", "data": {}, "positions": [], "scalars": [["a", 1]]},
    {"file": "x", "data": {}, "positions": [], "scalars": [[]]},
])
def test_a_document_is_checked_as_it_is_rebuilt(plain: object) -> None:
    from archcheck.read.document import document_from_plain  # noqa: PLC0415

    with pytest.raises(ValueError):
        document_from_plain(plain)
