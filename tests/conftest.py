"""Shared fixtures. Corpus-dependent tests skip when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "hf_daily"
GOLD = SHARED / "gold" / "dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["nx"] = nx


@pytest.fixture(scope="session")
def nlp():
    """The full extraction pipeline, loaded once per test session."""
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared daily-papers dumps; skips the test when they are absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/hf_daily is absent")
    return CORPUS


@pytest.fixture(scope="session")
def gold() -> Path:
    """The shared dev gold file; skips the test when it is absent."""
    if not GOLD.is_file():
        pytest.skip("../shared/gold/dev.jsonl is absent")
    return GOLD


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the bundled sample once; returns the BuildResult (outputs in a temp folder)."""
    from kg.build import build_outputs

    return build_outputs([], tmp_path_factory.mktemp("sample-out"))


@pytest.fixture()
def data_dir() -> Path:
    """Folder of tiny hand-written inputs."""
    return DATA
