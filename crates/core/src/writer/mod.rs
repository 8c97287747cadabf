//! The offline writer: a deterministic, no-LLM writer that composes a description, short
//! description, SEO title, meta description, slug, image alt texts and marketplace bullets
//! from the product's own data.
//!
//! It is proseo's default provider when no LLM is configured, so the main job works on a
//! machine with no network. Same product + same options ⇒ same text: phrasing variants are
//! chosen by a hash of the product's SKU/name, never by randomness. It reads the same
//! [`PromptOptions`] as the LLM prompt builder, so it is a drop-in provider.
//!
//! Every word it writes comes from a language's phrase book (`phrases/`, one file per
//! language); the code here only composes. Each slot of a description (opening line,
//! introduction, benefits, a detail, usage, care, list items, closing remarks) draws from a
//! pool of interchangeable sentences, a different draw for each product, so the descriptions
//! of one catalog do not repeat each other: the sample catalogs stay below the near-duplicate
//! threshold of [`crate::duplicate`] (tested). English, Spanish, German, French, Italian,
//! Portuguese, Dutch and Polish have a book ([`LANGUAGES`]); other languages are refused with
//! a typed error (`writer_unsupported_language`: connect an LLM provider) rather than written
//! badly.
//!
//! The language: the product's own `language`, else the options' (the job's or command's),
//! else the one the product's data is written in when [`crate::lang::guess_product`] is
//! confident, else English ([`crate::analysis::locale_for`], which scoring uses too). Callers
//! that write a whole catalog first call [`PromptOptions::use_catalog_language`], so products
//! whose own data is too short to tell get the catalog's language.
//!
//! Gender and number: the books never make a word agree with the product's noun, whose
//! gender and number the writer does not know (see each book's header): the keyphrase only
//! stands where no article or agreement is needed, and a demonstrative noun of known gender
//! (`este artículo`, `dieses Produkt`) stands for the product everywhere else.
//!
//! Channel-aware: the marketplace title is composed to fit the channel's title limit
//! (`options.channel`, else the strictest marketplace's), dropping optional parts rather than
//! cutting words; for a channel that takes no HTML the description is written as plain text.

mod phrases;

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::error::ErrorCode;
use crate::lang::Language;
use crate::product::Product;
use crate::prompt::PromptOptions;
use crate::text::title::width_px;
use crate::validate::Channel;
use crate::validate::GeneratedContent;
use phrases::{FamilyPhrases, PhraseBook, Tone};

/// Why the writer could not write.
///
/// Serialized as `{"code": …, …fields}` with the same code as [`ErrorCode::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum WriterError {
    /// The product has no name to write about.
    #[serde(rename = "writer_missing_name")]
    MissingName,
    /// The offline writer has no phrase book for this language.
    #[serde(rename = "writer_unsupported_language")]
    UnsupportedLanguage {
        /// The requested language.
        language: String,
    },
}

/// The languages the offline writer writes, as BCP 47 primary tags.
pub const LANGUAGES: [&str; 8] = ["en", "es", "de", "fr", "it", "pt", "nl", "pl"];

impl ErrorCode for WriterError {
    fn code(&self) -> &'static str {
        match self {
            WriterError::MissingName => "writer_missing_name",
            WriterError::UnsupportedLanguage { .. } => "writer_unsupported_language",
        }
    }
}

impl fmt::Display for WriterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriterError::MissingName => write!(f, "the product has no name"),
            WriterError::UnsupportedLanguage { language } => write!(
                f,
                "the offline writer does not write `{language}` (it writes {}); connect an LLM provider to write in this language",
                LANGUAGES.join(", ")
            ),
        }
    }
}

impl std::error::Error for WriterError {}

/// FNV-1a: a stable hash for choosing phrasing variants.
fn seed_of(p: &Product) -> u64 {
    let key = p.sku.as_deref().unwrap_or(&p.name);
    key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64's finalizer: spreads a seed and a slot number over all 64 bits.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Joins sentences, skipping empty ones (a phrase set whose every variant was banned).
fn sentences(parts: &[String]) -> String {
    parts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A URL slug: lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold_latin(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(75);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The writer's working state for one product.
struct Ctx<'a> {
    p: &'a Product,
    book: &'static PhraseBook,
    family: &'static FamilyPhrases,
    tone: Tone,
    keyphrase: String,
    seed: u64,
    banned: Vec<String>,
    brand: Option<String>,
    channel: Option<Channel>,
}

/// Named slots: each draw from a pool uses its own, so draws are independent of each other.
#[derive(Clone, Copy)]
enum Slot {
    Opener = 1,
    Intro,
    WhyHeading,
    Benefits,
    Connected,
    Connector,
    Detail,
    WrapUp,
    DetailHeading,
    ListItems,
    Usage,
    Care,
    UseHeading,
    GoodToKnow,
    Closer,
    Short,
    TitleTail,
    MetaOpener,
    Meta,
    MetaCloser,
    Colors,
    Choose,
    Sale,
    Bullets,
    Order,
}

impl Ctx<'_> {
    /// The pool's indices in this product's order for `slot`: a permutation drawn from the
    /// product's seed, so products differ in which entries they use and in what order.
    fn order(&self, len: usize, slot: Slot) -> Vec<usize> {
        let salt = mix64(self.seed ^ mix64(slot as u64));
        let mut keyed: Vec<(u64, usize)> = (0..len)
            .map(|i| {
                (
                    mix64(salt ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
                    i,
                )
            })
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, i)| i).collect()
    }

    /// Up to `n` distinct entries of a pool for `slot`, skipping those with banned words.
    fn pick_n(&self, pool: &[&'static str], slot: Slot, n: usize) -> Vec<&'static str> {
        self.order(pool.len(), slot)
            .into_iter()
            .filter_map(|i| pool.get(i).copied())
            .filter(|o| !self.is_banned(o))
            .take(n)
            .collect()
    }

    /// One entry of a pool for `slot` (empty when every entry is banned).
    fn pick(&self, pool: &[&'static str], slot: Slot) -> &'static str {
        self.pick_n(pool, slot, 1).first().copied().unwrap_or("")
    }

    /// A number in `0..n` for `slot`.
    fn choice(&self, n: usize, slot: Slot) -> usize {
        (mix64(self.seed ^ mix64(slot as u64 + 1_000)) % n.max(1) as u64) as usize
    }

    fn is_banned(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.banned.iter().any(|b| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(|w| w == b)
        })
    }

    /// Fills `{kp}`, `{name}`, `{category}`, `{Kp}` (capitalized) in a phrase.
    fn fill(&self, template: &str) -> String {
        let category = self.category_noun();
        template
            .replace("{Kp}", &capitalize(&self.keyphrase))
            .replace("{kp}", &self.keyphrase)
            .replace("{name}", &self.p.name)
            .replace("{category}", &category)
    }

    fn category_noun(&self) -> String {
        self.p
            .primary_category()
            .map(|c| self.data_case(c))
            .unwrap_or_else(|| self.family.noun.to_owned())
    }

    /// The product's own words as running text has them: lowercased, except in languages
    /// that capitalize nouns.
    fn data_case(&self, s: &str) -> String {
        if self.book.lowercase_data {
            s.to_lowercase()
        } else {
            s.to_owned()
        }
    }

    /// The values of the attribute `name` (matched in English and in the book's words for
    /// colour).
    fn attribute_values(&self, name: &str) -> Vec<String> {
        self.p
            .attributes
            .iter()
            .filter(|a| {
                a.name.eq_ignore_ascii_case(name)
                    || (name == "color"
                        && self
                            .book
                            .facts
                            .color_names
                            .iter()
                            .any(|c| a.name.trim().eq_ignore_ascii_case(c)))
            })
            .flat_map(|a| a.values.iter().map(|v| self.data_case(v)))
            .collect()
    }

    /// `a`, `a and b`, `a, b and c`.
    fn join_and(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.book.and),
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Lowercases the first letter of a sentence that starts with an ordinary capitalized word
/// (`The fit` → `the fit`, `A smooth…` → `a smooth…`; `TV` and the book's
/// `keep_capitalized` words, such as English `I`, stay).
fn lower_first(s: &str, keep: &[&str]) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    let mut chars = word.chars();
    let ordinary = match chars.next() {
        Some(f) => f.is_uppercase() && chars.all(|c| !c.is_uppercase()),
        None => false,
    };
    if !ordinary || keep.contains(&word) {
        return s.to_owned();
    }
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Writes all content fields for a product. Reads the same [`PromptOptions`] an LLM prompt
/// is built from: `voice.tone`, `voice.banned_words`, `voice.brand`, `keyphrase`, `language`,
/// `channel`.
pub fn write(product: &Product, options: &PromptOptions) -> Result<GeneratedContent, WriterError> {
    if product.name.trim().is_empty() {
        return Err(WriterError::MissingName);
    }
    let lang = crate::analysis::locale_for(product, options);
    let language = Language::from_locale(&lang);
    let book =
        phrases::book(language).ok_or(WriterError::UnsupportedLanguage { language: lang })?;
    let keyphrase = options
        .keyphrase
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| product.focus_keyphrase())
        .to_owned();
    let family_kind = book.family_of(product);
    let ctx = Ctx {
        p: product,
        book,
        family: book.family(family_kind),
        tone: Tone::parse(&options.voice.tone),
        keyphrase,
        seed: seed_of(product),
        banned: options
            .voice
            .banned_words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
        brand: options
            .voice
            .brand
            .clone()
            .or_else(|| product.brand.clone())
            .filter(|b| !b.trim().is_empty()),
        channel: Channel::parse(&options.channel),
    };
    // No-break spaces only in the HTML fields: publishing turns every space of a plain-text
    // field (titles, meta description, bullets, alt texts) into a plain one
    // (`validate::sanitize_content`), and what the writer returns is already publishable.
    let html = typeset(&description(&ctx), book.space_before);
    let description = match ctx.channel {
        Some(c) if !c.profile().html_allowed => crate::export::html_to_text(&html),
        _ => html,
    };
    Ok(GeneratedContent {
        description,
        short_description: typeset(&short_description(&ctx), book.space_before),
        seo_title: seo_title(&ctx),
        meta_description: meta_description(&ctx),
        slug: slugify(&ctx.keyphrase),
        image_alt: image_alt(&ctx),
        bullets: bullets(&ctx),
        title: marketplace_title(&ctx),
    })
}

/// French spacing in HTML: the plain space before each mark of `marks` becomes a narrow
/// no-break space (U+202F), so `Taille : M` never breaks before its colon.
fn typeset(text: &str, marks: &str) -> String {
    if marks.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && chars.peek().is_some_and(|n| marks.contains(*n)) {
            out.push('\u{202f}');
        } else {
            out.push(c);
        }
    }
    out
}

/// A number from the product's data in the book's notation: the decimal point between two
/// digits becomes the book's separator (`1.5 kg` → `1,5 kg`); everything else stays.
fn localize_number(text: &str, decimal: char) -> String {
    if decimal == '.' {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = i > 0
                && chars.get(i - 1).is_some_and(char::is_ascii_digit)
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c == '.' && between_digits {
                decimal
            } else {
                c
            }
        })
        .collect()
}

/// Keyphrase-density bounds the writer aims inside (Yoast's band, weighted by keyphrase
/// length: `count × 100 / words × (0.7 + length / 3)` between 0.5 and 3).
const DENSITY_MAX_PCT: f64 = 3.0;

/// Where the keyphrase goes: within the density budget, spread through the text. The
/// opening sentence and the headings keep theirs; among the other sentences that name it
/// ("the {keyphrase}") or could ("It …" at the start of a sentence), the writer keeps the ones
/// that best split the longest stretch without it, and turns the rest into the pronoun.
fn place_keyphrase(ctx: &Ctx<'_>, blocks: &mut [Block]) {
    let book = ctx.book;
    let kp = ctx.keyphrase.as_str();
    let article = format!("{}{kp}", book.article);
    let article_cap = format!("{}{kp}", capitalize(book.article));
    let pronoun_cap = format!("{} ", capitalize(book.pronoun));
    // Units as the distribution check counts them: headings, paragraph sentences, and a list
    // as one unit. `Some(i)` marks a paragraph sentence (its index among them).
    let mut units: Vec<Option<usize>> = Vec::new();
    let mut fixed: Vec<usize> = Vec::new();
    let mut words = 0usize;
    let mut para_index = 0usize;
    for b in blocks.iter() {
        match b {
            Block::Heading(h) => {
                words += word_count(h);
                if h.contains(kp) {
                    fixed.push(units.len());
                }
                units.push(None);
            }
            Block::List(items) => {
                words += items.iter().map(|i| word_count(i)).sum::<usize>();
                units.push(None);
            }
            Block::Para(v) => {
                for s in v {
                    words += word_count(&s.text);
                    units.push(Some(para_index));
                    // An entry of two sentences ("Not sure yet? Our returns…") is two units;
                    // the keyphrase goes in its first.
                    let more = crate::text::sentence_bounds(&s.text)
                        .len()
                        .saturating_sub(1);
                    units.extend(std::iter::repeat_n(None, more));
                    para_index += 1;
                }
            }
        }
    }
    let mut sentences: Vec<&mut Sentence> = blocks
        .iter_mut()
        .flat_map(|b| match b {
            Block::Para(v) => v.iter_mut().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    let len = crate::analysis::keyphrase::Topic::new(kp, &[], book.language.profile())
        .length()
        .max(1);
    let factor = 0.7 + len as f64 / 3.0;
    // Counted in joined words (`V-Neck` once), as Yoast counts them.
    let budget = ((DENSITY_MAX_PCT * words as f64 / (100.0 * factor)).floor() as usize).max(2);
    // Candidates: (unit, sentence, names it already).
    let mut candidates: Vec<(usize, usize, bool)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let Some(i) = *unit else { continue };
        let Some(s) = sentences.get(i) else { continue };
        if i == 0 {
            // The opening sentence: the keyphrase in the introduction.
            if s.text.contains(kp) {
                fixed.push(u);
            }
            continue;
        }
        let names = s.text.contains(&article) || s.text.contains(&article_cap);
        if names || (book.pronoun_subject && s.text.starts_with(&pronoun_cap)) {
            candidates.push((u, i, names));
        }
    }
    // Keep the candidates that split the longest gap, until the budget is used.
    let mut chosen: Vec<usize> = fixed.clone();
    let mut picked: Vec<usize> = Vec::new();
    while chosen.len() < budget {
        let mut marks = chosen.clone();
        marks.sort_unstable();
        let mut best: Option<(usize, usize)> = None; // (gap after adding, candidate index)
        for (k, &(u, _, _)) in candidates.iter().enumerate() {
            if picked.contains(&k) {
                continue;
            }
            let mut with = marks.clone();
            with.push(u);
            with.sort_unstable();
            let gap = longest_gap(&with, units.len());
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, k));
            }
        }
        let Some((_, k)) = best else { break };
        picked.push(k);
        if let Some(&(u, _, _)) = candidates.get(k) {
            chosen.push(u);
        }
    }
    for (k, &(_, i, names)) in candidates.iter().enumerate() {
        let Some(s) = sentences.get_mut(i) else {
            continue;
        };
        let keep = picked.contains(&k);
        if keep && !names {
            // "It packs small." → "The {keyphrase} packs small."
            s.text = format!("{article_cap} {}", &s.text[pronoun_cap.len()..]);
        } else if !keep && names {
            s.text = replace_with_pronoun(&s.text, &[&article_cap, &article], book.pronoun);
        }
    }
}

/// Every occurrence of the `names` (longest first) becomes the pronoun: capitalized where it
/// opens the sentence, as written elsewhere (`…: Merino-Socken.` → `…: dieses Produkt.`).
fn replace_with_pronoun(text: &str, names: &[&str], pronoun: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let found = names
            .iter()
            .filter(|n| !n.is_empty())
            .filter_map(|n| rest.find(*n).map(|i| (i, n.len())))
            .min_by_key(|&(i, len)| (i, usize::MAX - len));
        let Some((i, len)) = found else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..i]);
        if out.trim().is_empty() {
            out.push_str(&capitalize(pronoun));
        } else {
            out.push_str(pronoun);
        }
        rest = &rest[i + len..];
    }
    out
}

/// The longest run of units without a mark, from the start to the end of the text.
fn longest_gap(marks: &[usize], units: usize) -> usize {
    let mut prev: Option<usize> = None;
    let mut longest = 0;
    for &m in marks {
        let gap = match prev {
            Some(p) => m.saturating_sub(p + 1),
            None => m,
        };
        longest = longest.max(gap);
        prev = Some(m);
    }
    let tail = match prev {
        Some(p) => units.saturating_sub(p + 1),
        None => units,
    };
    longest.max(tail)
}

/// Attribute facts as list items: `Color: blue, green and red`.
fn attribute_items(ctx: &Ctx<'_>) -> Vec<String> {
    let facts = &ctx.book.facts;
    ctx.p
        .attributes
        .iter()
        .filter(|a| a.visible && !a.values.is_empty())
        .map(|a| {
            let values: Vec<String> = a.values.iter().map(|v| ctx.data_case(v)).collect();
            let template = if a.variation {
                facts.attribute_choice
            } else {
                facts.attribute
            };
            template
                .replace("{name}", &a.name)
                .replace("{list}", &ctx.join_and(&values))
        })
        .collect()
}

/// A description before it becomes HTML: the post-processing passes (length, transitions,
/// sentence beginnings, paragraph length) work on this.
enum Block {
    Heading(String),
    Para(Vec<Sentence>),
    List(Vec<String>),
}

/// A sentence of running text.
struct Sentence {
    text: String,
    /// A connector (`Also, …`) may go in front of it.
    connectable: bool,
}

impl Sentence {
    fn fixed(text: String) -> Self {
        Sentence {
            text,
            connectable: false,
        }
    }

    fn open(text: String) -> Self {
        Sentence {
            text,
            connectable: true,
        }
    }
}

/// Fewest words the writer aims for: Yoast's product-page text length is good from 200, so
/// 230 leaves room for what the keyphrase limiter turns into pronouns.
const TARGET_WORDS: usize = 230;
/// Share of sentences with a transition word the writer aims for (readability wants 30 %).
const TARGET_TRANSITIONS: f64 = 0.36;
/// Longest paragraph the writer makes (product pages: 70 words or fewer read well).
const PARAGRAPH_WORDS: usize = 60;

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn description(ctx: &Ctx<'_>) -> String {
    let p = ctx.p;
    let f = ctx.family;
    let facts = &ctx.book.facts;
    let open = |t: &str| Sentence::open(ctx.fill(t));
    // Introduction: the keyphrase in the first sentence.
    let mut intro = vec![Sentence::fixed(
        ctx.fill(ctx.pick(ctx.book.tone(ctx.tone).openers, Slot::Opener)),
    )];
    let colors = ctx.attribute_values("color");
    if !colors.is_empty() {
        intro.push(Sentence::fixed(
            ctx.pick(facts.colors, Slot::Colors)
                .replace("{list}", &ctx.join_and(&colors)),
        ));
    }
    let intros = ctx.pick_n(f.intro, Slot::Intro, 3);
    intro.extend(intros.iter().take(2).map(|i| open(i)));

    // Why: three benefits, an example, a wrap-up.
    let mut benefits = ctx.pick_n(f.benefits, Slot::Benefits, 4);
    // One of the three should be able to carry the keyphrase ("the {kp} …", "It …"), so the
    // benefits are not a long stretch without it.
    let pronoun = format!("{} ", capitalize(ctx.book.pronoun));
    let carries = |t: &str| {
        t.contains("{kp}")
            || t.contains("{Kp}")
            || (ctx.book.pronoun_subject && t.starts_with(&pronoun))
    };
    if !benefits.iter().take(3).any(|t| carries(t)) {
        if let Some(t) = ctx
            .pick_n(f.benefits, Slot::Benefits, f.benefits.len())
            .into_iter()
            .find(|t| carries(t))
        {
            // The spare fourth benefit (used when the text is short) may be that very
            // sentence: then the two swap, so no sentence is written twice.
            match benefits.iter().position(|b| *b == t) {
                Some(k) if k > 2 => benefits.swap(2, k),
                _ => {
                    if let Some(third) = benefits.get_mut(2) {
                        *third = t;
                    }
                }
            }
        }
    }
    let mut why: Vec<Sentence> = benefits.iter().take(3).map(|b| open(b)).collect();
    let mut example = vec![Sentence::fixed(ctx.fill(ctx.pick(f.details, Slot::Detail)))];
    example.push(Sentence::fixed(
        ctx.fill(ctx.pick(ctx.book.wrap_ups, Slot::WrapUp)),
    ));
    let why_heading = ctx.fill(ctx.pick(ctx.book.why_headings, Slot::WhyHeading));

    // Details: attributes, features, weight and size, then family items up to six.
    let mut items = attribute_items(ctx);
    items.extend(p.features.iter().filter(|f| !f.trim().is_empty()).cloned());
    if let Some(w) = &p.weight {
        items.push(
            facts
                .weight
                .replace("{value}", &localize_number(w, ctx.book.decimal)),
        );
    }
    if let Some(d) = &p.dimensions {
        items.push(
            facts
                .package
                .replace("{value}", &localize_number(d, ctx.book.decimal)),
        );
    }
    let fill = 6usize.saturating_sub(items.len());
    items.extend(
        ctx.pick_n(f.list_items, Slot::ListItems, fill)
            .into_iter()
            .map(str::to_owned),
    );
    let detail_heading = ctx.fill(ctx.pick(ctx.book.detail_headings, Slot::DetailHeading));

    // Use and care, and the choice of variations.
    let variation_attrs: Vec<String> = p
        .attributes
        .iter()
        .filter(|a| a.variation)
        .map(|a| ctx.data_case(&a.name))
        .collect();
    let mut use_para = vec![
        open(ctx.pick(f.usage, Slot::Usage)),
        open(ctx.pick(f.care, Slot::Care)),
    ];
    if !variation_attrs.is_empty() {
        use_para.push(Sentence::fixed(
            ctx.pick(facts.choose, Slot::Choose)
                .replace("{list}", &ctx.join_and(&variation_attrs)),
        ));
    }
    let use_heading = ctx.fill(ctx.pick(ctx.book.use_headings, Slot::UseHeading));

    let mut good = ctx.pick_n(ctx.book.good_to_know, Slot::GoodToKnow, 3);
    // A remark that can carry the keyphrase opens the closing paragraph, so the stretch before
    // it (details or use) stays short.
    if let Some(k) = good.iter().position(|t| carries(t)) {
        let t = good.remove(k);
        good.insert(0, t);
    }
    let mut close: Vec<Sentence> = good.iter().take(2).map(|g| open(g)).collect();
    let closer = Sentence::fixed(ctx.fill(ctx.pick(ctx.book.tone(ctx.tone).closers, Slot::Closer)));
    let mut sale_line = None;
    if let (Some(sale), Some(regular)) = (
        p.sale_price.as_ref().and_then(|s| s.value()),
        p.regular_price.as_ref().and_then(|s| s.value()),
    ) {
        if sale < regular && regular > 0.0 {
            let pct = ((regular - sale) / regular * 100.0).round();
            sale_line = Some(Sentence::fixed(
                ctx.pick(facts.sale, Slot::Sale)
                    .replace("{pct}", &format!("{pct:.0}")),
            ));
        }
    }

    // Too short? One more introduction, benefit and closing remark, in that order, until the
    // text is long enough.
    let count = |parts: &[&Vec<Sentence>], extra: usize| {
        parts
            .iter()
            .flat_map(|v| v.iter())
            .map(|s| word_count(&s.text))
            .sum::<usize>()
            + extra
    };
    let fixed_words = word_count(&why_heading)
        + word_count(&detail_heading)
        + word_count(&use_heading)
        + items.iter().map(|i| word_count(i)).sum::<usize>()
        + word_count(&closer.text)
        + sale_line.as_ref().map_or(0, |s| word_count(&s.text));
    for extra in 0..3 {
        if count(&[&intro, &why, &example, &use_para, &close], fixed_words) >= TARGET_WORDS {
            break;
        }
        match extra {
            0 => intro.extend(intros.get(2).map(|t| open(t))),
            1 => why.extend(benefits.get(3).map(|t| open(t))),
            _ => close.extend(good.get(2).map(|t| open(t))),
        }
    }
    close.push(closer);
    close.extend(sale_line);
    why.extend(example);

    let mut blocks = vec![
        Block::Para(intro),
        Block::Heading(why_heading),
        Block::Para(why),
    ];
    let details = [Block::Heading(detail_heading), Block::List(items)];
    let usage = [Block::Heading(use_heading), Block::Para(use_para)];
    // The benefits come first (their heading holds the keyphrase); details and use in either
    // order.
    if ctx.choice(2, Slot::Order) == 0 {
        blocks.extend(details);
        blocks.extend(usage);
    } else {
        blocks.extend(usage);
        blocks.extend(details);
    }
    blocks.push(Block::Para(close));
    place_keyphrase(ctx, &mut blocks);
    add_transitions(ctx, &mut blocks);
    render(split_paragraphs(blocks))
}

/// True when a sentence holds one of the language's transition words.
fn has_transition(sentence: &str, transitions: &[&str]) -> bool {
    let lower = format!(
        " {} ",
        sentence
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    );
    transitions
        .iter()
        .any(|t| lower.contains(&format!(" {t} ")))
}

/// The word a sentence starts with, as the consecutive-sentences check sees it (with the next
/// word after an article).
fn first_words(sentence: &str, exceptions: &[&str]) -> String {
    let words: Vec<String> = sentence
        .split_whitespace()
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    match words.as_slice() {
        [a, b] if exceptions.contains(&a.as_str()) => format!("{a} {b}"),
        [a, ..] => a.clone(),
        [] => String::new(),
    }
}

/// Puts connectors (`Also, …`) in front of sentences until enough sentences carry a
/// transition word, and in front of the middle one of three sentences in a row that start
/// with the same word. Sentences are chosen in the product's order, so products differ.
fn add_transitions(ctx: &Ctx<'_>, blocks: &mut [Block]) {
    // Headings and list items count as sentences too.
    let other: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_) => 1,
            Block::List(items) => items.len(),
            Block::Para(_) => 0,
        })
        .sum();
    let profile = ctx.book.language.profile();
    let transitions = profile.transition_words();
    let exceptions = profile.first_word_exceptions().unwrap_or(&[]);
    let connectors = ctx.pick_n(
        ctx.book.connectors,
        Slot::Connector,
        ctx.book.connectors.len(),
    );
    let mut next = connectors.iter().cycle().take(connectors.len());
    let kp_start = [capitalize(&ctx.keyphrase), ctx.keyphrase.clone()];
    let apply = |s: &mut Sentence, c: &str| {
        let keep_case = kp_start.iter().any(|k| s.text.starts_with(k.as_str()));
        let text = if ctx.book.lowercase_after_connector && !keep_case {
            lower_first(&s.text, ctx.book.keep_capitalized)
        } else {
            s.text.clone()
        };
        s.text = c.replace("{s}", &text);
        s.connectable = false;
    };
    // Where connectors end in a colon (German, Dutch: `Dazu kommt: …`), a sentence that has a
    // colon of its own does not take one (`Dazu kommt: Ein Tipp: …`).
    let colon_connectors = ctx.book.connectors.iter().any(|c| c.contains(": {s}"));
    let takes_connector =
        |s: &Sentence| s.connectable && !(colon_connectors && s.text.contains(':'));
    // Three in a row with the same start: connect the middle one.
    let mut flat: Vec<&mut Sentence> = blocks
        .iter_mut()
        .flat_map(|b| match b {
            Block::Para(v) => v.iter_mut().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    for i in 1..flat.len().saturating_sub(1) {
        let starts: Vec<String> = flat[i - 1..=i + 1]
            .iter()
            .map(|s| first_words(&s.text, exceptions))
            .collect();
        if starts[0] == starts[1] && starts[1] == starts[2] && takes_connector(flat[i]) {
            if let Some(c) = next.next() {
                apply(flat[i], c);
            }
        }
    }
    // Enough transitions.
    let total = flat.len() + other;
    let mut with = flat
        .iter()
        .filter(|s| has_transition(&s.text, transitions))
        .count();
    let order = ctx.order(flat.len(), Slot::Connected);
    for i in order {
        if (with as f64) >= TARGET_TRANSITIONS * total as f64 {
            break;
        }
        let Some(s) = flat.get_mut(i) else { continue };
        if takes_connector(s) && !has_transition(&s.text, transitions) {
            if let Some(c) = next.next() {
                apply(s, c);
                with += 1;
            }
        }
    }
}

/// Paragraphs longer than [`PARAGRAPH_WORDS`] become several, cut between sentences.
fn split_paragraphs(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Para(sentences) => {
                let total: usize = sentences.iter().map(|s| word_count(&s.text)).sum();
                let parts = total.div_ceil(PARAGRAPH_WORDS).max(1);
                let per = total.div_ceil(parts);
                let mut cur = Vec::new();
                let mut words = 0;
                for s in sentences {
                    let n = word_count(&s.text);
                    if !cur.is_empty() && words + n > per + per / 4 {
                        out.push(Block::Para(std::mem::take(&mut cur)));
                        words = 0;
                    }
                    words += n;
                    cur.push(s);
                }
                if !cur.is_empty() {
                    out.push(Block::Para(cur));
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn render(blocks: Vec<Block>) -> String {
    let mut html = String::new();
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(html, "<h2>{}</h2>", esc(&h));
            }
            Block::Para(sentences) => {
                let texts: Vec<String> = sentences.into_iter().map(|s| s.text).collect();
                let text = self::sentences(&texts);
                if !text.is_empty() {
                    let _ = writeln!(html, "<p>{}</p>", esc(&text));
                }
            }
            Block::List(items) => {
                html.push_str("<ul>\n");
                for item in &items {
                    let _ = writeln!(html, "<li>{}</li>", esc(item));
                }
                html.push_str("</ul>\n");
            }
        }
    }
    html.truncate(html.trim_end().len());
    html
}

fn short_description(ctx: &Ctx<'_>) -> String {
    let s = ctx.fill(ctx.pick(ctx.family.short, Slot::Short));
    let colors = ctx.attribute_values("color");
    let extra = if colors.len() > 1 {
        format!(
            " {}",
            ctx.book
                .facts
                .short_colors
                .replace("{list}", &ctx.join_and(&colors))
        )
    } else {
        String::new()
    };
    format!("<p>{}{}</p>", esc(&s), esc(&extra))
}

/// `Keyphrase – Category | Brand`: the most informative variant that fits 600 px.
fn seo_title(ctx: &Ctx<'_>) -> String {
    let head = capitalize(&ctx.keyphrase);
    let category = ctx.p.primary_category().map(capitalize_words);
    let tail = ctx.pick(ctx.book.title_tails, Slot::TitleTail);
    let mut candidates = Vec::new();
    if let Some(c) = &category {
        let shop = tail.replace("{C}", c);
        if let Some(b) = &ctx.brand {
            candidates.push(format!("{head} – {shop} | {b}"));
            candidates.push(format!("{head} – {c} | {b}"));
        }
        candidates.push(format!("{head} – {shop}"));
        candidates.push(format!("{head} – {c}"));
    }
    if let Some(b) = &ctx.brand {
        candidates.push(format!("{head} – {} | {b}", ctx.family.title_noun));
        candidates.push(format!("{head} | {b}"));
    }
    candidates.push(format!("{head} – {}", ctx.family.title_noun));
    candidates.push(head.clone());
    candidates
        .into_iter()
        .find(|t| width_px(t) <= 600.0)
        .unwrap_or_else(|| truncate_to_width(&head, 600.0))
}

fn capitalize_words(s: &str) -> String {
    s.split(' ').map(capitalize).collect::<Vec<_>>().join(" ")
}

fn truncate_to_width(s: &str, px: f64) -> String {
    let mut out = String::new();
    for c in s.chars() {
        out.push(c);
        if width_px(&out) > px {
            out.pop();
            break;
        }
    }
    out.trim_end().to_owned()
}

/// 121–156 characters with the keyphrase: clauses are added until the band is reached.
fn meta_description(ctx: &Ctx<'_>) -> String {
    let facts = &ctx.book.facts;
    let mut parts = vec![ctx.fill(ctx.pick(ctx.book.meta_openers, Slot::MetaOpener))];
    let colors = ctx.attribute_values("color");
    let mut optional = Vec::new();
    if !colors.is_empty() {
        optional.push(facts.meta_colors.replace("{list}", &ctx.join_and(&colors)));
    }
    optional.push(ctx.fill(ctx.pick(ctx.family.meta, Slot::Meta)));
    optional.push(ctx.fill(ctx.pick(ctx.book.meta_closers, Slot::MetaCloser)));
    optional.extend(facts.meta_fill.iter().map(|s| (*s).to_owned()));
    for o in optional
        .into_iter()
        .filter(|o| !o.is_empty() && !ctx.is_banned(o))
    {
        let candidate = format!("{} {o}", parts.join(" "));
        if candidate.chars().count() <= 156 {
            parts.push(o);
        }
        if parts.join(" ").chars().count() >= 121 {
            break;
        }
    }
    let mut meta = parts.join(" ");
    if meta.chars().count() > 156 {
        meta = meta
            .chars()
            .take(155)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + "…";
    }
    meta
}

fn image_alt(ctx: &Ctx<'_>) -> Vec<String> {
    let facts = &ctx.book.facts;
    let colors = ctx.attribute_values("color");
    let name = capitalize(&ctx.keyphrase);
    (0..ctx.p.images.len())
        .map(|i| match (i, colors.get(i.saturating_sub(1))) {
            (0, _) => facts.alt_main.replace("{Kp}", &name),
            (_, Some(color)) => facts
                .alt_color
                .replace("{Kp}", &name)
                .replace("{color}", color),
            (i, None) => facts
                .alt_detail
                .replace("{Kp}", &name)
                .replace("{n}", &i.to_string()),
        })
        .collect()
}

fn bullets(ctx: &Ctx<'_>) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .pick_n(ctx.family.bullets, Slot::Bullets, 3)
        .into_iter()
        .map(|b| ctx.fill(b))
        .collect();
    out.extend(attribute_items(ctx).into_iter().map(|a| capitalize(&a)));
    if let Some(d) = &ctx.p.dimensions {
        out.push(
            ctx.book
                .facts
                .package_bullet
                .replace("{value}", &localize_number(d, ctx.book.decimal)),
        );
    }
    out.truncate(5);
    out
}

/// The longest title any marketplace of [`crate::validate::CHANNEL_PROFILES`] accepts: the
/// title is written once and may be exported to any of them.
fn strictest_title_limit() -> usize {
    Channel::all()
        .iter()
        .map(|c| c.profile())
        .filter(|p| p.title_required)
        .map(|p| p.title_max_chars as usize)
        .min()
        .unwrap_or(80)
}

/// `Brand Name – Colors`, dropping the colors and then the brand until it fits the title
/// limit (the channel's, or the strictest marketplace's). A name longer than the limit stays
/// whole: the validator reports it, nothing is cut silently.
fn marketplace_title(ctx: &Ctx<'_>) -> String {
    let limit = match ctx.channel {
        Some(c) if c.profile().title_required => c.profile().title_max_chars as usize,
        _ => strictest_title_limit(),
    };
    let name = ctx.p.name.trim();
    let colors: Vec<String> = ctx
        .attribute_values("color")
        .iter()
        .map(|c| capitalize(c))
        .collect();
    let with_colors = |base: String| {
        if colors.is_empty() {
            base
        } else {
            format!("{base} – {}", colors.join(", "))
        }
    };
    let mut candidates = Vec::new();
    if let Some(b) = &ctx.brand {
        if !name.to_lowercase().contains(&b.to_lowercase()) {
            candidates.push(with_colors(format!("{b} {name}")));
            candidates.push(format!("{b} {name}"));
        }
    }
    candidates.push(with_colors(name.to_owned()));
    candidates.push(name.to_owned());
    candidates
        .into_iter()
        .find(|t| t.chars().count() <= limit)
        .unwrap_or_else(|| name.to_owned())
}

/// Tests of the writer's other languages (in `lang/tests.rs`: unit-test files are named
/// `tests.rs`, the only files of the core that may read fixtures).
#[cfg(test)]
#[path = "lang/tests.rs"]
mod lang_tests;
#[cfg(test)]
mod tests;
