//! The offline writer in its other languages: each language's sample catalog
//! (`data/woocommerce/sample_<code>_8_products.csv`, no `language` column: the language is
//! detected from the product data) is written with the default options and must read as that
//! language, pass that language's own analysis and validation, and vary its phrasing.

use super::*;
use crate::analysis::score_generated;
use crate::duplicate::{near_duplicates, CatalogEntry, Signature, NEAR_DUPLICATE_THRESHOLD};
use crate::validate::{validate_content, Channel};
use crate::woocsv::parse_products;

/// The languages the offline writer writes besides English.
const LANGUAGES: [Language; 7] = [
    Language::Es,
    Language::De,
    Language::Fr,
    Language::It,
    Language::Pt,
    Language::Nl,
    Language::Pl,
];

fn catalog(language: Language) -> Vec<Product> {
    let path = format!(
        "{}/../../data/woocommerce/sample_{}_8_products.csv",
        env!("CARGO_MANIFEST_DIR"),
        language.code()
    );
    parse_products(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .products
}

fn words(text: &str) -> Vec<String> {
    let plain = if text.contains('<') {
        crate::export::html_to_text(text)
    } else {
        text.to_owned()
    };
    plain
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every written field as one text.
fn all_fields(c: &GeneratedContent) -> String {
    let mut parts = vec![
        c.description.clone(),
        c.short_description.clone(),
        c.seo_title.clone(),
        c.meta_description.clone(),
        c.title.clone(),
    ];
    parts.extend(c.bullets.iter().cloned());
    parts.extend(c.image_alt.iter().cloned());
    parts.join("\n")
}

/// The words of the product's own data (name, categories, attributes, features…).
fn own_words(p: &Product) -> std::collections::HashSet<String> {
    let mut text = vec![p.name.clone()];
    text.extend(p.categories.iter().cloned());
    text.extend(p.features.iter().cloned());
    for a in &p.attributes {
        text.push(a.name.clone());
        text.extend(a.values.iter().cloned());
    }
    text.extend(p.weight.iter().cloned());
    text.extend(p.dimensions.iter().cloned());
    words(&text.join(" ")).into_iter().collect()
}

#[test]
fn each_language_writes_its_sample_catalog_well() {
    let english = Language::En.profile().lexicon();
    let mut failures = Vec::new();
    for language in LANGUAGES {
        let lexicon = language.profile().lexicon();
        let products = catalog(language);
        assert!(products.len() >= 6, "{language:?}");
        // As the CLI and the Worker do: a product whose own data is too short to tell is
        // written in the catalog's language.
        let mut options = PromptOptions::default();
        options.use_catalog_language(&products);
        assert_eq!(options.language, language.code());
        let (mut seo_sum, mut read_sum) = (0u32, 0u32);
        let (mut seo_min, mut read_min) = (100u8, 100u8);
        let mut entries = Vec::new();
        for p in &products {
            let c = write(p, &options).unwrap();
            let text = all_fields(&c);
            // It reads as the language.
            let guessed = crate::lang::guess(&c.description).map(|g| g.language);
            if guessed != Some(language) {
                failures.push(format!("{}: guessed {guessed:?}", p.name));
            }
            // No English function word outside the product's own data; the language's own
            // function words dominate.
            let own = own_words(p);
            let mut native = 0usize;
            for w in words(&text) {
                let in_language = lexicon.function_words.contains(w.as_str());
                native += usize::from(in_language);
                if !in_language && !own.contains(&w) && english.function_words.contains(w.as_str())
                {
                    failures.push(format!("{}: English word {w:?}", p.name));
                }
            }
            if native < 40 {
                failures.push(format!("{}: only {native} function words", p.name));
            }
            if let Some(issue) = crate::validate::check_language(&c, language.code()) {
                failures.push(format!("{}: {}", p.name, issue.message));
            }
            // Already publishable: what the Worker stores (sanitized) is what the CLI and
            // the npm package write.
            if crate::validate::sanitize_content(&c).content != c {
                failures.push(format!("{}: sanitizing changes the text", p.name));
            }
            let report = validate_content(&c, Channel::Woocommerce);
            if !report.is_valid() {
                failures.push(format!("{}: invalid {:?}", p.name, report.issues));
            }
            let a = score_generated(p, &c, &options);
            assert_eq!(a.language, language, "{}", p.name);
            if a.seo.score < 70 || a.readability.score < 70 {
                let weak: Vec<_> = a
                    .seo
                    .checks
                    .iter()
                    .chain(a.readability.checks.iter())
                    .filter(|c| c.needs_work())
                    .map(|c| format!("{:?}: {}", c.id, c.message))
                    .collect();
                failures.push(format!(
                    "{}: SEO {} readability {} {weak:#?}\n{}",
                    p.name, a.seo.score, a.readability.score, c.description
                ));
            }
            seo_sum += u32::from(a.seo.score);
            read_sum += u32::from(a.readability.score);
            seo_min = seo_min.min(a.seo.score);
            read_min = read_min.min(a.readability.score);
            entries.push(CatalogEntry {
                id: p.name.clone(),
                signature: Signature::of_html(&c.description),
            });
        }
        let mut max = 0.0f64;
        for (i, a) in entries.iter().enumerate() {
            for b in &entries[i + 1..] {
                max = max.max(a.signature.similarity(&b.signature));
            }
        }
        let n = products.len() as f64;
        eprintln!(
            "{}: SEO avg {:.1} min {seo_min}, readability avg {:.1} min {read_min}, max pairwise similarity {max:.3}",
            language.code(),
            f64::from(seo_sum) / n,
            f64::from(read_sum) / n,
        );
        let found = near_duplicates(&entries);
        if found.pairs_total != 0 || max >= NEAR_DUPLICATE_THRESHOLD {
            failures.push(format!("{language:?}: near-duplicates {:#?}", found.pairs));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_language_comes_from_the_product_then_the_option_then_the_data() {
    let mut p = catalog(Language::Es).remove(0);
    // Detected from the product's data (no `language`, no option).
    let c = write(&p, &PromptOptions::default()).unwrap();
    assert_eq!(
        crate::lang::guess(&c.description).map(|g| g.language),
        Some(Language::Es)
    );
    // The option wins over the detection.
    let de = PromptOptions {
        language: "de".into(),
        ..PromptOptions::default()
    };
    let c = write(&p, &de).unwrap();
    assert_eq!(
        crate::lang::guess(&c.description).map(|g| g.language),
        Some(Language::De)
    );
    // The product's own language wins over the option.
    p.language = Some("fr_FR".into());
    let c = write(&p, &de).unwrap();
    assert_eq!(
        crate::lang::guess(&c.description).map(|g| g.language),
        Some(Language::Fr)
    );
    // A language without a phrase book is refused.
    p.language = Some("ja".into());
    assert_eq!(
        write(&p, &de).unwrap_err().code(),
        "writer_unsupported_language"
    );
}

#[test]
fn placeholder_text_is_not_taken_for_a_language() {
    // The English sample catalogs have Lorem ipsum descriptions: still English copy.
    for name in [
        "experimental_sample_9_products.csv",
        "experimental_fashion_sample_9_products.csv",
    ] {
        let path = format!(
            "{}/../../data/woocommerce/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let products = parse_products(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .products;
        assert_eq!(crate::lang::guess_catalog(&products), None);
        for p in &products {
            assert_eq!(crate::lang::guess_product(p), None, "{}", p.name);
        }
    }
}

#[test]
fn numbers_and_spacing_follow_the_language() {
    assert_eq!(localize_number("1.5 kg", ','), "1,5 kg");
    assert_eq!(localize_number("10 × 8.25 × 3 cm", ','), "10 × 8,25 × 3 cm");
    assert_eq!(localize_number("v1. 2.x", ','), "v1. 2.x");
    assert_eq!(localize_number("1.5 kg", '.'), "1.5 kg");
    assert_eq!(
        typeset("Taille : M ! Oui ?", ":;!?"),
        "Taille\u{202f}: M\u{202f}! Oui\u{202f}?"
    );
    assert_eq!(typeset("a : b", ""), "a : b");
}

/// The formal tones (professional, luxury) have their own openers and closers in every
/// language; they too pass the analysis and do not make near-duplicates.
#[test]
fn formal_tone_writes_well_too() {
    for language in LANGUAGES {
        let products = catalog(language);
        let mut options = PromptOptions::default();
        options.use_catalog_language(&products);
        let plain = write(&products[0], &options).unwrap();
        options.voice.tone = "professional".into();
        let mut entries = Vec::new();
        for p in &products {
            let c = write(p, &options).unwrap();
            let a = score_generated(p, &c, &options);
            assert!(
                a.seo.score >= 70 && a.readability.score >= 70,
                "{}: SEO {} readability {}",
                p.name,
                a.seo.score,
                a.readability.score
            );
            assert!(validate_content(&c, Channel::Woocommerce).is_valid());
            entries.push(CatalogEntry {
                id: p.name.clone(),
                signature: Signature::of_html(&c.description),
            });
        }
        let formal = write(&products[0], &options).unwrap();
        assert_ne!(plain.description, formal.description, "{language:?}");
        assert_eq!(near_duplicates(&entries).pairs_total, 0, "{language:?}");
    }
}

/// Product data is untrusted and may be huge: the language guesses read a bounded prefix.
/// A description of 32 KiB of German followed by 4 MiB of English is German (the English would
/// win if it were read), and reading it costs what reading its prefix costs.
#[test]
fn language_guesses_read_a_bounded_prefix() {
    let mut p = catalog(Language::De).remove(1);
    let german = "Die Wolle hält warm, und sie ist weich auf der Haut. ";
    let english = "The wool keeps you warm, and it is soft on the skin. ";
    let head = german.repeat(2 * crate::lang::MAX_GUESS_BYTES / german.len());
    p.description = Some(head.clone() + &english.repeat(4 * 1024 * 1024 / english.len()));
    assert_eq!(
        crate::lang::guess_product(&p).map(|g| g.language),
        Some(Language::De)
    );
    let mut tail_only = p.clone();
    tail_only.description = Some(english.repeat(4 * 1024 * 1024 / english.len()));
    tail_only.name = "Wool".into();
    tail_only.short_description = None;
    tail_only.categories.clear();
    tail_only.tags.clear();
    tail_only.attributes.clear();
    assert_eq!(
        crate::lang::guess_product(&tail_only).map(|g| g.language),
        Some(Language::En),
        "the tail alone is English"
    );
    let many = vec![p; 200];
    assert_eq!(
        crate::lang::guess_catalog(&many).map(|g| g.language),
        Some(Language::De)
    );
}
