//! Is generated content written in the language it was asked for?
//!
//! A model asked for German copy sometimes answers in English (the product data or the
//! instructions were English). The check is cheap: [`crate::lang::guess`] on the content's
//! running text (description, short description, meta description, bullets), from its script
//! and its function words. It only speaks when it is sure: the text must be long enough
//! ([`MIN_LETTERS`]) and the guess confident ([`MIN_CONFIDENCE`]); a title or a few words say
//! too little, and product names in another language do not count (they are not function
//! words). A mismatch is an error with the code [`LANGUAGE_MISMATCH`]: the revise loop sends it
//! back to the model, and content still in the wrong language is never stored.

use crate::content::GeneratedContent;
use crate::lang::Language;
use crate::report::{Issue, Severity};

/// The code of a content-language mismatch.
pub const LANGUAGE_MISMATCH: &str = "language_mismatch";
/// Fewest letters of running text before the language is judged (about 30 words of a
/// European language, or a few sentences of Chinese or Japanese).
pub const MIN_LETTERS: usize = 150;
/// Least confidence of the guess (its language's share of the evidence).
pub const MIN_CONFIDENCE: f64 = 0.6;

/// The running text the language is judged on, as plain text.
fn running_text(c: &GeneratedContent) -> String {
    let mut parts: Vec<String> = Vec::new();
    for html in [&c.description, &c.short_description] {
        if !html.trim().is_empty() {
            parts.push(crate::export::html_to_text(html));
        }
    }
    parts.push(c.meta_description.clone());
    parts.extend(c.bullets.iter().cloned());
    let mut text = parts.join("\n");
    text.truncate(crate::text::prefix(&text, crate::lang::MAX_GUESS_BYTES).len());
    text
}

/// `Some(issue)` when `c` is confidently written in another language than `locale` (BCP 47;
/// a language proseo does not know is never judged).
pub fn check_language(c: &GeneratedContent, locale: &str) -> Option<Issue> {
    let wanted = Language::from_locale(locale);
    if wanted == Language::Other {
        return None;
    }
    let text = running_text(c);
    if text.chars().filter(|ch| ch.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let guess = crate::lang::guess(&text)?;
    if guess.language == wanted || guess.confidence < MIN_CONFIDENCE {
        return None;
    }
    Some(Issue {
        path: "/description".to_owned(),
        code: LANGUAGE_MISMATCH.to_owned(),
        severity: Severity::Error,
        message: format!(
            "the content is written in {} (confidence {:.2}), not in {} (`{}`) as requested; write every field in {}",
            guess.language.name(),
            guess.confidence,
            wanted.name(),
            wanted.code(),
            wanted.name()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(description: &str) -> GeneratedContent {
        GeneratedContent {
            description: description.into(),
            meta_description: String::new(),
            ..GeneratedContent::default()
        }
    }

    const ENGLISH: &str = "<p>Our merino wool socks keep your feet warm on cold days, and they stay soft after many washes. The fine wool breathes, so your feet stay dry when you walk all day. They are a gift that your friends will love.</p>";
    const GERMAN: &str = "<p>Unsere Socken aus Merinowolle halten deine Füße an kalten Tagen warm, und sie bleiben auch nach vielen Wäschen weich. Die feine Wolle atmet, deshalb bleiben die Füße trocken, wenn du den ganzen Tag läufst.</p>";

    #[test]
    fn english_for_a_german_request_is_a_mismatch() {
        let issue = check_language(&content(ENGLISH), "de-DE").unwrap();
        assert_eq!(issue.code, LANGUAGE_MISMATCH);
        assert_eq!(issue.severity, Severity::Error);
        assert!(issue.message.contains("English"), "{}", issue.message);
        assert!(issue.message.contains("German"), "{}", issue.message);
        assert_eq!(check_language(&content(GERMAN), "de"), None);
        assert!(check_language(&content(GERMAN), "en").is_some());
        assert_eq!(check_language(&content(ENGLISH), "en_US"), None);
    }

    #[test]
    fn short_text_and_unknown_languages_are_not_judged() {
        assert_eq!(
            check_language(&content("<p>The wool socks are warm and soft.</p>"), "de"),
            None
        );
        assert_eq!(check_language(&content(ENGLISH), "sv"), None);
        assert_eq!(check_language(&content(""), "de"), None);
    }

    #[test]
    fn other_scripts_are_judged_by_their_script() {
        let japanese = "<p>メリノウールの靴下は、寒い日でも足をあたたかく保ちます。何度洗ってもやわらかいままです。細いウールは通気性がよく、一日中歩いても足がさらさらです。友だちへのプレゼントにもぴったりです。毎日はきたくなる、やさしいはき心地です。冬の朝も、夜のリラックスタイムにも、いつでもあなたの足を守ります。洗濯機で洗えるので、お手入れもかんたんです。</p>";
        assert!(check_language(&content(japanese), "ja").is_none());
        let issue = check_language(&content(japanese), "de").unwrap();
        assert!(issue.message.contains("Japanese"), "{}", issue.message);
        assert!(check_language(&content(GERMAN), "ja").is_some());
    }

    #[test]
    fn product_names_in_another_language_do_not_count() {
        let mixed = "<p>Die Wool Socks Classic und der Merino Beanie Deluxe halten dich warm. Die feine Wolle atmet, deshalb bleiben die Füße trocken, wenn du den ganzen Tag läufst. Unsere Socken sind weich, und sie passen zu jedem Schuh.</p>";
        assert_eq!(check_language(&content(mixed), "de"), None);
    }

    #[test]
    fn the_offline_writer_matches_its_language() {
        for code in ["en", "es", "de", "fr", "it", "pt", "nl", "pl"] {
            let p = crate::product::Product {
                name: "Merino".into(),
                categories: vec!["Socks".into()],
                language: Some(code.into()),
                ..crate::product::Product::default()
            };
            let c = crate::writer::write(&p, &crate::prompt::PromptOptions::default()).unwrap();
            assert_eq!(check_language(&c, code), None, "{code}");
        }
    }
}
