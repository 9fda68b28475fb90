"""Type a phrase the lexicon does not know, from its head word or its shape.

These rules carry general knowledge of how ML names are built: "… network" and
"…Net" are Architectures, "… dataset" a Dataset, "… accuracy" a Metric,
"… segmentation" a Task, "… learning" or "… pruning" a Method (GUIDELINES, "The five
types"). Generic phrases (GUIDELINES "not this") are rejected.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.model import EntityType

__all__ = [
    "GENERIC_PHRASES",
    "HEAD_TYPES",
    "is_generic",
    "names_outputs",
    "trim",
    "type_of_name",
    "type_of_phrase",
]

A, M, D, ME, T = (
    EntityType.ARCHITECTURE,
    EntityType.METHOD,
    EntityType.DATASET,
    EntityType.METRIC,
    EntityType.TASK,
)

#: Head lemma → type, for noun phrases with at least one specific modifier.
HEAD_TYPES: dict[str, EntityType] = {
    **dict.fromkeys(
        "network net transformer perceptron autoencoder encoder decoder layer unit "
        "convolution attention machine rnn cnn gnn lstm mlp operator embedding "
        "block module cell kernel model".split(), A),
    **dict.fromkeys(
        "dataset benchmark corpus treebank suite".split(), D),
    **dict.fromkeys(
        "accuracy score error rate precision recall distance ratio latency throughput "
        "complexity divergence perplexity auc fid bleu psnr ssim iou quality robustness "
        "measure metric efficiency".split(), ME),
    **dict.fromkeys(
        "segmentation classification detection recognition estimation prediction "
        "generation translation synthesis retrieval forecasting tracking captioning "
        "reconstruction answering summarization parsing tagging completion localization "
        "verification separation enhancement capture modeling modelling inpainting "
        "super-resolution denoising understanding reasoning navigation planning "
        "control discovery imputation clustering regression extraction analysis problem "
        "task processing annotation alignment resolution playing".split(), T),
    **dict.fromkeys(
        "learning pruning distillation optimization optimisation regularization "
        "quantization search sampling estimator descent augmentation initialization "
        "normalization training tuning fine-tuning attack defense defence inference "
        "propagation backpropagation algorithm loss compression sparsification "
        "binarization ensembling dropout encoding scheduling aggregation system method "
        "approach technique framework procedure strategy scheme mechanism classifier "
        "parser bootstrapping solver".split(), M),
}

def _phrases(block: str) -> frozenset[str]:
    """The non-empty lines of BLOCK, stripped: one phrase a line."""
    return frozenset(line.strip() for line in block.splitlines() if line.strip())


#: Quantities with a Metric head that evaluate nothing: measure theory's measures and
#: hyperparameters set before training ("a probability measure", "the learning rate").
NOT_METRICS = _phrases(
    """
    probability measure
    reference measure
    continuous measure
    invariant measure
    stationary measure
    empirical measure
    counting measure
    lebesgue measure
    gaussian measure
    borel measure
    haar measure
    radon measure
    product measure
    learning rate
    sampling rate
    dropout rate
    decay rate
    masking rate
    masking ratio
    mask ratio
    """
)

#: Heads that "neural" makes a family of models: "neural ODEs", "neural fields".
NEURAL_FAMILY_HEADS = frozenset("equation ode sde pde cde field".split())

#: Phrases that the GUIDELINES call generic ("not this"): never entities on their own.
GENERIC_PHRASES = _phrases(
    """
    model
    network
    neural network
    deep neural network
    deep network
    neural net
    deep model
    neural model
    deep learning model
    artificial neural network
    architecture
    method
    approach
    technique
    algorithm
    framework
    deep learning
    machine learning
    training
    learning
    performance
    data
    dataset
    benchmark
    task
    problem
    system
    learning algorithm
    training algorithm
    optimization algorithm
    dnn
    ann
    nn
    natural language processing
    computer vision
    speech processing
    signal processing
    image processing
    artificial intelligence
    data science
    robotics
    healthcare
    layer
    input layer
    output layer
    single layer
    hidden layer
    gold standard metric
    building block
    nonlinearity
    metric
    measure
    score
    evaluation metric
    evaluation measure
    performance metric
    performance measure
    quality metric
    quality measure
    similarity metric
    task specific metric
    loss
    loss function
    training loss
    objective
    objective function
    training objective
    train loss
    """
)

#: Words trimmed from the start of a candidate (GUIDELINES: names, not descriptions).
TRIM_WORDS = frozenset(
    """
    a an the this that these those its their our my your his her such each every any
    some all both several many various different multiple numerous other another
    novel new proposed existing standard conventional traditional typical classical
    classic modern recent popular prior previous current state-of-the-art sota
    powerful efficient effective simple simpler complex large larger small smaller
    high higher low lower better best good strong stronger competitive superior
    significant substantial improved robust general generic specific certain
    particular common widely well-known known first second same similar key main
    overall final resulting corresponding respective underlying whole entire full
    challenging real-world practical extensive comprehensive broad wide diverse diversified varied reliable
    e.g. e.g., i.e. i.e., so-called just thus more less only very highly
    trained pretrained pre-trained incoming subsequent respective additional
    further direct sophisticated modest lightweight promising straightforward
    unconventional digital real downstream upstream novelty interesting useful
    flexible scalable accurate fast faster expressive generic unified holistic
    principled naive naïve alternative baseline original basic advanced default well
    recently previously newly originally commonly widely currently usually typically
    frequently often already also still generally largely mostly
    called named dubbed termed coined
    yet impressive remarkable excellent outstanding notable past own initial minimal relevant consecutive
    desired desirable negligible plain vanilla untrainable precise whose significantly
    increased decreased enlarged competing last massive dominant increasing decreasing growing
    performing found obtained discovered priori posteriori especially particularly
    specifically notably even mainly stable explicit quick rapid slow necessary sufficient integrated
    """.split()
)
#: Heads so broad that the phrase needs a specific modifier to name anything.
BROAD_HEADS = frozenset(
    "model system method approach technique framework algorithm task problem "
    "mechanism strategy scheme procedure solution classifier network layer module "
    "block unit architecture".split()
)
#: Broad heads that need a noun or a name as modifier, not only an adjective.
VERY_BROAD_HEADS = frozenset(
    "model system method approach technique framework algorithm task problem "
    "mechanism strategy scheme procedure solution classifier".split()
)
#: Method heads that weak modifiers alone do not make specific: "network training", "model inference".
PROCESS_HEADS = frozenset("training learning optimization optimisation inference".split())
#: Task heads that an adjective alone does not make a task: "mathematical analysis", "automatic recognition".
BROAD_TASK_HEADS = frozenset("analysis understanding modeling modelling processing approximation discovery".split())
#: Modifiers that do not make a broad head specific ("machine learning model").
WEAK_MODIFIERS = frozenset(
    "machine deep learning neural network networks model models data training "
    "optimization optimisation computational numerical physical real-world world "
    "end-to-end end state art existing learning-based based general-purpose "
    "hand-crafted handcrafted hand crafted statistical classical traditional single benchmark intermediate proof source target teacher student ai black white box".split()
)
#: Part-of-speech tags never allowed to open a candidate: adverbs, comparatives, participles.
_TRIM_TAGS = frozenset({"RB", "RBR", "RBS", "JJR", "JJS", "CD", "PRP$", "DT", "WDT", "VB", "VBP", "VBZ"})

_SIZE = re.compile(r"^\d+(?:\.\d+)?[KMBT]?$")  # "1.4B", "300M": model sizes, not names
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]|[A-Za-z]\d|\d[A-Za-z]")
_ARCH_SUFFIX = re.compile(r"(?:Net|NN|Nets|Former|former|GAN|BERT|GPT|Transformer|Mixer|ViT|RNN|CNN|GNN|LSTM|Mamba|VAE|KAN|NeRF|SSM)s?(?:-?\d+[A-Za-z]?|-[A-Z]{1,2})?$")
_SIZE_SUFFIX = re.compile(r"-(?:Tiny|Small|Base|Large|Huge|Mini|Nano|Lite|XL|XXL)$")
_DATASET_SUFFIX = re.compile(r"[A-Za-z0-9]-?(?:Bench|Benchmark|Corpus)(?:-?\d+[A-Za-z]?)?$")
_METHOD_SUFFIX = re.compile(r"(?:NAS|Opt|Prune|Distill|Aug|Attack|SGD|RL|Search)s?$")


#: Words after which a verb comes bare: "can decouple", "may reduce".
_BARE_INFINITIVE_BEFORE = frozenset("can could may might will would must should".split())
#: Endings of adverbs, which the tagger calls proper nouns in Title Case ("Jointly Modeling").
_ADVERB_ENDINGS = ("ively", "ally", "ously", "edly", "ingly", "fully", "ently", "antly")
#: "-ing" words that modify a network's name rather than open a title as its verb.
_ING_MODIFIERS = frozenset("spiking gating pooling sliding rolling recurring remaining".split())


def _is_trimmed_tag(token: Token) -> bool:
    """Adverbs, comparatives and determiners open no name, but "weakly supervised",
    "fully connected" do; nor does a verb that opens a sentence ("Unlocking X")."""
    if token.tag_ == "VBG" and token.is_sent_start:
        return True
    if (token.is_sent_start and token.lower_.endswith("ing") and token.text[:1].isupper()
            and token.lower_ not in HEAD_TYPES and token.lower_ not in _ING_MODIFIERS and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].text[:1].isupper()):
        return True  # a title's opening verb, tagged NNP: "Unlocking State-Tracking in …"
    if token.i > 0 and token.doc[token.i - 1].lower_ in _BARE_INFINITIVE_BEFORE and token.tag_ in {"NN", "VB", "VBP"}:
        return True  # "can decouple graph sampling": the verb after a modal
    if token.tag_ == "NNP" and token.lower_.endswith(_ADVERB_ENDINGS) and token.i + 1 < len(token.doc) \
            and token.doc[token.i + 1].text[:1].isupper() and token.doc[token.i + 1].lower_.endswith("ing"):
        return True  # "Tools for Jointly Modeling Graphs": an adverb before a verb, capitalised
    if _is_designed_by_hand(token):
        return True  # "carefully chosen", "specially designed": how it was made, not what it is
    if token.tag_ not in _TRIM_TAGS:
        return False
    if token.tag_ == "JJR" and token.dep_ == "compound":
        return False  # a noun the tagger took for a comparative: "glacier segmentation"
    if token.tag_ == "RB" and token.i + 1 < len(token.doc) and _is_participle(token.doc[token.i + 1]):
        return not token.lower_ in TRIM_WORDS and token.lower_ in {"very", "highly", "more", "most", "less"}
    return True


#: Participles that say how a thing was picked or made: with an adverb they name nothing.
_MAKING_PARTICIPLES = frozenset(
    "chosen selected designed crafted tuned engineered constructed built curated picked made".split())


def _is_designed_by_hand(token: Token) -> bool:
    """An adverb and a participle of making, or that participle after it: "carefully chosen"."""
    doc = token.doc
    if token.tag_ == "RB" and token.i + 1 < len(doc):
        return doc[token.i + 1].lower_ in _MAKING_PARTICIPLES
    return token.lower_ in _MAKING_PARTICIPLES and token.i > 0 and doc[token.i - 1].tag_ == "RB"


def _modifies_participle(token: Token) -> bool:
    """An adverb before a participle: "individually trained", "manually designed"."""
    doc = token.doc
    return token.tag_ == "RB" and token.i + 1 < len(doc) and doc[token.i + 1].tag_ in {"VBN", "VBD"}


def _is_participle(token: Token) -> bool:
    """A participle or adjective, also where the tagger calls it NNP or VBD ("Weakly Supervised")."""
    return token.tag_ in {"VBN", "JJ"} or (token.lower_.endswith("ed") and (token.text[:1].isupper() or token.tag_ == "VBD"))


def _in_title_case_name(token: Token, end: int) -> bool:
    """A capitalised trim word inside a Title Case name mid-sentence: "we propose Efficient Lattice Networks".

    In a title, where every word is capitalised, and at a sentence start it is trimmed.
    """
    doc = token.doc
    if not token.text[:1].isupper() or token.is_sent_start or token.i + 1 >= end:
        return False
    nxt = doc[token.i + 1]
    if not nxt.text[:1].isupper():
        return False
    sentence = token.sent
    lower = sum(1 for t in sentence if t.is_alpha and t.text.islower())
    return lower * 2 > sum(1 for t in sentence if t.is_alpha)  # a sentence, not a title


def trim(span: Span) -> Span:
    """Drop determiners, possessives and evaluative adjectives from the ends of SPAN.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("our novel graph neural networks ,")
        >>> trim(doc[0:6]).text
        'graph neural networks'
    """
    start, end = span.start, span.end
    doc = span.doc
    owner = next((t.i for t in doc[start + 1 : end - 1] if t.tag_ == "POS" and doc[t.i - 1].text.islower()), None)
    if owner is not None:
        start = owner + 1  # "the agent's learning": what follows the possessive
    start = _skip_hyphenated_trim_word(doc, start, end)
    while start < end and not _opens_compound(doc, start, end) and (
        (doc[start].lower_ in TRIM_WORDS and not _in_title_case_name(doc[start], end)) or doc[start].is_punct
        or doc[start].like_num or _is_variable(doc, start, end)
        or (doc[start].lower_ == "scale" and start > 0 and doc[start - 1].lower_ in {"large", "small", "web"})
        or bool(_SIZE.match(doc[start].text)) or _is_size_unit(doc, start)
        or doc[start].is_space
        or (_is_trimmed_tag(doc[start]) and start < end - 1 and not _opens_hyphenated_word(doc, start, end))
    ):
        start = _skip_hyphenated_trim_word(doc, start + 1, end)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in TRIM_WORDS):
        end -= 1
    return doc[start:end]


#: Units of a size written before a name: "1.3B parameter transformer", "4-bit quantization".
_SIZE_UNITS = frozenset({"parameter", "parameters", "bit", "bits", "layer", "layers"})


def _is_variable(doc: Doc, i: int, end: int) -> bool:
    """A one-letter symbol before more words: "K networks", "N layers" ("U-Net" is one name)."""
    token = doc[i]
    return (len(token.text) == 1 and token.is_alpha and i + 1 < end and doc[i + 1].text != "-"
            and bool(token.whitespace_))


def _is_size_unit(doc: Doc, i: int) -> bool:
    """A size's unit after its number, with or without a hyphen: "1.3B parameter", "4-bit"."""
    if doc[i].lower_ not in _SIZE_UNITS or i == 0:
        return False
    j = i - 2 if doc[i - 1].text == "-" and i >= 2 else i - 1
    return doc[j].like_num or bool(_SIZE.match(doc[j].text))


def _opens_compound(doc: Doc, i: int, end: int) -> bool:
    """A number joined by a hyphen to a noun: "three-layer networks", "2-layer MLP" keep their number.

    A size's unit is not such a noun: "4-bit quantization" is quantization.
    """
    return (doc[i].like_num and i + 2 < end and doc[i + 1].text == "-" and not doc[i].whitespace_
            and not doc[i + 1].whitespace_ and doc[i + 2].tag_ in {"NN", "NNP"}
            and doc[i + 2].lower_ not in {"bit", "bits", "parameter", "parameters"})


def _opens_hyphenated_word(doc: Doc, i: int, end: int) -> bool:
    """A word joined by a hyphen to the next: its tag alone does not trim it ("click-through rate").

    An adverb still goes: "effectively-deep networks".
    """
    token = doc[i]
    return (token.is_alpha and not token.tag_.startswith("RB") and i + 2 < end
            and doc[i + 1].text == "-" and not token.whitespace_ and not doc[i + 1].whitespace_)


def _skip_hyphenated_trim_word(doc: Doc, start: int, end: int) -> int:
    """Skip a hyphenated compound that is or opens with a trim word, whole.

    "large-scale", "well-known", "state-of-the-art" (spaCy splits it into seven tokens).
    """
    i = start
    while i + 2 < end and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        i += 2
    if i == start:
        return start
    compound = doc[start : i + 1].text.lower()
    if doc[start].lower_ in TRIM_WORDS or compound in TRIM_WORDS:
        return i + 1
    return start


def _singular(text: str) -> str:
    """TEXT lower-cased, hyphens as spaces, its last word without a plural "s"."""
    words = text.lower().replace("-", " ").split()
    if words and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def is_generic(text: str) -> bool:
    """Tell whether TEXT is only a generic word (GUIDELINES "not this").

    Example:
        >>> is_generic("Deep Neural Networks"), is_generic("graph neural networks")
        (True, False)
    """
    return _singular(text) in GENERIC_PHRASES


def names_outputs(token: Token) -> bool:
    """Tell whether TOKEN is a task word in the plural, which names outputs, not a task.

    "noisy annotations", "past predictions", "FE predictions"; "tasks" and "problems"
    stay tasks.
    """
    return token.tag_ in {"NNS", "NNPS"} and _head_lemma(token) not in {token.lower_, "task", "problem"}


def _head_lemma(token: Token) -> str:
    """The head word as HEAD_TYPES knows it: its lemma, its text, or its text without plural "s".

    A hyphenated token is headed by its last part: "pre-training" by "training".
    """
    lemma = token.lemma_.lower() or token.lower_
    last = token.lower_.rsplit("-", 1)[-1]
    for form in (lemma, token.lower_, token.lower_.rstrip("s"), last, last.rstrip("s")):
        if form in HEAD_TYPES:
            return form
    return lemma


def type_of_name(text: str) -> EntityType | None:
    """Type a coined name from its suffix ("SelecSLS Net", "BossNAS"), if the suffix tells.

    Example:
        >>> type_of_name("DiskGNN"), type_of_name("BossNAS"), type_of_name("XNect")
        (<EntityType.ARCHITECTURE: 'Architecture'>, <EntityType.METHOD: 'Method'>, None)
        >>> type_of_name("NATS-Bench"), type_of_name("Bench")
        (<EntityType.DATASET: 'Dataset'>, None)
    """
    last = text.split()[-1] if text.split() else text
    last = _SIZE_SUFFIX.sub("", last) or last  # "BossNet-Tiny" is typed as BossNet
    if _ARCH_SUFFIX.search(last):
        return A
    if _METHOD_SUFFIX.search(last):
        return M
    if _DATASET_SUFFIX.search(last):
        return D
    return None


def is_coined(text: str) -> bool:
    """Tell whether TEXT looks like a coined name: inner capitals or letters mixed with digits.

    Example:
        >>> is_coined("MgNO"), is_coined("Neur2RO"), is_coined("Transformer"), is_coined("KAN")
        (True, True, False, True)
    """
    if _SIZE.match(text):
        return False  # "1.4B", "300M": model sizes
    word = text.replace("-", "")
    return bool(_CAMEL.search(word)) or (word.isupper() and sum(c.isalpha() for c in word) >= 2)


def type_of_phrase(span: Span) -> EntityType | None:
    """Type a noun phrase by its head word or its name's suffix; None when neither tells.

    A phrase whose head is a type word needs a specific modifier: "graph neural
    network" is typed, "neural network" and "the dataset" are not.
    """
    span = trim(span)
    if len(span) == 0 or is_generic(span.text):
        return None
    by_name = type_of_name(span.text)
    if by_name is not None and all(t.text[:1].isupper() or t.is_punct or is_coined(t.text) or t.like_num for t in span):
        return by_name  # the whole phrase is a name: "SelecSLS Net", not "fine-tune ResNet-50"
    head = span[-1]
    kind = HEAD_TYPES.get(_head_lemma(head))
    if kind is None and {head.lemma_.lower(), head.lower_.rstrip("s")} & NEURAL_FAMILY_HEADS \
            and any(t.lower_ == "neural" for t in span[:-1]):
        return A  # "neural controlled differential equations", "neural fields": model families
    if kind is None or len(span) < 2:
        return None
    modifiers = [t for t in span[:-1] if not t.is_punct]
    if not modifiers:
        return None
    head_word = head.lemma_.lower()
    if head_word in BROAD_HEADS or head.lower_ in BROAD_HEADS or head_word in BROAD_TASK_HEADS:
        strong = [t for t in modifiers if t.lower_ not in WEAK_MODIFIERS and t.lower_ not in TRIM_WORDS
                  and t.tag_ not in {"VBN", "VBD"} and not _modifies_participle(t)]
        if head_word in VERY_BROAD_HEADS or head_word in BROAD_TASK_HEADS:
            # "important model", "single task": an adjective alone names nothing here
            strong = [t for t in strong if t.pos_ in {"NOUN", "PROPN"} or is_coined(t.text) or t.text[:1].isupper()]
        if not strong:
            return None  # "machine learning model", "downstream task"
    if head_word in PROCESS_HEADS and all(t.lower_ in WEAK_MODIFIERS or t.lower_ in TRIM_WORDS for t in modifiers):
        return None  # "network training", "deep learning", "model optimization"
    if kind is T and names_outputs(head):
        return None  # "noisy annotations", "past predictions": outputs, not the task
    if kind is ME and _singular(span.text) in NOT_METRICS:
        return None  # "a probability measure", "the learning rate"
    if kind is D and not any(t.text[:1].isupper() or t.like_num or any(c.isdigit() for c in t.text) for t in modifiers):
        return None  # "image dataset" is a modality, "LiTS dataset" a name
    return kind
