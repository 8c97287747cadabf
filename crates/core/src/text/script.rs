//! Which writing system a text is mostly in.
//!
//! Word-based checks (text length, keyphrase density, sentence length, Flesch…) only make
//! sense for scripts that separate words with spaces. Text mostly in Han, kana, Thai, Lao,
//! Khmer, Myanmar or Tibetan is reported as unsupported rather than scored with garbage counts.

/// The dominant script of a text, by letter count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextScript {
    /// No letters at all.
    None,
    /// Latin letters (ASCII and Latin-1/Extended).
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Other space-separated scripts (Greek, Arabic, Hebrew, Devanagari, Hangul, …).
    OtherSpaced,
    /// Scripts written without spaces between words (Han, kana, Thai, …).
    Unsegmented,
}

fn classify(c: char) -> Option<TextScript> {
    let u = c as u32;
    if c.is_ascii_alphabetic() {
        return Some(TextScript::Latin);
    }
    // ASCII punctuation, Latin-1 symbols and typographic punctuation: no letters.
    if u < 0xC0 || (0x2000..0x2070).contains(&u) || u == 0xD7 || u == 0xF7 {
        return None;
    }
    if (0xC0..=0x24F).contains(&u) {
        return Some(TextScript::Latin);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(match u {
        0x00C0..=0x024F | 0x1E00..=0x1EFF => TextScript::Latin,
        0x0400..=0x052F => TextScript::Cyrillic,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x0F00..=0x0FFF // Tibetan
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F => TextScript::Unsegmented,
        _ => TextScript::OtherSpaced,
    })
}

/// The script with the most letters in `text` (ties favour Latin).
pub fn dominant_script<'a>(texts: impl IntoIterator<Item = &'a str>) -> TextScript {
    let mut counts = [0usize; 4];
    for text in texts {
        if text.is_ascii() {
            counts[0] += text.bytes().filter(u8::is_ascii_alphabetic).count();
            continue;
        }
        for c in text.chars() {
            match classify(c) {
                Some(TextScript::Latin) => counts[0] += 1,
                Some(TextScript::Cyrillic) => counts[1] += 1,
                Some(TextScript::OtherSpaced) => counts[2] += 1,
                Some(TextScript::Unsegmented) => counts[3] += 1,
                _ => {}
            }
        }
    }
    let order = [
        TextScript::Latin,
        TextScript::Cyrillic,
        TextScript::OtherSpaced,
        TextScript::Unsegmented,
    ];
    let (best, n) = counts
        .iter()
        .enumerate()
        .fold((0, 0), |acc, (i, &n)| if n > acc.1 { (i, n) } else { acc });
    if n == 0 {
        TextScript::None
    } else {
        order[best]
    }
}
