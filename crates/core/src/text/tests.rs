//! Unit tests of the text model.

use super::*;

fn texts(doc: &Document) -> Vec<(&str, BlockKind)> {
    doc.blocks.iter().map(|b| (b.text(), b.kind)).collect()
}

#[test]
fn blocks_headings_and_lists() {
    let html = "<h2>Why  you'll\n love it</h2><p>Soft <strong>cotton</strong>.</p>\
                <ul><li>Machine washable</li><li>Fits <em>true</em> to size<ul><li>nested</li></ul></li></ul>";
    let doc = Document::parse(html);
    assert_eq!(
        texts(&doc),
        vec![
            ("Why you'll love it", BlockKind::Heading(2)),
            ("Soft cotton.", BlockKind::Paragraph),
            ("Machine washable", BlockKind::ListItem),
            ("Fits true to size", BlockKind::ListItem),
            ("nested", BlockKind::ListItem),
        ]
    );
    assert_eq!(doc.lists.len(), 2);
    assert_eq!((doc.lists[0].items, doc.lists[1].items), (2, 1));
}

#[test]
fn skips_scripts_comments_and_shortcodes() {
    let html = "[gallery ids=\"1,2\"]<p>Hello <!-- hidden --> world</p><script>var a = '<p>no</p>';</script>\
                <style>p{}</style>[caption id=\"x\"]<img src=\"a.jpg\" alt=\"A red mug\">A caption[/caption] [[literal]]";
    let doc = Document::parse(html);
    assert_eq!(
        texts(&doc),
        vec![
            ("Hello world", BlockKind::Paragraph),
            ("A caption [[literal]]", BlockKind::Paragraph)
        ]
    );
    assert_eq!(doc.images.len(), 1);
    assert_eq!(doc.images[0].alt.as_deref(), Some("A red mug"));
}

#[test]
fn bare_text_blank_lines_make_paragraphs() {
    let doc = Document::parse("First line\nsame paragraph.\n\nSecond paragraph.\r\n\r\nThird.");
    assert_eq!(doc.blocks.len(), 3);
    assert_eq!(doc.blocks[0].text(), "First line same paragraph.");
}

#[test]
fn entities_decode_and_map_back_to_source() {
    let html = "<p>Caf&eacute; &amp; R&D &#x1F600; ok</p>";
    let doc = Document::parse(html);
    let b = &doc.blocks[0];
    assert_eq!(b.text(), "Café & R&D 😀 ok");
    // Every word maps back onto its source text.
    let words: Vec<&str> = b
        .words()
        .iter()
        .map(|&r| {
            let (s, e) = b.source_range(r);
            &html[s as usize..e as usize]
        })
        .collect();
    // UAX #29 splits "R&D" at the ampersand.
    assert_eq!(words, vec!["Caf&eacute;", "R", "D", "ok"]);
}

#[test]
fn collapsed_whitespace_maps_back_to_source() {
    // Single-spaced text nodes go in whole; the others are collapsed character by character.
    // Either way the block text is the same, and every word maps back onto its source.
    let html = "<p> Warm  wool\tsocks, <b>soft</b> and\u{a0}light \n</p><p>Plain text here.</p>\
                <li>one<i> two </i>three</li>";
    let doc = Document::parse(html);
    assert_eq!(
        texts(&doc),
        vec![
            ("Warm wool socks, soft and light", BlockKind::Paragraph),
            ("Plain text here.", BlockKind::Paragraph),
            ("one two three", BlockKind::ListItem),
        ]
    );
    for b in &doc.blocks {
        for &r in b.words() {
            let (s, e) = b.source_range(r);
            assert_eq!(&html[s as usize..e as usize], b.slice(r), "{:?}", b.text());
        }
        let (s, e) = b.source_range((0, b.text().len() as u32));
        assert!(html[s as usize..e as usize].ends_with(b.text().rsplit(' ').next().unwrap_or("")));
    }
}

#[test]
fn sentences_and_words() {
    let doc =
        Document::parse("<p>It is warm. It is soft! Is it washable? Yes, e.g. at 30 degrees.</p>");
    let b = &doc.blocks[0];
    let sentences: Vec<&str> = b.sentences.iter().map(|s| b.slice(s.range)).collect();
    assert_eq!(
        sentences,
        vec![
            "It is warm.",
            "It is soft!",
            "Is it washable?",
            "Yes, e.g. at 30 degrees."
        ]
    );
    assert_eq!(b.sentences[3].word_count(), 5);
    assert_eq!(doc.word_count(), 14);
}

#[test]
fn links_capture_anchor_text_and_rel() {
    let html = "<p>See our <a href=\"/care\" rel=\"nofollow\">care <b>guide</b></a> today.</p>";
    let doc = Document::parse(html);
    assert_eq!(doc.links.len(), 1);
    let l = &doc.links[0];
    assert_eq!(
        (l.href.as_str(), l.text.as_str(), l.nofollow),
        ("/care", "care guide", true)
    );
    assert_eq!(
        &html[l.source.0 as usize..l.source.1 as usize],
        "<a href=\"/care\" rel=\"nofollow\">care <b>guide</b></a>"
    );
}

#[test]
fn br_breaks_sentences_within_a_block() {
    let doc = Document::parse("<p>Material: cotton<br>Size: M<br/>Colour: red</p>");
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].sentences.len(), 3);
}

#[test]
fn cjk_rtl_and_emoji_do_not_panic_and_map_in_bounds() {
    for html in [
        "<p>这是一件非常舒适的毛衣。适合冬天穿。</p>",
        "<p dir=\"rtl\">סוודר חם ונעים לחורף.</p>",
        "<p>Cozy 🧶 sweater 👩‍👩‍👧 with e\u{301}clat</p>",
        "<p>&unknown; &#xD800; &#0; &</p><",
    ] {
        let doc = Document::parse(html);
        for b in &doc.blocks {
            for &r in b.words().iter().chain(b.sentences.iter().map(|s| &s.range)) {
                let (s, e) = b.source_range(r);
                assert!(s <= e && (e as usize) <= html.len(), "{html}: {s}..{e}");
            }
        }
    }
    assert_eq!(dominant_script(["这是一件非常舒适的毛衣"]), TextScript::Cjk);
    assert_eq!(dominant_script(["ウールの靴下"]), TextScript::Cjk);
    assert_eq!(dominant_script(["เสื้อกันหนาว"]), TextScript::Unsegmented);
    assert_eq!(dominant_script(["סוודר חם"]), TextScript::Hebrew);
    assert_eq!(dominant_script(["سترة دافئة"]), TextScript::Arabic);
    assert_eq!(dominant_script(["따뜻한 스웨터"]), TextScript::Hangul);
    assert_eq!(dominant_script(["Θερμό πουλόβερ"]), TextScript::OtherSpaced);
    assert_eq!(dominant_script(["Тёплый свитер"]), TextScript::Cyrillic);
}

#[test]
fn lowercase_keeps_offsets() {
    // 'İ' lowercases to two chars and 'ẞ' to a shorter one: both are kept as they are.
    assert_eq!(lowercase_aligned("ÀB İx ẞ"), "àb İx ẞ");
    assert_eq!(lowercase_aligned("ÀB").len(), "ÀB".len());
}

#[test]
fn shortcode_scanner() {
    use super::html::shortcode_ranges;
    let t = "a [b] [/b] [c x=\"]\"] [1] [ d] [[e]] [f\n]";
    let r: Vec<&str> = shortcode_ranges(t).map(|(s, e)| &t[s..e]).collect();
    assert_eq!(r, vec!["[b]", "[/b]", "[c x=\"]\"]"]);
}

#[test]
fn huge_documents_keep_their_beginning_only() {
    use super::{MAX_ITEMS, MAX_TEXT_BYTES};
    // A block per `<p>`: capped at MAX_ITEMS blocks.
    let doc = Document::parse(&"<p>x".repeat(MAX_ITEMS + 10));
    assert_eq!(doc.blocks.len(), MAX_ITEMS);
    assert!(doc.truncated);
    // One long paragraph: capped at MAX_TEXT_BYTES of text, cut between words.
    let doc = Document::parse(&format!("<p>{}</p>", "word ".repeat(MAX_TEXT_BYTES / 4)));
    let text: usize = doc.blocks.iter().map(|b| b.text().len()).sum();
    assert!(
        text <= MAX_TEXT_BYTES && text > MAX_TEXT_BYTES - 10,
        "{text}"
    );
    assert!(doc.blocks[0].text().ends_with("word"));
    assert!(doc.truncated);
    // Links, images and lists.
    for (html, count) in [
        (
            r#"<a href="/x">w</a>"#,
            (|d: &Document| d.links.len()) as fn(&Document) -> usize,
        ),
        ("<img src=x>", |d| d.images.len()),
        ("<ul>", |d| d.lists.len()),
    ] {
        let doc = Document::parse(&html.repeat(MAX_ITEMS + 10));
        assert_eq!(count(&doc), MAX_ITEMS, "{html}");
        assert!(doc.truncated, "{html}");
    }
    // Ordinary descriptions are whole.
    let doc = Document::parse("<h2>Mug</h2><p>A mug.</p><ul><li>a</li></ul><img src=x>");
    assert!(!doc.truncated);
    assert_eq!(doc.blocks.len(), 3);
}

#[test]
fn prefix_cuts_on_char_boundaries() {
    use super::prefix;
    assert_eq!(prefix("abc", 5), "abc");
    assert_eq!(prefix("abc", 2), "ab");
    // 'é' is two bytes: a cut inside it backs off to before it.
    assert_eq!(prefix("aé", 2), "a");
    assert_eq!(prefix("aé", 3), "aé");
    assert_eq!(prefix("", 0), "");
}

proptest::proptest! {
    /// `lowercase_aligned` is the char-by-char lowercase where that keeps each char's length,
    /// and the char itself elsewhere.
    #[test]
    fn lowercase_aligned_is_per_char(s in "[a-zA-Z ’“”—\u{a0}ÀÉéÖİẞΣΑДж\u{10400}]{0,40}") {
        let want: String = s
            .chars()
            .map(|c| {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                    _ => c,
                }
            })
            .collect();
        proptest::prop_assert_eq!(lowercase_aligned(&s), want);
    }

    /// A block's text and lowercase shadow share one string, and its words and source map
    /// one list: each reads back as computed on its own. The hyphen-joined word counts kept
    /// for the block and each sentence are those counted over their words.
    #[test]
    fn blocks_read_back_their_parts(s in "[a-zA-Z0-9 .!?\\-’É&;<>/]{0,60}") {
        let html = format!("<p>{s}</p><h2>{s}</h2>");
        let doc = Document::parse(&html);
        for b in &doc.blocks {
            proptest::prop_assert_eq!(b.lower(), lowercase_aligned(b.text()));
            let words = words::word_ranges(b.text());
            proptest::prop_assert_eq!(b.words(), words.as_slice());
            proptest::prop_assert_eq!(b.joined_words(), b.joined_word_count(0..b.word_count()));
            for sentence in &b.sentences {
                let range = sentence.first_word as usize..sentence.end_word as usize;
                proptest::prop_assert_eq!(b.sentence_joined_words(sentence), b.joined_word_count(range));
            }
            let (start, end) = b.source_range((0, b.text().len() as u32));
            proptest::prop_assert!(start <= end && end as usize <= html.len());
        }
    }
}

#[test]
fn is_alphabetic_is_the_standard_librarys() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(
            super::is_alphabetic(c),
            c.is_alphabetic(),
            "{:04X}",
            c as u32
        );
    }
}
