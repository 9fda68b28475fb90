"""The ``kg`` command line, driven through Typer's CliRunner."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf import KG

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMANDS = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]
CALLBACKS = {c.name or c.callback.__name__.replace("_", "-"): c.callback for c in app.registered_commands}

PAPERS = [
    {
        "id": "2401.00001",
        "title": "FooNet: Fast Segmentation of Aerial Photographs",
        "abstract": "Aerial photographs are large and hard to label. We propose FooNet, a convolutional "
        "network for semantic segmentation of such photographs. Experiments on Cityscapes show "
        "that FooNet reaches 71.3% mIoU while running on a single GPU.",
    },
    {
        "id": "2401.00002",
        "title": "Adaptive Step Sizes Without Tuning",
        "abstract": "Step sizes are hard to choose. We describe a new method called BarOpt that adapts "
        "the step size of stochastic gradient descent. Trained on CIFAR-10, a ResNet optimised "
        "with BarOpt matches a hand-tuned schedule.",
    },
    {
        "id": "2401.00003",
        "title": "Distilling Small Students for Translation",
        "abstract": "Small models are cheap to serve. We study knowledge distillation from a large "
        "Transformer into a compact student for machine translation and report BLEU on WMT14.",
    },
]
GOLD = [
    {
        "id": "2401.00001",
        "title": PAPERS[0]["title"],
        "entities": [
            {"type": "Architecture", "name": "FooNet", "mentions": ["FooNet"]},
            {"type": "Task", "name": "semantic segmentation", "mentions": ["semantic segmentation"]},
            {"type": "Dataset", "name": "Cityscapes", "mentions": ["Cityscapes"]},
            {"type": "Metric", "name": "mIoU", "mentions": ["mIoU"]},
        ],
        "proposes": ["FooNet"],
        "evaluated_on": [["FooNet", "Cityscapes"]],
        "results": [{"subject": "FooNet", "metric": "mIoU", "value": "71.3%", "dataset": "Cityscapes"}],
    },
    {
        "id": "2401.00002",
        "title": PAPERS[1]["title"],
        "entities": [
            {"type": "Method", "name": "BarOpt", "mentions": ["BarOpt"]},
            {"type": "Method", "name": "stochastic gradient descent", "mentions": ["stochastic gradient descent"]},
            {"type": "Dataset", "name": "CIFAR-10", "mentions": ["CIFAR-10"]},
            {"type": "Architecture", "name": "ResNet", "mentions": ["ResNet"]},
        ],
        "proposes": ["BarOpt"],
        "evaluated_on": [["ResNet", "CIFAR-10"], ["BarOpt", "CIFAR-10"]],
        "results": [],
    },
]
OUTPUTS = ["graph.graphml", "graph.html", "graph.json", "graph.ttl"]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _flat(text: str) -> str:
    """Join rich's soft-wrapped lines back into one line of words."""
    return " ".join(text.split())


@pytest.fixture()
def papers(tmp_path, monkeypatch) -> Path:
    """Three papers in ``papers.jsonl``; the working folder is tmp_path, so paths stay short."""
    monkeypatch.chdir(tmp_path)
    return _jsonl(tmp_path / "papers.jsonl", PAPERS)


def test_build_writes_all_outputs(runner, papers, tmp_path):
    result = runner.invoke(app, ["build", "papers.jsonl", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == OUTPUTS
    # three valid papers, all distinct
    assert "read 3 papers, built 3, skipped 0" in _flat(result.stderr)
    for name in OUTPUTS:
        assert f"wrote {Path('out') / name}" in result.stderr


def test_build_turtle_reparses(runner, papers, tmp_path):
    assert runner.invoke(app, ["build", "papers.jsonl", "-o", "out"]).exit_code == 0
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    paper_nodes = set(g.subjects(RDF.type, KG.Paper))
    assert len(paper_nodes) == len(PAPERS)  # one node per input paper
    assert {str(g.value(p, DCTERMS.title)) for p in paper_nodes} == {p["title"] for p in PAPERS}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "p9", "title": ', "invalid JSON: Expecting value"),
        ('{"id": "p9", "title": "Only a title"}', "missing field 'abstract'"),
        ('{"abstract": "Only an abstract."}', "missing field 'title'"),
        ('{"id": "p9", "title": "T", "abstract": ""}', "empty abstract"),
        ('["a", "list"]', "expected a JSON object"),
    ],
)
def test_build_strict_bad_record_is_one_error_line(runner, papers, tmp_path, line, reason):
    (tmp_path / "bad.jsonl").write_text(json.dumps(PAPERS[0]) + "\n" + line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--strict", "bad.jsonl", "-o", "out"])
    assert result.exit_code == 1
    assert result.stderr == f"error: bad.jsonl:2: {reason}\n"
    assert not (tmp_path / "out").exists()


def test_build_default_skips_bad_records_and_counts_them(runner, papers, tmp_path):
    (tmp_path / "bad.jsonl").write_text(
        json.dumps(PAPERS[0]) + "\n" + '{"id": "p9", "title": \n' + json.dumps(PAPERS[1]) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", "bad.jsonl", "-o", "out"])
    assert result.exit_code == 0, result.output
    # three lines read, the middle one is not JSON
    assert "read 3 papers, built 2, skipped 1 (1 × invalid JSON: Expecting value)" in _flat(result.stderr)
    assert "skipped bad.jsonl:2: invalid JSON: Expecting value" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == OUTPUTS


def test_build_no_valid_paper_is_an_error(runner, papers, tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "p9", "title": \n', encoding="utf-8")
    result = runner.invoke(app, ["build", "bad.jsonl", "-o", "out"])
    assert result.exit_code == 1
    assert _flat(result.stderr) == (
        "error: bad.jsonl: no paper could be built "
        "(read 1 papers, built 0, skipped 1 (1 × invalid JSON: Expecting value))"
    )


def test_build_missing_input_is_an_error(runner, papers):
    result = runner.invoke(app, ["build", "missing.jsonl", "-o", "out"])
    assert result.exit_code == 1
    assert result.stderr == "error: missing.jsonl: no such file or folder\n"


def test_build_unknown_format_is_a_usage_error(runner, papers):
    result = runner.invoke(app, ["build", "papers.jsonl", "--format", "pdf", "-o", "out"])
    assert result.exit_code == 2


def test_extract_writes_one_record_per_paper(runner, papers, tmp_path):
    result = runner.invoke(app, ["extract", "papers.jsonl", "-o", "entities.jsonl"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(PAPERS)  # one object per paper, in input order
    assert [r["id"] for r in records] == [p["id"] for p in PAPERS]
    for record in records:
        assert set(record) == {"id", "title", "entities", "proposes", "evaluated_on", "results"}
        for entity in record["entities"]:
            assert {"type", "name", "mentions"} <= set(entity)
    assert "wrote 3 records to entities.jsonl" in result.stderr


def test_extract_finds_the_proposed_names(runner, papers, tmp_path):
    assert runner.invoke(app, ["extract", "papers.jsonl", "-o", "entities.jsonl"]).exit_code == 0
    records = [json.loads(line) for line in (tmp_path / "entities.jsonl").read_text().splitlines()]
    assert records[0]["proposes"] == ["FooNet"]
    assert records[1]["proposes"] == ["BarOpt"]


@pytest.fixture()
def gold_file(papers, tmp_path) -> Path:
    return _jsonl(tmp_path / "gold.jsonl", GOLD)


def test_evaluate_prints_a_table(runner, gold_file):
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "papers.jsonl"])
    assert result.exit_code == 0, result.output
    assert "2 gold papers, 0 not found in the input" in result.stderr  # both gold titles are in the input
    for row in ("Architecture", "Dataset", "Method", "Metric", "Task", "micro", "proposes", "evaluated_on"):
        assert row in result.stderr
    assert result.stdout == ""


def test_evaluate_json_is_parsable(runner, gold_file):
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "papers.jsonl", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) == {
        "Architecture", "Dataset", "Method", "Metric", "Task", "micro", "proposes", "evaluated_on", "results",
    }
    # eight gold entities: four in each gold record
    assert scores["micro"]["gold"] == 8
    # two gold papers propose one name each
    assert scores["proposes"]["gold"] == 2
    for counts in scores.values():
        assert 0.0 <= counts["f1"] <= 1.0
        assert counts["tp"] <= min(counts["predicted"], counts["gold"])


def test_evaluate_reports_gold_papers_missing_from_input(runner, gold_file, tmp_path):
    _jsonl(tmp_path / "one.jsonl", PAPERS[:1])
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "one.jsonl"])
    assert result.exit_code == 0, result.output
    # the second gold paper is not in one.jsonl
    assert "2 gold papers, 1 not found in the input" in result.stderr
    assert f"not in input: {PAPERS[1]['title']}" in _flat(result.stderr)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_ends_with_example(runner, command):
    doc = inspect.getdoc(CALLBACKS[command])
    assert doc, f"kg {command} has no help"
    assert doc.splitlines()[-1].startswith(f"Example: kg {command}")
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: kg {command}" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command):
    assert README.is_file(), f"{README} is missing: it must document every command"
    assert f"kg {command}" in README.read_text(encoding="utf-8"), f"README.md does not mention 'kg {command}'"


def test_build_error_with_long_path_stays_one_line(runner, papers, tmp_path):
    folder = tmp_path / ("a-rather-long-folder-name-" * 3)
    folder.mkdir()
    bad = folder / "bad.jsonl"
    bad.write_text('{"id": "p9", "title": \n', encoding="utf-8")
    result = runner.invoke(app, ["build", "--strict", str(bad), "-o", "out"])
    assert result.exit_code == 1
    # one line whatever the terminal width: scripts grep for "error: FILE:LINE: reason"
    assert result.stderr == f"error: {bad}:1: invalid JSON: Expecting value\n"


# kg evaluate --errors: gold entities the extractor cannot find, one in the text and one not
GOLD_WITH_ERRORS = [
    {**GOLD[0], "entities": [
        *GOLD[0]["entities"],
        {"type": "Metric", "name": "hard to label", "mentions": ["hard to label"]},
        {"type": "Dataset", "name": "Gigaword", "mentions": ["Gigaword"]},
    ]},
    GOLD[1],
]


@pytest.fixture()
def errors_gold(papers, tmp_path) -> Path:
    return _jsonl(tmp_path / "gold.jsonl", GOLD_WITH_ERRORS)


def _error_lines(stderr: str) -> list[tuple[str, str]]:
    """(error line, the line under it) for each FP and MISS line."""
    lines = stderr.splitlines()
    return [(line.strip(), lines[i + 1].strip()) for i, line in enumerate(lines)
            if line.startswith(("  FP ", "  MISS "))]


def test_evaluate_errors_show_the_sentence_of_each_error(runner, errors_gold):
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "papers.jsonl", "--errors"])
    assert result.exit_code == 0, result.output
    errors = dict(_error_lines(result.stderr))
    assert errors["MISS Metric       hard to label"] == "Aerial photographs are large and hard to label."
    assert errors["MISS Dataset      Gigaword"] == "(not in the text)"
    # every error line has its sentence (or the note) under it, never another error
    assert all(not under.startswith(("FP ", "MISS ")) and under for under in errors.values())
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("errors: ")
    assert "Dataset " in summary and " MISS" in summary


def test_evaluate_errors_type_lists_one_type(runner, errors_gold):
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "papers.jsonl", "--errors-type", "metric"])
    assert result.exit_code == 0, result.output
    lines = [line for line, _ in _error_lines(result.stderr)]
    assert "MISS Metric       hard to label" in lines
    assert all(line.split()[1] == "Metric" for line in lines)
    assert result.stderr.strip().splitlines()[-1].startswith("errors: Metric ")  # only Metric counted


def test_evaluate_errors_type_unknown_is_a_usage_error(runner, errors_gold):
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "papers.jsonl", "--errors-type", "Material"])
    assert result.exit_code == 2
    assert "'Material' is not one of" in result.stderr  # the rest wraps inside Typer's error box


def test_evaluate_json_with_errors_lists_them_with_sentences(runner, errors_gold):
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "papers.jsonl", "--json", "--errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["micro"]["gold"] == 10  # six and four gold entities
    first, second = data["errors"]  # one entry per gold paper, in gold order
    assert (first["paper"], second["paper"]) == (PAPERS[0]["title"], PAPERS[1]["title"])
    assert first["has_text"] is True
    misses = {m["name"]: m for m in first["misses"]}
    assert misses["hard to label"] == {
        "type": "Metric", "name": "hard to label",
        "evidence": {"sentence": "Aerial photographs are large and hard to label.", "spans": [[33, 46]]},
    }
    assert misses["Gigaword"]["evidence"] is None
    # a predicted entity comes from the text, so each entity false positive is found in it
    for paper in data["errors"]:
        for fp in paper["false_positives"]:
            if fp["type"] in ("Architecture", "Dataset", "Method", "Metric", "Task"):
                assert fp["evidence"] is not None, fp


def test_evaluate_errors_clip_long_sentences_and_keep_brackets(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sentence = ("We count sheep " + "very " * 40 + "carefully with [CLS] tokens, which are hard to label, "
                + "then " * 30 + "stop.")
    _jsonl(tmp_path / "gold.jsonl", [{
        "id": "g1", "title": "Counting Sheep [Draft]", "text": sentence,
        "entities": [{"type": "Metric", "name": "hard to label", "mentions": []}],
    }])
    result = runner.invoke(app, ["evaluate", "--gold", "gold.jsonl", "--errors"])  # the texts come from the gold file
    assert result.exit_code == 0, result.output
    assert "\nCounting Sheep [Draft]\n" in result.stderr  # markup characters are shown as written
    (error, under), = _error_lines(result.stderr)
    assert error == "MISS Metric       hard to label"
    assert under.startswith("…") and under.endswith("…")  # clipped at both ends
    assert "[CLS] tokens, which are hard to label," in under
    assert len(under) <= 162  # 160 characters and two ellipses
