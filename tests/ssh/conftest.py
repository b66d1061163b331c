"""A real OpenSSH server on 127.0.0.1 for the end-to-end suite, with real Unix users.

The server is Debian's ``/usr/sbin/sshd`` started as root in the foreground on a free high port with
a throwaway host key, public-key login only, and an sshd_config that includes the server block of
docs/ssh.md verbatim; the client uses the guide's client block. The accounts and directories are
made with the guide's own commands. Three test logins exist for the whole run and are removed
afterwards, all in the group ``kattegat-test``: ``kattegat-a`` and ``kattegat-b`` (the guide's
``jkr`` and ``abc``) and ``kattegat-c`` (the guide's dedicated account, ``ForceCommand kattegat``).
The ``kattegat`` command reaches them through a symlink to this checkout's console script.

Everything needs root (sshd, useradd); without root or without sshd the suite is skipped with the
reason, except under CI, where it fails instead: there it must run.
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import os
import pwd
import re
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store

from .terminal import Terminal

GROUP = "kattegat-test"
EDITORS = ("kattegat-a", "kattegat-b")
DEDICATED = "kattegat-c"
USERS = (*EDITORS, DEDICATED)
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "ssh.md"
SSHD = "/usr/sbin/sshd"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.ssh)


def _unavailable(reason: str) -> None:
    """Skip outside CI; in CI the suite must run, so this is a failure there."""
    if os.environ.get("CI"):
        pytest.fail(f"SSH suite cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _ensure_sshd() -> None:
    if os.geteuid() != 0:
        _unavailable("the SSH suite needs root (it starts sshd and creates test users)")
    missing = [p for p in (SSHD, _which("ssh"), _which("ssh-keygen")) if not p
               or not os.path.exists(p)]
    if missing and _which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([_which("apt-get") or "apt-get", "install", "-y", "-qq", "--no-install-recommends",
                        "openssh-server", "openssh-client"], env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=300, check=False)
    if not os.path.exists(SSHD) or not _which("ssh") or not _which("ssh-keygen"):
        _unavailable("OpenSSH is not installed (apt-get install openssh-server openssh-client)")
    if not all(_which(tool) for tool in ("useradd", "usermod", "groupadd", "userdel", "install")):
        _unavailable("useradd, usermod, groupadd, userdel or install is missing")
    # Debian's sshd refuses to start without its privilege separation directory.
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)


def _which(name: str) -> str | None:
    """A program on PATH or in the system directories (useradd lives in /usr/sbin)."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin", "/usr/bin"])
    return shutil.which(name, path=search)


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    program = _which(argv[0]) or argv[0]
    return subprocess.run([program, *argv[1:]], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False, timeout=60)


def _must(*argv: str) -> None:
    result = _run(*argv)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {result.stderr.strip() or result.returncode}")


def _remove_users() -> None:
    for user in USERS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(user)
            _run("userdel", "-f", user)
    with contextlib.suppress(KeyError):
        grp.getgrnam(GROUP)
        _run("groupdel", GROUP)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def guide_block(name: str) -> str:
    """The fenced block after ``<!-- block: NAME -->`` in docs/ssh.md, so the tests run the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(rf"<!-- block: {re.escape(name)} -->\s*```[a-z]*\n(.*?)```", text, re.S)
    if found is None:
        raise LookupError(f"docs/ssh.md has no block {name!r}")
    return found.group(1)


def guide_commands(name: str, names: dict[str, str]) -> list[list[str]]:
    """The guide's shell block as argument lists: ``sudo`` dropped (the suite is root) and the
    guide's example names replaced by the test's (``names`` maps guide text to test text)."""
    commands = []
    for line in guide_block(name).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for guide_text, test_text in names.items():
            line = line.replace(guide_text, test_text)
        argv = shlex.split(line)
        commands.append(argv[1:] if argv[0] == "sudo" else argv)
    return commands


@dataclass
class _Traversal:
    """Directories on the way to the interpreter that the test users could not enter."""

    changed: list[tuple[Path, int]] = field(default_factory=list)

    def open_path(self, target: Path) -> None:
        for directory in [*reversed(target.parents)]:
            mode = stat.S_IMODE(directory.stat().st_mode)
            if not mode & stat.S_IXOTH:
                self.changed.append((directory, mode))
                os.chmod(directory, mode | stat.S_IXOTH)

    def restore(self) -> None:
        for directory, mode in reversed(self.changed):
            with contextlib.suppress(OSError):
                os.chmod(directory, mode)


@dataclass
class SshServer:
    """The running server and how to reach it."""

    port: int
    shared: Path  # world-traversable: bin/, authorized_keys, plan directories, homes
    private: Path  # root only: host key, client key, known_hosts, logs
    client_config: Path
    log: Path
    default_plan: Path  # the guide's /srv/kattegat/plan.json (KATTEGAT_DB for every session)
    proc: subprocess.Popen[bytes]
    _plans: int = 0

    def ssh_argv(self, user: str, *command: str, tty: bool | None = True) -> list[str]:
        """``ssh`` to the test host as ``user`` running ``command`` (an argument list, quoted for
        the remote shell). ``tty=None`` leaves the choice to ssh (a terminal only without a
        command)."""
        argv = ["ssh", "-F", str(self.client_config), "-l", user]
        if tty is not None:
            argv.append("-tt" if tty else "-T")
        return [*argv, "kattegat-host", *([shlex.join(command)] if command else [])]

    def run(self, user: str, *command: str, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run a command over SSH without a terminal (stdin is not a TTY)."""
        return subprocess.run(self.ssh_argv(user, *command, tty=False), capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=timeout, check=False,
                              env={**os.environ, **(env or {})})

    def kattegat(self, user: str, *args: str, env: dict[str, str] | None = None,
                 ) -> subprocess.CompletedProcess[str]:
        return self.run(user, "kattegat", *args, env=env)

    def run_many(self, user: str, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
        """Run commands one after another in one SSH session (as someone typing them would),
        each with its own exit code, stdout and stderr."""
        script = "".join(
            f"echo '@@begin {i}@@'; echo '@@begin {i}@@' >&2; {shlex.join(argv)} </dev/null; "
            f"echo \"@@end {i} $?@@\"\n" for i, argv in enumerate(commands))
        session = subprocess.run(self.ssh_argv(user, "sh", "-s", tty=False), input=script,
                                 capture_output=True, text=True, timeout=120, check=False)
        outs = {int(i): (out, int(rc)) for i, out, rc in re.findall(
            r"@@begin (\d+)@@\n(.*?)@@end \1 (\d+)@@\n", session.stdout, re.S)}
        parts = re.split(r"@@begin (\d+)@@\n", session.stderr)
        errs = {int(i): err for i, err in zip(parts[1::2], parts[2::2], strict=True)}
        if len(outs) != len(commands):
            raise RuntimeError(f"the session ended early ({session.returncode}): {session.stderr}")
        return [subprocess.CompletedProcess(argv, outs[i][1], outs[i][0], errs.get(i, ""))
                for i, argv in enumerate(commands)]

    def plan_dir(self) -> Path:
        """A new directory for a plan, made with the guide's command: setgid, group-writable."""
        self._plans += 1
        directory = self.shared / "plans" / f"p{self._plans}"
        directory.parent.mkdir(exist_ok=True)
        for argv in guide_commands("directory", {"/srv/kattegat": str(directory),
                                                 "kattegatalliancen": GROUP}):
            _must(*argv)
        return directory

    def reset_default_plan(self) -> Path:
        """The system-wide plan (KATTEGAT_DB), freshly seeded, without lock file or backups."""
        shutil.rmtree(self.default_plan.parent / ".backups", ignore_errors=True)
        for leftover in self.default_plan.parent.iterdir():
            if leftover.is_file():
                leftover.unlink()
        _write_seeded(self.default_plan, EDITORS[0])
        return self.default_plan

    def new_plan(self, owner: str = EDITORS[0]) -> Path:
        """A seeded plan file in a fresh shared directory, as if ``owner`` had created it."""
        path = self.plan_dir() / "plan.json"
        _write_seeded(path, owner)
        return path


def _write_seeded(path: Path, owner: str) -> None:
    Store(path, user=owner).write_plan(seed_plan())
    os.chown(path, pwd.getpwnam(owner).pw_uid, grp.getgrnam(GROUP).gr_gid)
    os.chmod(path, 0o660)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path.with_name(path.name + ".lock"))


def _server_config(port: int, shared: Path, private: Path, host_key: Path, authorized: Path,
                   bin_dir: Path, default_plan: Path) -> str:
    """The test server's sshd_config: fixed test settings, then the guide's block."""
    fragment = guide_block("sshd_config").replace("/srv/kattegat/plan.json", str(default_plan))
    fragment = fragment.replace("Match User halmstad", f"Match User {DEDICATED}")
    # sshd honours only the first SetEnv line, so the test's PATH joins the guide's variables.
    set_env = [f"PATH={bin_dir}:/usr/local/bin:/usr/bin:/bin"]
    rest = []
    for line in fragment.splitlines():
        if line.startswith("SetEnv "):
            set_env += line.split()[1:]
        else:
            rest.append(line)
    return "\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {host_key}",
        f"PidFile {private / 'sshd.pid'}",
        f"AuthorizedKeysFile {authorized}",
        "UsePAM no",
        "StrictModes no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "PermitRootLogin no",
        f"AllowUsers {' '.join(USERS)}",
        "PrintMotd no",
        "PrintLastLog no",
        "AcceptEnv LANG LC_*",  # Debian's default; the guide's block adds the rest
        "SetEnv " + " ".join(set_env),
        *rest,
    ]) + "\n"


def _client_config(port: int, client_key: Path, known_hosts: Path) -> str:
    """The test client's ssh_config: the guide's block with this server's address and keys."""
    lines = ["Host kattegat-host", "    HostName 127.0.0.1", f"    Port {port}",
             f"    IdentityFile {client_key}", "    IdentitiesOnly yes",
             f"    UserKnownHostsFile {known_hosts}", "    StrictHostKeyChecking yes",
             "    BatchMode yes", "    LogLevel ERROR", "    ConnectTimeout 10",
             "    SendEnv LANG LC_*"]  # as Debian's /etc/ssh/ssh_config does
    for line in guide_block("ssh_config").splitlines():
        words = line.split()
        if words and words[0] not in ("Host", "HostName"):
            lines.append("    " + line.strip())
    return "\n".join(lines) + "\n"


def _start_server(shared: Path, private: Path) -> SshServer:
    keygen = _which("ssh-keygen") or "ssh-keygen"
    host_key = private / "ssh_host_ed25519_key"
    client_key = private / "id_ed25519"
    _must(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "kattegat-host", "-f", str(host_key))
    _must(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "kattegat-tests", "-f", str(client_key))
    authorized = shared / "authorized_keys"
    shutil.copyfile(client_key.with_suffix(".pub"), authorized)
    os.chmod(authorized, 0o644)

    # The guide's `ln -s .../.venv/bin/kattegat /usr/local/bin/kattegat`, into a test bin/.
    bin_dir = shared / "bin"
    bin_dir.mkdir()
    os.chmod(bin_dir, 0o755)
    console_script = Path(sys.executable).parent / "kattegat"
    if not console_script.exists():
        _unavailable(f"no console script at {console_script} (run from the project's venv)")
    [link] = guide_commands("install", {"/opt/kattegat-tui/.venv/bin/kattegat": str(console_script),
                                        "/usr/local/bin": str(bin_dir)})[1:]
    _must(*link)

    srv = shared / "srv"
    for argv in guide_commands("directory", {"/srv/kattegat": str(srv), "kattegatalliancen": GROUP}):
        _must(*argv)
    default_plan = srv / "plan.json"
    _write_seeded(default_plan, EDITORS[0])

    port = _free_port()
    log = private / "sshd.log"
    config = private / "sshd_config"
    config.write_text(_server_config(port, shared, private, host_key, authorized, bin_dir,
                                     default_plan))
    known_hosts = private / "known_hosts"
    host_pub = host_key.with_suffix(".pub").read_text().split()
    known_hosts.write_text(f"[127.0.0.1]:{port} {host_pub[0]} {host_pub[1]}\n")
    client_config = private / "ssh_config"
    client_config.write_text(_client_config(port, client_key, known_hosts))

    _must(SSHD, "-t", "-f", str(config))  # the guide's `sshd -t`, on this configuration
    proc = subprocess.Popen([SSHD, "-D", "-f", str(config), "-E", str(log)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, umask=0o022)  # sessions get a usual umask
    deadline = time.monotonic() + 15
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            break
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"sshd did not start: {log.read_text() if log.exists() else ''}")
        time.sleep(0.05)
    return SshServer(port=port, shared=shared, private=private, client_config=client_config,
                     log=log, default_plan=default_plan, proc=proc)


def _make_users(shared: Path) -> None:
    """The accounts, made with the guide's commands (a home under the test directory added)."""
    _remove_users()  # left over from an interrupted run
    homes = shared / "home"
    homes.mkdir()
    os.chmod(homes, 0o755)
    for user in EDITORS:
        _must("useradd", "-m", "-d", str(homes / user), "-s", "/bin/sh", user)
    for argv in guide_commands("group", {"kattegatalliancen": GROUP, "jkr": EDITORS[0],
                                         "abc": EDITORS[1]}):
        _must(*argv)
    [useradd] = guide_commands("dedicated", {"kattegatalliancen": GROUP, "halmstad": DEDICATED})
    _must(*useradd[:1], "-d", str(homes / DEDICATED), *useradd[1:])
    # useradd leaves the password locked ("!"). A real server's sshd (UsePAM yes) lets such an
    # account in with a key; this one runs without PAM and would refuse it, so mark it "no
    # password" instead: key login only either way.
    for user in USERS:
        _must("usermod", "-p", "*", user)


@contextlib.contextmanager
def _one_run_at_a_time() -> Iterator[None]:
    """The accounts and the group are machine-wide: concurrent runs of the suite take turns."""
    fd = os.open(os.path.join(tempfile.gettempdir(), "kattegat-ssh-suite.lock"),
                 os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + 900
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RuntimeError("another run of the SSH suite holds its lock") from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)


@pytest.fixture(scope="session")
def ssh_server() -> Iterator[SshServer]:
    _ensure_sshd()
    with _one_run_at_a_time():
        yield from _serve()


def _serve() -> Iterator[SshServer]:
    shared = Path(tempfile.mkdtemp(prefix="kattegat-ssh-"))
    os.chmod(shared, 0o755)
    private = Path(tempfile.mkdtemp(prefix="kattegat-ssh-root-"))
    traversal = _Traversal()
    server: SshServer | None = None
    try:
        _make_users(shared)
        # The test accounts run this checkout's interpreter: they must be able to reach it.
        for target in (Path(sys.executable).resolve(), Path(sys.executable).parent,
                       Path(__file__).resolve().parents[2] / "kattegat_tui"):
            traversal.open_path(target)
        server = _start_server(shared, private)
        probe = server.kattegat(EDITORS[0], "--help")
        if probe.returncode != 0:
            raise RuntimeError(f"kattegat does not run over SSH: {probe.stderr.strip()}\n"
                               + server.log.read_text())
        yield server
    finally:
        if server is not None:
            server.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.proc.wait(10)
        traversal.restore()
        _remove_users()
        shutil.rmtree(shared, ignore_errors=True)
        shutil.rmtree(private, ignore_errors=True)


@pytest.fixture
def terminal(ssh_server: SshServer) -> Iterator[Terminal]:
    """A private tmux server whose windows run the ``ssh`` client at 80x24."""
    if not _which("tmux"):
        _unavailable("tmux is not installed")
    term = Terminal(ssh_server.private / f"tmux-{time.monotonic_ns()}.sock")
    try:
        yield term
    finally:
        term.close()
