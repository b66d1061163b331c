"""A full disk (ENOSPC) mid-write leaves the original bytes, no temp file and a clear error."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_support import temp_files

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store, StoreError

_real_write = os.write
_real_fsync = os.fsync
_real_open = os.open


def _enospc() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _write_nothing(fd: int, data: Any) -> int:
    raise _enospc()


def _write_half_then_fail(fd: int, data: Any) -> int:
    """The first write gets half the bytes onto the disk, the next one finds it full."""
    view = memoryview(data)
    if len(view) > 1:
        return _real_write(fd, view[: len(view) // 2])
    raise _enospc()


def _fsync_fails_on_temp(fd: int) -> None:
    if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
        raise _enospc()
    _real_fsync(fd)


def _cannot_create_temp(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
    if str(path).endswith(".tmp"):
        raise _enospc()
    return _real_open(path, flags, mode, **kw)


FAULTS: dict[str, tuple[str, Callable[..., Any]]] = {
    "write": ("write", _write_nothing),
    "short-write": ("write", _write_half_then_fail),
    "fsync": ("fsync", _fsync_fails_on_temp),
    "create-temp": ("open", _cannot_create_temp),
}

EDITS: dict[str, Callable[[Store], Any]] = {
    "set_status": lambda s: s.set_status("HAVN-1", "done", note="nearly full"),
    "add_note": lambda s: s.add_note("UDD-1", "a note"),
    "create_activity": lambda s: s.create_activity(focus="UDD", title="New", committee="BFU"),
    "add_expense": lambda s: s.add_expense(spent_on="2025-02-05", line="catering", amount=10),
    "write_plan": lambda s: s.write_plan(seed_plan()),
}


def _assert_disk_full(exc: StoreError, path: Path) -> None:
    message = str(exc)
    assert "\n" not in message
    assert str(path) in message
    assert "disk full" in message


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("edit", EDITS)
def test_enospc_keeps_the_original(plan_path: Path, seeded_bytes: bytes, monkeypatch,
                                   fault: str, edit: str) -> None:
    store = Store(plan_path, user="tester")
    store.add_note("HAVN-1", "before the disk filled up")
    before = plan_path.read_bytes()
    name, fake = FAULTS[fault]
    with monkeypatch.context() as patch:
        patch.setattr(os, name, fake)
        with pytest.raises(StoreError) as info:
            EDITS[edit](store)
    _assert_disk_full(info.value, plan_path)
    assert plan_path.read_bytes() == before
    assert temp_files(plan_path.parent) == []
    # and once there is room again, the same edit goes through
    EDITS[edit](store)
    assert plan_path.read_bytes() != before


@pytest.mark.parametrize("fault", FAULTS)
def test_enospc_creating_a_new_plan_leaves_no_file(tmp_path: Path, monkeypatch, fault: str) -> None:
    path = tmp_path / "new" / "db.json"
    name, fake = FAULTS[fault]
    with monkeypatch.context() as patch:
        patch.setattr(os, name, fake)
        with pytest.raises(StoreError) as info:
            Store(path, user="tester").create(seed_plan())
    _assert_disk_full(info.value, path)
    assert not path.exists()
    assert temp_files(tmp_path) == []


@contextlib.contextmanager
def _small_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                                  str(where)], capture_output=True, check=False)
    except OSError:
        mounted = None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True, check=False).returncode:
            subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def _fill(directory: Path) -> Path:
    filler = directory / "filler"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while fh.write(b"x" * 1024):
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_real_full_tmpfs(tmp_path: Path, cli) -> None:
    with _small_tmpfs(tmp_path / "mnt", "256k") as mnt:
        path = mnt / "db.json"
        store = Store(path, user="tester", backup_interval_s=0)
        store.create(seed_plan())
        store.add_note("HAVN-1", "written while there was room")
        filler = _fill(mnt)
        before = path.read_bytes()

        with pytest.raises(StoreError) as info:
            store.add_note("HAVN-1", "x" * 3000)
        _assert_disk_full(info.value, path)
        assert path.read_bytes() == before
        assert temp_files(mnt) == []

        result = cli("--db", str(path), "--lang", "en", "set-status", "HAVN-1", "done")
        assert result.returncode == 1
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "disk full" in lines[0] and str(path) in lines[0]
        assert "Traceback" not in result.stderr
        assert path.read_bytes() == before
        assert temp_files(mnt) == []

        filler.unlink()
        store.add_note("HAVN-1", "room again")
        activity = Store(path).load().activity("HAVN-1")
        assert activity is not None
        assert [n.text for n in activity.notes] == ["written while there was room", "room again"]
        shutil.rmtree(mnt / ".backups", ignore_errors=True)
