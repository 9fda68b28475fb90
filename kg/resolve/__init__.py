"""Resolve: mentions → one canonical entity each, linked to a lexicon concept."""

from __future__ import annotations

from kg.resolve.merge import ResolvedPaper, canonical_name, resolve_paper

__all__ = ["ResolvedPaper", "canonical_name", "resolve_paper", "to_gold_record"]


def to_gold_record(resolved: ResolvedPaper) -> dict[str, object]:
    """Render a resolved paper in the gold format of GUIDELINES.md ("File format")."""
    ex = resolved.extraction
    names = resolved.name_of
    evaluated = sorted({(names(r.subject), names(r.object)) for r in resolved.evaluated_on()}, key=str)
    results = sorted(
        {
            (names(r.subject), names(r.metric), r.value, names(r.dataset))
            for r in resolved.results()
        },
        key=str,
    )
    return {
        "id": ex.paper.id,
        "title": ex.paper.title,
        "entities": [
            {"type": e.type.value, "name": e.name, "mentions": list(e.mentions)}
            | ({"concept": e.concept} if e.concept else {})
            for e in resolved.entities
        ],
        "proposes": sorted({e.name for e in resolved.entities if e.proposed}),
        "evaluated_on": [list(pair) for pair in evaluated if None not in pair],
        "results": [
            {"subject": s, "metric": m, "value": v, "dataset": d} for s, m, v, d in results
        ],
    }
