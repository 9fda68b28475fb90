"""Layering: import-linter's contracts hold, and the light layers import no spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_import_contracts_are_kept():
    lint = BIN / "lint-imports"
    assert lint.is_file(), f"{lint} is missing: install the test extras (import-linter)"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "module",
    [
        "kg",
        "kg.ingest",
        "kg.cli",  # STYLE 15: `kg --help` stays fast
    ],
)
def test_import_does_not_load_spacy(module):
    code = f"import sys, {module}; print(sorted(m for m in ('spacy', 'thinc') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
