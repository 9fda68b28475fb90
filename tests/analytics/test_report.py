"""kg.analytics.report and ``kg analyze``: files, exact tables, escaping, determinism, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.analytics import top_by_pagerank
from kg.analytics.report import write_report
from kg.cli import app
from kg.errors import ExportError


def _edge(source: str, target: str, key: str, paper: str) -> dict[str, object]:
    return {"source": source, "target": target, "key": key, "relation": key.partition(":")[0], "paper": paper,
            "sentence": 0, "start": 0, "end": 4}


# A graph.json written by hand in the node-link form ``kg build`` writes. Paper 1
# (dated 2021) mentions Adam, MNIST and classification and evaluates Adam on MNIST;
# paper 2 (undated) mentions SGD, CIFAR-10 and classification.
GRAPH = {
    "directed": True, "multigraph": True, "graph": {},
    "nodes": [
        {"id": "paper:1", "type": "Paper", "label": "Adam on MNIST", "date": "2021-03-04"},
        {"id": "paper:2", "type": "Paper", "label": "SGD on CIFAR-10", "date": ""},
        {"id": "method:adam", "type": "Method", "label": "<b>Adam</b>", "aliases": "", "papers": 1},
        {"id": "method:sgd", "type": "Method", "label": "SGD", "aliases": "", "papers": 1},
        {"id": "dataset:mnist", "type": "Dataset", "label": "MNIST", "aliases": "", "papers": 1},
        {"id": "dataset:cifar-10", "type": "Dataset", "label": "CIFAR-10", "aliases": "", "papers": 1},
        {"id": "task:classification", "type": "Task", "label": "classification | tagging", "aliases": "",
         "papers": 2},
    ],
    "edges": [
        _edge("paper:1", "method:adam", "mentions", "1"), _edge("paper:1", "dataset:mnist", "mentions", "1"),
        _edge("paper:1", "task:classification", "mentions", "1"),
        _edge("paper:2", "method:sgd", "mentions", "2"), _edge("paper:2", "dataset:cifar-10", "mentions", "2"),
        _edge("paper:2", "task:classification", "mentions", "2"),
        _edge("method:adam", "dataset:mnist", "evaluated_on:1", "1"),
    ],
}
FIGURES = ["communities", "cooccurrence_method_dataset", "top_entities", "trends"]  # no architecture, no metric
TABLES = ["communities", "cooccurrence_architecture_task", "cooccurrence_method_dataset",
          "cooccurrence_metric_dataset", "gaps_architecture_task", "gaps_method_dataset", "papers_per_year",
          "summary", "top_architecture", "top_dataset", "top_method", "top_metric", "top_task", "trends"]


@pytest.fixture()
def graph_json(tmp_path: Path) -> Path:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(GRAPH), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The report on GRAPH, written once for the module (matplotlib takes about a second a figure)."""
    folder = tmp_path_factory.mktemp("report")
    (folder / "graph.json").write_text(json.dumps(GRAPH), encoding="utf-8")
    return folder / "report", write_report(kg.load_graph(folder / "graph.json"), folder / "report")


@pytest.fixture()
def report(written) -> Path:
    return written[0]


def test_write_report_returns_every_file(written):
    folder, files = written
    assert [f.relative_to(folder).as_posix() for f in files] == [
        "report.md", "report.html", *(f"figures/{n}.png" for n in FIGURES), *(f"tables/{n}.csv" for n in TABLES)]
    assert sorted(p.relative_to(folder) for p in folder.rglob("*.*")) == sorted(f.relative_to(folder) for f in files)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 2 papers, 1 dated; 6 mention edges + 1 evaluated_on
        ("summary", "what,n\npapers,2\npapers with a date,1\nentities: Architecture,0\nentities: Method,2\n"
                    "entities: Dataset,2\nentities: Metric,0\nentities: Task,1\nedges: evaluated_on,1\n"
                    "edges: mentions,6\n"),
        ("papers_per_year", "year,papers\n2021,1\n"),
        # only paper 1 is dated; its three entities tie at 1 and go in id order
        ("trends", "entity,label,type,2021\ndataset:mnist,MNIST,Dataset,1\nmethod:adam,<b>Adam</b>,Method,1\n"
                   'task:classification,classification | tagging,Task,1\n'),
        ("cooccurrence_method_dataset",
         "method,Method,dataset,Dataset,papers\nmethod:adam,<b>Adam</b>,dataset:mnist,MNIST,1\n"
         "method:sgd,SGD,dataset:cifar-10,CIFAR-10,1\n"),
        # classification co-occurs with Adam, MNIST, SGD and CIFAR-10 (projection degree 4): both
        # untried pairs score 1/ln 4 = 0.7213 and tie, so source id order
        ("gaps_method_dataset",
         "method,Method,dataset,Dataset,adamic-adar,evidence\n"
         "method:adam,<b>Adam</b>,dataset:cifar-10,CIFAR-10,0.7213,via classification | tagging (1 → 2)\n"
         "method:sgd,SGD,dataset:mnist,MNIST,0.7213,via classification | tagging (2 → 1)\n"),
        ("gaps_architecture_task", "architecture,Architecture,task,Task,adamic-adar,evidence\n"),
    ],
)
def test_report_table_csv(report, name, expected):
    assert (report / "tables" / f"{name}.csv").read_text(encoding="utf-8") == expected


def test_report_top_table_lays_out_the_rankings(report, graph_json):
    pagerank = dict(top_by_pagerank(kg.load_graph(graph_json), "Method"))
    # Adam: 1 paper, degree 2 (mention + evaluated_on); SGD: 1 paper, degree 1; tie on papers → id order
    assert (report / "tables" / "top_method.csv").read_text(encoding="utf-8") == (
        "rank,entity,label,papers,degree,pagerank\n"
        f"1,method:adam,<b>Adam</b>,1,2,{pagerank['method:adam']:.4g}\n"
        f"2,method:sgd,SGD,1,1,{pagerank['method:sgd']:.4g}\n")


@pytest.mark.parametrize(
    ("file", "present", "absent"),
    [
        ("report.html", "<td>&lt;b&gt;Adam&lt;/b&gt;</td>", "<b>Adam</b>"),
        ("report.md", "| classification \\| tagging |", "| classification | tagging |"),
        ("report.md", "![trends](figures/trends.png)", "method:adam"),
    ],
)
def test_report_escapes_labels_and_hides_ids(report, file, present, absent):
    text = (report / file).read_text(encoding="utf-8")
    assert present in text
    assert absent not in text


def test_report_is_byte_identical_on_rerun(written, graph_json, tmp_path):
    again = write_report(kg.load_graph(graph_json), tmp_path / "again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written[1]]


def test_report_without_dates_has_no_trends(graph_json, tmp_path):
    G = kg.load_graph(graph_json)
    G.nodes["paper:1"]["date"] = ""
    files = write_report(G, tmp_path / "r")
    assert not {"trends.png", "trends.csv", "papers_per_year.csv"} & {f.name for f in files}
    assert "None of the 2 papers carries a date: no trends to show." in (tmp_path / "r" / "report.md").read_text()


def test_report_unwritable_folder(graph_json, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError) as caught:
        write_report(kg.load_graph(graph_json), blocker)
    assert str(caught.value) == f"{blocker}: cannot write the report: File exists"


@pytest.fixture()
def in_tmp(graph_json, monkeypatch) -> Path:
    """Run the CLI inside tmp_path, so the paths it prints stay short."""
    monkeypatch.chdir(graph_json.parent)
    return graph_json.parent


@pytest.mark.parametrize(("top", "rows"), [("1", 1)])  # --top 1: one of the two methods
def test_analyze_writes_report(in_tmp, top, rows):
    result = CliRunner().invoke(app, ["analyze", "graph.json", "-o", "rep", "--top", top])
    assert result.exit_code == 0, result.output
    # 4 figures + 14 tables besides report.md and report.html
    assert result.stderr == f"wrote {Path('rep/report.md')}, {Path('rep/report.html')} and 18 figures and tables\n"
    assert len((in_tmp / "rep" / "tables" / "top_method.csv").read_text().splitlines()) == 1 + rows  # + header


@pytest.mark.parametrize(
    ("graph", "content", "error"),
    [
        ("missing.json", None, "error: missing.json: cannot read graph: No such file or directory\n"),
        ("bad.json", "{", "error: bad.json: cannot read graph: Expecting property name enclosed in double "
                          "quotes: line 1 column 2 (char 1)\n"),
        ("untyped.json", json.dumps({"directed": True, "multigraph": True, "graph": {},
                                     "nodes": [{"id": "x"}], "edges": []}),
         "error: write_report needs a kg graph: node 'x' has no 'type'\n"),
    ],
)
def test_analyze_errors_are_one_line(in_tmp, graph, content, error):
    if content is not None:
        (in_tmp / graph).write_text(content)
    result = CliRunner().invoke(app, ["analyze", graph, "-o", "rep"])
    assert result.exit_code == 1
    assert result.stderr == error


def test_analyze_help_ends_with_example():
    result = CliRunner().invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0
    assert "Example: kg analyze out/graph.json -o report/" in " ".join(result.output.split())
