"""``python -m kg`` runs the command line."""

from __future__ import annotations

if __name__ == "__main__":
    from kg.cli import app

    app()
