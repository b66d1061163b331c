"""The SSH path itself: what a session gets from the server's configuration, a missing terminal,
the dedicated account and the profile snippet of docs/ssh.md."""

from __future__ import annotations

from .conftest import DEDICATED, EDITORS, SshServer, guide_block
from .terminal import Terminal


def _env(output: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in output.splitlines() if "=" in line)


def test_server_environment(ssh_server: SshServer) -> None:
    """The guide's SetEnv and AcceptEnv/SendEnv lines reach the session."""
    sent = {"COLORTERM": "truecolor", "ESCDELAY": "400", "KATTEGAT_LANG": "sv", "LANG": "C"}
    result = ssh_server.run(EDITORS[0], "env", env=sent)
    assert result.returncode == 0, result.stderr
    env = _env(result.stdout)
    assert env["KATTEGAT_DB"] == str(ssh_server.default_plan)
    assert env["LANG"] == "C.UTF-8"  # the server's choice wins over the client's
    assert env["COLORTERM"] == "truecolor"
    assert env["ESCDELAY"] == "400"
    assert env["KATTEGAT_LANG"] == "sv"
    assert env["USER"] == EDITORS[0]

    swedish = ssh_server.kattegat(EDITORS[0], "activities", "--status", "planned",
                                  env={"KATTEGAT_LANG": "sv"})
    assert swedish.returncode == 0, swedish.stderr
    assert "○ Planerad" in swedish.stdout and "Planlagt" not in swedish.stdout


def test_plain_command_uses_the_system_wide_plan(ssh_server: SshServer) -> None:
    """`ssh server kattegat status` needs neither a terminal nor --db."""
    result = ssh_server.kattegat(EDITORS[1], "check")
    assert result.returncode == 0, result.stderr
    assert str(ssh_server.default_plan) in result.stdout


def test_dashboard_without_a_terminal(ssh_server: SshServer) -> None:
    """`ssh host kattegat` without -t: one clear line on stderr, exit code 1, nothing on stdout."""
    result = ssh_server.kattegat(EDITORS[0])
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "kattegat: dashboardet kræver en terminal. Brug 'ssh -t', eller 'kattegat status' uden "
        "terminal."]
    english = ssh_server.kattegat(EDITORS[0], "--lang", "en")
    assert english.returncode == 1
    assert "needs a terminal" in english.stderr and "ssh -t" in english.stderr


def test_dedicated_account_opens_only_the_dashboard(ssh_server: SshServer,
                                                    terminal: Terminal) -> None:
    """ForceCommand: whatever the account asks for, it gets the dashboard (or the refusal)."""
    shell = ssh_server.run(DEDICATED, "id")
    assert shell.returncode == 1
    assert "uid=" not in shell.stdout
    assert "ssh -t" in shell.stderr

    window = terminal.open("dedicated", ssh_server.ssh_argv(DEDICATED, tty=None))
    screen = terminal.wait_for(window, "Kattegatalliancen")
    assert "$" not in screen.splitlines()[-1]  # no shell prompt
    terminal.keys(window, "q")
    terminal.wait_for(window, lambda _: terminal.is_dead(window))


def test_profile_snippet_sets_the_plan(ssh_server: SshServer) -> None:
    """The guide's /etc/profile.d/kattegat.sh line, sourced by a shell without KATTEGAT_DB."""
    plan = ssh_server.new_plan()
    snippet = guide_block("profile").replace("/srv/kattegat/plan.json", str(plan))
    profile = ssh_server.shared / "kattegat-profile.sh"
    profile.write_text(snippet)
    profile.chmod(0o644)
    result = ssh_server.run(EDITORS[1], "env", "-u", "KATTEGAT_DB", "sh", "-c",
                            f". {profile} && kattegat check")
    assert result.returncode == 0, result.stderr
    assert str(plan) in result.stdout
