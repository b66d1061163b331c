"""The `kattegat` command as people run it: a real process on a seeded plan file.

Each test asserts what the command prints, its exit code, and what it left in the file (including
the audit records of every change).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.domain import Assessment, Status
from kattegat_tui.store import Store
from kattegat_tui.store.identity import current_login

TODAY = "2026-11-30"


@pytest.fixture
def k(cli, plan_path: Path):  # type: ignore[no-untyped-def]
    """Run kattegat on the seeded plan with a fixed today."""

    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Any:
        return cli("--db", str(plan_path), "--today", TODAY, *args, env=env, cwd=cwd)

    return run


def load(path: Path) -> Any:
    return Store(path, user="tester").load()


def one_error_line(result: Any) -> str:
    """Exit 1 with exactly one line on stderr and no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("kattegat: ")
    return str(lines[0])


# -- status and the global options -----------------------------------------------------------

def test_status_in_danish(k) -> None:  # type: ignore[no-untyped-def]
    result = k("status")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Kattegatalliancen · Handleplan 2025-2028 · status pr. 30. november 2026")
    for heading in ("Fremdrift pr. indsatsområde", "Overskredet frist (9)", "I risiko (gul/rød) (0)",
                    "Ikke opdateret i 90 dage (17)", "Næste milepæle", "Budget og pulje"):
        assert heading in out
    assert "Uddannelse" in out and "0 af 3 afsluttet" in out
    assert "31. december 2028 (om 2 år)" in out
    assert "Estimat: 102.000 kr. (40 deltagere)" in out
    assert "Rest i puljen: 873.000 kr." in out


def test_status_stale_days_option(k) -> None:  # type: ignore[no-untyped-def]
    assert "Ikke opdateret i 1000 dage (0)" in k("status", "--stale-days", "1000").stdout


def test_language_and_today_from_the_environment(cli, plan_path: Path) -> None:
    env = {"KATTEGAT_DB": str(plan_path), "KATTEGAT_LANG": "sv", "KATTEGAT_TODAY": "2025-02-04"}
    result = cli("status", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Kattegatalliansen") or "4 februari 2025" in result.stdout
    assert "4 februari 2025" in result.stdout
    assert "Försenade" in result.stdout or "försenade" in result.stdout.lower()
    # options win over the environment, and may come after the command
    en = cli("status", "--lang", "en", "--today", "6/2 2025", env=env)
    assert "status as of 6 February 2025" in en.stdout


def test_db_from_the_environment_and_option_wins(cli, plan_path: Path, tmp_path: Path) -> None:
    env = {"KATTEGAT_DB": str(plan_path)}
    assert cli("check", env=env).returncode == 0
    missing = tmp_path / "missing.json"
    result = cli("--db", str(missing), "check", env=env)
    assert str(missing) in one_error_line(result)
    assert not missing.exists()  # only the default path is created from the seed


def test_default_path_is_created_from_the_seed_with_a_notice(cli, tmp_path: Path,
                                                             seeded_bytes: bytes) -> None:
    result = cli("budget", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "data/db.json" in result.stderr
    assert (tmp_path / "data" / "db.json").read_bytes() == seeded_bytes
    assert cli("budget", cwd=tmp_path).stderr == ""  # only the first time


def test_bad_today_is_a_user_error(k) -> None:  # type: ignore[no-untyped-def]
    line = one_error_line(k("--today", "5", "status"))
    assert line == "kattegat: --today: '5' er ikke en hel dato (dag, måned og år skal med)"


@pytest.mark.parametrize("args", [
    ["frobnicate"], ["show"], ["set-status", "UDD-1"], ["--lang", "de", "status"],
    ["access", "grant"], ["status", "--stale-days", "soon"], ["report", "--since", "x", "--period", "y"],
])
def test_usage_errors_exit_2(k, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = k(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "kattegat" in result.stderr


def test_help_in_the_chosen_language(cli) -> None:  # type: ignore[no-untyped-def]
    da = cli("--help")
    assert da.returncode == 0
    assert da.stdout.startswith("brug: kattegat")
    assert "vis aktiviteter" in da.stdout
    sv = cli("--lang", "sv", "budget", "--help")
    assert sv.stdout.startswith("användning: kattegat budget")
    assert "antal deltagare" in sv.stdout


def test_the_dashboard_refuses_without_a_terminal(k) -> None:  # type: ignore[no-untyped-def]
    result = k()
    assert result.returncode == 1
    assert "ssh -t" in result.stderr and "Traceback" not in result.stderr


# -- reading ---------------------------------------------------------------------------------

def ids(result: Any) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines()]


def test_activities_by_committee_key_short_name_or_name(k) -> None:  # type: ignore[no-untyped-def]
    expected = ["PART-1", "PART-2", "PART-3", "PART-4", "PART-5"]
    assert ids(k("activities", "--committee", "OU")) == expected
    assert ids(k("activities", "--committee", "ØU")) == expected
    assert ids(k("activities", "--committee", "økonomiudvalget")) == expected


def test_activities_by_status_and_focus(k) -> None:  # type: ignore[no-untyped-def]
    assert ids(k("activities", "--status", "in_progress", "--focus", "PART")) == [
        "PART-1", "PART-4", "PART-5"]
    assert ids(k("activities", "--status", "I gang", "--focus", "Partnerskabet")) == [
        "PART-1", "PART-4", "PART-5"]
    assert ids(k("activities", "--focus", "education")) == ["UDD-1", "UDD-2", "UDD-3"]
    result = k("activities", "--status", "done")
    assert (result.returncode, result.stdout) == (0, "Ingen aktiviteter matcher.\n")


def test_activities_text_marks_overdue_and_shows_labels(k) -> None:  # type: ignore[no-untyped-def]
    lines = {line.split()[0]: line for line in k("activities").stdout.splitlines()}
    assert len(lines) == 17
    assert "◐ I gang" in lines["PART-1"] and "18-02-2025!" in lines["PART-1"]
    assert "31-12-2026 " in lines["UDD-1"] and "!" not in lines["UDD-1"]


def test_activities_json(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = k("activities", "--committee", "EAU", "--status", "planned", "--json")
    data = json.loads(result.stdout)
    assert [a["id"] for a in data] == ["HAVN-3", "HAVN-4", "UDD-1"]
    stored = {a.id: a.to_dict() for a in load(plan_path).activities}
    assert data == [stored[a["id"]] for a in data]


@pytest.mark.parametrize(("args", "message"), [
    (["activities", "--committee", "XYZ"], "Ukendt fagudvalg 'XYZ'; brug en af: OU, MTU, KFU, EAU, BFU"),
    (["activities", "--status", "soon"], "Ukendt status 'soon'"),
    (["activities", "--focus", "Mars"], "Ukendt indsatsområde 'Mars'"),
    (["show", "NOPE-1"], "Aktivitet 'NOPE-1' findes ikke"),
])
def test_unknown_filters_and_ids(k, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    assert message in one_error_line(k(*args))


def test_milestones(k) -> None:  # type: ignore[no-untyped-def]
    result = k("milestones")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 11
    assert "10. oktober 2019" in lines[0] and "✓" in lines[0] and "Underskrift" in lines[0]
    assert "juni 2023" in lines[1]
    assert "5.-6. februar 2025" in lines[6]
    assert "om 2 år" in lines[10]
    data = json.loads(k("milestones", "--json").stdout)
    assert data[1]["when"] == {"start": "2023-06-01", "precision": "month"}
    assert data[6]["when"] == {"start": "2025-02-05", "precision": "day", "end": "2025-02-06"}
    en = k("--lang", "en", "milestones").stdout
    assert "June 2023" in en and "5-6 February 2025" in en and "in 2 years" in en


# -- changing ---------------------------------------------------------------------------------

def test_set_status_with_note_is_stored_and_audited(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = k("set-status", "udd-1", "in_progress", "--note", "Første møde holdt")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Gemt: UDD-1 ◐ I gang\n"
    plan = load(plan_path)
    a = plan.activity("UDD-1")
    me = current_login()
    assert a.status is Status.IN_PROGRESS
    assert a.revision == 2 and a.updated_by == me
    assert [(n.by, n.text) for n in a.notes] == [(me, "Første møde holdt")]
    changes = [(c.who, c.entity, c.entity_id, c.field, c.old, c.new, c.action) for c in plan.changes]
    assert changes == [
        (me, "activity", "UDD-1", "status", "planned", "in_progress", "update"),
        (me, "activity", "UDD-1", "notes", None, "Første møde holdt", "note"),
    ]
    assert len({c.batch for c in plan.changes}) == 1  # one command, one batch
    assert plan.changes[0].at == a.updated_at == a.notes[0].at


def test_set_status_accepts_labels_and_refuses_unknown(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert k("set-status", "UDD-1", "Afsluttet").returncode == 0
    assert load(plan_path).activity("UDD-1").status is Status.DONE
    before = plan_path.read_bytes()
    line = one_error_line(k("set-status", "UDD-1", "finished"))
    assert "Ukendt status 'finished'" in line and "in_progress" in line
    assert one_error_line(k("set-status", "NOPE-1", "done")).endswith("'NOPE-1' findes ikke")
    assert plan_path.read_bytes() == before


def test_assess_needs_a_comment_for_yellow_and_red(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = plan_path.read_bytes()
    line = one_error_line(k("assess", "UDD-1", "yellow"))
    assert line == "kattegat: En kommentar er påkrævet ved vurderingen Gul"
    assert plan_path.read_bytes() == before
    result = k("assess", "UDD-1", "gul", "--comment", "Mangler svensk partner")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Gemt: UDD-1 ◆ Gul\n"
    plan = load(plan_path)
    a = plan.activity("UDD-1")
    assert (a.assessment, a.assessment_comment) == (Assessment.YELLOW, "Mangler svensk partner")
    assert {(c.field, c.old, c.new) for c in plan.changes} == {
        ("assessment", None, "yellow"), ("assessment_comment", "", "Mangler svensk partner")}
    assert "I risiko (gul/rød) (1)" in k("status").stdout


def test_note_keeps_newlines_and_strips_control_characters(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = k("note", "UDD-1", "Linje 1\nLinje 2\x1b]0;title\x07")
    assert result.returncode == 0, result.stderr
    a = load(plan_path).activity("UDD-1")
    assert [n.text for n in a.notes] == ["Linje 1\nLinje 2]0;title"]
    assert one_error_line(k("note", "UDD-1", "   ")) == "kattegat: Note skal udfyldes"


def test_show_notes_newest_first_and_history(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    k("note", "UDD-1", "første note")
    k("set-status", "UDD-1", "in_progress", "--note", "anden note\nover to linjer")
    result = k("show", "UDD-1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("UDD-1  Samarbejde om branchespecifikke efteruddannelser\n")
    assert "Erhvervs- og Arbejdsmarkedsudvalget (forslag)" in out
    assert "Frist:" in out and "31. december 2026" in out
    assert out.index("anden note") < out.index("første note")
    assert "    anden note\n    over to linjer\n" in out
    history = out[out.index("Historik:"):]
    assert history.index("Status: Planlagt → I gang") < history.index("Note tilføjet: første note")
    data = json.loads(k("show", "UDD-1", "--json").stdout)
    assert [n["text"] for n in data["notes"]] == ["første note", "anden note\nover to linjer"]
    assert [c["field"] for c in data["history"]] == ["notes", "status", "notes"]


def test_show_in_english(k) -> None:  # type: ignore[no-untyped-def]
    out = k("--lang", "en", "show", "PART-1").stdout
    for text in ("Focus area:", "The partnership", "(suggested)", "18 February 2025 (overdue)",
                 "◐ In progress", "Milestones:", "5-6 February 2025"):
        assert text in out


def test_undo_reverts_my_last_change(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    k("set-status", "UDD-1", "in_progress")
    k("assess", "UDD-1", "red", "--comment", "stop")
    result = k("undo")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Fortrudt: 2 ændring(er)\n"
    a = load(plan_path).activity("UDD-1")
    assert (a.status, a.assessment, a.assessment_comment) == (Status.IN_PROGRESS, None, "")
    assert k("undo").returncode == 0
    assert load(plan_path).activity("UDD-1").status is Status.PLANNED
    assert k("undo").stdout == "Intet at fortryde\n"
    actions = [c.action for c in load(plan_path).changes]
    assert actions.count("undo") == 3


def test_access_list_grant_revoke(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = current_login()
    assert k("access", "list").stdout.startswith("Alle, der kan åbne filen, må redigere")
    result = k("access", "grant", "jkr")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Redaktører: {me}, jkr\n"
    assert load(plan_path).editors == [me, "jkr"]
    assert k("access", "list").stdout == f"Redaktører: {me}, jkr\n"
    assert k("access", "revoke", "jkr").stdout == f"Redaktører: {me}\n"
    assert "Redaktør 'nobody' findes ikke" in one_error_line(k("access", "revoke", "nobody"))
    plan = load(plan_path)
    assert [(c.entity, c.old, c.new) for c in plan.changes] == [
        ("access", [], [me, "jkr"]), ("access", [me, "jkr"], [me])]


def test_granting_a_login_that_is_no_account_warns_but_keeps_it(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = k("access", "grant", "no-such-login-x")
    assert result.returncode == 0
    assert "'no-such-login-x' er ikke en konto på denne maskine" in result.stderr
    assert "no-such-login-x" in load(plan_path).editors
    result = k("access", "grant", "root")  # an account: no warning
    assert result.returncode == 0 and result.stderr == ""


def test_a_non_editor_is_refused_and_nothing_changes(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert current_login() != "jkr"
    Store(plan_path, user="jkr").grant("jkr")  # the plan now has one editor, and it is not me
    before = plan_path.read_bytes()
    line = one_error_line(k("set-status", "UDD-1", "done"))
    assert "ikke på listen over redaktører" in line
    assert plan_path.read_bytes() == before
    assert k("status").returncode == 0  # reading is still allowed


# -- check, export, import -------------------------------------------------------------------

def test_check_sound(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = k("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{plan_path}: filen er i orden (17 aktiviteter, 0 ændringer)\n"


def _edit_json(path: Path, change: Any) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


def test_check_reports_the_first_problem_and_how_many_more(k, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    def break_it(doc: dict[str, Any]) -> None:
        doc["activities"]["1"]["committee"] = "NOPE"
        doc["activities"]["2"]["assessment"] = "red"

    _edit_json(plan_path, break_it)
    before = plan_path.read_bytes()
    line = one_error_line(k("check"))
    assert line == (f"kattegat: {plan_path}: Aktivitet HAVN-1: Ukendt fagudvalg 'NOPE'; brug en af: "
                    "OU, MTU, KFU, EAU, BFU (og 1 problem(er) mere)")
    en = one_error_line(k("--lang", "en", "check"))
    assert "Activity HAVN-1: Unknown committee 'NOPE'" in en and "(and 1 more problem(s))" in en
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "filen er tom"),
    (b"null", "null"),
    (b"{\"meta\": ", "ikke gyldig JSON"),
    (b"[1, 2]", "forventede et JSON-objekt, fandt list"),
])
def test_check_unreadable_file(k, plan_path: Path, content: bytes, reason: str) -> None:  # type: ignore[no-untyped-def]
    plan_path.write_bytes(content)
    line = one_error_line(k("check"))
    assert str(plan_path) in line and reason in line
    assert one_error_line(k("set-status", "UDD-1", "done"))
    assert plan_path.read_bytes() == content


def test_export_is_the_file_lossless(k, plan_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    Store(plan_path, user="tester").add_note("UDD-1", "æøå – “citat” \U0001f6a2")
    result = k("export")
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode("utf-8") == plan_path.read_bytes()
    out = tmp_path / "export.json"
    result = k("export", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_bytes() == plan_path.read_bytes()


def test_export_then_import_round_trips(k, cli, plan_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k("set-status", "UDD-1", "in_progress", "--note", "eksporteret")
    exported = tmp_path / "export.json"
    k("export", "-o", str(exported))
    other = tmp_path / "other.json"
    assert cli("seed", "-o", str(other)).returncode == 0
    result = cli("--db", str(other), "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Importeret fra {exported}: 17 aktiviteter\n"
    theirs, ours = load(other), load(plan_path)
    assert [a.to_dict() for a in theirs.activities] == [a.to_dict() for a in ours.activities]
    assert theirs.changes[:-1] == ours.changes
    last = theirs.changes[-1]
    assert (last.action, last.entity, last.new, last.who) == ("import", "plan", str(exported),
                                                              current_login())


@pytest.mark.parametrize(("breakage", "message"), [
    (lambda d: d["activities"]["3"].update(assessment="yellow"), "En kommentar er påkrævet"),
    (lambda d: d["activities"]["4"].update(id="HAVN-1"), "ID HAVN-1 findes allerede"),
    (lambda d: d["activities"]["1"].update(due="2020-01-01"), "ligger før start"),
    (lambda d: d["meta"]["1"]["pool"].update(budget=-5), "kan ikke være negativ"),
    (lambda d: d["activities"]["1"].update(title="x\x1b[2Jy"), "kontroltegn"),
    (lambda d: d["meta"]["1"].update(schema_version=99), "skemaversion 99 er nyere"),
    (lambda d: d["activities"]["1"].update(status="finished"), "status: ukendt værdi 'finished'"),
    (lambda d: d.pop("milestones"), "mangler tabel(ler): milestones"),
])
def test_import_is_validated_all_or_nothing(k, plan_path: Path, tmp_path: Path, breakage: Any,
                                            message: str) -> None:
    Store(plan_path, user="tester").add_note("UDD-1", "må ikke gå tabt")
    bad = tmp_path / "bad.json"
    bad.write_bytes(plan_path.read_bytes())
    _edit_json(bad, breakage)
    before = plan_path.read_bytes()
    line = one_error_line(k("import", str(bad)))
    assert message in line and str(bad) in line
    assert plan_path.read_bytes() == before


def test_import_of_a_missing_or_garbage_file(k, plan_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = plan_path.read_bytes()
    assert str(tmp_path / "nope.json") in one_error_line(k("import", str(tmp_path / "nope.json")))
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json", encoding="utf-8")
    assert "ikke gyldig JSON" in one_error_line(k("import", str(garbage)))
    assert plan_path.read_bytes() == before


def test_status_lists_are_capped_unless_all(plan_path: Path) -> None:
    from datetime import date

    from kattegat_tui.cli.summary import status_lines
    from kattegat_tui.i18n import Translator

    plan = load(plan_path)
    capped = status_lines(plan, date(2026, 11, 30), Translator("da"), limit=5)
    stale = capped[capped.index("Ikke opdateret i 90 dage (17)") + 1:]
    assert [line.split()[0] for line in stale[:5]] == ["HAVN-1", "HAVN-2", "HAVN-3", "HAVN-4", "KLIMA-1"]
    assert stale[5] == "  … og 12 flere"
    everything = status_lines(plan, date(2026, 11, 30), Translator("da"), limit=None)
    assert "  … og 12 flere" not in everything
    assert sum(1 for line in everything if line.startswith("  UDD-")) == 4  # 3 stale + UDD-3 overdue
