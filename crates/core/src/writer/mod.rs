//! The offline writer: a deterministic, no-LLM writer that composes a description, short
//! description, SEO title, meta description, slug, image alt texts and marketplace bullets
//! from the product's own data.
//!
//! It is proseo's default provider when no LLM is configured, so the main job works on a
//! machine with no network. Same product + same options ⇒ same text: phrasing variants are
//! chosen by a hash of the product's SKU/name, never by randomness. It reads the same
//! [`PromptOptions`] as the LLM prompt builder, so it is a drop-in provider. Output is English; other
//! languages are refused with a typed error rather than written badly.

mod phrases;

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::error::ErrorCode;
use crate::lang::Language;
use crate::product::Product;
use crate::prompt::PromptOptions;
use crate::text::title::width_px;
use crate::validate::GeneratedContent;
use phrases::{Family, Tone};

/// Why the writer could not write.
///
/// Serialized as `{"code": …, …fields}` with the same code as [`ErrorCode::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum WriterError {
    /// The product has no name to write about.
    #[serde(rename = "writer_missing_name")]
    MissingName,
    /// The offline writer writes English only.
    #[serde(rename = "writer_unsupported_language")]
    UnsupportedLanguage {
        /// The requested language.
        language: String,
    },
}

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
                "the offline writer writes English only (asked for `{language}`); configure an LLM provider for other languages"
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

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
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
    keyphrase: String,
    family: Family,
    tone: Tone,
    seed: u64,
    banned: Vec<String>,
    brand: Option<String>,
}

impl Ctx<'_> {
    /// Picks variant `salt` of a phrase set, skipping those with banned words.
    fn pick(&self, options: &[&'static str], salt: u64) -> &'static str {
        let n = options.len().max(1) as u64;
        let start = (self.seed.rotate_left((salt % 64) as u32) ^ salt) % n;
        (0..n)
            .map(|i| {
                options
                    .get(((start + i) % n) as usize)
                    .copied()
                    .unwrap_or("")
            })
            .find(|o| !self.is_banned(o))
            .unwrap_or("")
    }

    /// Picks up to `n` distinct variants of a phrase set, in a seed-dependent rotation.
    fn pick_n(&self, options: &[&'static str], salt: u64, n: usize) -> Vec<&'static str> {
        let len = options.len().max(1) as u64;
        let start = (self.seed.rotate_left((salt % 64) as u32) ^ salt) % len;
        (0..len)
            .filter_map(|i| options.get(((start + i) % len) as usize).copied())
            .filter(|o| !self.is_banned(o))
            .take(n)
            .collect()
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
            .map(|c| c.to_lowercase())
            .unwrap_or_else(|| self.family.noun().to_owned())
    }

    fn attribute_values(&self, name: &str) -> Vec<String> {
        self.p
            .attributes
            .iter()
            .filter(|a| a.name.eq_ignore_ascii_case(name))
            .flat_map(|a| a.values.iter().map(|v| v.to_lowercase()))
            .collect()
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Writes all content fields for a product. Reads the same [`PromptOptions`] an LLM prompt
/// is built from: `voice.tone`, `voice.banned_words`, `voice.brand`, `keyphrase`, `language`.
pub fn write(product: &Product, options: &PromptOptions) -> Result<GeneratedContent, WriterError> {
    if product.name.trim().is_empty() {
        return Err(WriterError::MissingName);
    }
    let lang = if options.language.trim().is_empty() {
        product.language.as_deref().unwrap_or("en")
    } else {
        options.language.as_str()
    };
    if Language::from_locale(lang) != Language::En {
        return Err(WriterError::UnsupportedLanguage {
            language: lang.to_owned(),
        });
    }
    let keyphrase = options
        .keyphrase
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| product.focus_keyphrase())
        .to_owned();
    let ctx = Ctx {
        p: product,
        keyphrase,
        family: Family::of(product),
        tone: Tone::parse(&options.voice.tone),
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
    };
    Ok(GeneratedContent {
        description: limit_keyphrase(&description(&ctx), &ctx.keyphrase),
        short_description: short_description(&ctx),
        seo_title: seo_title(&ctx),
        meta_description: meta_description(&ctx),
        slug: slugify(&ctx.keyphrase),
        image_alt: image_alt(&ctx),
        bullets: bullets(&ctx),
        title: marketplace_title(&ctx),
    })
}

/// Keyphrase-density bounds the writer aims inside (Yoast's band, weighted by keyphrase
/// length: `count × 100 / words × (0.7 + length / 3)` between 0.5 and 3).
const DENSITY_MAX_PCT: f64 = 3.0;

/// Keeps the description's keyphrase use inside the density band: past the budget, "the
/// {keyphrase}" becomes "it" in running text (headings keep theirs), keeping the first use and
/// spreading the kept ones evenly so that the keyphrase stays distributed.
fn limit_keyphrase(html: &str, keyphrase: &str) -> String {
    let words = crate::text::Document::parse(html).word_count();
    let len = crate::analysis::keyphrase::Topic::new(keyphrase, &[], Language::En.profile())
        .length()
        .max(1);
    let factor = 0.7 + len as f64 / 3.0;
    let budget = ((DENSITY_MAX_PCT * words as f64 / (100.0 * factor)).floor() as usize).max(2);
    let esc_kp = esc(keyphrase);
    let needles = [format!("the {esc_kp}"), format!("The {esc_kp}")];
    // Occurrences in running text (not inside a heading) and in headings.
    let mut found: Vec<(usize, bool)> = Vec::new();
    for needle in &needles {
        for (i, _) in html.match_indices(needle.as_str()) {
            let before = &html[..i];
            let in_heading = before
                .rfind("<h")
                .is_some_and(|h| before.rfind("</h").is_none_or(|c| c < h));
            found.push((i, in_heading));
        }
    }
    found.sort_unstable();
    let total = found.len();
    if total <= budget {
        return html.to_owned();
    }
    let headings = found.iter().filter(|(_, h)| *h).count();
    let body: Vec<usize> = found.iter().filter(|(_, h)| !h).map(|(i, _)| *i).collect();
    let keep_body = budget.saturating_sub(headings).max(1);
    // Keep `keep_body` body occurrences evenly spaced from the first to the last.
    let mut keep = vec![false; body.len()];
    let n = keep_body.min(body.len());
    for slot in 0..n {
        let k = if n == 1 {
            0
        } else {
            (slot * (body.len() - 1) + (n - 1) / 2) / (n - 1)
        };
        if let Some(x) = keep.get_mut(k) {
            *x = true;
        }
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (k, &at) in body.iter().enumerate() {
        if keep.get(k).copied().unwrap_or(true) {
            continue;
        }
        let capital = html[at..].starts_with('T');
        out.push_str(&html[last..at]);
        out.push_str(if capital { "It" } else { "it" });
        last = at + "the ".len() + esc_kp.len();
    }
    out.push_str(&html[last..]);
    out
}

/// Attribute facts as list items: `Color: blue, green and red`.
fn attribute_items(ctx: &Ctx<'_>) -> Vec<String> {
    ctx.p
        .attributes
        .iter()
        .filter(|a| a.visible && !a.values.is_empty())
        .map(|a| {
            let values: Vec<String> = a.values.iter().map(|v| v.to_lowercase()).collect();
            let verb = if a.variation { "choose from " } else { "" };
            format!("{}: {verb}{}", a.name, join_and(&values))
        })
        .collect()
}

fn description(ctx: &Ctx<'_>) -> String {
    let p = ctx.p;
    let f = ctx.family;
    let mut html = String::new();
    // Introduction: the keyphrase in the first sentence.
    let mut intro = vec![ctx.fill(ctx.pick(ctx.tone.openers(), 1))];
    let colors = ctx.attribute_values("color");
    if !colors.is_empty() {
        intro.push(format!(
            "It comes in {}, so you can pick the shade that suits you.",
            join_and(&colors)
        ));
    }
    intro.extend(ctx.pick_n(f.intro(), 2, 2).into_iter().map(|i| ctx.fill(i)));
    let _ = writeln!(html, "<p>{}</p>", esc(&sentences(&intro)));

    let _ = writeln!(
        html,
        "<h2>{}</h2>",
        esc(&ctx.fill(ctx.pick(phrases::WHY_HEADINGS, 3)))
    );
    let mut why: Vec<String> = ctx
        .pick_n(f.benefits(), 4, 3)
        .into_iter()
        .map(|b| ctx.fill(b))
        .collect();
    why.push(ctx.fill(ctx.pick(f.details(), 6)));
    why.push(ctx.fill(ctx.pick(phrases::TRANSITIONS, 7)));
    let _ = writeln!(html, "<p>{}</p>", esc(&sentences(&why)));

    let _ = writeln!(
        html,
        "<h2>{}</h2>",
        esc(&ctx.fill(ctx.pick(phrases::DETAIL_HEADINGS, 8)))
    );
    let mut items = attribute_items(ctx);
    items.extend(p.features.iter().filter(|f| !f.trim().is_empty()).cloned());
    if let Some(w) = &p.weight {
        items.push(format!("Weight: {w}"));
    }
    if let Some(d) = &p.dimensions {
        items.push(format!("Size of the package: {d}"));
    }
    for extra in f.list_items().iter().filter(|e| !ctx.is_banned(e)) {
        if items.len() >= 6 {
            break;
        }
        items.push((*extra).to_owned());
    }
    html.push_str("<ul>\n");
    for item in &items {
        let _ = writeln!(html, "<li>{}</li>", esc(item));
    }
    html.push_str("</ul>\n");

    let variation_attrs: Vec<String> = p
        .attributes
        .iter()
        .filter(|a| a.variation)
        .map(|a| a.name.to_lowercase())
        .collect();
    let mut use_para = vec![
        ctx.fill(ctx.pick(f.usage(), 9)),
        ctx.fill(ctx.pick(f.care(), 10)),
    ];
    if !variation_attrs.is_empty() {
        use_para.push(format!(
            "Also, you can choose the {} that fits you best before you add it to your cart.",
            join_and(&variation_attrs)
        ));
    }
    let _ = writeln!(
        html,
        "<h2>{}</h2>",
        esc(&ctx.fill(ctx.pick(phrases::USE_HEADINGS, 11)))
    );
    let _ = writeln!(html, "<p>{}</p>", esc(&sentences(&use_para)));

    let mut close: Vec<String> = ctx
        .pick_n(phrases::GOOD_TO_KNOW, 12, 2)
        .into_iter()
        .map(|g| ctx.fill(g))
        .collect();
    close.push(ctx.fill(ctx.pick(ctx.tone.closers(), 13)));
    if let (Some(sale), Some(regular)) = (
        p.sale_price.as_ref().and_then(|s| s.value()),
        p.regular_price.as_ref().and_then(|s| s.value()),
    ) {
        if sale < regular && regular > 0.0 {
            let pct = ((regular - sale) / regular * 100.0).round();
            close.push(format!(
                "Right now it is {pct:.0}% off, so this is a good time to buy."
            ));
        }
    }
    let _ = write!(html, "<p>{}</p>", esc(&sentences(&close)));
    html
}

fn short_description(ctx: &Ctx<'_>) -> String {
    let s = ctx.fill(ctx.pick(ctx.family.short(), 18));
    let colors = ctx.attribute_values("color");
    let extra = if colors.len() > 1 {
        format!(" Available in {}.", join_and(&colors))
    } else {
        String::new()
    };
    format!("<p>{}{}</p>", esc(&s), esc(&extra))
}

/// `Keyphrase – Category | Brand`: the most informative variant that fits 600 px.
fn seo_title(ctx: &Ctx<'_>) -> String {
    let head = capitalize(&ctx.keyphrase);
    let category = ctx.p.primary_category().map(capitalize_words);
    let tail = ctx.pick(phrases::TITLE_TAILS, 14);
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
        candidates.push(format!("{head} – {} | {b}", ctx.family.title_noun()));
        candidates.push(format!("{head} | {b}"));
    }
    candidates.push(format!("{head} – {}", ctx.family.title_noun()));
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
    let mut parts = vec![ctx.fill(ctx.pick(phrases::META_OPENERS, 15))];
    let colors = ctx.attribute_values("color");
    let mut optional = Vec::new();
    if !colors.is_empty() {
        optional.push(format!("Choose {}.", join_and(&colors)));
    }
    optional.push(ctx.fill(ctx.pick(ctx.family.meta(), 16)));
    optional.push(ctx.fill(ctx.pick(phrases::META_CLOSERS, 17)));
    optional.push("Fast shipping and easy returns.".to_owned());
    optional.push("Order today.".to_owned());
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
    let colors = ctx.attribute_values("color");
    let name = capitalize(&ctx.keyphrase);
    (0..ctx.p.images.len())
        .map(|i| match (i, colors.get(i.saturating_sub(1))) {
            (0, _) => format!("{name}, front view"),
            (_, Some(color)) => format!("{name} in {color}"),
            (i, None) => format!("{name}, detail view {i}"),
        })
        .collect()
}

fn bullets(ctx: &Ctx<'_>) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .family
        .bullets()
        .iter()
        .map(|b| ctx.fill(b))
        .filter(|b| !ctx.is_banned(b))
        .take(3)
        .collect();
    out.extend(attribute_items(ctx).into_iter().map(|a| {
        a.to_uppercase()
            .chars()
            .take(1)
            .chain(a.chars().skip(1))
            .collect()
    }));
    if let Some(d) = &ctx.p.dimensions {
        out.push(format!("Package size: {d}"));
    }
    out.truncate(5);
    out
}

fn marketplace_title(ctx: &Ctx<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(b) = &ctx.brand {
        parts.push(b.clone());
    }
    parts.push(ctx.p.name.clone());
    let colors = ctx.attribute_values("color");
    if !colors.is_empty() {
        parts.push(format!(
            "– {}",
            colors
                .iter()
                .map(|c| capitalize(c))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let title = parts.join(" ");
    if title.chars().count() > 80 {
        title
            .chars()
            .take(80)
            .collect::<String>()
            .trim_end()
            .to_owned()
    } else {
        title
    }
}

#[cfg(test)]
mod tests;
