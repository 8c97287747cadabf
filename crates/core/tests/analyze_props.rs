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

/// The locales of every language proseo analyzes (and one it does not).
const LOCALES: [&str; 16] = [
    "en_US", "es_ES", "de_DE", "fr_FR", "it_IT", "nl_NL", "pt_BR", "ru_RU", "pl_PL", "ar", "he_IL",
    "fa_IR", "ja", "zh_CN", "ko_KR", "tr_TR",
];

/// Text in every script the analysis handles, with the pieces its language rules look at:
/// clitic prefixes and particles, zero-width non-joiners, Arabic and Hebrew vowel points,
/// CJK punctuation, passives, transitions, mixed scripts.
fn multiscript() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_owned()),
        Just("</p><h2>".to_owned()),
        Just("</h2><p>".to_owned()),
        Just("<ul><li>".to_owned()),
        Just("</li></ul>".to_owned()),
        Just(" Los calcetines de lana son tejidos a mano. Sin embargo, ".to_owned()),
        Just(" Die Socken werden in Deutschland gestrickt, weil ".to_owned()),
        Just(" Les chaussettes sont tricotées; c'est-à-dire ".to_owned()),
        Just(" Свитер связан вручную. Однако ".to_owned()),
        Just(" Sweter został zaprojektowany. Ponadto ".to_owned()),
        Just(" הסוודר מצמר מרינו. ובצמר ".to_owned()),
        Just(" الجوارب بالقهوة وصُنع ".to_owned()),
        Just(" جوراب‌های پشمی ساخته شده است. ".to_owned()),
        Just(" 양말은 따뜻합니다. 그러나 ".to_owned()),
        Just("メリノウール靴下は暖かい。しかし、".to_owned()),
        Just("美利奴羊毛袜很暖和！因此，".to_owned()),
        Just("「」（）【】…‥".to_owned()),
        Just("\u{200c}\u{200d}\u{64e}\u{5b8}\u{301}".to_owned()),
        Just("😀👍🏽".to_owned()),
        Just("\u{2028}\u{85}".to_owned()),
        "[\u{5d0}-\u{5ea}\u{627}-\u{64a}\u{6cc}\u{3041}-\u{3093}\u{30a1}-\u{30f3}\u{4e00}-\u{4e20}\u{ac00}-\u{ac20}\u{430}-\u{44f} .。،؟!?]{0,12}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every language's rules (clitics, particles, character counts, passive detectors,
    /// transitions as substrings) on text in every script: no panic, highlights on boundaries.
    #[test]
    fn every_language_on_every_script_keeps_highlights_valid(
        content in multiscript(),
        title in multiscript(),
        meta in multiscript(),
        keyphrase in prop_oneof![
            Just("צמר".to_owned()), Just("القهوة".to_owned()), Just("جوراب پشمی".to_owned()),
            Just("양말".to_owned()), Just("メリノウール靴下".to_owned()), Just("羊毛袜".to_owned()),
            Just("calcetines de lana".to_owned()), Just("свитер".to_owned()), "\\PC{0,6}",
        ],
        locale in prop::sample::select(LOCALES.to_vec()),
        article in any::<bool>(),
    ) {
        let input = AnalyzeInput {
            content,
            title,
            meta_description: meta,
            slug: "svitr-merino".into(),
            keyphrase,
            synonyms: vec!["ובצמר".into(), "毛衣".into()],
            locale: locale.to_owned(),
            profile: if article { Profile::Article } else { Profile::Product },
            ..AnalyzeInput::default()
        };
        run(&input)?;
    }
}
