//! English syllable counting, tuned to agree with the CMU Pronouncing Dictionary.
//!
//! [`count_en`] is what the readability scores (Flesch reading ease, Flesch–Kincaid grade)
//! use for every word of every analysis. The reference is the Python `textstat` package,
//! which takes the count from CMUdict (the first pronunciation: vowels carry a stress digit)
//! and falls back to pyphen's hyphenation points for unknown words.
//!
//! How a word is counted:
//! 1. The word is lowercased and folded to ASCII (`é` → `e`, `ß` → `ss`, …; a final accented
//!    `é` stays pronounced: "café" = 2). Curly apostrophes become `'`.
//! 2. It is cut into parts at hyphens, dashes and slashes; the count is the sum of the parts
//!    ("eco-friendly" = "eco" + "friendly" = 4). Other punctuation and digits inside a part
//!    are dropped ("3.5mm" → "mm").
//! 3. Each part is looked up in a table of frequent words where the rules below are wrong
//!    (generated from CMUdict by `scripts/gen-syllable-exceptions.py`, see
//!    `syllables_exceptions.rs`); otherwise the rules count it.
//! 4. The rules: count vowel groups (`a e i o u`, `y` when it is not a consonant, `u` after
//!    `q` is a consonant), split groups at hiatus (`ia`, `io`, `iu`, `eo`, `ua`, `ue`, `ui`, …
//!    with their exceptions: `-tion`, `-cial`, `-geous`, `qu-`, `gu-`, …), drop a silent final
//!    `e` (but not syllabic `-le`/`-re`/`-ire`), a silent `e` in `-es`/`-ed` (kept after
//!    sibilants, resp. `t`/`d`) and before `-ly`/`-ful`/`-ness`/`-less`/`-ment`; add one for
//!    `-sm`/`-thm`; handle `'s` after sibilants and `n't`/`'ll` after consonants.
//!
//! Edge cases, decided to match textstat:
//! - A part with no letter but a digit ("100", "3.5", "24/7" has two parts) counts 1: textstat
//!   keeps digits as a word and pyphen gives it one syllable.
//! - A word with letters outside the Latin script counts at least 1.
//! - A word with neither letters nor digits (punctuation) counts 0.
//! - Deliberate difference: textstat deletes hyphens ("eco-friendly" → "ecofriendly", then
//!   pyphen); here hyphenated parts are summed, which is what the word actually sounds like.
//!
//! Never panics, never allocates. Parts longer than 64 letters (not English words) are cut
//! into 64-letter pieces that are counted separately.

#[cfg(not(feature = "external-lang-data"))]
#[path = "syllables_exceptions.rs"]
mod exceptions;

#[cfg(feature = "syllable-cache")]
#[path = "syllables_cache.rs"]
mod cache;

use std::sync::OnceLock;

/// The exception table ([`exceptions`] format: `word` + count digit, repeated), compiled in.
#[cfg(not(feature = "external-lang-data"))]
fn table() -> Option<&'static str> {
    Some(exceptions::EXCEPTIONS)
}

/// The exception table, as registered at run time ([`register_exceptions`]).
#[cfg(feature = "external-lang-data")]
fn table() -> Option<&'static str> {
    REGISTERED.get().map(String::as_str)
}

#[cfg(feature = "external-lang-data")]
static REGISTERED: OnceLock<String> = OnceLock::new();

/// The compiled-in exception table, for the build to write it to the npm package's data file.
#[cfg(not(feature = "external-lang-data"))]
pub fn exceptions_table() -> &'static str {
    exceptions::EXCEPTIONS
}

/// True when [`count_en`] has its exception table (always, unless the table is registered at
/// run time and has not been yet).
pub fn ready() -> bool {
    table().is_some()
}

/// Why a syllable exception table was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    /// Not `word` + digit repeated, with lowercase a–z and `'` words.
    Malformed,
    /// More entries than the index holds, or too long for its offsets.
    TooLarge,
}

/// Checks a table in the [`exceptions`] format: entries of lowercase `a`–`z`/`'` followed by
/// one digit, at most `SLOTS / 2` of them, offsets within `u16`.
pub fn check_table(text: &str) -> Result<(), TableError> {
    if text.len() >= usize::from(u16::MAX) {
        return Err(TableError::TooLarge);
    }
    let mut entries = 0usize;
    let mut word = 0usize;
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'\'' => word += 1,
            b'0'..=b'9' if word > 0 => {
                entries += 1;
                word = 0;
            }
            _ => return Err(TableError::Malformed),
        }
    }
    if word != 0 {
        return Err(TableError::Malformed);
    }
    if entries > SLOTS / 2 {
        return Err(TableError::TooLarge);
    }
    Ok(())
}

/// Registers the exception table at run time (builds with `external-lang-data`). The first
/// valid table wins; registering again is a no-op.
#[cfg(feature = "external-lang-data")]
pub fn register_exceptions(text: &str) -> Result<(), TableError> {
    check_table(text)?;
    let _ = REGISTERED.set(text.to_owned());
    Ok(())
}

/// Longest part (in letters and apostrophes) held at once; longer parts are split.
const PART_CAP: usize = 64;

/// Number of English syllables in `word` (≥ 1 if it contains a letter or a digit, else 0).
///
/// `word` is one token: any case, apostrophes ("women's", "don't"), hyphens (summed), accented
/// Latin letters. Surrounding punctuation is ignored.
#[must_use]
pub fn count_en(word: &str) -> u32 {
    count_impl(word, true, true)
}

/// [`count_en`] of a word known not to be in the frequent-word cache, or of any word where the
/// cache is not wanted: the same count, without the lookup (the analysis looks a distinct word
/// up once in its language's word index, [`crate::lang::WordFacts`], which holds the cache).
pub(crate) fn count_en_uncached(word: &str) -> u32 {
    count_impl(word, true, false)
}

/// [`count_en`] without the exception table: the rules alone. For tooling (the table
/// generator measures and corrects exactly this) and tests.
#[must_use]
pub fn count_en_rules(word: &str) -> u32 {
    count_impl(word, false, false)
}

/// One hyphen-separated part being collected.
struct Part {
    buf: [u8; PART_CAP],
    len: usize,
    /// Has a-z letters.
    latin: bool,
    /// Has letters outside what we fold to a-z.
    other_letter: bool,
    digit: bool,
    /// The last letter pushed was an accented `e` (é, è, ê): pronounced even at the end.
    accented_e_last: bool,
}

impl Part {
    const fn new() -> Self {
        Self {
            buf: [0; PART_CAP],
            len: 0,
            latin: false,
            other_letter: false,
            digit: false,
            accented_e_last: false,
        }
    }

    fn push(&mut self, b: u8, table: bool, total: &mut u32) {
        if self.len == PART_CAP {
            // Not an English word; count what we have and go on.
            *total = total.saturating_add(self.take(table));
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
        if b != b'\'' {
            self.latin = true;
            self.accented_e_last = false;
        }
    }

    /// The count of the collected part; resets it.
    fn take(&mut self, table: bool) -> u32 {
        let bytes = self.buf.get(..self.len).unwrap_or(&[]);
        let n = if self.latin && self.digit && !bytes.iter().any(|&b| is_aeiouy(b)) {
            1 // "5mm", "4k", "2nd": textstat's pyphen count, not looked up ("th" is 2)
        } else if self.latin {
            count_part(bytes, self.accented_e_last, table).max(1)
        } else {
            u32::from(self.other_letter || self.digit)
        };
        *self = Self::new();
        n
    }
}

fn count_impl(word: &str, table: bool, cache: bool) -> u32 {
    #[cfg(not(feature = "syllable-cache"))]
    let _ = cache;
    let bytes = word.as_bytes();
    // A frequent word as the analysis passes it (lowercase): its cached count, before any
    // look at its letters (the cache holds only lowercase a-z and `'` words, counted as below).
    #[cfg(feature = "syllable-cache")]
    if table && cache {
        if let Some(n) = cached(bytes) {
            return n;
        }
    }
    // Fast path: a plain ASCII word (letters and apostrophes), the usual case.
    if bytes.len() <= PART_CAP {
        // One pass over the bytes: is the word plain, and is it lowercase already (the
        // analysis passes lowercase words), or does it need a lowercase copy?
        let (mut plain, mut letter, mut upper, mut apostrophe) = (true, false, false, false);
        for &b in bytes {
            let lower = b.is_ascii_lowercase();
            let up = b.is_ascii_uppercase();
            letter |= lower | up;
            upper |= up;
            apostrophe |= b == b'\'';
            plain &= lower | up | (b == b'\'');
        }
        if plain && letter {
            let mut buf = [0u8; PART_CAP];
            let lower = if upper {
                for (slot, &b) in buf.iter_mut().zip(bytes) {
                    *slot = b.to_ascii_lowercase();
                }
                buf.get(..bytes.len()).unwrap_or(&[])
            } else {
                bytes
            };
            #[cfg(feature = "syllable-cache")]
            if table && cache && upper {
                if let Some(n) = cached(lower) {
                    return n;
                }
            }
            return if apostrophe {
                count_part(lower, false, table).max(1)
            } else {
                count_letters(lower, false, table)
            };
        }
    }
    let mut total = 0u32;
    let mut part = Part::new();
    for ch in word.chars() {
        if ch.is_ascii() {
            let b = ch as u8;
            match b {
                b'a'..=b'z' | b'\'' => part.push(b, table, &mut total),
                b'A'..=b'Z' => part.push(b.to_ascii_lowercase(), table, &mut total),
                b'0'..=b'9' => part.digit = true,
                b'-' | b'/' => total = total.saturating_add(part.take(table)),
                _ => {}
            }
            continue;
        }
        match ch {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => part.push(b'\'', table, &mut total),
            '\u{2010}'..='\u{2015}' => total = total.saturating_add(part.take(table)),
            _ => {
                let lower = crate::text::lowercase::lower_char(ch);
                match fold_latin(lower) {
                    Some((a, b)) => {
                        part.push(a, table, &mut total);
                        if let Some(b) = b {
                            part.push(b, table, &mut total);
                        }
                        part.accented_e_last = matches!(lower, 'é' | 'è' | 'ê');
                    }
                    None if lower.is_alphabetic() => part.other_letter = true,
                    None if lower.is_numeric() => part.digit = true,
                    None => {}
                }
            }
        }
    }
    total.saturating_add(part.take(table))
}

/// The cached count of a frequent word (lowercase a-z and `'`), see `syllables_cache.rs`.
#[cfg(feature = "syllable-cache")]
fn cached(word: &[u8]) -> Option<u32> {
    use crate::text::WordMap;
    static TABLE: OnceLock<WordMap<&'static [u8], u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut map = WordMap::with_capacity_and_hasher(cache::CACHE.len() / 6, Default::default());
        map.extend(cached_words().map(|(w, n)| (w.as_bytes(), n)));
        map
    });
    table.get(word).map(|&n| u32::from(n))
}

/// The frequent-word cache's words and their counts (none without the `syllable-cache`
/// feature).
pub(crate) fn cached_words() -> impl Iterator<Item = (&'static str, u8)> {
    #[cfg(feature = "syllable-cache")]
    let blob: &'static str = cache::CACHE;
    #[cfg(not(feature = "syllable-cache"))]
    let blob: &'static str = "";
    // `word` + count digit, repeated: split after each digit.
    blob.split_inclusive(|c: char| c.is_ascii_digit())
        .filter_map(|entry| {
            let (word, digit) = entry.split_at_checked(entry.len().checked_sub(1)?)?;
            let n = digit.bytes().next()?.checked_sub(b'0')?;
            (!word.is_empty() && n <= 9).then_some((word, n))
        })
}

/// Lowercase accented Latin letter → its ASCII letter(s).
pub(crate) fn fold_latin(c: char) -> Option<(u8, Option<u8>)> {
    let one = |b: u8| Some((b, None));
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => one(b'a'),
        'æ' => Some((b'a', Some(b'e'))),
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => one(b'c'),
        'ď' | 'đ' | 'ð' => one(b'd'),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => one(b'e'),
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => one(b'g'),
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => one(b'i'),
        'ķ' => one(b'k'),
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => one(b'l'),
        'ñ' | 'ń' | 'ņ' | 'ň' => one(b'n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => one(b'o'),
        'œ' => Some((b'o', Some(b'e'))),
        'ŕ' | 'ŗ' | 'ř' => one(b'r'),
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => one(b's'),
        'ß' => Some((b's', Some(b's'))),
        'ţ' | 'ť' | 'ț' | 'þ' => one(b't'),
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => one(b'u'),
        'ŵ' => one(b'w'),
        'ý' | 'ÿ' | 'ŷ' => one(b'y'),
        'ź' | 'ż' | 'ž' => one(b'z'),
        _ => None,
    }
}

/// Slots of the hash index over the exception table (a power of two, at least twice the
/// entries).
const SLOTS: usize = 4096;

fn fnv1a(p: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in p {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize
}

/// The entries of the exception table (`word` + count digit, repeated): `(offset, word,
/// count)`.
fn exceptions() -> impl Iterator<Item = (usize, &'static [u8], u8)> {
    let blob = table().unwrap_or("").as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        let len = blob.get(start..)?.iter().position(u8::is_ascii_digit)?;
        let entry = (
            start,
            blob.get(start..start + len)?,
            *blob.get(start + len)? - b'0',
        );
        start += len + 1;
        Some(entry)
    })
}

/// Open-addressing index: slot → 1 + byte offset of an entry in the exception table, 0 =
/// empty. Built once, on first use after the table is there, in a static array (no heap).
fn slots() -> Option<&'static [u16; SLOTS]> {
    static TABLE: OnceLock<[u16; SLOTS]> = OnceLock::new();
    table()?;
    Some(TABLE.get_or_init(|| {
        let mut t = [0u16; SLOTS];
        for (at, w, _) in exceptions().take(SLOTS / 2) {
            let mut s = fnv1a(w) & (SLOTS - 1);
            while t[s] != 0 {
                s = (s + 1) & (SLOTS - 1);
            }
            t[s] = u16::try_from(at + 1).unwrap_or(0);
        }
        t
    }))
}

/// Exact count of a table word, if it is one. `p` is lowercase a-z and `'`.
fn lookup(p: &[u8]) -> Option<u32> {
    let t = slots()?;
    let blob = table()?.as_bytes();
    let mut s = fnv1a(p) & (SLOTS - 1);
    // The table is at most half full, so an empty slot ends every probe sequence.
    for _ in 0..SLOTS {
        let at = usize::from(t[s]).checked_sub(1)?;
        let entry = blob.get(at..)?;
        if entry.starts_with(p) {
            if let Some(&n) = entry.get(p.len()).filter(|n| n.is_ascii_digit()) {
                return Some(u32::from(n - b'0'));
            }
        }
        s = (s + 1) & (SLOTS - 1);
    }
    None
}

/// Count of a part of lowercase a-z letters only (most words): nothing to trim, no clitic,
/// no copy. At least 1.
fn count_letters(p: &[u8], accented_e_last: bool, table: bool) -> u32 {
    let listed = if table { lookup(p) } else { None };
    listed.unwrap_or_else(|| rules(p, accented_e_last)).max(1)
}

/// Count of one part (lowercase a-z and apostrophes, at least one letter).
fn count_part(p: &[u8], accented_e_last: bool, table: bool) -> u32 {
    if !p.contains(&b'\'') {
        return count_letters(p, accented_e_last, table);
    }
    let start = p.iter().position(|&b| b != b'\'').unwrap_or(p.len());
    let end = p.iter().rposition(|&b| b != b'\'').map_or(start, |i| i + 1);
    let p = p.get(start..end).unwrap_or(&[]);
    if table {
        if let Some(n) = lookup(p) {
            return n;
        }
    }
    // Clitics: the text after the last apostrophe.
    let (base, extra) = match p.iter().rposition(|&b| b == b'\'') {
        Some(i) => {
            let (base, clitic) = (p.get(..i).unwrap_or(&[]), p.get(i + 1..).unwrap_or(&[]));
            match clitic {
                b"s" => (base, u32::from(ends_sibilant(base))),
                b"t" if base.last() == Some(&b'n') => {
                    let stem = base.get(..base.len() - 1).unwrap_or(&[]);
                    let vowel_end = matches!(stem.last(), Some(b'a' | b'i' | b'o' | b'u'));
                    (stem, u32::from(!vowel_end))
                }
                b"ll" | b"ve" | b"d" if base.last().is_some_and(|&b| !is_aeiouy(b)) => {
                    // it'll, would've, it'd
                    let voiced =
                        !matches!(clitic, b"d") || matches!(base.last(), Some(b't' | b'd'));
                    (base, u32::from(voiced))
                }
                b"d" | b"ll" | b"m" | b"re" | b"ve" => (base, 0),
                _ => (p, 0),
            }
        }
        None => (p, 0),
    };
    // Letters only (drop inner apostrophes); most words have none, so no copy.
    let mut letters = [0u8; PART_CAP];
    let w: &[u8] = if base.contains(&b'\'') {
        let mut n = 0;
        for &b in base {
            if b != b'\'' {
                if let Some(slot) = letters.get_mut(n) {
                    *slot = b;
                    n += 1;
                }
            }
        }
        letters.get(..n).unwrap_or(&[])
    } else {
        base
    };
    let n = w.len();
    let accented = accented_e_last && extra == 0 && base.len() == p.len();
    let c = rules(w, accented);
    if c == 0 && n == 0 {
        return extra.max(1);
    }
    c.max(1) + extra
}

const fn is_aeiou(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

const fn is_aeiouy(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn at(w: &[u8], i: usize) -> u8 {
    w.get(i).copied().unwrap_or(0)
}

/// Whether `w` (no clitic) ends in a hissing sound, so `'s` adds a syllable ("boss's").
fn ends_sibilant(w: &[u8]) -> bool {
    matches!(
        w,
        [.., b's' | b'x' | b'z'] | [.., b'c' | b's', b'h'] | [.., b'c' | b'g' | b's' | b'z', b'e']
    )
}

/// Whether the letter at `i` acts as a vowel.
fn vowel_at(w: &[u8], i: usize) -> bool {
    // Whether the letter before acts as a vowel matters only for a `y` after a, e, i, o, u.
    let prev_vowel = |w: &[u8]| i > 0 && is_aeiou(at(w, i - 1)) && vowel_at(w, i - 1);
    vowel_given(w, i, prev_vowel)
}

/// [`vowel_at`], given how to know whether the letter before `i` acts as a vowel (asked only
/// for a `y` after a, e, i, o or u): the rules' left-to-right scan already knows it.
#[inline]
fn vowel_given(w: &[u8], i: usize, prev_vowel: impl FnOnce(&[u8]) -> bool) -> bool {
    match at(w, i) {
        b'a' | b'e' | b'i' | b'o' => true,
        b'u' => !(i > 0 && at(w, i - 1) == b'q'),
        b'y' => {
            if i == 0 {
                return false; // "yes", "you"
            }
            let next = at(w, i + 1);
            if is_aeiou(at(w, i - 1)) && prev_vowel(w) {
                !is_aeiou(next) // "play", "key" (in the group); "player", "beyond" (consonant)
            } else if is_aeiou(next) {
                matches!(next, b'i' | b'e') // "crying", "flyer"; "canyon" (consonant)
            } else {
                true // "happy", "style", "rhythm"
            }
        }
        _ => false,
    }
}

/// Any vowel before index `k`.
fn vowel_before(w: &[u8], k: usize) -> bool {
    (0..k).any(|i| vowel_at(w, i))
}

/// Whether two adjacent vowels `w[j-1]`, `w[j]` belong to different syllables (hiatus).
fn split_between(w: &[u8], j: usize) -> bool {
    let p = at(w, j - 1);
    let c = at(w, j);
    let before = if j >= 2 { at(w, j - 2) } else { 0 };
    let after = w.get(j + 1..).unwrap_or(&[]);
    // "-ing" after a vowel: be-ing, go-ing, ski-ing, continu-ing.
    if c == b'i' && matches!(after, b"ng" | b"ngs") {
        return true;
    }
    match (p, c) {
        // A vowel y before e/i: cry-ing, fly-er.
        (b'y', _) => true,
        (b'i', b'a') => {
            if after.first() == Some(&b't') {
                return true; // associ-ate, appreci-ation, negoti-ate
            }
            // di-al, medi-a; spe-cial, ini-tial; Ital-ian, Rus-sia, Califor-nia
            let tail = matches!(after, b"" | b"n" | b"ns" | b"r" | b"rs" | b"nt" | b"s");
            !(matches!(before, b'c' | b't')
                || (tail && j >= 3 && matches!(before, b'l' | b's' | b'n')))
        }
        (b'i', b'o') => {
            // na-tion, vi-sion, reli-gion, anx-ious; mil-lion, on-ion, sen-ior; vs ra-di-o, pi-o-neer
            let merged = matches!(before, b'c' | b't' | b's' | b'g' | b'x')
                || (matches!(before, b'l' | b'n')
                    && j >= 3
                    && matches!(after.first(), Some(b'n' | b'r')));
            !merged
        }
        (b'i', b'u') | (b'i', b'i') => true, // medi-um, ski-ing
        (b'i', b'e') => match after {
            b"r" | b"rs" | b"st" => vowel_before(w, j - 1), // easi-er, happi-est; pier, priest
            [b't', ..] => true,                             // di-et, qui-et, soci-ety
            [b'n', b't' | b'c', ..] => {
                !matches!(before, b'c' | b't') || at(w, j.wrapping_sub(3)) == b's'
            } // cli-ent; pa-tient, an-cient; sci-ence
            _ => false,                                     // field, piece, cookies
        },
        (b'e', b'a') => match after {
            b"" => vowel_before(w, j - 1), // ide-a, are-a; sea
            b"n" | b"ns" => before != b'c' && vowel_before(w, j - 1), // europe-an; ocean, clean
            // cre-ate, re-act, re-alize (not "creature", "reach", "real")
            _ => {
                (before == b'r'
                    && j == 3
                    && at(w, 0) == b'c'
                    && after.first() == Some(&b't')
                    && at(w, j + 2) != b'u')
                    || (j == 2
                        && before == b'r'
                        && (after.starts_with(b"ct")
                            || after.starts_with(b"lis")
                            || after.starts_with(b"liz")
                            || after.starts_with(b"lit")))
            }
        },
        (b'e', b'o') => {
            // vide-o, ne-on, ge-ography; gorgeous, surgeon, people
            !((matches!(before, b'g' | b'c') && j >= 3) || after.first() == Some(&b'p'))
        }
        (b'e', b'u') => matches!(after, b"m" | b"ms"), // muse-um; neutral
        (b'e', b'i') => {
            // re-inforce, re-invent; rein, reign, their
            j == 2
                && w.starts_with(b"rein")
                && w.len() > 5
                && !matches!(at(w, 4), b'd' | b'e' | b'a' | b's')
        }
        (b'o', b'e') => {
            matches!(after.first(), Some(b'm' | b't' | b'v')) // po-em, po-et, who-ever
                || (j == 2 && before == b'c') // co-exist, co-efficient
        }
        (b'o', b'i') => matches!(after, b"c" | b"cs"), // hero-ic, sto-ic
        (b'o', b'o') => j == 2 && (w.starts_with(b"coor") || w.starts_with(b"coopera")),
        (b'a', b'i') => matches!(after, b"c" | b"cs" | b"ve"), // mosa-ic, na-ive
        (b'a', b'e') => after.first() == Some(&b'l'),          // Micha-el, Isra-el
        (b'u', b'a') => before != b'g',                        // actu-al, usu-al; guard, language
        (b'u', b'e') => {
            before != b'g' && !after.is_empty() && matches!(after.first(), Some(b'l' | b'n' | b't'))
            // cru-el, flu-ent, du-et
        }
        (b'u', b'i') => before != b'g' && matches!(after.first(), Some(b'd' | b'n')), // flu-id, ru-in
        (b'u', b'o') => before != b'g',                                               // du-o
        _ => false,
    }
}

/// Whether the `e` at `e` (after a consonant) is pronounced: syllabic -le/-re, and -ire.
fn syllabic_e(w: &[u8], e: usize) -> bool {
    if e < 2 {
        return false;
    }
    let c1 = at(w, e - 1);
    let c2_consonant = !vowel_at(w, e - 2);
    match c1 {
        // ta-ble, ap-ple (not "-lle", "-ale")
        b'l' => c2_consonant && at(w, e - 2) != b'l',
        // ac-re, cent-re; fi-re, ti-re, requi-re (not "-aire")
        b'r' => {
            (c2_consonant && at(w, e - 2) != b'r')
                || (matches!(at(w, e - 2), b'i' | b'y') && (e < 3 || !vowel_at(w, e - 3)))
        }
        _ => false,
    }
}

/// Suffixes (and second halves of compounds) before which a silent `e` stays silent:
/// "lovely", "careful", "movement", "lifetime", "homework". Grouped by their last letter, so a
/// word is held against the few that can end it; within a group the first that fits wins.
fn silent_e_suffixes(last: u8) -> &'static [&'static [u8]] {
    match last {
        b'y' => &[b"ly", b"fully", b"lessly", b"way"],
        b'l' => &[b"ful"],
        b's' => &[b"ness", b"less", b"ments", b"times", b"lines", b"ways"],
        b't' => &[b"ment"],
        b'e' => &[b"where", b"time", b"line", b"style", b"ware", b"house"],
        b'k' => &[b"work", b"book"],
        b'g' => &[b"thing"],
        _ => &[],
    }
}

/// The rule-based count for lowercase a-z letters. 0 if there is no vowel.
fn rules(w: &[u8], final_e_pronounced: bool) -> u32 {
    let n = w.len();
    let mut count = 0u32;
    let mut last_start = usize::MAX;
    let mut prev_vowel = false;
    for i in 0..n {
        let v = vowel_given(w, i, |_| prev_vowel);
        if v && (!prev_vowel || split_between(w, i)) {
            count += 1;
            last_start = i;
        }
        prev_vowel = v;
    }
    if count == 0 {
        // No vowel: an abbreviation. The ones CMUdict spells out ("tv", "dvd", "nfl") are in
        // the table; unknown ones ("sbc") get textstat's pyphen count, 1.
        return 1;
    }
    // some-one, some-thing, some-times
    if n > 5 && w.starts_with(b"some") && !matches!(at(w, 4), b'r' | b'w') {
        return 1 + rules(w.get(4..).unwrap_or(&[]), final_e_pronounced).max(1);
    }
    let last = at(w, n.wrapping_sub(1));
    if count > 1 && !final_e_pronounced && n >= 3 {
        if last_start == n - 1 && last == b'e' {
            // Silent final e: make, style; but ta-ble, fi-re.
            if !syllabic_e(w, n - 1) {
                count -= 1;
            }
        } else if last_start == n - 2 && at(w, n - 2) == b'e' && matches!(last, b's' | b'd') {
            let c1 = at(w, n - 3);
            let keep = if last == b's' {
                // box-es, wish-es, plac-es, chang-es; ta-bles; but makes, clothes
                matches!(c1, b's' | b'x' | b'z' | b'c' | b'g')
                    || (c1 == b'h' && matches!(at(w, n.wrapping_sub(4)), b'c' | b's'))
            } else {
                // want-ed, need-ed; but loved, toured
                matches!(c1, b't' | b'd')
            };
            if !keep && !syllabic_e(w, n - 2) {
                count -= 1;
            }
        }
    }
    // Silent e inside: love-ly, care-ful, move-ment.
    if count > 1 {
        for suffix in silent_e_suffixes(last) {
            if n > suffix.len() + 2 && w.ends_with(suffix) {
                let e = n - suffix.len() - 1;
                if at(w, e) == b'e' && !vowel_at(w, e - 1) && !syllabic_e(w, e) {
                    count -= 1;
                }
                break;
            }
        }
    }
    // Silent u-e: league, tongue, vague (not ar-gue).
    if count > 1
        && matches!(last, b'e' | b's' | b'd')
        && (w.ends_with(b"gue") || w.ends_with(b"gues") || w.ends_with(b"gued"))
        && !w.ends_with(b"rgue")
        && !w.ends_with(b"rgues")
        && !w.ends_with(b"rgued")
    {
        count -= 1;
    }
    // basic-ally, typic-ally
    if count > 2 && last == b'y' && w.ends_with(b"ically") {
        count -= 1;
    }
    // Syllabic m: pri-sm, tour-ism, rhy-thm.
    if matches!(last, b'm' | b's')
        && (w.ends_with(b"sm")
            || w.ends_with(b"sms")
            || w.ends_with(b"thm")
            || w.ends_with(b"thms"))
    {
        count += 1;
    }
    count
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]
mod tests {
    use super::*;

    /// CMUdict counts (first pronunciation), hyphenated words as the sum of their parts.
    const WORDS: &[(&str, u32)] = &[
        ("every", 3),
        ("business", 2),
        ("fire", 2),
        ("hour", 2),
        ("cruel", 2),
        ("create", 2),
        ("poem", 2),
        ("naive", 2),
        ("area", 3),
        ("idea", 3),
        ("recipe", 3),
        ("apple", 2),
        ("table", 2),
        ("toured", 1),
        ("loved", 1),
        ("wanted", 2),
        ("the", 1),
        ("queue", 1),
        ("yes", 1),
        ("rhythm", 2),
        ("eco-friendly", 4),
        ("women's", 2),
        ("beautiful", 3),
        ("comfortable", 4),
        ("people", 2),
        ("being", 2),
        ("going", 2),
        ("quiet", 2),
        ("science", 2),
        ("fuel", 2),
        ("usual", 3),
        ("video", 3),
        ("gorgeous", 2),
        ("cities", 2),
        ("easier", 3),
        ("client", 2),
        ("patient", 2),
        ("variety", 4),
        ("prism", 2),
        ("tourism", 3),
        ("player", 2),
        ("beyond", 2),
        ("crying", 2),
        ("canyon", 2),
        ("eyes", 1),
        ("values", 2),
        ("continued", 3),
        ("genuine", 3),
        ("million", 2),
        ("radio", 3),
        ("special", 2),
        ("actual", 3),
        ("language", 2),
        ("quality", 3),
        ("lovely", 2),
        ("movement", 2),
        ("handled", 2),
        ("called", 1),
        ("tables", 2),
        ("makes", 1),
        ("places", 2),
        ("clothes", 1),
        ("don't", 1),
        ("doesn't", 2),
        ("it'll", 2),
        ("stainless", 2),
        ("dishwasher", 3),
        ("leather", 2),
        ("wireless", 2),
        ("ingredients", 4),
        ("sustainable", 4),
        ("furniture", 3),
    ];

    #[test]
    fn cmudict_words() {
        let mut wrong = Vec::new();
        for &(w, n) in WORDS {
            if count_en(w) != n {
                wrong.push(format!("{w}: {} (want {n})", count_en(w)));
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn case_apostrophes_accents() {
        assert_eq!(count_en("Beautiful"), 3);
        assert_eq!(count_en("BUSINESS"), 2);
        assert_eq!(count_en("Women\u{2019}s"), 2);
        assert_eq!(count_en("don\u{2019}t"), 1);
        assert_eq!(count_en("'quoted'"), 2);
        assert_eq!(count_en("café"), 2);
        assert_eq!(count_en("CAFÉ"), 2);
        assert_eq!(count_en("bouclé"), 2);
        assert_eq!(count_en("naïve"), 2);
        assert_eq!(count_en("boss's"), 2);
        assert_eq!(count_en("prince's"), 2);
        assert_eq!(count_en("kids'"), 1);
        assert_eq!(count_en("well-made"), 2);
        assert_eq!(count_en("state-of-the-art"), 4);
        assert_eq!(count_en("USB-C"), 4);
    }

    #[test]
    fn edge_cases() {
        assert_eq!(count_en(""), 0);
        assert_eq!(count_en("..."), 0);
        assert_eq!(count_en("—"), 0);
        assert_eq!(count_en("-"), 0);
        assert_eq!(count_en("100"), 1);
        assert_eq!(count_en("3.5"), 1);
        assert_eq!(count_en("24/7"), 2);
        assert_eq!(count_en("5mm"), 1);
        assert_eq!(count_en("b"), 1);
        assert_eq!(count_en("tv"), 2);
        assert_eq!(count_en("sbc"), 1);
        assert_eq!(count_en("日本"), 1);
        assert_eq!(count_en(&"a".repeat(500)), 8);
        assert_eq!(count_en(&"xé".repeat(100)), count_en(&"xé".repeat(100)));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let samples = [
            "'", "''s", "n't", "'ll", "\u{0}", "e\u{301}", "ǅ", "İ", "ß-ß", "a'b'c'd",
        ];
        for s in samples {
            let _ = count_en(s);
            let _ = count_en_rules(s);
        }
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let _ = count_en(&all);
    }

    #[test]
    #[cfg(feature = "syllable-cache")]
    fn cache_never_changes_an_answer() {
        let blob = cache::CACHE.as_bytes();
        let mut start = 0;
        let mut n = 0;
        for (i, &b) in blob.iter().enumerate() {
            if b.is_ascii_digit() {
                let word = std::str::from_utf8(&blob[start..i]).unwrap();
                let lower: Vec<u8> = word.bytes().collect();
                // The uncached path: exceptions + rules.
                assert_eq!(
                    count_part(&lower, false, true).max(1),
                    u32::from(b - b'0'),
                    "{word}"
                );
                assert_eq!(count_en(word), u32::from(b - b'0'), "{word}");
                start = i + 1;
                n += 1;
            }
        }
        assert!(n > 5000, "cache has {n} words");
    }

    #[cfg(not(feature = "external-lang-data"))]
    #[test]
    fn table_is_sorted_and_found() {
        use super::exceptions::EXCEPTIONS;
        assert_eq!(check_table(EXCEPTIONS), Ok(()));
        let entries: Vec<_> = exceptions().collect();
        assert!(
            entries.len() > 1000 && entries.len() <= SLOTS / 2,
            "raise SLOTS"
        );
        assert!(
            EXCEPTIONS.len() < usize::from(u16::MAX),
            "offsets must fit the u16 index"
        );
        assert_eq!(
            entries.iter().map(|e| e.1.len() + 1).sum::<usize>(),
            EXCEPTIONS.len(),
            "every entry is a word and one digit"
        );
        assert!(entries.windows(2).all(|p| p[0].1 < p[1].1));
        for &(_, w, n) in &entries {
            assert!(w.iter().all(|c| c.is_ascii_lowercase() || *c == b'\''));
            let w = std::str::from_utf8(w).unwrap_or_default();
            assert_eq!(count_en(w), u32::from(n), "{w}");
            assert_eq!(lookup(w.as_bytes()), Some(u32::from(n)), "{w}");
        }
    }

    #[test]
    fn malformed_tables_are_refused() {
        assert_eq!(check_table("abc3de2"), Ok(()));
        assert_eq!(check_table(""), Ok(()));
        assert_eq!(check_table("abc"), Err(TableError::Malformed));
        assert_eq!(check_table("3abc3"), Err(TableError::Malformed));
        assert_eq!(check_table("Abc3"), Err(TableError::Malformed));
        assert_eq!(check_table(&"ab1".repeat(3000)), Err(TableError::TooLarge));
    }

    /// textstat's word list: punctuation removed (apostrophes kept; here hyphens too, so that
    /// hyphenated words are summed by part — textstat deletes them), split on whitespace.
    fn textstat_words(text: &str) -> Vec<String> {
        text.split_whitespace()
            .map(|t| {
                t.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '\'' | '-' | '_'))
                    .collect::<String>()
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && w.chars().any(|c| c.is_alphanumeric()))
            .collect()
    }

    /// Compares with textstat on the readability fixtures (NAME.txt + NAME.textstat.json from
    /// `scripts/textstat-reference.py`). textstat counts a word by CMUdict, or with pyphen when
    /// the word is not in CMUdict (including hyphenated words, which it joins: "ten-year" →
    /// "tenyear"); pyphen undercounts those ("niacinamide" = 2). So: on the words textstat
    /// found in CMUdict the totals must agree within 1%; on the whole text within 3% (the
    /// pyphen gap, printed per fixture).
    #[test]
    fn syllables_match_textstat_on_fixtures() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readability");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        assert!(names.len() >= 8, "fixtures missing in {}", dir.display());
        let mut failures = Vec::new();
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap();
            let json_path = path.with_extension("textstat.json");
            let reference: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
            let want = reference["syllable_count"].as_u64().unwrap() as f64;
            let want_words = reference["lexicon_count"].as_u64().unwrap() as usize;
            let sentences = reference["sentence_count"].as_u64().unwrap() as f64;
            let want_fre = reference["flesch_reading_ease"].as_f64().unwrap();
            let fallback = reference["pyphen_fallback"].as_object().unwrap();

            let words = textstat_words(&text);
            let (mut got, mut got_dict, mut want_fallback) = (0u32, 0u32, 0u64);
            for w in &words {
                let n = count_en(w);
                got += n;
                match fallback.get(&w.replace('-', "")) {
                    Some(p) => want_fallback += p.as_u64().unwrap(),
                    None => got_dict += n,
                }
            }
            let (got, got_dict) = (f64::from(got), f64::from(got_dict));
            let want_dict = want - want_fallback as f64;
            let n = words.len() as f64;
            let fre = 206.835 - 1.015 * (n / sentences) - 84.6 * (got / n);
            let delta = 100.0 * (got - want) / want;
            let delta_dict = 100.0 * (got_dict - want_dict) / want_dict;
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            println!(
                "{name:>16}: words {} (textstat {want_words}); syllables {got} vs {want} \
                 ({delta:+.2}%), CMUdict words {got_dict} vs {want_dict} ({delta_dict:+.2}%); \
                 FRE {fre:.2} vs {want_fre:.2} ({:+.2})",
                words.len(),
                fre - want_fre
            );
            if words.len() != want_words || delta_dict.abs() > 1.0 || delta.abs() > 3.0 {
                failures.push(name);
            }
        }
        assert!(failures.is_empty(), "too far from textstat: {failures:?}");
    }
}
