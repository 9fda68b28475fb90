"""The whole pipeline on awkward inputs: no exception, and output that holds together.

Each case runs load_pipeline → to_extraction → resolve_paper → to_gold_record and
checks the invariants every later stage relies on: spans inside the text, offsets
that give back the mention (except the rules that write an expanded name, see
``_EXPANDED_RULES``), types from the closed set, and proposals among the entities.

Every input here is invented for the test.
"""

from __future__ import annotations

import pytest

from kg.extract import to_extraction
from kg.model import EntityType, Paper, PaperExtraction
from kg.resolve import resolve_paper, to_gold_record

#: Rules whose mention text is the expanded name, not the words at its offsets:
#: "vowel" in "vowel and image classification" is "vowel classification" (lists.elliptical),
#: "classification of songs" is "song classification" (phrases.of_phrase_tasks).
_EXPANDED_RULES = frozenset({"ellipsis", "of-phrase"})
_TYPES = {t.value for t in EntityType}

_LONG_SENTENCE = "We train " + " and ".join(["a lantern network on bird songs"] * 286) + "."  # ~2,000 words
_FIFTY_ITEMS = ", ".join(f"Zorb{i}Net" for i in range(50))

_TEXT_ENDS = [
    "We evaluate it on tasks such as",
    "We test on benchmarks including",
    "We build a network called",
    "We propose a method named",
    "We study an update rule referred to as",
    "We compare two models, i.e.,",
    "We train the lantern network via",
    "We propose (",
    "We propose QuuxNet (",
    "We propose QuuxNet-based",
    "We propose",
    "We propose a family of",
    "Results on three datasets:",
    "Ravens help with classification of",
    "We compare vowel and",
    "with a cross entropy",
]


@pytest.fixture()
def check(nlp):
    """Return a function that extracts one paper and asserts the pipeline's invariants."""

    def run(title: str, abstract: str) -> tuple[PaperExtraction, dict]:
        paper = Paper(id="t-robust", title=title, abstract=abstract)
        text = paper.text
        extraction = to_extraction(nlp(text), paper)
        for m in extraction.mentions:
            start, end = m.provenance.start, m.provenance.end
            assert 0 <= start < end <= len(text), m
            assert m.type.value in _TYPES
            assert m.text.strip(), m
            assert m.text.count("(") == m.text.count(")"), m  # no name runs into or out of parentheses
            assert 0 <= m.provenance.sentence < max(1, len(extraction.sentences)), m
            if m.rule not in _EXPANDED_RULES:
                assert text[start:end] == m.text, m
        record = to_gold_record(resolve_paper(extraction))
        names = {e["name"] for e in record["entities"]}
        assert all(e["type"] in _TYPES and e["name"] and e["mentions"] for e in record["entities"])
        assert set(record["proposes"]) <= names
        assert all(set(pair) <= names for pair in record["evaluated_on"])
        assert all(r["metric"] in names for r in record["results"])
        return extraction, record

    return run


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Tagging Bird Songs", ""),  # an empty abstract
        ("", ""),  # nothing at all
        ("", "We train QuuxNet on ZORB-Bench."),  # no title
        (")", "("),  # lone parentheses
        ("(", ")"),
        ("Tagging Bird Songs", ")"),
        ("Tagging Bird Songs", "("),
        ("...", ".,;:!?()[]{}--"),  # only punctuation
        ("Tagging Bird Songs", " \u00a0 \n\n\n "),  # only white space
        ("Tagging Bird Songs", "such as"),  # a cue and nothing else
        ("Tagging Bird Songs", "including"),
        ("Tagging Bird Songs", "called"),
        ("Tagging Bird Songs", "i.e.,"),
        ("Tagging Bird Songs", "via"),
        ("QuuxNet (", "QuuxNet-based"),
        ("QuuxNet:", ""),  # a title name with no subtitle and no abstract
        (":", ":"),
    ],
)
def test_pipeline_survives_degenerate_input(check, title, abstract):
    extraction, record = check(title, abstract)
    assert record["id"] == "t-robust"
    assert record["title"] == title


@pytest.mark.parametrize("abstract", _TEXT_ENDS)
def test_pipeline_survives_text_ending_after_a_cue(check, abstract):
    extraction, _ = check("Tagging Bird Songs", abstract)
    assert extraction.paper.abstract == abstract


@pytest.mark.parametrize("title", [f"Tagging Bird Songs: {a}" for a in _TEXT_ENDS[:8]])
def test_pipeline_survives_title_ending_after_a_cue(check, title):
    extraction, _ = check(title, "We study songs.")
    assert extraction.sentences[0].startswith("Tagging Bird Songs")


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Σ-Net: α–β Attention for Songs", "We propose Σ-Net\u00a0— a lattice network 🚀 with β-VAE layers 😀."),
        ("Tagging Bird Songs", "We train QuuxNet\u00a0on ZORB-Bench — and reach 76.5\u00a0% accuracy."),
        ("🐦🐦🐦", "🎵 such as 🎶, including 🎼."),
        ("Tagging Bird Songs", "Ünïcödé Nets (ÜN) beat Ωmega-Net (ΩN) on Ƶorb–Bench."),
        ("Tagging Bird Songs", "We propose a network called “Zorb Net” for songs."),
    ],
)
def test_pipeline_survives_unicode(check, title, abstract):
    extraction, _ = check(title, abstract)
    assert extraction.paper.text.endswith(abstract)


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("1.4B", "76.5%"),  # numbers alone, at both edges
        ("over 8x", "over 8x"),
        ("Tagging Bird Songs", "QuuxNet reaches 76.5% accuracy with 1.4B"),
        ("Tagging Bird Songs", "76.5% accuracy is reached by QuuxNet, over 8x faster at 60 fps"),
        ("Tagging Bird Songs", "1.4B parameters"),
    ],
)
def test_pipeline_survives_numbers_at_text_edges(check, title, abstract):
    extraction, _ = check(title, abstract)
    assert all(r.value for r in extraction.results)


@pytest.mark.parametrize(
    "title",
    [
        "Faster Songs Through",  # "through" with nothing after it
        "Faster Songs Via",
        "Songs: Faster Through",
        "Through",
        "Via QuuxNet",
        "Tagging Bird Songs Through Lantern Networks: A Study Via",
        "QuuxNet: Faster Songs Through Lantern Gating",
        "Faster Songs via Lantern Gates (LG)",
        'Faster Songs via "Lantern Gates".',
    ],
)
def test_pipeline_survives_titles_with_colons_and_means(check, title):
    extraction, _ = check(title, "We study songs.")
    assert extraction.sentences[0] == title


@pytest.mark.parametrize(
    "abstract",
    [
        "(A)(B)",
        "We train Lantern Gate Networks (LGN)(LGNs) on songs.",
        "We train QuuxNet (QN)(QN)(QN) and (QN) on songs.",
        "We use Lantern Gate Networks (LGN) (LGN (LGN)).",
        "LGN (Lantern Gate Networks) and LGN (Lantern Gate Networks).",
        "We study the song tagging (ST) task and the Zorb (ZB) dataset.",
        "We measure top-1 (validation) accuracy of Lantern (gated) networks.",
    ],
)
def test_pipeline_survives_repeated_abbreviations(check, abstract):
    extraction, _ = check("Tagging Bird Songs", abstract)
    assert all(m.key for m in extraction.mentions)


@pytest.mark.parametrize(
    "abstract",
    [
        _LONG_SENTENCE,
        f"We evaluate on datasets such as {_FIFTY_ITEMS}.",
        f"We evaluate on datasets such as {_FIFTY_ITEMS}",  # the list ends the text
        f"Tasks including {', '.join(['song tagging'] * 50)} and more.",
    ],
)
def test_pipeline_survives_long_sentences_and_lists(check, abstract):
    extraction, _ = check("Tagging Bird Songs", abstract)
    assert len(extraction.sentences) >= 2
