"""Read the lexicon's concepts from ``kg/data/lexicon/*.jsonl`` (no NLP, no RDF here).

The extractor matches them, the resolver names entities after them, and the RDF
layer writes them as the SKOS scheme ``ontology/concepts.ttl``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import ConfigError
from kg.keys import slugify
from kg.model import Concept, EntityType

__all__ = ["concept_index", "lexicon_dir", "read_concepts"]

_FIELDS = {"id", "type", "label", "aliases", "broader", "note", "case_sensitive"}


def lexicon_dir() -> Path:
    """Return the folder of the bundled lexicon files."""
    return Path(str(resources.files("kg") / "data" / "lexicon"))


def _concept(line: str, source: Path, number: int) -> Concept:
    def fail(reason: str) -> ConfigError:
        return ConfigError(f"{source}:{number}: {reason}")

    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise fail("expected a JSON object")
    unknown = set(data) - _FIELDS
    if unknown:
        raise fail(f"unknown field '{sorted(unknown)[0]}'")
    for name in ("id", "type", "label"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise fail(f"missing field '{name}'")
    try:
        kind = EntityType(data["type"])
    except ValueError as exc:
        raise fail(f"unknown type '{data['type']}'") from exc
    prefix = kind.value.lower() + "/"
    if not data["id"].startswith(prefix) or slugify(data["id"][len(prefix):]) != data["id"][len(prefix):]:
        raise fail(f"id '{data['id']}' is not of the form '{prefix}<slug>'")
    return Concept(
        id=data["id"],
        type=kind,
        label=data["label"],
        aliases=tuple(data.get("aliases", ())),
        broader=tuple(data.get("broader", ())),
        note=data.get("note"),
    )


def read_concepts(folder: Path | None = None) -> list[Concept]:
    """Read every concept of the lexicon files in FOLDER (default: the bundled lexicon).

    Raises:
        ConfigError: ``FILE:LINE: reason`` for a malformed line or a duplicate id.
    """
    folder = folder or lexicon_dir()
    concepts: list[Concept] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            concept = _concept(line, path, number)
            if concept.id in seen:
                raise ConfigError(f"{path}:{number}: duplicate id '{concept.id}' (first in {seen[concept.id]})")
            seen[concept.id] = f"{path.name}:{number}"
            concepts.append(concept)
    return concepts



@cache
def concept_index() -> dict[str, Concept]:
    """Return the bundled concepts by id (read once per process)."""
    return {concept.id: concept for concept in read_concepts()}
