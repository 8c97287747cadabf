//! Property tests: the prompt module never panics on arbitrary input.

use proptest::prelude::*;
use proseo_core::prompt::{estimate_tokens, parse_completion, render_template};

/// Strings biased toward the characters the parsers care about.
fn jsonish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just(",".to_owned()),
            Just(":".to_owned()),
            Just("```".to_owned()),
            Just("```json\n".to_owned()),
            Just("\u{201c}".to_owned()),
            Just("\u{201d}".to_owned()),
            Just("\u{feff}".to_owned()),
            Just("</think>".to_owned()),
            Just("\"description\"".to_owned()),
            Just("\"bullets\"".to_owned()),
            "[a-z ]{0,5}",
            any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Strings biased toward Jinja syntax.
fn jinjaish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("{{".to_owned()),
            Just("}}".to_owned()),
            Just("{%".to_owned()),
            Just("%}".to_owned()),
            Just("{#".to_owned()),
            Just("#}".to_owned()),
            Just(" for a in product.attributes ".to_owned()),
            Just(" endfor ".to_owned()),
            Just(" if x ".to_owned()),
            Just(" endif ".to_owned()),
            Just(" block user ".to_owned()),
            Just(" endblock ".to_owned()),
            Just("product.name".to_owned()),
            Just("|join(', ')".to_owned()),
            Just("\n".to_owned()),
            "[a-z .|()'\"]{0,6}",
            any::<char>().prop_map(String::from),
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn parse_completion_never_panics(text in any::<String>()) {
        let _ = parse_completion(&text);
        let _ = estimate_tokens(&text);
    }

    #[test]
    fn parse_completion_never_panics_on_jsonish(text in jsonish()) {
        let _ = parse_completion(&text);
    }

    #[test]
    fn valid_objects_parse_back(description in "[^\u{0}-\u{1f}]{1,40}", title in "[a-zA-Z ]{0,20}") {
        prop_assume!(!description.trim().is_empty());
        let json = serde_json::json!({"description": description, "title": title}).to_string();
        let parsed = parse_completion(&format!("Here you go:\n```json\n{json}\n```")).unwrap();
        prop_assert_eq!(parsed.content.description, description.trim());
        prop_assert_eq!(parsed.content.title, title.trim());
    }

    #[test]
    fn render_template_never_panics(source in any::<String>()) {
        let _ = render_template(&source, &serde_json::json!({"product": {"name": "Mug"}}));
    }

    #[test]
    fn render_template_never_panics_on_jinjaish(source in jinjaish()) {
        let vars = serde_json::json!({
            "x": true,
            "product": {"name": "Mug", "attributes": [{"name": "Color", "values": ["Red"]}]}
        });
        let _ = render_template(&source, &vars);
    }
}
