//! Property tests of `analyze`: it never panics on any input, and every highlight is a valid
//! range of its field in both UTF-8 bytes and UTF-16 code units (char and surrogate-pair
//! boundaries), as JavaScript and PHP consumers index them.

#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use proseo_core::analysis::{analyze, AnalyzeInput, Profile};
use proseo_core::span::Highlight;

fn check_highlight(input: &AnalyzeInput, h: &Highlight) -> Result<(), TestCaseError> {
    let src = input.field(h.field);
    let (s, e) = (h.start as usize, h.end as usize);
    prop_assert!(
        s <= e && e <= src.len(),
        "{h:?} outside {} bytes",
        src.len()
    );
    prop_assert!(
        src.is_char_boundary(s) && src.is_char_boundary(e),
        "{h:?} splits a char"
    );
    let prefix = src[..s].encode_utf16().count();
    let len = src[s..e].encode_utf16().count();
    prop_assert_eq!(
        (h.start_utf16 as usize, h.end_utf16 as usize),
        (prefix, prefix + len)
    );
    // A UTF-16 boundary that is also a UTF-8 char boundary never splits a surrogate pair.
    let units: Vec<u16> = src.encode_utf16().collect();
    for at in [prefix, prefix + len] {
        if let Some(&u) = units.get(at) {
            prop_assert!(
                !(0xDC00..0xE000).contains(&u),
                "{h:?} starts/ends inside a pair"
            );
        }
    }
    Ok(())
}

/// HTML-ish text: tags, entities, shortcodes, emoji, CJK, RTL, combining marks and noise.
fn htmlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<h2>".to_owned()),
        Just("</h2>".to_owned()),
        Just("<h1>".to_owned()),
        Just("<ul><li>".to_owned()),
        Just("</li></ul>".to_owned()),
        Just("<br>".to_owned()),
        Just("<a href=\"/x\">".to_owned()),
        Just("</a>".to_owned()),
        Just("<img src=\"a.jpg\" alt=\"wool socks 😀\">".to_owned()),
        Just("<script>x<y</script>".to_owned()),
        Just("<!-- c -->".to_owned()),
        Just("[gallery ids=\"1\"]".to_owned()),
        Just("&amp;".to_owned()),
        Just("&eacute;".to_owned()),
        Just("&#x1F600;".to_owned()),
        Just("&bogus".to_owned()),
        Just("wool socks".to_owned()),
        Just(" The socks are made by hand. ".to_owned()),
        Just("毛衣。".to_owned()),
        Just("סוודר ".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("👩‍👩‍👧".to_owned()),
        Just("\r\n\n".to_owned()),
        Just(". ".to_owned()),
        "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn run(input: &AnalyzeInput) -> Result<(), TestCaseError> {
    let a = analyze(input);
    for c in a.checks() {
        prop_assert!(c.score <= 9);
        for h in &c.highlights {
            check_highlight(input, h)?;
        }
    }
    prop_assert!(a.seo.score <= 100 && a.readability.score <= 100);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(
        content in any::<String>(),
        title in any::<String>(),
        meta in any::<String>(),
        keyphrase in any::<String>(),
        slug in any::<String>(),
        locale in "[a-zA-Z_-]{0,6}",
    ) {
        run(&AnalyzeInput { content, title, meta_description: meta, keyphrase, slug, locale, ..AnalyzeInput::default() })?;
    }

    #[test]
    fn html_like_input_keeps_highlights_on_boundaries(
        content in htmlish(),
        title in htmlish(),
        meta in htmlish(),
        keyphrase in prop_oneof![Just("wool socks".to_owned()), Just("毛衣".to_owned()), Just("socks".to_owned()), "\\PC{0,6}"],
        article in any::<bool>(),
    ) {
        let input = AnalyzeInput {
            content,
            title,
            meta_description: meta,
            keyphrase,
            synonyms: vec!["socks".into()],
            profile: if article { Profile::Article } else { Profile::Product },
            site_url: Some("https://shop.example".into()),
            ..AnalyzeInput::default()
        };
        run(&input)?;
    }
}
