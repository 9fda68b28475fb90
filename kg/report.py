"""RunReport: what a run read, built and skipped, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.errors import InputError

__all__ = ["RunReport"]


@dataclass
class RunReport:
    """Counts of one run, so that nothing is dropped silently.

    Example:
        >>> r = RunReport()
        >>> r.read = 3
        >>> r.skip(InputError("a.jsonl", 2, "missing field 'title'"))
        >>> r.built = 2
        >>> r.summary()
        "read 3 papers, built 2, skipped 1 (1 × missing field 'title')"
    """

    read: int = 0
    built: int = 0
    duplicates: int = 0
    skipped: list[InputError] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def skip(self, error: InputError) -> None:
        """Record a bad record; the run goes on without it."""
        self.skipped.append(error)

    def reasons(self) -> Counter[str]:
        """Count skipped records by reason."""
        return Counter(error.reason for error in self.skipped)

    def summary(self) -> str:
        """Return one line: papers read, built, merged duplicates, skipped with reasons."""
        line = f"read {self.read} papers, built {self.built}"
        if self.duplicates:
            line += f", merged {self.duplicates} duplicates"
        line += f", skipped {len(self.skipped)}"
        if self.skipped:
            parts = sorted(self.reasons().items(), key=lambda kv: (-kv[1], kv[0]))
            line += " (" + ", ".join(f"{n} × {reason}" for reason, n in parts) + ")"
        return line
