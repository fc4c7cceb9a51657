"""Excerpts are quoted with attribution; the command line lists and runs its sub-commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from alliancekit import cli
from alliancekit.excerpts import show_excerpt


def test_an_excerpt_is_quoted_with_author_outlet_date_and_paragraph():
    shown = show_excerpt("p04_artillery")
    html = shown._repr_html_()
    assert "14,000 artillery systems" in shown.text
    assert "Ariel Cohen" in html and "Newsweek" in html and "September 2023" in html and "paragraph 4" in html
    assert "<blockquote" in html


def test_an_excerpt_whose_text_was_repaired_says_so():
    assert "Transcription note: 3 no-break spaces replaced by spaces" in show_excerpt("p03_warnings")._repr_html_()


def test_an_unknown_excerpt_lists_the_real_ones():
    with pytest.raises(KeyError, match="p01_summit"):
        show_excerpt("p99_nothing")


def test_help_lists_the_sub_commands():
    out = subprocess.run([sys.executable, "-m", "alliancekit.cli", "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("validate", "tables", "cite", "release"):
        assert command in out


def test_validate_command_passes_on_the_kits_data(capsys):
    assert cli.main(["validate"]) == 0
    assert "tables are valid" in capsys.readouterr().out


def test_validate_command_fails_and_names_the_problem_on_broken_data(tmp_path, capsys):
    import shutil
    from .conftest import REPO
    shutil.copytree(REPO / "data", tmp_path / "data")
    path = tmp_path / "data" / "excerpts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("p04_artillery,4,", "p04_artillery,four,"), encoding="utf-8")
    assert cli.main(["validate", "--data-dir", str(tmp_path / "data")]) == 1
    assert "'four' is not a whole number" in capsys.readouterr().out


def test_cite_command_refuses_an_unknown_source(capsys):
    assert cli.main(["cite", "nobody_1999"]) == 1
    assert "No source" in capsys.readouterr().err


def test_importing_the_package_loads_nothing_heavy():
    code = "import sys, alliancekit; print(any(m in sys.modules for m in ('pandas', 'plotly', 'ipywidgets')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
