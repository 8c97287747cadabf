//! Keyphrase in slug (Yoast: `slugKeyword`).
//!
//! Measures: the share of the keyphrase's content words found in the slug (hyphens and
//! underscores separate words; diacritics of the keyphrase need not be in the slug, German
//! umlauts may be written `ae` `oe` `ue`, and Russian keyphrases match a slug in Latin letters
//! whichever common transliteration made it: `носки` = `noski`). Applies: always, except for
//! Chinese and Japanese keyphrases (Yoast SEO does not assess the slug for Japanese: its slugs
//! are romanized or percent-encoded). Judges: keyphrases of 1–2 content words need all of them,
//! longer ones more than half, for good; otherwise ok; no keyphrase or no slug bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::keyphrase::{words_of, Tokens};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::lang::Language;
use crate::span::Field;
use crate::text::lowercase_aligned;

/// Keyphrases shorter than this need every word in the slug.
const SHORT_KEYPHRASE_WORDS: usize = 3;

struct Scores {
    bad: i16,
    okay: i16,
    good: i16,
}
const SCORES: Scores = Scores {
    bad: 3,
    okay: 6,
    good: 9,
};

const MISSING: &str = "Please add both a keyphrase and a slug containing the keyphrase.";
const NOT_ASSESSED: &str = "The slug is not assessed for a keyphrase without spaces between words: such slugs are romanized or percent-encoded, so the keyphrase cannot be looked for in them.";
const GOOD: &str = "The slug contains the keyphrase. Great work!";
const GOOD_PART: &str = "More than half of your keyphrase appears in the slug. That's great!";
const PARTIAL: &str =
    "(Part of) your keyphrase does not appear in the slug ({pct}% of its words do). Change that!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInSlug,
    section: SectionKind::Seo,
    yoast: Some("slugKeyword"),
    run,
};

/// Share (0–100) of the keyphrase's words found in the slug's words in a Latin spelling: German
/// umlauts as digraphs, Russian transliterated (compared by [`latin_skeleton`], so that the
/// usual schemes, ISO 9, GOST, BGN and the ad-hoc ones, all match).
fn spelled_share(r: &Researcher<'_>, slug_words: &[&str]) -> u32 {
    let words = &r.topic.keyphrase.words;
    let spell: fn(&str) -> String = match r.lang.language {
        Language::De => umlaut_digraphs,
        Language::Ru => transliterate_ru,
        _ => return 0,
    };
    if words.is_empty() || r.topic.keyphrase.exact {
        return 0;
    }
    let slug: Vec<String> = slug_words.iter().map(|w| latin_skeleton(w)).collect();
    let found = words
        .iter()
        .filter(|w| {
            let spelled = spell(&w.form);
            let skeleton = latin_skeleton(&spelled);
            slug.contains(&skeleton)
        })
        .count();
    ((found * 100 + words.len() / 2) / words.len()) as u32
}

/// German umlauts and ß as slugs spell them (WordPress's `remove_accents` for `de_*`).
fn umlaut_digraphs(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// Russian in Latin letters (one common scheme; [`latin_skeleton`] absorbs the others).
fn transliterate_ru(word: &str) -> String {
    const TABLE: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "yo"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "y"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "yu"),
        ('я', "ya"),
    ];
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match TABLE.iter().find(|(k, _)| *k == c) {
            Some((_, latin)) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// A Latin spelling reduced to what every transliteration scheme agrees on: `shch`/`shh`/`sch`
/// → `s`, `zh` → `z`, `kh`/`x` → `h`, `ch` → `c`, `sh` → `s`, `ts`/`cz` → `c`, iotated vowels
/// (`ya`/`ja`/`ia` → `a`, `yu`/`ju`/`iu` → `u`, `yo`/`jo`/`ye`/`je` → `e`), `j`/`y` → `i`,
/// apostrophes dropped.
fn latin_skeleton(word: &str) -> String {
    let mut s = word.replace('\'', "");
    for (from, to) in [
        ("shch", "s"),
        ("shh", "s"),
        ("sch", "s"),
        ("zh", "z"),
        ("kh", "h"),
        ("ch", "c"),
        ("sh", "s"),
        ("ts", "c"),
        ("cz", "c"),
        ("x", "h"),
        ("ya", "a"),
        ("ja", "a"),
        ("ia", "a"),
        ("yu", "u"),
        ("ju", "u"),
        ("iu", "u"),
        ("yo", "e"),
        ("jo", "e"),
        ("ye", "e"),
        ("je", "e"),
        ("j", "i"),
        ("y", "i"),
    ] {
        // The first letter is looked for first (a byte search), the pattern only where the
        // word has it (most words have few of these letters).
        let first = from.as_bytes().first().copied().unwrap_or(0);
        if s.as_bytes().contains(&first) && s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let slug = r.input.slug.trim();
    if r.lang.counts_characters() && r.topic.is_substring_mode() {
        return Check::na(id, NOT_ASSESSED);
    }
    if r.topic.is_empty() || slug.is_empty() {
        return Check::scored(id, SCORES.bad, MISSING);
    }
    let mut spaced = String::with_capacity(slug.len());
    spaced.extend(
        slug.chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c }),
    );
    let lower = lowercase_aligned(&spaced);
    let pct = if r.topic.is_substring_mode() {
        if r.topic.substring_matches(&lower, false).is_empty() {
            0
        } else {
            100
        }
    } else {
        let words = words_of(&lower);
        let direct = r.topic.percent_in(&Tokens::plain(&words), false);
        if direct == 100 {
            direct
        } else {
            direct.max(spelled_share(r, &words))
        }
    };
    if r.topic.length() < SHORT_KEYPHRASE_WORDS {
        if pct == 100 {
            return Check::scored(id, SCORES.good, GOOD);
        }
    } else if pct > 50 {
        return Check::scored(id, SCORES.good, if pct == 100 { GOOD } else { GOOD_PART });
    }
    let hl = vec![r.hl_field(Field::Slug, 0, r.input.slug.len())];
    Check::scored(id, SCORES.okay, fill(PARTIAL, &[("pct", &pct)])).with_highlights(hl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_meet_in_the_skeleton() {
        let sk = |s: &str| latin_skeleton(s);
        assert_eq!(sk(&transliterate_ru("носки")), sk("noski"));
        assert_eq!(sk(&transliterate_ru("мериноса")), sk("merinosa"));
        assert_eq!(sk(&transliterate_ru("щётка")), sk("shhyotka"));
        assert_eq!(sk(&transliterate_ru("щётка")), sk("schetka"));
        assert_eq!(sk(&transliterate_ru("юбка")), sk("iubka"));
        assert_eq!(sk(&transliterate_ru("хлопок")), sk("hlopok"));
        assert_eq!(sk(&transliterate_ru("хлопок")), sk("khlopok"));
        assert_ne!(sk(&transliterate_ru("шерсти")), sk("sherst"));
        assert_eq!(umlaut_digraphs("füße"), "fuesse");
    }
}
