"""The data package is valid under the Frictionless Framework's own validator, not only the kit's.

The kit's validator (alliancekit.data) reads the same datapackage.json but was written for it, so it can
accept what the standard does not (it did accept a date-only ``created`` and ';'-joined foreign keys).
Running frictionless itself keeps the package honest for anyone who opens it with other tools.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import REPO

frictionless = pytest.importorskip("frictionless", reason="frictionless is a test dependency (requirements-test.txt)")

PACKAGE = REPO / "data" / "datapackage.json"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def _errors(report) -> list[str]:
    """Every error the validator found, one line each: 'resource: type: note'."""
    lines = [f"package: {e.type}: {e.note}" for e in report.errors]
    for task in report.tasks:
        lines += [f"{task.name}: {e.type}: {e.note}" for e in task.errors]
    return lines


def test_created_is_an_rfc3339_datetime():
    created = json.loads(PACKAGE.read_text(encoding="utf-8"))["created"]
    assert RFC3339.fullmatch(created), f"created {created!r} is not an RFC 3339 date-time (e.g. 2026-11-26T00:00:00Z)"


def test_the_frictionless_validator_accepts_the_data_package(monkeypatch):
    monkeypatch.chdir(PACKAGE.parent)  # frictionless resolves the resources' relative paths from here
    report = frictionless.validate(PACKAGE.name)
    errors = _errors(report)
    shown = "\n".join(errors[:25]) + (f"\n... and {len(errors) - 25} more" if len(errors) > 25 else "")
    assert report.valid, f"{len(errors)} error(s) from frictionless {frictionless.__version__}:\n{shown}"


def test_the_validator_catches_a_broken_table(tmp_path, monkeypatch):
    """The check can fail: a text in a number column is reported, with its table."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(PACKAGE.parent, copy, ignore=shutil.ignore_patterns("build", "sourcing", "raw"))
    events = (copy / "excerpts.csv").read_text(encoding="utf-8").replace("p04_artillery,4,", "p04_artillery,four,")
    (copy / "excerpts.csv").write_text(events, encoding="utf-8")
    monkeypatch.chdir(copy)
    report = frictionless.validate("datapackage.json")
    assert any(line.startswith("excerpts: type-error") for line in _errors(report))
