//! Reads one word per line on stdin and prints `word<TAB>rules<TAB>full`: the syllable count
//! of the rules alone ([`count_en_rules`]) and with the exception table ([`count_en`]).
//! Used by `scripts/gen-syllable-exceptions.py`.

use std::io::{self, BufRead, BufWriter, Write};

use proseo_core::text::syllables::{count_en, count_en_rules};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let word = line.trim();
        writeln!(out, "{word}\t{}\t{}", count_en_rules(word), count_en(word))?;
    }
    out.flush()
}
