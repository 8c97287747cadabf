#!/usr/bin/env python3
"""Generates crates/core/src/text/word_classes.rs: the Unicode Word_Break property (UAX #29,
from the Unicode Character Database's WordBreakProperty.txt) together with
Extended_Pictographic (emoji-data.txt, for rule WB3c) as the core's word segmenter needs them,
compact.

Its input is the same data the `unicode-segmentation` crate (a dev-dependency: the tests'
reference) ships: the `word_cat_table`, `emoji_cat_table` and `Alphabetic_table` / `N_table`
of its `src/tables.rs`, found in the cargo registry at the version in Cargo.lock. Unicode's
data is under the Unicode License v3.

The segmenter derives a character's class from the core's own predicates first:
`char::is_alphabetic` → ALetter, else `char::is_numeric` → Numeric, else Other (the same
predicates the word filter already needs, so they cost nothing more). The output has two tables:
- `RANGES`/`LENGTHS`: every non-ASCII range whose class that derivation gets wrong (Extend,
  Format, Katakana, Hebrew_Letter, the Mid* and quote classes, Numeric digits the derivation
  misses, Other for ideographs and the letters of scripts without spaces, emoji…), one `u32`
  (first code point << 8 | index into `KINDS`) and one `u16` (length − 1) each. A range may
  run over characters the derivation already classifies as the range's class when that joins
  it to the next range of that class (fewer entries, same answers). Compiled into every build.
- `REFERENCE` (tests only): the whole property, which the exhaustive test compares with.

    python3 scripts/gen-word-classes.py
"""
import pathlib
import re
import subprocess

from unicode_segmentation_tables import tables_source

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/core/src/text/word_classes.rs"

src, version, uver = tables_source()


def table_body(name):
    start = src.index(f"const {name}")
    return re.sub(r"\s+", " ", src[start:src.index("];", start)])


def valued(name, prefix):
    rows = [
        (int(a, 16), int(b, 16), c)
        for a, b, c in re.findall(
            r"\('\\u\{([0-9a-f]+)\}', '\\u\{([0-9a-f]+)\}', " + prefix + r"(\w+)\)", table_body(name)
        )
    ]
    assert rows and all(rows[i][1] < rows[i + 1][0] for i in range(len(rows) - 1))
    return rows


def plain(name):
    rows = [
        (int(a, 16), int(b, 16))
        for a, b in re.findall(r"\('\\u\{([0-9a-f]+)\}', '\\u\{([0-9a-f]+)\}'\)", table_body(name))
    ]
    assert rows
    return rows


MAX = 0x110000
# The Rust names of the classes; Extended_Pictographic characters get a class of their own
# (Pictographic when their Word_Break is Other, LetterPictographic when it is ALetter).
CLASS = {
    "Any": "Other", "CR": "Cr", "LF": "Lf", "Newline": "Newline", "Extend": "Extend",
    "ZWJ": "Zwj", "Regional_Indicator": "RegionalIndicator", "Format": "Format",
    "Katakana": "Katakana", "Hebrew_Letter": "HebrewLetter", "ALetter": "ALetter",
    "Single_Quote": "SingleQuote", "Double_Quote": "DoubleQuote", "MidNumLet": "MidNumLet",
    "MidLetter": "MidLetter", "MidNum": "MidNum", "Numeric": "Numeric",
    "ExtendNumLet": "ExtendNumLet", "WSegSpace": "WSegSpace",
}

ref = ["Other"] * MAX
for lo, hi, c in valued("word_cat_table", "WC_"):
    for u in range(lo, hi + 1):
        ref[u] = CLASS[c]
for lo, hi, c in valued("emoji_cat_table", "EC_"):
    if c != "Extended_Pictographic":
        continue
    for u in range(lo, hi + 1):
        ref[u] = {"Other": "Pictographic", "ALetter": "LetterPictographic"}[ref[u]]

alphabetic = bytearray(MAX)
for lo, hi in plain("Alphabetic_table"):
    alphabetic[lo : hi + 1] = b"\1" * (hi - lo + 1)
numeric = bytearray(MAX)
for lo, hi in plain("N_table"):
    numeric[lo : hi + 1] = b"\1" * (hi - lo + 1)


def derived(u):
    """What words.rs derives for a non-ASCII character no range lists."""
    if alphabetic[u]:
        return "ALetter"
    if numeric[u]:
        return "Numeric"
    return "Other"


# Greedy ranges over the characters whose class the derivation gets wrong; a range runs on over
# characters the derivation gives its class, and is cut back to its last listed character.
compact = []
cur = None  # (first, last needed, class)
for u in range(0x80, MAX):
    need = ref[u] if ref[u] != derived(u) else None
    if cur is not None:
        first, last, cls = cur
        if need == cls:
            cur = (first, u, cls)
            continue
        if need is None and derived(u) == cls:
            continue
        compact.append(cur)
        cur = None
    if need is not None:
        cur = (u, u, need)
if cur is not None:
    compact.append(cur)

# Ranges longer than a u16 can say are split.
rows = []
for lo, hi, c in compact:
    while hi - lo > 0xFFFF:
        rows.append((lo, 0xFFFF, c))
        lo += 0x10000
    rows.append((lo, hi - lo, c))

kinds = sorted({c for _, _, c in rows})
index = {c: i for i, c in enumerate(kinds)}

reference = []
for u in range(MAX):
    c = ref[u]
    if reference and reference[-1][2] == c and reference[-1][1] == u - 1:
        reference[-1] = (reference[-1][0], u, c)
    else:
        reference.append((u, u, c))
reference = [r for r in reference if r[2] != "Other"]


def lines(items, per_line):
    items = list(items)
    return "\n".join(
        "    " + " ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)
    )


out = f"""//! GENERATED by `scripts/gen-word-classes.py` — do not edit by hand.
//!
//! The Unicode Word_Break property and Extended_Pictographic (UAX #29; Unicode {'.'.join(uver)},
//! the Unicode Character Database's WordBreakProperty.txt and emoji-data.txt as
//! `unicode-segmentation` {version} ships them; Unicode License v3) for the non-ASCII ranges the
//! segmenter cannot derive from the core's `is_alphabetic` (ALetter) and `is_numeric` (Numeric).
//! `RANGES[i]` is `first code point << 8 | index into KINDS`, `LENGTHS[i]` the range's length − 1;
//! sorted. {len(rows)} ranges, {len(rows) * 6} bytes.

use super::Class;

pub(super) static KINDS: [Class; {len(kinds)}] = [{", ".join(f"Class::{k}" for k in kinds)}];

pub(super) static RANGES: [u32; {len(rows)}] = [
{lines((f"0x{(lo << 8) | index[c]:X}," for lo, _, c in rows), 8)}
];

pub(super) static LENGTHS: [u16; {len(rows)}] = [
{lines((f"{n}," for _, n, _ in rows), 16)}
];

/// The whole property (ranges of every class but Other), for the test that the derivation
/// agrees with it.
#[cfg(test)]
pub(super) static REFERENCE: &[(u32, u32, Class)] = &[
{chr(10).join(f"    (0x{lo:X}, 0x{hi:X}, Class::{c})," for lo, hi, c in reference)}
];
"""
OUT.write_text(out)
# Laid out as `cargo fmt` lays it out, so that the checked-in file stays formatted.
subprocess.run(["rustfmt", "--edition", "2021", str(OUT)], check=True)
print(
    f"wrote {OUT.relative_to(ROOT)}: {len(rows)} compact ranges ({len(rows) * 6} bytes), "
    f"{len(reference)} in the property"
)
