//! A cheap guess of a text's language, from its script and its function words.
//!
//! Used where a language must be checked or inferred without a model: is generated copy in
//! the requested language, which language is a catalog written in. The script decides alone
//! where one language of proseo's is written in it (Hebrew, Korean, Russian); kana tells
//! Japanese from Chinese; Persian's own letters (پ چ ژ گ, and ی ک) tell it from Arabic. Latin
//! text is scored against each Latin-script language's function words: every word found in a
//! language's list counts for it, divided by the number of languages whose lists share it
//! (`de` says little, `und` a lot). The best language wins when it has at least
//! [`MIN_HITS`] such words and clearly more weight than the runner-up.
//!
//! Only languages whose data is available count (in the npm scoring module, the registered
//! ones). Reads at most [`MAX_GUESS_BYTES`] of text.

use serde::Serialize;

use super::Language;
use crate::text::{dominant_script, is_kana, word_ranges, TextScript};

/// A guess of a text's language.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Guess {
    /// The language.
    pub language: Language,
    /// How sure the guess is, 0–1: the language's share of the evidence (for Latin text, of
    /// the function-word weight; for other scripts, of the letters).
    pub confidence: f64,
}

/// Bytes of text read (the rest is ignored).
pub const MAX_GUESS_BYTES: usize = 16 * 1024;
/// Function words a Latin-script guess needs.
pub const MIN_HITS: usize = 3;

/// The languages told apart by function words.
const LATIN: [Language; 8] = [
    Language::En,
    Language::Es,
    Language::De,
    Language::Fr,
    Language::It,
    Language::Nl,
    Language::Pt,
    Language::Pl,
];

/// Guesses the language of `text` (plain text or HTML). `None` when there is too little to go
/// on, the script is not one of proseo's languages', or the data of the candidates is not
/// loaded.
pub fn guess(text: &str) -> Option<Guess> {
    let text = crate::text::prefix(text, MAX_GUESS_BYTES);
    let plain;
    let text = if text.contains('<') {
        plain = crate::text::Document::parse(text)
            .blocks
            .iter()
            .map(|b| b.text())
            .collect::<Vec<_>>()
            .join("\n");
        plain.as_str()
    } else {
        text
    };
    let script = dominant_script([text]);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1) as f64;
    let share = |n: usize| (n as f64 / letters).min(1.0);
    let count = |f: fn(char) -> bool| text.chars().filter(|&c| f(c)).count();
    let available = |l: Language| super::data_loaded(l);
    let of = |language: Language, n: usize| {
        available(language).then(|| Guess {
            language,
            confidence: round2(share(n)),
        })
    };
    match script {
        TextScript::Hebrew => of(
            Language::He,
            count(|c| ('\u{0590}'..='\u{05FF}').contains(&c)),
        ),
        TextScript::Hangul => of(
            Language::Ko,
            count(|c| {
                ('\u{AC00}'..='\u{D7FF}').contains(&c) || ('\u{1100}'..='\u{11FF}').contains(&c)
            }),
        ),
        TextScript::Cyrillic => of(
            Language::Ru,
            count(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        ),
        TextScript::Cjk => {
            let cjk = count(|c| is_kana(c) || ('\u{4E00}'..='\u{9FFF}').contains(&c));
            let kana = count(is_kana);
            // Japanese text has kana in nearly every sentence; Chinese none.
            if kana * 20 >= cjk {
                of(Language::Ja, cjk)
            } else {
                of(Language::Zh, cjk)
            }
        }
        TextScript::Arabic => {
            let arabic = count(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            // Letters Persian has and Arabic does not (پ چ ژ گ), and the Persian forms of
            // kaf and yeh.
            let persian = count(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی'));
            // Letters Arabic uses and Persian does not (ة ى, and the Arabic kaf and yeh).
            let arabic_only = count(|c| matches!(c, 'ة' | 'ى' | 'ك' | 'ي'));
            if persian > arabic_only {
                of(Language::Fa, arabic)
            } else {
                of(Language::Ar, arabic)
            }
        }
        TextScript::Latin => latin(text),
        _ => None,
    }
}

/// Guesses the language a product's data is written in, from its name, descriptions,
/// categories, tags, features and attribute values. `None` when the data says too little
/// (a bare name such as "Calcetines de lana merina" usually does).
pub fn guess_product(product: &crate::product::Product) -> Option<Guess> {
    let p = product;
    let mut text = String::new();
    let mut push = |s: &str| {
        if text.len() < MAX_GUESS_BYTES && !s.trim().is_empty() {
            text.push_str(crate::text::prefix(s, MAX_GUESS_BYTES));
            text.push_str(".\n");
        }
    };
    push(&p.name);
    for s in [&p.short_description, &p.description].into_iter().flatten() {
        push(s);
    }
    for s in p.categories.iter().chain(&p.tags).chain(&p.features) {
        push(s);
    }
    for a in &p.attributes {
        push(&a.name);
        for v in &a.values {
            push(v);
        }
    }
    confident_guess(&text)
}

/// Guesses the language a catalog is written in, from all its products' data together (a
/// catalog of bare names says more as a whole than each name alone).
pub fn guess_catalog(products: &[crate::product::Product]) -> Option<Guess> {
    let mut text = String::new();
    for p in products {
        if text.len() >= MAX_GUESS_BYTES {
            break;
        }
        for s in std::iter::once(&p.name)
            .chain(p.short_description.iter())
            .chain(p.description.iter())
            .chain(p.categories.iter())
        {
            text.push_str(crate::text::prefix(s, MAX_GUESS_BYTES / 4));
            text.push_str(".\n");
        }
    }
    confident_guess(&text)
}

/// Share of a Latin-script text's words that must be function words of the guessed language
/// before product data is taken to be written in it: running text in any of the languages has
/// 30–50 %, placeholder Latin ("Lorem ipsum dolor sit amet…") under 15 %, and a wrong guess
/// must not turn an English shop's copy into French.
const MIN_FUNCTION_WORD_SHARE: f64 = 0.2;

/// [`guess`], and for Latin script only when enough of the words are the language's function
/// words.
fn confident_guess(text: &str) -> Option<Guess> {
    let g = guess(text)?;
    if !LATIN.contains(&g.language) {
        return Some(g);
    }
    let lower = crate::text::lowercase_aligned(text);
    let set = &g.language.profile().lexicon().function_words;
    let (mut words, mut function) = (0usize, 0usize);
    for (s, e) in word_ranges(&lower) {
        let Some(word) = lower.get(s as usize..e as usize) else {
            continue;
        };
        words += 1;
        function += usize::from(set.contains(word));
    }
    (words > 0 && function as f64 / words as f64 >= MIN_FUNCTION_WORD_SHARE).then_some(g)
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Function-word evidence for the Latin-script languages.
fn latin(text: &str) -> Option<Guess> {
    let lower = crate::text::lowercase_aligned(text);
    let candidates: Vec<(Language, &crate::text::WordSet<&'static str>)> = LATIN
        .iter()
        .filter(|&&l| super::data_loaded(l))
        .map(|&l| (l, &l.profile().lexicon().function_words))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let mut weight = vec![0.0f64; candidates.len()];
    let mut hits = vec![0usize; candidates.len()];
    let mut found = Vec::with_capacity(candidates.len());
    for (s, e) in word_ranges(&lower) {
        let Some(word) = lower.get(s as usize..e as usize) else {
            continue;
        };
        found.clear();
        found.extend(
            candidates
                .iter()
                .enumerate()
                .filter(|(_, (_, set))| set.contains(word))
                .map(|(i, _)| i),
        );
        if found.is_empty() {
            continue;
        }
        let w = 1.0 / found.len() as f64;
        for &i in &found {
            if let (Some(x), Some(h)) = (weight.get_mut(i), hits.get_mut(i)) {
                *x += w;
                *h += 1;
            }
        }
    }
    let total: f64 = weight.iter().sum();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| weight[b].total_cmp(&weight[a]));
    let best = *order.first()?;
    let runner_up = order.get(1).map_or(0.0, |&i| weight[i]);
    let (language, _) = *candidates.get(best)?;
    let best_weight = weight[best];
    if hits[best] < MIN_HITS || total <= 0.0 || best_weight < runner_up * 1.5 {
        return None;
    }
    Some(Guess {
        language,
        confidence: round2(best_weight / total),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_each_language_from_a_sentence_or_two() {
        for (text, want) in [
            (
                "The wool socks keep your feet warm, and they are soft for the whole day.",
                Language::En,
            ),
            (
                "Los calcetines de lana mantienen tus pies calientes y son muy suaves.",
                Language::Es,
            ),
            (
                "Die Socken aus Wolle halten deine Füße warm und sind sehr weich.",
                Language::De,
            ),
            (
                "Les chaussettes en laine gardent vos pieds au chaud et sont très douces.",
                Language::Fr,
            ),
            (
                "Le calze di lana tengono i piedi caldi e sono molto morbide per tutto il giorno.",
                Language::It,
            ),
            (
                "De wollen sokken houden je voeten warm en zijn heel zacht voor de hele dag.",
                Language::Nl,
            ),
            (
                "As meias de lã mantêm os pés quentes e são muito macias para o dia todo.",
                Language::Pt,
            ),
            (
                "Wełniane skarpety utrzymują ciepło stóp i są bardzo miękkie przez cały dzień.",
                Language::Pl,
            ),
            (
                "Шерстяные носки согревают ноги и очень мягкие.",
                Language::Ru,
            ),
            (
                "الجوارب الصوفية تحافظ على دفء قدميك وهي ناعمة جدا.",
                Language::Ar,
            ),
            (
                "גרבי הצמר שומרים על הרגליים חמות והם רכים מאוד.",
                Language::He,
            ),
            (
                "جوراب‌های پشمی پاهای شما را گرم نگه می‌دارند و بسیار نرم هستند.",
                Language::Fa,
            ),
            (
                "ウールの靴下は足を暖かく保ち、とても柔らかいです。",
                Language::Ja,
            ),
            ("羊毛袜让双脚保持温暖，而且非常柔软。", Language::Zh),
            (
                "울 양말은 발을 따뜻하게 지켜 주고 아주 부드럽습니다.",
                Language::Ko,
            ),
        ] {
            let g = guess(text).unwrap_or_else(|| panic!("no guess for {text}"));
            assert_eq!(g.language, want, "{text}");
            assert!(
                g.confidence > 0.3 && g.confidence <= 1.0,
                "{text}: {}",
                g.confidence
            );
        }
    }

    #[test]
    fn too_little_or_unknown_is_no_guess() {
        assert_eq!(guess(""), None);
        assert_eq!(guess("Merino 350 ml"), None);
        assert_eq!(guess("เสื้อกันหนาวขนสัตว์"), None);
        assert_eq!(
            guess("<p>The wool socks keep your feet warm and they are soft.</p>")
                .map(|g| g.language),
            Some(Language::En)
        );
        // "a" is a function word of four languages: a tie is no guess (only the first
        // MAX_GUESS_BYTES are read).
        assert_eq!(guess(&"a ".repeat(100_000)), None);
    }
}
