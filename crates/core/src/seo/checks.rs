//! The SEO checks. Each is a small function of the shared [`Ctx`]; numbers come from the
//! profile's [`super::thresholds::Thresholds`].

use super::title::{overflow_at, width_px};
use super::{Check, CheckId, Ctx, Stats, MAX_HIGHLIGHTS};
use crate::span::{Field, Highlight};
use crate::text::{fold_latin, BlockKind};

/// Runs every SEO check in a stable order.
pub(crate) fn run(ctx: &Ctx<'_>, stats: &mut Stats) -> Vec<Check> {
    let mut out = vec![
        keyphrase_in_introduction(ctx),
        keyphrase_length(ctx),
        keyphrase_density(ctx, stats),
        keyphrase_in_meta_description(ctx),
        keyphrase_in_subheadings(ctx),
        keyphrase_in_image_alt(ctx),
        keyphrase_in_title(ctx),
        keyphrase_in_slug(ctx),
        competing_links(ctx),
    ];
    if ctx.t.links {
        out.push(outbound_links(ctx));
        out.push(internal_links(ctx));
    }
    out.push(text_length(ctx));
    out.push(title_width(ctx, stats));
    out.push(meta_description_length(ctx, stats));
    out.push(single_h1(ctx));
    out.push(image_count(ctx));
    out.push(image_alt(ctx));
    if ctx.t.identifiers {
        out.push(product_identifiers(ctx));
    }
    if ctx.t.lists {
        out.push(lists(ctx));
    }
    out
}

/// Returns the `na` check when no keyphrase is set or words cannot be counted.
fn keyphrase_precondition(ctx: &Ctx<'_>, id: CheckId) -> Option<Check> {
    if ctx.kp.is_empty() {
        return Some(Check::na(id, "No focus keyphrase was set."));
    }
    ctx.words_unsupported().map(|why| Check::na(id, why))
}

fn keyphrase_in_introduction(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseInIntroduction;
    if let Some(c) = keyphrase_precondition(ctx, id) {
        return c;
    }
    let intro = ctx
        .doc
        .paragraphs()
        .next()
        .or_else(|| ctx.doc.blocks.iter().find(|b| b.is_body()));
    let Some(block) = intro else {
        return Check::scored(
            id,
            3,
            "There is no introduction yet: start with a paragraph that mentions the keyphrase.",
        );
    };
    for s in &block.sentences {
        if ctx.kp.count_in(block.sentence_words(s)) > 0 {
            return Check::scored(
                id,
                9,
                "The keyphrase appears in the first paragraph. Well done!",
            )
            .with_highlights(vec![ctx.hl(block, s.range)]);
        }
    }
    let all_words = block.words.iter().map(|&r| block.lower_slice(r));
    if ctx.kp.count_in(all_words) > 0 {
        return Check::scored(
            id,
            6,
            "The words of the keyphrase appear in the first paragraph, but not within one sentence.",
        )
        .with_highlights(vec![ctx.hl(block, (0, block.text.len() as u32))]);
    }
    Check::scored(
        id,
        3,
        "The keyphrase does not appear in the first paragraph. Mention it right away so readers and search engines see what the product is.",
    )
    .with_highlights(vec![ctx.hl(block, (0, block.text.len() as u32))])
}

fn keyphrase_length(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseLength;
    let n = ctx.kp.content_words as u32;
    let hl = vec![ctx.hl_field(Field::Keyphrase, 0, ctx.input.keyphrase.len())];
    if n == 0 {
        return Check::scored(
            id,
            1,
            "No focus keyphrase was set. Set one to get a full SEO analysis.",
        );
    }
    if n <= ctx.t.keyphrase_words_good_max {
        Check::scored(
            id,
            9,
            format!("The keyphrase has {n} content word(s). Good length!"),
        )
    } else if n <= ctx.t.keyphrase_words_ok_max {
        Check::scored(
            id,
            6,
            format!(
                "The keyphrase has {n} content words; up to {} is easier to rank for.",
                ctx.t.keyphrase_words_good_max
            ),
        )
        .with_highlights(hl)
    } else {
        Check::scored(
            id,
            3,
            format!("The keyphrase has {n} content words, which is far too long. Shorten it."),
        )
        .with_highlights(hl)
    }
}

fn keyphrase_density(ctx: &Ctx<'_>, stats: &mut Stats) -> Check {
    let id = CheckId::KeyphraseDensity;
    let mut count = 0u32;
    let mut highlights = Vec::new();
    if !ctx.kp.is_empty() && ctx.words_supported {
        for block in &ctx.doc.blocks {
            for s in &block.sentences {
                let n = ctx.kp.count_in(block.sentence_words(s));
                if n > 0 {
                    count += n;
                    if highlights.len() < MAX_HIGHLIGHTS {
                        highlights.push(ctx.hl(block, s.range));
                    }
                }
            }
        }
    }
    let density = if ctx.word_count > 0 {
        f64::from(count) * 100.0 / ctx.word_count as f64
    } else {
        0.0
    };
    stats.keyphrase_count = count;
    stats.keyphrase_density = (density * 100.0).round() / 100.0;
    if let Some(c) = keyphrase_precondition(ctx, id) {
        return c;
    }
    if (ctx.word_count as u32) < ctx.t.keyphrase_density_min_words {
        return Check::na(
            id,
            format!(
                "The text is too short ({} words) to judge keyphrase density.",
                ctx.word_count
            ),
        );
    }
    let band = ctx.t.keyphrase_density;
    let score = band.score(density);
    let message = if density < band.good_min {
        format!("The keyphrase appears {count} time(s): {density:.1}% of the text. Use it more often (aim for {:.1}–{:.1}%).", band.good_min, band.good_max)
    } else if density > band.good_max {
        format!("The keyphrase appears {count} times: {density:.1}% of the text, more than {:.1}%. Don't overdo it; use synonyms.", band.good_max)
    } else {
        format!("The keyphrase appears {count} times: {density:.1}% of the text. Great!")
    };
    Check::scored(id, score, message).with_highlights(highlights)
}

fn keyphrase_in_meta_description(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseInMetaDescription;
    if ctx.kp.is_empty() {
        return Check::na(id, "No focus keyphrase was set.");
    }
    let meta = &ctx.input.meta_description;
    if meta.trim().is_empty() {
        return Check::scored(
            id,
            3,
            "No meta description was set; write one that mentions the keyphrase.",
        );
    }
    let n = ctx.kp.count_in_text(meta);
    let highlights = || {
        ctx.kp
            .matching_words(meta)
            .into_iter()
            .take(MAX_HIGHLIGHTS)
            .map(|(s, e)| ctx.hl_field(Field::MetaDescription, s, e))
            .collect()
    };
    match n {
        0 => Check::scored(id, 3, "The meta description does not mention the keyphrase. Fix that!"),
        1 | 2 => Check::scored(id, 9, "The meta description mentions the keyphrase. Well done!")
            .with_highlights(highlights()),
        _ => Check::scored(id, 3, format!("The meta description mentions the keyphrase {n} times: that reads as stuffing. Once or twice is enough."))
            .with_highlights(highlights()),
    }
}

fn keyphrase_in_subheadings(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseInSubheadings;
    if let Some(c) = keyphrase_precondition(ctx, id) {
        return c;
    }
    let subs: Vec<_> = ctx
        .doc
        .headings()
        .filter(|(level, _)| matches!(level, 2 | 3))
        .map(|(_, b)| b)
        .collect();
    if subs.is_empty() {
        return Check::na(id, "There are no H2 or H3 subheadings.");
    }
    let matched: Vec<_> = subs
        .iter()
        .filter(|b| ctx.kp.count_in(b.words.iter().map(|&r| b.lower_slice(r))) > 0)
        .collect();
    let share = matched.len() as f64 * 100.0 / subs.len() as f64;
    let (n, total) = (matched.len(), subs.len());
    // With fewer than four subheadings any share is fine as long as one reflects the topic.
    let score = if n > 0 && total < 4 {
        9
    } else {
        ctx.t.keyphrase_subheadings.score(share)
    };
    let message = match score {
        9 => format!("{n} of {total} subheadings reflect the keyphrase. Good!"),
        _ if n == 0 => "No subheading mentions the keyphrase or a synonym. Use it in at least one H2 or H3.".to_owned(),
        _ if share > ctx.t.keyphrase_subheadings.good_max => format!("{n} of {total} subheadings use the keyphrase: too many. Vary them."),
        _ => format!("{n} of {total} subheadings reflect the keyphrase; aim for about a third to three quarters."),
    };
    let hl = matched
        .iter()
        .map(|b| ctx.hl(b, (0, b.text.len() as u32)))
        .collect();
    Check::scored(id, score, message).with_highlights(hl)
}

fn keyphrase_in_image_alt(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseInImageAlt;
    if ctx.kp.is_empty() {
        return Check::na(id, "No focus keyphrase was set.");
    }
    let images = &ctx.doc.images;
    if images.is_empty() {
        return Check::na(id, "The description has no images.");
    }
    let matched: Vec<_> = images
        .iter()
        .filter(|i| {
            i.alt
                .as_deref()
                .is_some_and(|a| ctx.kp.count_in_text(a) > 0)
        })
        .collect();
    let hl: Vec<Highlight> = matched.iter().map(|i| ctx.hl_source(i.source)).collect();
    let (n, total) = (matched.len(), images.len());
    if total < 5 {
        return if n > 0 {
            Check::scored(id, 9, "An image's alt text mentions the keyphrase. Good!")
                .with_highlights(hl)
        } else {
            Check::scored(id, 3, "No image alt text mentions the keyphrase. Describe the product in the alt text, with the keyphrase.")
        };
    }
    let share = n as f64 * 100.0 / total as f64;
    let score = ctx.t.keyphrase_alt.score(share);
    let message = match score {
        9 => format!("{n} of {total} image alt texts mention the keyphrase. Good!"),
        _ if n == 0 => "No image alt text mentions the keyphrase.".to_owned(),
        _ => format!("{n} of {total} image alt texts mention the keyphrase; aim for 30–70%."),
    };
    Check::scored(id, score, message).with_highlights(hl)
}

fn keyphrase_in_title(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseInTitle;
    if ctx.kp.is_empty() {
        return Check::na(id, "No focus keyphrase was set.");
    }
    let title = &ctx.input.title;
    if title.trim().is_empty() {
        return Check::scored(
            id,
            2,
            "No SEO title was set; write one that starts with the keyphrase.",
        );
    }
    let hl = || {
        ctx.kp
            .matching_words(title)
            .into_iter()
            .take(MAX_HIGHLIGHTS)
            .map(|(s, e)| ctx.hl_field(Field::Title, s, e))
            .collect()
    };
    match ctx.kp.exact_position(title) {
        Some(0) => Check::scored(id, 9, "The SEO title starts with the exact keyphrase. Good!").with_highlights(hl()),
        Some(_) => Check::scored(id, 6, "The SEO title contains the exact keyphrase, but not at the beginning. Move it to the front.")
            .with_highlights(hl()),
        None if ctx.kp.count_in_text(title) > 0 => Check::scored(
            id,
            5,
            "The SEO title has the keyphrase's words, but not as the exact phrase. Use the exact keyphrase, at the beginning.",
        )
        .with_highlights(hl()),
        None => Check::scored(id, 2, "The SEO title does not contain the keyphrase. Put it at the beginning."),
    }
}

fn keyphrase_in_slug(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::KeyphraseInSlug;
    if ctx.kp.is_empty() {
        return Check::na(id, "No focus keyphrase was set.");
    }
    let slug = ctx.input.slug.trim();
    if slug.is_empty() {
        return Check::na(id, "No slug was given.");
    }
    let slug_lower = fold_latin(slug);
    let slug_words: Vec<&str> = slug_lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let Some(form) = ctx.kp.forms.first() else {
        return Check::na(id, "No focus keyphrase was set.");
    };
    let found = form
        .iter()
        .filter(|k| {
            let k = fold_latin(k);
            slug_words
                .iter()
                .any(|w| super::keyphrase::word_matches(&k, w))
        })
        .count();
    let hl = vec![ctx.hl_field(Field::Slug, 0, ctx.input.slug.len())];
    if found == form.len() {
        Check::scored(id, 9, "The slug contains the keyphrase. Great!")
    } else if found * 2 >= form.len() && found > 0 {
        Check::scored(
            id,
            6,
            format!(
                "The slug contains {found} of the keyphrase's {} words.",
                form.len()
            ),
        )
        .with_highlights(hl)
    } else {
        Check::scored(
            id,
            3,
            "The slug does not contain the keyphrase. Change it, if the page is new.",
        )
        .with_highlights(hl)
    }
}

fn competing_links(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::CompetingLinks;
    if ctx.kp.is_empty() {
        return Check::na(id, "No focus keyphrase was set.");
    }
    if ctx.doc.links.is_empty() {
        return Check::na(id, "The description has no links.");
    }
    let competing: Vec<Highlight> = ctx
        .doc
        .links
        .iter()
        .filter(|l| ctx.kp.count_in_text(&l.text) > 0)
        .map(|l| ctx.hl_source(l.source))
        .collect();
    if competing.is_empty() {
        Check::scored(
            id,
            9,
            "No link uses the keyphrase as its anchor text. Good!",
        )
    } else {
        Check::scored(
            id,
            2,
            format!("{} link(s) use the keyphrase as anchor text: they compete with this page. Reword the anchors.", competing.len()),
        )
        .with_highlights(competing)
    }
}

/// The host of an absolute http(s) URL, lowercased, without `www.` and port.
fn host_of(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// Whether a link goes to another site: absolute with a host other than the shop's.
fn is_external(href: &str, site_host: Option<&str>) -> Option<bool> {
    let h = href.trim();
    if h.is_empty() || h.starts_with('#') {
        return None;
    }
    let lower = h.to_ascii_lowercase();
    if lower.starts_with("mailto:") || lower.starts_with("tel:") || lower.starts_with("javascript:")
    {
        return None;
    }
    match host_of(h) {
        Some(host) => Some(site_host != Some(host.as_str())),
        None => Some(false),
    }
}

fn outbound_links(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::OutboundLinks;
    let site = ctx.input.site_url.as_deref().and_then(host_of);
    let outbound: Vec<_> = ctx
        .doc
        .links
        .iter()
        .filter(|l| is_external(&l.href, site.as_deref()) == Some(true))
        .collect();
    if outbound.is_empty() {
        return Check::scored(
            id,
            3,
            "No outbound links. Link to a useful source on another site.",
        );
    }
    let hl = outbound.iter().map(|l| ctx.hl_source(l.source)).collect();
    if outbound.iter().all(|l| l.nofollow) {
        Check::scored(
            id,
            7,
            "All outbound links are nofollow. Add a normal link where you vouch for the source.",
        )
        .with_highlights(hl)
    } else {
        Check::scored(id, 9, format!("{} outbound link(s). Good!", outbound.len()))
            .with_highlights(hl)
    }
}

fn internal_links(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::InternalLinks;
    let site = ctx.input.site_url.as_deref().and_then(host_of);
    let internal: Vec<_> = ctx
        .doc
        .links
        .iter()
        .filter(|l| is_external(&l.href, site.as_deref()) == Some(false))
        .collect();
    if internal.is_empty() {
        return Check::scored(
            id,
            3,
            "No internal links. Link to related products or categories of your shop.",
        );
    }
    let hl = internal.iter().map(|l| ctx.hl_source(l.source)).collect();
    Check::scored(id, 9, format!("{} internal link(s). Good!", internal.len())).with_highlights(hl)
}

fn text_length(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::TextLength;
    if let Some(why) = ctx.words_unsupported() {
        return Check::na(id, why);
    }
    let n = ctx.word_count as u32;
    let t = ctx.t;
    let (score, message) = if n >= t.text_length_good {
        (9, format!("The text has {n} words. Good job!"))
    } else if n >= t.text_length_ok {
        (
            6,
            format!(
                "The text has {n} words; {} or more describe a product better.",
                t.text_length_good
            ),
        )
    } else if n >= t.text_length_min {
        (
            3,
            format!(
                "The text has {n} words, below the recommended minimum of {}. Add more detail.",
                t.text_length_good
            ),
        )
    } else {
        (
            1,
            format!(
                "The text has only {n} words, far below the minimum of {}.",
                t.text_length_good
            ),
        )
    };
    Check::scored(id, score, message)
}

fn title_width(ctx: &Ctx<'_>, stats: &mut Stats) -> Check {
    let id = CheckId::TitleWidth;
    let title = &ctx.input.title;
    let px = width_px(title);
    stats.title_width_px = (px * 10.0).round() / 10.0;
    let t = ctx.t;
    if title.trim().is_empty() {
        return Check::scored(id, 1, "No SEO title was set.");
    }
    if px > t.title_width_max_px {
        let cut = overflow_at(title, t.title_width_max_px).unwrap_or(title.len());
        return Check::scored(
            id,
            3,
            format!("The SEO title is {px:.0} px wide, more than {:.0} px: search results will cut it off. Shorten it.", t.title_width_max_px),
        )
        .with_highlights(vec![ctx.hl_field(Field::Title, cut, title.len())]);
    }
    if px < t.title_width_min_px {
        return Check::scored(
            id,
            6,
            format!(
                "The SEO title is {px:.0} px wide: there is room for more (up to {:.0} px).",
                t.title_width_max_px
            ),
        );
    }
    Check::scored(
        id,
        9,
        format!("The SEO title is {px:.0} px wide. Good length!"),
    )
}

fn meta_description_length(ctx: &Ctx<'_>, stats: &mut Stats) -> Check {
    let id = CheckId::MetaDescriptionLength;
    let meta = ctx.input.meta_description.trim();
    let n = meta.chars().count();
    stats.meta_description_chars = n as u32;
    if n == 0 {
        return Check::scored(
            id,
            1,
            "No meta description was set; search engines will pick a snippet themselves.",
        );
    }
    let band = ctx.t.meta_description;
    let score = band.score(n as f64);
    let nf = n as f64;
    if nf > band.good_max {
        let start =
            ctx.input.meta_description.len() - ctx.input.meta_description.trim_start().len();
        let cut = meta
            .char_indices()
            .nth(band.good_max as usize)
            .map_or(meta.len(), |(i, _)| i);
        Check::scored(
            id,
            score,
            format!(
                "The meta description has {n} characters, more than {:.0}: it will be cut off.",
                band.good_max
            ),
        )
        .with_highlights(vec![ctx.hl_field(
            Field::MetaDescription,
            start + cut,
            start + meta.len(),
        )])
    } else if nf < band.good_min {
        Check::scored(id, score, format!("The meta description has {n} characters; use {:.0}–{:.0} to make the most of the snippet.", band.good_min, band.good_max))
    } else {
        Check::scored(
            id,
            9,
            format!("The meta description has {n} characters. Well done!"),
        )
    }
}

fn single_h1(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::SingleH1;
    let h1: Vec<Highlight> = ctx
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(1))
        .map(|b| ctx.hl_source(b.source))
        .collect();
    let max = ctx.t.max_h1 as usize;
    if h1.len() <= max {
        return Check::scored(
            id,
            9,
            "The description does not add competing H1 headings. Good!",
        );
    }
    let message = if max == 0 {
        "The description has an H1 heading, but the product page already shows the product name as its H1. Use H2 instead.".to_owned()
    } else {
        format!("The text has {} H1 headings; use only one.", h1.len())
    };
    Check::scored(id, 3, message).with_highlights(h1)
}

fn image_count(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::ImageCount;
    let (n, from) = match ctx.input.product.image_count {
        Some(n) => (n, "The product has"),
        None => (ctx.doc.images.len() as u32, "The description has"),
    };
    let t = ctx.t;
    if n >= t.images_good {
        Check::scored(id, 9, format!("{from} {n} image(s). Good!"))
    } else if n >= t.images_ok {
        Check::scored(
            id,
            6,
            format!(
                "{from} {n} image(s); {} or more help shoppers decide.",
                t.images_good
            ),
        )
    } else {
        Check::scored(
            id,
            3,
            format!("{from} no images. Add at least {}.", t.images_good),
        )
    }
}

fn image_alt(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::ImageAlt;
    if ctx.doc.images.is_empty() {
        return Check::na(id, "The description has no images.");
    }
    let missing: Vec<Highlight> = ctx
        .doc
        .images
        .iter()
        .filter(|i| i.alt.as_deref().is_none_or(|a| a.trim().is_empty()))
        .map(|i| ctx.hl_source(i.source))
        .collect();
    if missing.is_empty() {
        Check::scored(id, 9, "All images have alt text. Good!")
    } else {
        Check::scored(
            id,
            3,
            format!("{} of {} images have no alt text. Describe each image for screen readers and image search.", missing.len(), ctx.doc.images.len()),
        )
        .with_highlights(missing)
    }
}

fn product_identifiers(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::ProductIdentifiers;
    let p = &ctx.input.product;
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    match (has(&p.sku), has(&p.gtin)) {
        (true, true) => Check::scored(id, 9, "The product has a SKU and a GTIN. Good!"),
        (true, false) => Check::scored(id, 6, "The product has a SKU but no GTIN (EAN/UPC/ISBN). Add it for rich results and marketplaces."),
        (false, true) => Check::scored(id, 6, "The product has a GTIN but no SKU."),
        (false, false) => Check::scored(id, 3, "The product has neither a SKU nor a GTIN. Add them for rich results."),
    }
}

fn lists(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::Lists;
    if ctx.doc.lists.is_empty() {
        Check::scored(
            id,
            3,
            "The description has no list. A bulleted list of features is easy to scan.",
        )
    } else {
        Check::scored(id, 9, "The description has a list. Good!")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_externality() {
        assert_eq!(
            host_of("https://www.Shop.example:8080/a?b").as_deref(),
            Some("shop.example")
        );
        assert_eq!(is_external("/care", Some("shop.example")), Some(false));
        assert_eq!(
            is_external("https://shop.example/x", Some("shop.example")),
            Some(false)
        );
        assert_eq!(
            is_external("https://other.example/x", Some("shop.example")),
            Some(true)
        );
        assert_eq!(is_external("#top", None), None);
        assert_eq!(is_external("mailto:a@b.c", None), None);
    }

    #[test]
    fn accents_fold_for_slugs() {
        assert_eq!(fold_latin("Café Crème"), "cafe creme");
    }
}
