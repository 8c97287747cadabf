#!/usr/bin/env python3
"""Keeps the language data files (crates/core/src/lang/data/*.txt) tidy: every section's
entries sorted (by code point, which is Rust's byte order for UTF-8) and without duplicates,
comments kept at the top of the file and of each section. The core's tests check the order
(lookups binary-search some lists).

    python3 scripts/tidy-lang-data.py [FILE...]   # default: every data file
"""
import pathlib
import sys

DATA = pathlib.Path(__file__).resolve().parent.parent / "crates/core/src/lang/data"
# Sections whose single line must stay as written.
VERBATIM = {"syllable_vowels", "syllable_exceptions_table"}


def tidy(text: str) -> str:
    head, sections, current = [], [], None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = (line[1:-1], [], [])
            sections.append(current)
        elif current is None:
            head.append(raw.rstrip())
        elif not line:
            continue
        elif line.startswith("#"):
            current[1].append(line)
        else:
            current[2].append(line)
    out = "\n".join(head).rstrip() + "\n"
    for name, comments, entries in sections:
        if name not in VERBATIM:
            entries = sorted(set(entries))
        out += "\n[" + name + "]\n"
        out += "".join(c + "\n" for c in comments)
        out += "".join(e + "\n" for e in entries)
    return out


def main() -> None:
    files = [pathlib.Path(a) for a in sys.argv[1:]] or sorted(DATA.glob("*.txt"))
    for f in files:
        if f.name == "en.txt":
            continue  # English keeps its own layout (its lists are sorted by hand)
        text = f.read_text(encoding="utf-8")
        tidied = tidy(text)
        if tidied != text:
            f.write_text(tidied, encoding="utf-8")
            print(f"tidied {f.name}")


if __name__ == "__main__":
    main()
