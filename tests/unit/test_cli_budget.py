"""`kattegat budget --participants 40/50/60`: the case's figures from the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NBSP = "\u00a0"


@pytest.mark.parametrize(("n", "catering", "total", "per_person"), [
    (40, "50.000 kr.", "102.000 kr.", "2.550 kr."),
    (50, "62.500 kr.", "114.500 kr.", "2.290 kr."),
    (60, "75.000 kr.", "127.000 kr.", "2.117 kr."),
])
def test_budget_text_in_danish(cli, plan_path: Path, n: int, catering: str, total: str,
                               per_person: str) -> None:
    result = cli("--db", str(plan_path), "budget", "--participants", str(n))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = {line.strip().rsplit("  ", 1)[0].strip(): line.strip().rsplit("  ", 1)[1].strip()
            for line in result.stdout.splitlines() if "  " in line.strip()}
    assert rows["Forplejning"] == catering
    assert rows["Facilitering, underholdning og øvrige udgifter"] == "20.000 kr."
    assert rows["Rundvisning og bustransport"] == "32.000 kr."
    assert rows["I alt"] == total
    assert rows["Pr. person"] == per_person
    assert rows["Godkendt ramme"] == "127.000 kr."
    assert rows["Puljens budget"] == "1.200.000 kr."
    assert rows["Rest før besøget"] == "1.000.000 kr."
    assert f"{n} deltagere" in result.stdout
    assert "Inden for den godkendte ramme" in result.stdout


@pytest.mark.parametrize(("n", "estimate", "per_person"), [
    (40, 102_000, 2_550), (50, 114_500, 2_290), (60, 127_000, 2_117)])
def test_budget_json(cli, plan_path: Path, n: int, estimate: int, per_person: int) -> None:
    result = cli("--db", str(plan_path), "budget", "--participants", str(n), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["participants"] == n
    assert [(x["key"], x["estimate"]) for x in data["lines"]] == [
        ("catering", 1_250 * n), ("facilitation", 20_000), ("tour", 32_000)]
    assert data["estimate"] == estimate == sum(x["estimate"] for x in data["lines"])
    assert data["per_person"] == per_person
    assert data["approved_cap"] == 127_000
    assert data["exceeds_cap"] is False
    assert data["pool"]["budget"] == 1_200_000
    assert data["pool"]["remaining_before_visit"] == 1_000_000
    assert data["pool"]["remaining"] == 873_000


def test_budget_defaults_to_the_planned_forty(cli, plan_path: Path) -> None:
    data = json.loads(cli("--db", str(plan_path), "budget", "--json").stdout)
    assert (data["participants"], data["estimate"], data["per_person"]) == (40, 102_000, 2_550)


def test_over_the_cap_is_flagged(cli, plan_path: Path) -> None:
    text = cli("--db", str(plan_path), "budget", "--participants", "61")
    assert "! Estimatet overskrider den godkendte ramme med 1.250 kr." in text.stdout
    data = json.loads(cli("--db", str(plan_path), "budget", "--participants", "61", "--json").stdout)
    assert (data["estimate"], data["exceeds_cap"]) == (128_250, True)


@pytest.mark.parametrize(("lang", "total", "pool_left"), [
    ("sv", f"127{NBSP}000 kr", f"1{NBSP}000{NBSP}000 kr"),
    ("en", "DKK 127,000", "DKK 1,000,000"),
])
def test_budget_in_swedish_and_english(cli, plan_path: Path, lang: str, total: str,
                                       pool_left: str) -> None:
    result = cli("--db", str(plan_path), "--lang", lang, "budget", "--participants", "60")
    assert result.returncode == 0, result.stderr
    assert total in result.stdout and pool_left in result.stdout
    assert "deltagere" not in result.stdout  # no Danish labels left


@pytest.mark.parametrize("value", ["-1", "many"])
def test_participants_must_be_a_whole_number(cli, plan_path: Path, value: str) -> None:
    result = cli("--db", str(plan_path), "budget", "--participants", value)
    assert result.returncode == 2
    assert "--participants" in result.stderr and "Traceback" not in result.stderr
