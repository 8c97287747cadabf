//! The tokenizer against its reference, html5gum 0.9 (a dev-dependency): the same tokens and
//! spans for the core's fixtures, hand-picked edge cases and generated markup, and each entity
//! of the table decoded as html5gum decodes it.

use std::path::Path;

use html5gum::{DefaultEmitter, Emitter, Error, ForwardingEmitter, Tokenizer};
use proptest::prelude::*;

use super::{entities, tokenize, Attr, Attributes, EndTag, Span, StartTag, Text, Token, ENTITIES};

/// html5gum's default emitter with spans and naive state switching, without errors (the
/// configuration the core used).
struct Reference(DefaultEmitter<usize>);

impl ForwardingEmitter for Reference {
    type Token = html5gum::Token<usize>;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_error(&mut self, _error: Error) {}
}

fn span(s: html5gum::Span<usize>) -> Span {
    Span {
        start: s.start,
        end: s.end,
    }
}

/// html5gum's tokens of `input`, as this module's tokens.
fn reference(input: &str) -> Vec<Token> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    for token in Tokenizer::new_with_emitter(input, Reference(emitter)) {
        let Ok(token) = token;
        out.push(match token {
            html5gum::Token::StartTag(t) => Token::StartTag(StartTag {
                name: t.name.to_vec(),
                self_closing: t.self_closing,
                attributes: Attributes(
                    t.attributes
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.to_vec(),
                                Attr {
                                    value: v.value.to_vec(),
                                    span: span(v.span),
                                },
                            )
                        })
                        .collect(),
                ),
                span: span(t.span),
            }),
            html5gum::Token::EndTag(t) => Token::EndTag(EndTag {
                name: t.name.to_vec(),
                span: span(t.span),
            }),
            html5gum::Token::String(s) => Token::String(Text {
                value: s.value.to_vec(),
                span: span(s.span),
                plain: false,
            }),
            html5gum::Token::Comment(c) => Token::Comment(span(c.span)),
            html5gum::Token::Doctype(d) => Token::Doctype(span(d.span)),
            html5gum::Token::Error(_) => continue,
        });
    }
    out
}

fn check(input: &str) {
    let ours: Vec<Token> = tokenize(input).collect();
    assert_eq!(ours, reference(input), "input: {input:?}");
}

/// Every string in the core's fixtures (JSON files), tokenized both ways.
#[test]
fn fixtures_tokenize_as_html5gum_does() {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(v) => strings(&v, out),
                    Err(_) => out.push(text),
                }
            }
        }
    }
    let mut inputs = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    walk(&root.join("tests/fixtures"), &mut inputs);
    assert!(inputs.len() > 100, "fixtures not found");
    // The sample WooCommerce exports, whole.
    walk(&root.join("../../data"), &mut inputs);
    for input in &inputs {
        check(input);
    }
}

/// Every file under `$PROSEO_TOKENIZER_CORPUS` (e.g. a fuzz corpus: `fuzz/corpus/analyze`), read
/// as UTF-8 (lossy), tokenized both ways. Run on demand:
/// `PROSEO_TOKENIZER_CORPUS=fuzz/corpus/analyze cargo test -p proseo-core --lib corpus -- --ignored`
#[test]
#[ignore = "needs PROSEO_TOKENIZER_CORPUS"]
fn corpus_tokenizes_as_html5gum_does() {
    let dir = std::env::var("PROSEO_TOKENIZER_CORPUS")
        .expect("set PROSEO_TOKENIZER_CORPUS to a directory");
    let (mut same, mut outside) = (0, 0);
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if let Ok(bytes) = std::fs::read(entry.path()) {
            let input = String::from_utf8_lossy(&bytes);
            let ours: Vec<Token> = tokenize(&input).collect();
            if ours == reference(&input) {
                same += 1;
            } else {
                // Allowed: a named reference outside the table (`&in;`), left as typed.
                assert!(names_outside_table(&input), "input: {input:?}");
                outside += 1;
            }
        }
    }
    eprintln!(
        "{dir}: {same} inputs tokenize the same, {outside} differ only by names outside the table"
    );
    assert!(same > 0, "{dir}: no files");
}

/// Whether `input` has a named reference that html5gum decodes and the table does not have.
fn names_outside_table(input: &str) -> bool {
    input.match_indices('&').any(|(i, _)| {
        let rest = &input[i + 1..];
        let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &rest[..run + usize::from(rest.as_bytes().get(run) == Some(&b';'))];
        let probe = format!("&{name}");
        run > 0 && tokenize(&probe).collect::<Vec<_>>() != reference(&probe)
    })
}

#[test]
fn edge_cases_tokenize_as_html5gum_does() {
    for input in [
        "",
        "plain text",
        "<p>Hello <b>world</b></p>",
        "<P CLASS=x Id='y' data-a=\"1\" data-a=\"2\" checked>t</P>",
        "<a href=x>t</a><a href=x/>",
        "<img src=a.jpg alt=\"Blue mug\"/><br/><br />",
        "<a  href = \"x\"  >",
        "<a b=c d>e",
        "<a =x>",
        "<a b='c'd>",
        "<a b=\"c\"/d>",
        "<a/b>",
        "<a\0b c\0=\0>",
        "text <p cla",
        "text <p class=\"x",
        "a</>b",
        "a</ b>c",
        "a<?xml version=\"1.0\"?>b",
        "a<3 b < c <",
        "a</",
        "<!DOCTYPE html><p>x",
        "<!doctype html PUBLIC \"a>b\">",
        "<!DOCTYPE",
        "<!---->x<!-- a -- b --!>y<!-->z<!--->w<!-- <!-- -->",
        "<!-- unterminated",
        "<!-x>y<![CDATA[z]]>",
        "<!>",
        "AT&T, R&D, &amp; &amp &AMP &lt;&gt;&quot;&apos; &nbsp;&copy &eacute; &euro;",
        "&notin; &notit; &not &noti &copysr; &frac12; &hellip;&trade;&bull;",
        "&unknown; &zz; &; &#; &#x; &#xZ; &a",
        "&#65;&#x41;&#X41&#0;&#128;&#x80;&#x81;&#159;&#xD800;&#x110000;&#99999999999;&#13;&#x1F600;",
        "<a href=\"?a=1&copy=2&amp=3&ampx;&notin&not;x&eacute\">",
        "<a title='&#34;q&#x27;' href=&lt;x&gt;>",
        "line\r\nbreak\rcr\n\r\n<p\r\nclass=\"a\r\nb\"\r\n>x\r\n</p\r\n>\r\n",
        "\r\n\r\n",
        "<p>a\r",
        "<script>if (a < b && c) { x = '</p>'; }</script>after",
        "<script><!-- x --></script>y",
        "<script><!--<script>x</script>y</script>z",
        "<script><!--<script>a</script>--></script>b",
        "<script>a<!-</script>b<!--c--><!-- -></script>",
        "<script>a</SCRIPT >b</script x=1>c",
        "<script>unterminated",
        "<script>a</script",
        "<style>p > a { color: red } &amp;</style><p>x",
        "<title>A &amp; B <b>not a tag</b></title>x",
        "<textarea>a</textarea b>c</textarea>",
        "<noscript><p>x</p></noscript>y",
        "<iframe src=x><p>y</iframe>z",
        "<xmp><b></xmp>",
        "<plaintext><p>all text</p>",
        "<p>😀 café 日本</p><h2 title=\"é\">Ü</h2>",
        "<p>a\0b</p><title>\0</title><script>\0</script>",
        "[shortcode attr=\"x\"]<p>[/shortcode]</p>",
    ] {
        check(input);
    }
}

/// Each entity decodes as html5gum decodes it, in text and in an attribute, with and without
/// `;` (which also checks which names are legacy ones).
#[test]
fn entity_table_matches_html5gum() {
    let records: Vec<_> = entities().collect();
    assert!(records.len() > 300);
    assert_eq!(
        records
            .iter()
            .map(|(n, l, v)| n.len() + usize::from(*l) + v.len())
            .sum::<usize>(),
        ENTITIES.len(),
        "every byte belongs to a record"
    );
    assert!(records.windows(2).all(|w| w[0].0 < w[1].0), "not sorted");
    for (name, _, value) in &records {
        assert!(!value.is_empty(), "{name}");
        for name in [format!("{name};"), (*name).to_owned()] {
            check(&format!(
                "x&{name}y &{name} <a b=\"&{name}\" c=&{name}x d='&{name}='>"
            ));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Markup assembled from fragments that exercise every state.
    #[test]
    fn generated_markup_tokenizes_as_html5gum_does(parts in prop::collection::vec(prop::sample::select(vec![
        "<", ">", "</", "/", "/>", "=", "\"", "'", " ", "\t", "\n", "\r", "\r\n", "\0", "-", "--",
        "!", "?", "<!--", "-->", "--!>", "<!", "<!DOCTYPE", "[CDATA[", "]]>",
        "p", "B", "x", "9", "é", "😀", "href", "script", "style", "title", "textarea",
        "plaintext", "noscript", "</script", "<script>", "</title>", "<!--<script>",
        "&", ";", "#", "#x", "41", "0", "80", "d800", "110000", "amp", "AMP", "lt", "gt", "quot",
        "nbsp", "eacute", "copy", "euro", "hellip", "zz", "not", "notin;", "\x0c", "`", "=\"",
        "<SCRIPT>", "</SCRIPT >", "<style>", "</style>", "<title>", "<textarea>", "<plaintext>",
        "<a href=\"", "<img src=x alt=", "<p class='", "&#", "&#x", "&amp;", "<!-", "--!", "<?",
        "<!doctype", "<![CDATA[", "<br/>", "</p>", "<p>", "<b>", "</b x=1>", "<!--x-->",
    ]), 0..60)) {
        check(&parts.concat());
    }

    /// A text the tokenizer calls plain is its source verbatim, has no `[` and, its outer
    /// spaces taken off, is single-spaced: what the HTML builder would otherwise scan it for.
    #[test]
    fn plain_text_is_verbatim_single_spaced_and_free_of_brackets(parts in prop::collection::vec(prop::sample::select(vec![
        "word", "a", " ", " ", "  ", "\t", "\n", "\r\n", "[", "[gallery]", "]", "&amp;", "&", "é", "’",
        "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}", "—", "😀",
        "<p>", "</p>", "<b>", "<", "a < b", "<!--x-->", "<script>x</script>", "\0", "\x7f", "\x01",
        ".", "0123456789", "<br/>",
    ]), 0..40)) {
        let input = parts.concat();
        for token in tokenize(&input) {
            if let Token::String(text) = token {
                if text.plain {
                    let source = &input[text.span.start..text.span.end];
                    prop_assert_eq!(source.as_bytes(), text.value.as_slice());
                    prop_assert!(!source.contains('['));
                    prop_assert!(crate::text::single_spaced(source.trim_matches(' ')), "{:?}", source);
                }
            }
        }
    }
}
