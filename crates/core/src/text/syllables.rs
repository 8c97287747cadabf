//! English syllable counting (being written on the `syllables` branch).

/// Syllables in an English word (placeholder until the syllables branch lands).
pub fn count_en(word: &str) -> u32 {
    let mut n = 0;
    let mut prev = false;
    for c in word.chars() {
        let v = matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n.max(u32::from(word.chars().any(char::is_alphabetic)))
}
