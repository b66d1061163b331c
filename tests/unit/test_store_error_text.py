"""Plan file problems read in the user's language: every store error has a code and parameters,
the catalogs say each code in da, sv and en, and str() stays one English line for logs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kattegat_tui.errors import describe
from kattegat_tui.i18n import da, en, sv, translator
from kattegat_tui.store import Store, StoreError
from kattegat_tui.store.errors import MESSAGES, UnsafePath

STORE = Path(__file__).resolve().parents[2] / "kattegat_tui" / "store"
RAISED = ("StoreError", "UnreadableFile", "NewerSchema", "LockTimeout", "UnsafePath")


def test_every_store_code_is_in_every_catalog_and_english_is_the_same() -> None:
    for catalog in (da, sv, en):
        assert [k for k in MESSAGES if k not in catalog.MESSAGES] == []
    assert {k: en.MESSAGES[k] for k in MESSAGES} == MESSAGES


def test_every_store_error_raised_names_a_known_code() -> None:
    codes = []
    for path in STORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in RAISED):
                second = node.args[1] if len(node.args) > 1 else None
                assert isinstance(second, ast.Constant), f"{path.name}:{node.lineno}"
                codes.append(second.value)
    assert len(codes) > 30
    assert [c for c in codes if c not in MESSAGES] == []


def test_str_is_english_with_the_path(tmp_path: Path) -> None:
    exc = StoreError(tmp_path / "plan.json", "store.disk_full")
    assert str(exc) == f"{tmp_path / 'plan.json'}: disk full: nothing was written, the file is unchanged"
    assert (exc.code, exc.params, exc.path) == ("store.disk_full", {}, tmp_path / "plan.json")


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "disken er fuld: intet er skrevet, filen er uændret"),
    ("sv", "disken är full: inget har skrivits, filen är oförändrad"),
    ("en", "disk full: nothing was written, the file is unchanged"),
])
def test_a_full_disk_reads_in_each_language(tmp_path: Path, lang: str, text: str) -> None:
    path = tmp_path / "plan.json"
    assert describe(StoreError(path, "store.disk_full"), translator(lang)) == f"{path}: {text}"


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "er en mappe, ikke en almindelig fil; afvist"),
    ("sv", "är en mapp, inte en vanlig fil; avvisas"),
    ("en", "is a folder, not a regular file; refused"),
])
def test_a_folder_named_as_the_plan_reads_in_each_language(tmp_path: Path, lang: str,
                                                            text: str) -> None:
    folder = tmp_path / "plan.json"
    folder.mkdir()
    with pytest.raises(StoreError) as info:
        Store(folder).load()
    assert describe(info.value, translator(lang)) == f"{folder}: {text}"


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "er en FIFO, ikke en almindelig fil; afvist"),
    ("sv", "är en FIFO, inte en vanlig fil; avvisas"),
])
def test_the_kind_of_a_refused_file_is_translated_too(tmp_path: Path, lang: str, text: str) -> None:
    import os

    from kattegat_tui.store.safe_paths import check_regular

    fifo = tmp_path / "plan.json.journal"
    os.mkfifo(fifo)
    with pytest.raises(UnsafePath) as info:
        check_regular(fifo, os.lstat(fifo))
    assert str(info.value) == f"{fifo}: is a FIFO, not a regular file; refused"
    assert describe(info.value, translator(lang)) == f"{fifo}: {text}"


def test_the_command_line_says_file_problems_in_danish(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.json"
    plan.write_bytes(b"")
    result = cli("--db", str(plan), "check")
    assert result.returncode == 1
    assert result.stderr == f"kattegat: {plan}: filen er tom\n"
    result = cli("--db", str(plan), "--lang", "sv", "check")
    assert result.stderr == f"kattegat: {plan}: filen är tom\n"
