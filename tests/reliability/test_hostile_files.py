"""A hostile member of the plan's group, and a careless one, in the shared ``2770`` folder.

Anyone in the group may create, rename and delete names in the plan's folder. These tests plant
what such a member could (symbolic links, hard links, FIFOs, someone else's files) under the names
the store uses, then let an editor save, and check that the store refuses with one line naming the
path and that the file the trap pointed at is untouched. The attacker is the real OS user
``nobody`` in the folder's group (a forked child that dropped root); the editor is root.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest
from reliability_support import as_user, kattegat_command

from kattegat_tui.domain import Activity
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store, StoreError
from kattegat_tui.store.backups import backup_dir, list_backups
from kattegat_tui.store.durable import lock_path
from kattegat_tui.store.errors import UnsafePath
from kattegat_tui.store.journal import journal_path
from kattegat_tui.store.plan_store import JOURNAL_MIN_BYTES

VICTIM_TEXT = b"# the editor's own file\nexport PATH=$HOME/bin:$PATH\n"


def _large_plan(path: Path) -> Path:
    """A plan large enough (>= 1 MiB) to be saved through the journal."""
    plan = seed_plan()
    filler = "Beskrivelse af aktiviteten i Kattegatregionen. " * 70
    for i in range(1, 351):
        plan.activities.append(Activity(id=f"GEN-{i}", focus="HAVN", title=f"Aktivitet {i}",
                                        committee="EAU", description=filler))
    Store(path, user="editor").create(plan)
    assert path.stat().st_size >= JOURNAL_MIN_BYTES
    return path


@pytest.fixture(scope="module")
def _large_master(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _large_plan(tmp_path_factory.mktemp("large") / "plan.json").read_bytes()


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the editor's, outside the shared folder (their ~/.profile)."""
    home = tmp_path / "home-editor"
    home.mkdir(mode=0o700)
    profile = home / ".profile"
    profile.write_bytes(VICTIM_TEXT)
    profile.chmod(0o644)
    return profile


def _nobody(shared: Path) -> tuple[int, int, list[int]]:
    user = pwd.getpwnam("nobody")
    return user.pw_uid, user.pw_gid, [shared.stat().st_gid]


def _untouched(victim: Path) -> None:
    assert victim.read_bytes() == VICTIM_TEXT
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert victim.stat().st_uid == 0


# -- case 1: the journal -------------------------------------------------------------------------

def test_a_journal_link_planted_by_a_group_member_is_refused(shared_dir: Path, victim: Path,
                                                             _large_master: bytes) -> None:
    plan = shared_dir / "plan.json"
    plan.write_bytes(_large_master)
    plan.chmod(0o660)
    journal = journal_path(plan)
    as_user(*_nobody(shared_dir), lambda: os.symlink(victim, journal))

    with pytest.raises(UnsafePath) as refused:
        Store(plan, user="editor").add_note("UDD-1", "Møde holdt")
    assert str(refused.value).startswith(f"{journal}: is a symbolic link")
    assert "\n" not in str(refused.value)
    _untouched(victim)
    assert plan.read_bytes() == _large_master
    assert os.path.islink(journal)  # left for the administrator to see


def test_a_journal_link_planted_after_the_plan_was_read_is_refused(shared_dir: Path, victim: Path,
                                                                   _large_master: bytes) -> None:
    """The dashboard has the plan cached; the link appears between two saves."""
    plan = shared_dir / "plan.json"
    plan.write_bytes(_large_master)
    plan.chmod(0o660)
    store = Store(plan, user="editor", backup_keep=0)
    store.add_note("UDD-1", "first")
    journal = journal_path(plan)
    as_user(*_nobody(shared_dir), lambda: (journal.unlink(), os.symlink(victim, journal)))

    with pytest.raises(StoreError):
        store.add_note("UDD-1", "second")
    _untouched(victim)


def test_a_hard_linked_journal_is_never_written_through(tmp_path: Path, victim: Path,
                                                        _large_master: bytes) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    journal = journal_path(plan)
    os.link(victim, journal)  # another name for the editor's own file
    Store(plan, user="editor", backup_keep=0).add_note("UDD-1", "Møde holdt")
    _untouched(victim)
    assert journal.stat().st_ino != victim.stat().st_ino
    assert Store(plan).load().activity("UDD-1").notes[-1].text == "Møde holdt"  # type: ignore[union-attr]


def test_a_stranger_s_journal_is_refused(tmp_path: Path, _large_master: bytes) -> None:
    """A journal beside the plan that belongs to another user outside the plan's group, written
    after a valid one: the store does not append to it."""
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    store = Store(plan, user="editor", backup_keep=0)
    store.add_note("UDD-1", "first")
    journal = journal_path(plan)
    nobody = pwd.getpwnam("nobody")
    if os.geteuid() != 0:
        pytest.skip("needs root to give the journal away")
    os.chown(journal, nobody.pw_uid, nobody.pw_gid)
    before = journal.read_bytes()
    with pytest.raises(UnsafePath) as refused:
        store.add_note("UDD-1", "second")
    assert "belongs to another user" in str(refused.value)
    assert journal.read_bytes() == before


@pytest.mark.parametrize("name", ["journal", "lock", "plan"])
def test_a_fifo_under_a_store_name_is_refused_without_hanging(tmp_path: Path, name: str,
                                                              _large_master: bytes) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    target = {"journal": journal_path(plan), "lock": lock_path(plan), "plan": plan}[name]
    target.unlink(missing_ok=True)
    os.mkfifo(target)
    started = time.monotonic()
    result = subprocess.run([*kattegat_command(), "--db", str(plan), "note", "UDD-1", "x"],
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert str(target) in line and "FIFO" in line
    assert "Traceback" not in result.stderr


# -- the plan file, the lock file, temp files and backups ------------------------------------------

def test_a_plan_file_swapped_for_a_link_is_refused(shared_dir: Path, victim: Path) -> None:
    plan = shared_dir / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    store = Store(plan, user="editor")
    store.load()
    as_user(*_nobody(shared_dir), lambda: (plan.unlink(), os.symlink(victim, plan)))
    with pytest.raises(UnsafePath) as refused:
        store.add_note("HAVN-1", "x")
    assert str(refused.value).startswith(f"{plan}: is a symbolic link")
    with pytest.raises(UnsafePath):
        Store(plan, user="editor").load()  # a link someone else made is not followed either
    _untouched(victim)


def test_a_plan_path_that_is_the_user_s_own_link_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "plan.json"
    real.parent.mkdir()
    Store(real, user="editor").create(seed_plan())
    link = tmp_path / "my-plan.json"
    os.symlink(real, link)
    Store(link, user="editor", backup_keep=0).add_note("HAVN-1", "through my link")
    assert os.path.islink(link)
    assert Store(real).load().activity("HAVN-1").notes[-1].text == "through my link"  # type: ignore[union-attr]


def test_a_lock_file_link_is_refused(shared_dir: Path, victim: Path) -> None:
    plan = shared_dir / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    lock = lock_path(plan)
    as_user(*_nobody(shared_dir), lambda: (lock.unlink(), os.symlink(victim, lock)))
    with pytest.raises(StoreError) as refused:
        Store(plan, user="editor").add_note("HAVN-1", "x")
    assert str(lock) in str(refused.value)
    _untouched(victim)


def test_a_temp_file_link_is_removed_not_followed(shared_dir: Path, victim: Path) -> None:
    plan = shared_dir / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    planted = shared_dir / ".plan.json.abcdefgh.tmp"
    as_user(*_nobody(shared_dir), lambda: os.symlink(victim, planted))
    Store(plan, user="editor", backup_keep=0).add_note("HAVN-1", "saved")
    _untouched(victim)
    assert Store(plan).load().activity("HAVN-1").notes[-1].text == "saved"  # type: ignore[union-attr]


@pytest.mark.parametrize("where", ["root", "plan"])
def test_a_backups_folder_link_is_never_written_into(shared_dir: Path, tmp_path: Path,
                                                     where: str) -> None:
    """``.backups`` (or the plan's own folder in it) replaced by a link to a folder of the
    editor's: no backup lands there and the edit is saved anyway."""
    plan = shared_dir / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    private = tmp_path / "editor-private"
    private.mkdir(mode=0o700)
    folder = backup_dir(plan).parent if where == "root" else backup_dir(plan)
    if where == "plan":
        folder.parent.mkdir()
        os.chown(folder.parent, 0, shared_dir.stat().st_gid)
        folder.parent.chmod(0o2770)
    as_user(*_nobody(shared_dir), lambda: os.symlink(private, folder))
    Store(plan, user="editor", backup_interval_s=0).add_note("HAVN-1", "saved")
    assert list(private.iterdir()) == []
    assert Store(plan).load().activity("HAVN-1").notes[-1].text == "saved"  # type: ignore[union-attr]


# -- case 6: the lock file removed during a transaction --------------------------------------------

def test_removing_the_lock_file_during_a_save_lets_no_second_writer_in(plan_path: Path,
                                                                       spawn) -> None:
    go = plan_path.with_name("go")
    slow = spawn("slow-note", plan_path, "slow", go)
    assert slow.stdout is not None
    assert slow.stdout.readline().strip() == "locked"
    lock_path(plan_path).unlink()  # `rm *.lock` while the slow writer is in its transaction

    done = threading.Event()

    def fast() -> None:
        Store(plan_path, user="fast", backup_interval_s=0).add_note("HAVN-1", "fast")
        done.set()

    thread = threading.Thread(target=fast)
    thread.start()
    assert not done.wait(0.5), "a second writer got in while the first held the lock"
    go.touch()
    assert slow.stdout.readline().strip() == "saved"
    thread.join(20)
    assert done.is_set()
    notes = Store(plan_path).load().activity("HAVN-1").notes  # type: ignore[union-attr]
    assert [n.text for n in notes] == ["slow slow", "fast"]


# -- case 7: backups in journal mode are copies that include the journal ---------------------------

def test_backups_of_a_large_plan_are_copies_holding_the_journal(tmp_path: Path, clock,
                                                               _large_master: bytes) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    store = Store(plan, user="editor", clock=clock, backup_interval_s=300)
    store.add_note("UDD-1", "in the first backup's plan")  # backup of the file as it was
    for i in range(3):
        clock.advance(seconds=10)
        store.add_note("UDD-1", f"journaled {i}")
    assert journal_path(plan).exists()
    clock.advance(seconds=600)
    store.add_note("UDD-1", "folded")  # a backup is due: the journal is folded in
    newest = list_backups(plan)[-1]
    assert newest.stat().st_ino != plan.stat().st_ino and newest.stat().st_nlink == 1
    notes = [n.text for n in Store(newest).load().activity("UDD-1").notes]  # type: ignore[union-attr]
    assert notes[-4:] == ["journaled 0", "journaled 1", "journaled 2", "folded"]
    with open(plan, "r+b") as handle:  # the live file written in place
        handle.write(b"{}")
    assert Store(newest).load().activity("UDD-1") is not None


# -- case 4: seed --force and export -o over a live plan -------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATTEGAT_")}
    return subprocess.run([*kattegat_command(), *args], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL, env=env)


def test_seed_force_keeps_a_large_plan_s_journal_in_a_backup(tmp_path: Path,
                                                             _large_master: bytes) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    store = Store(plan, user="editor", backup_interval_s=3600)
    store.add_note("UDD-1", "first")  # the first write keeps a backup of the file as it was
    store.add_note("UDD-1", "only in the journal")
    assert b"only in the journal" in journal_path(plan).read_bytes()

    result = _cli("seed", "-o", str(plan), "--force")
    assert result.returncode == 0, result.stderr
    seeded = Store(plan).load()
    assert len(seeded.activities) == len(seed_plan().activities)
    assert [c.action for c in seeded.changes][-1] == "import"  # the replacement is in the history
    newest = list_backups(plan)[-1]
    notes = [n.text for n in Store(newest).load().activity("UDD-1").notes]  # type: ignore[union-attr]
    assert notes[-2:] == ["first", "only in the journal"]


def test_seed_force_is_refused_for_a_non_editor(plan_path: Path) -> None:
    Store(plan_path, user="tester").grant("jkr")
    Store(plan_path, user="jkr").revoke("tester")
    me = pwd.getpwuid(os.geteuid()).pw_name
    assert me not in Store(plan_path).load().editors
    before = plan_path.read_bytes()
    result = _cli("seed", "-o", str(plan_path), "--force")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert me in line
    assert plan_path.read_bytes() == before


def test_export_onto_a_live_plan_is_refused(plan_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    Store(other, user="tester").create(seed_plan())
    Store(other, user="tester").add_note("HAVN-1", "work in the other plan")
    before = other.read_bytes()
    result = _cli("--db", str(plan_path), "export", "-o", str(other))
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert str(other) in line
    assert other.read_bytes() == before
    same = _cli("--db", str(plan_path), "export", "-o", str(plan_path))
    assert same.returncode == 1
    # an ordinary export file can be written, and written again
    out = tmp_path / "export.json"
    assert _cli("--db", str(plan_path), "export", "-o", str(out)).returncode == 0
    assert _cli("--db", str(plan_path), "export", "-o", str(out)).returncode == 0


def test_seed_onto_the_seeded_plan_changes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert _cli("seed", "-o", str(plan)).returncode == 0
    before = plan.read_bytes()
    again = _cli("seed", "-o", str(plan))
    assert again.returncode == 0 and plan.read_bytes() == before
    assert Store(plan).load().changes == []


# -- a folder swapped between two steps of a save, and other findings of an attack ----------------

PRIVATE = "PRIVATE-SECRET-NOTE"


def _private_plan(tmp_path: Path) -> Path:
    """The editor's own plan in a private folder, outside the shared one."""
    folder = tmp_path / "editor-private" / "priv"
    folder.mkdir(parents=True)
    (tmp_path / "editor-private").chmod(0o700)
    plan = folder / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    Store(plan, user="editor", backup_keep=0).add_note("HAVN-1", PRIVATE)
    return plan


def test_a_plan_folder_swapped_for_a_link_is_refused(shared_dir: Path, tmp_path: Path) -> None:
    private = _private_plan(tmp_path)
    before = private.read_bytes()
    team = shared_dir / "team"
    team.mkdir()
    team.chmod(0o2770)
    plan = team / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    store = Store(plan, user="editor")
    store.load()
    as_user(*_nobody(shared_dir), lambda: (team.rename(shared_dir / "team.real"),
                                           os.symlink(private.parent, team)))
    with pytest.raises(StoreError) as refused:
        store.add_note("HAVN-1", "shared")
    assert str(refused.value).startswith(f"{team}: is a symbolic link, not a folder")
    assert private.read_bytes() == before


def test_a_plan_folder_swapped_back_and_forth_never_mixes_two_plans(shared_dir: Path,
                                                                    tmp_path: Path) -> None:
    """A member swaps the plan's sub-folder for a link to the editor's private folder and back,
    as fast as they can, while the editor saves: no save lands in the private plan, and nothing
    of the private plan reaches the shared folder."""
    private = _private_plan(tmp_path)
    before = private.read_bytes()
    team = shared_dir / "team"
    team.mkdir()
    team.chmod(0o2770)
    plan = team / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    stop = shared_dir / "stop"
    uid, gid, groups = _nobody(shared_dir)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the attacker
        os.setgroups(groups)
        os.setgid(gid)
        os.setuid(uid)
        real, link = shared_dir / "team.real", shared_dir / "team.link"
        while not stop.exists():
            try:
                os.symlink(private.parent, link)
                os.rename(team, real)
                os.rename(link, team)
                os.rename(team, link)
                os.rename(real, team)
                os.unlink(link)
            except OSError:
                pass
        os._exit(0)
    saved = refused = 0
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            try:
                Store(plan, user="editor", backup_interval_s=0).add_note("HAVN-1", "shared")
                saved += 1
            except StoreError:
                refused += 1
    finally:
        stop.touch()
        os.waitpid(pid, 0)
    assert private.read_bytes() == before
    leaked = [p for p in shared_dir.rglob("*") if p.is_file() and PRIVATE.encode() in p.read_bytes()]
    assert leaked == []
    assert saved + refused > 0


def test_a_folder_slipped_in_while_backups_are_created_is_never_chmod_ed(
        plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store creates ``.backups`` under a random name; a member renames a private folder of
    the editor's onto that name at once. The store must not give it the group's mode."""
    from kattegat_tui.store import safe_paths

    private = tmp_path / "diary"
    private.mkdir(mode=0o700)
    (private / "diary.txt").write_text("secret")
    real_mkdir = os.mkdir

    def mkdir_then_swap(name, mode=0o777, *, dir_fd=None):  # the attacker wins the race
        real_mkdir(name, mode, dir_fd=dir_fd)
        if str(name).startswith("..backups"):
            os.rmdir(name, dir_fd=dir_fd)
            os.rename(private, os.path.join(plan_path.parent, name))

    monkeypatch.setattr(safe_paths.os, "mkdir", mkdir_then_swap)
    Store(plan_path, user="editor", backup_interval_s=0).add_note("HAVN-1", "saved")
    monkeypatch.undo()
    moved = next(p for p in plan_path.parent.iterdir() if (p / "diary.txt").exists())
    assert stat.S_IMODE(moved.stat().st_mode) == 0o700
    assert not (plan_path.parent / ".backups").exists()
    assert Store(plan_path).load().activity("HAVN-1").notes[-1].text == "saved"  # type: ignore[union-attr]


def test_a_folder_the_group_cannot_read_is_refused_for_saving(shared_dir: Path) -> None:
    """In a 2730 folder the folder itself cannot be locked: saving is refused in one line
    rather than trusting the lock file alone; reading still works."""
    plan = shared_dir / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    plan.chmod(0o660)
    shared_dir.chmod(0o2730)

    def member() -> None:
        assert Store(plan).load().activity("HAVN-1") is not None
        with pytest.raises(StoreError) as refused:
            Store(plan).add_note("HAVN-1", "x")
        assert "cannot be read" in str(refused.value) and "\n" not in str(refused.value)

    as_user(*_nobody(shared_dir), member)


@pytest.mark.parametrize("name", ["plan", "journal"])
def test_a_sparse_huge_file_is_refused_unread(tmp_path: Path, name: str) -> None:
    plan = _large_plan(tmp_path / "plan.json") if name == "journal" else tmp_path / "plan.json"
    if name == "plan":
        Store(plan, user="editor").create(seed_plan())
    else:
        Store(plan, user="editor", backup_keep=0).add_note("UDD-1", "journaled")
    target = journal_path(plan) if name == "journal" else plan
    os.truncate(target, 1 << 40)  # a terabyte that takes no disk
    started = time.monotonic()
    result = _cli("--db", str(plan), "status")
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert str(target) in line and "MemoryError" not in line


def test_import_never_reads_a_fifo_a_device_or_someone_else_s_link(shared_dir: Path,
                                                                   tmp_path: Path) -> None:
    plan = shared_dir / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    before = plan.read_bytes()
    private = _private_plan(tmp_path)
    fifo, zero, link = shared_dir / "draft.json", shared_dir / "zero.json", shared_dir / "old.json"
    as_user(*_nobody(shared_dir), lambda: (os.mkfifo(fifo), os.symlink("/dev/zero", zero),
                                           os.symlink(private, link)))
    for source in (fifo, zero, link):
        result = subprocess.run([*kattegat_command(), "--db", str(plan), "import", str(source)],
                                capture_output=True, text=True, timeout=20,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 1, source
        [line] = result.stderr.splitlines()
        assert str(source) in line
    assert plan.read_bytes() == before


def test_a_set_id_mode_is_never_copied_onto_the_plan(plan_path: Path) -> None:
    plan_path.chmod(0o6777)
    Store(plan_path, user="editor", backup_keep=0).add_note("HAVN-1", "x")
    assert stat.S_IMODE(plan_path.stat().st_mode) == 0o666


def test_someone_else_s_file_that_looks_like_a_temp_file_is_left_alone(plan_path: Path) -> None:
    notes = plan_path.with_name(f".{plan_path.name}.2024-notes.tmp")
    notes.write_text("mine")
    Store(plan_path, user="editor", backup_keep=0).add_note("HAVN-1", "x")
    assert notes.read_text() == "mine"


def test_export_onto_a_plan_s_journal_or_lock_file_is_refused(tmp_path: Path,
                                                              _large_master: bytes) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    Store(plan, user="editor", backup_keep=0).add_note("UDD-1", "journaled")
    journal = journal_path(plan)
    before = journal.read_bytes()
    for target in (journal, lock_path(plan)):
        result = _cli("--db", str(plan), "export", "-o", str(target))
        assert result.returncode == 1, target
    assert journal.read_bytes() == before


def test_a_newline_in_a_path_cannot_forge_a_second_error_line(tmp_path: Path) -> None:
    result = _cli("--db", str(tmp_path / "x\nkattegat: Gemt: HAVN-1"), "status")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1


# -- a second attack on the folder-descriptor design ------------------------------------------------

def test_thousands_of_planted_temp_names_cost_one_pass(plan_path: Path) -> None:
    """Names that look like a backup writer's leftovers are cleared in one pass over the folder
    (they once cost a listing each, holding the lock for minutes)."""
    store = Store(plan_path, user="editor", backup_interval_s=0)
    store.add_note("HAVN-1", "first")
    folder = backup_dir(plan_path)
    for i in range(6000):
        (folder / f".{i + 100:06d}.20260101T000000Z.json.kattegat-{i:012x}.tmp").touch()
    started = time.monotonic()
    store.add_note("HAVN-1", "second")
    assert time.monotonic() - started < 5
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_journal_of_empty_lines_is_ignored_without_parsing_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    Store(plan, user="editor").create(seed_plan())
    journal_path(plan).write_bytes(b"\n" * (64 << 20))
    started = time.monotonic()
    assert Store(plan).load().activity("HAVN-1") is not None
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("record", ['{"set":[1]}', '{"set":{"activities":[1]}}', '{"del":[1]}',
                                    '{"set":{"meta":5}}', '{"del":{"activities":5}}'])
def test_a_journal_record_of_the_wrong_shape_is_refused_naming_the_journal(
        tmp_path: Path, _large_master: bytes, record: str) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    Store(plan, user="editor", backup_keep=0).add_note("UDD-1", "journaled")
    journal = journal_path(plan)
    journal.write_bytes(journal.read_bytes() + record.encode() + b"\n")
    result = _cli("--db", str(plan), "activities")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert str(journal) in line and "internal error" not in line


def test_seed_never_creates_folders_through_a_planted_link(shared_dir: Path,
                                                           tmp_path: Path) -> None:
    private = tmp_path / "editor-private"
    private.mkdir(mode=0o700)
    link = shared_dir / "a"
    as_user(*_nobody(shared_dir), lambda: os.symlink(private, link))
    result = _cli("seed", "-o", str(link / "newdir" / "plan.json"))
    assert result.returncode == 1
    assert list(private.iterdir()) == []


def test_a_folder_where_the_folded_journal_was_does_not_fail_a_saved_change(
        tmp_path: Path, _large_master: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal name is taken by a folder right after the plan was replaced (a member racing
    the save): the change is saved, and the save says so instead of reporting a failure."""
    from kattegat_tui.store.safe_paths import PlanFolder

    plan = tmp_path / "plan.json"
    plan.write_bytes(_large_master)
    store = Store(plan, user="editor", backup_keep=0)
    store.add_note("UDD-1", "journaled")
    journal = journal_path(plan)
    real_replace = PlanFolder.replace

    def replace_then_plant(self: PlanFolder, src: str, dst: str) -> None:  # the attacker wins
        real_replace(self, src, dst)
        journal.unlink()
        journal.mkdir()
        (journal / "x").touch()

    monkeypatch.setattr(PlanFolder, "replace", replace_then_plant)
    store.journal_min_bytes = 1 << 40  # this save rewrites the whole file, then drops the journal
    store.add_note("UDD-1", "after")
    monkeypatch.undo()
    raw = plan.read_bytes()
    assert b'"after"' in raw and b'"journaled"' in raw


def test_a_folder_planted_under_a_backup_name_does_not_stop_the_rotation(plan_path: Path,
                                                                         clock) -> None:
    store = Store(plan_path, user="editor", clock=clock, backup_keep=3, backup_interval_s=0)
    store.add_note("HAVN-1", "first")
    (backup_dir(plan_path) / "000000.20200101T000000Z.json").mkdir()
    for i in range(8):
        clock.advance(seconds=1)
        store.add_note("HAVN-1", f"note {i}")
    assert len([b for b in list_backups(plan_path) if b.is_file()]) == 3
