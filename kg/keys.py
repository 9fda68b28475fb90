"""Keys under which surface forms merge, and slugs for ids.

GUIDELINES, "How a prediction is matched": lower-case, drop hyphens and spaces, drop
a trailing plural "s". Extraction, resolution and evaluation all use this one rule.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["match_key", "singular", "slugify"]

_SPACES_HYPHENS = re.compile(r"[\s\-‐‑‒–—]+")


def match_key(name: str) -> str:
    """Reduce a surface form to the key under which variants merge.

    Lower-case, drop hyphens and spaces, drop one trailing plural "s" (but not the
    "ss" of "loss", and not from forms of one or two letters).

    Example:
        >>> match_key("ConvNets")
        'convnet'
        >>> match_key("Kolmogorov-Arnold Networks")
        'kolmogorovarnoldnetwork'
        >>> match_key("cross-entropy loss")
        'crossentropyloss'
        >>> match_key("Graph neural networks") == match_key("graph-neural network")
        True
    """
    key = _SPACES_HYPHENS.sub("", unicodedata.normalize("NFKC", name).lower())
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith(("ss", "us", "is")) and len(key) > 3:
        return key[:-1]
    return key


def singular(phrase: str) -> str:
    """Put the last word of a phrase in the singular, keeping its case.

    Example:
        >>> singular("Graph Neural Networks")
        'Graph Neural Network'
        >>> singular("CNNs")
        'CNN'
        >>> singular("cross-entropy loss")
        'cross-entropy loss'
        >>> singular("strategies")
        'strategy'
        >>> singular("BossNAS")
        'BossNAS'
    """
    head, sep, last = phrase.rpartition(" ")
    low = last.lower()
    if low.endswith("ies") and len(low) > 4:
        last = last[:-3] + ("Y" if last[-3:].isupper() else "y")
    elif low.endswith(("sses", "xes", "ches", "shes")):
        last = last[:-2]
    elif last.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        last = last[:-1]  # a capital S ("BossNAS") is part of the name, not a plural
    return f"{head}{sep}{last}"


def slugify(name: str) -> str:
    """Make an IRI- and id-safe slug: lower case, runs of other characters → "-".

    Example:
        >>> slugify("ResNet-50")
        'resnet-50'
        >>> slugify("  Kolmogorov–Arnold Network (KAN) ")
        'kolmogorov-arnold-network-kan'
    """
    dashed = re.sub(r"[‐‑‒–—]", "-", name)
    ascii_name = unicodedata.normalize("NFKD", dashed).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"
