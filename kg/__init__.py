"""kg: turn machine-learning papers into a typed knowledge graph.

The Python API starts from a built graph::

    import kg
    G = kg.load_graph("out/graph.json")     # networkx.MultiDiGraph

Importing ``kg`` is cheap: ``load_graph`` imports networkx (and never spaCy) only
when it is called.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["__version__", "load_graph"]
__version__ = "0.1.0"


def load_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph written by ``kg build`` (``graph.json`` or ``graph.graphml``).

    Args:
        path: The node-link JSON (``.json``) or GraphML file.

    Returns:
        The kg graph: a ``networkx.MultiDiGraph`` with paper, entity and result nodes
        (``type``, ``label``, ``aliases`` as a tuple, ``papers``, ``concept``, ``date``) and
        provenance on every edge (``paper``, ``sentence``, ``start``, ``end``).

    Raises:
        kg.errors.InputError: when the file is missing or is not a graph kg can read.

    Example:
        >>> import kg
        >>> kg.load_graph("no/such/graph.json")
        Traceback (most recent call last):
        ...
        kg.errors.InputError: no/such/graph.json: cannot read graph: No such file or directory
    """
    from pathlib import Path
    from xml.etree.ElementTree import ParseError

    from kg.errors import InputError
    from kg.graph import read_graph

    source = Path(path)
    try:
        return read_graph(source)
    except OSError as exc:
        raise InputError(source, None, f"cannot read graph: {exc.strerror or exc}") from exc
    except KeyError as exc:
        raise InputError(source, None, f"cannot read graph: no {exc} in the file") from exc
    except (ValueError, TypeError, ParseError) as exc:
        raise InputError(source, None, f"cannot read graph: {exc}") from exc
