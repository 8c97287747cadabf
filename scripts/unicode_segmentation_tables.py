"""The Unicode tables that the `unicode-segmentation` crate ships, for the generators of the
core's own segmenter tables (scripts/gen-sentence-classes.py, scripts/gen-word-classes.py).

`unicode-segmentation` is a dev-dependency of proseo-core (the tests' reference); its
`src/tables.rs` is read from the cargo registry at the version in Cargo.lock. Unicode's data is
under the Unicode License v3.
"""
import glob
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def tables_source():
    """(the text of tables.rs, the crate's version, the Unicode version as three strings)."""
    lock = (ROOT / "Cargo.lock").read_text()
    version = re.search(r'name = "unicode-segmentation"\nversion = "([^"]+)"', lock).group(1)
    cands = glob.glob(str(pathlib.Path.home() / f".cargo/registry/src/*/unicode-segmentation-{version}/src/tables.rs"))
    if not cands:
        sys.exit(f"unicode-segmentation {version} is not in the cargo registry: run `cargo fetch` first")
    src = pathlib.Path(cands[0]).read_text()
    uver = re.search(r"pub const UNICODE_VERSION: \(u64, u64, u64\) = \((\d+), (\d+), (\d+)\)", src).groups()
    return src, version, uver
