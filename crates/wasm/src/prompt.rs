//! The prompt module's exports (`proseo/prompt`, feature `prompt`): prompt building (minijinja),
//! reading a model's answer (`parseCompletion`), making content publishable
//! (`sanitizeContent`), the offline writer and scoring generated content (`scoreGenerated`),
//! feeds and JSON-LD (`exportFeed`, `jsonLd`) and near-duplicate detection
//! (`contentSignature`, `nearDuplicates`, `checkDuplicate`): a separate `.wasm` loaded only by
//! those who write, which keeps the scoring `.wasm` within its size budget.

use proseo_core::content::GeneratedContent;
use proseo_core::duplicate::{self, CatalogEntry, Signature};
use proseo_core::export::{ExportItem, ExportOptions, Format, JsonLdOptions};
use proseo_core::product::Product;
use proseo_core::prompt::PromptOptions;
use wasm_bindgen::prelude::*;

use crate::{arg, core_error, json_to_js, opt_arg, to_js};

/// Renders a Jinja template with variables (core `prompt::render_template`) → string. Strict:
/// an undefined variable throws `template_unknown_variable` with `line` and `column`.
#[wasm_bindgen(js_name = renderPrompt)]
pub fn render_prompt(template: JsValue, vars: JsValue) -> Result<JsValue, JsValue> {
    let template: String = arg(template, "template")?;
    let vars: serde_json::Value = if vars.is_undefined() || vars.is_null() {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        arg(vars, "vars")?
    };
    proseo_core::prompt::render_template(&template, &vars)
        .map(|s| JsValue::from_str(&s))
        .map_err(|e| core_error(&e))
}

/// Builds an LLM prompt for a product (core `prompt::render`) → `BuiltPrompt`.
#[wasm_bindgen(js_name = buildPrompt)]
pub fn build_prompt(product: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let product: Product = arg(product, "product")?;
    let options: PromptOptions = opt_arg(options, "options")?;
    let built = proseo_core::prompt::render(&options, &product).map_err(|e| core_error(&e))?;
    to_js(&built)
}

/// their sources).
#[wasm_bindgen(js_name = templates)]
pub fn templates() -> Result<JsValue, JsValue> {
    to_js(proseo_core::prompt::builtin_templates())
}

/// Parses (and repairs) a model's answer (core `prompt::parse_completion`) → `Completion`.
#[wasm_bindgen(js_name = parseCompletion)]
pub fn parse_completion(text: JsValue) -> Result<JsValue, JsValue> {
    let text: String = arg(text, "text")?;
    let completion = proseo_core::prompt::parse_completion(&text).map_err(|e| core_error(&e))?;
    to_js(&completion)
}

/// Makes generated content publishable (core `validate::sanitize_content`) →
/// `{ content, unsafe_removed, changed }`: HTML fields to the allowlist, plain-text fields to
/// plain text. Validate the raw content, store this. It lives in this module, with the writer,
/// to keep the scoring `.wasm` within its size budget.
#[wasm_bindgen(js_name = sanitizeContent)]
pub fn sanitize_content(content: JsValue) -> Result<JsValue, JsValue> {
    let content: GeneratedContent = arg(content, "content")?;
    to_js(&proseo_core::validate::sanitize_content(&content))
}

/// The deterministic offline writer (core `writer::write`) → `GeneratedContent`.
#[wasm_bindgen(js_name = write)]
pub fn write(product: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let product: Product = arg(product, "product")?;
    let options: PromptOptions = opt_arg(options, "options")?;
    let content = proseo_core::writer::write(&product, &options).map_err(|e| core_error(&e))?;
    to_js(&content)
}

/// Scores content generated for a product (core `analysis::score_generated`: the keyphrase,
/// synonyms, locale and product facts every consumer uses) → `Analysis`.
#[wasm_bindgen(js_name = scoreGenerated)]
pub fn score_generated(
    product: JsValue,
    content: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let product: Product = arg(product, "product")?;
    let content: GeneratedContent = arg(content, "content")?;
    let options: PromptOptions = opt_arg(options, "options")?;
    json_to_js(proseo_core::analysis::score_generated(&product, &content, &options).to_json())
}

/// Writes a feed (core `export::export`) → `Feed` (`{format, media_type, file_extension,
/// body, rows, skipped, report}`). `format`: `woocommerce`, `amazon`, `ebay`, `kaufland`,
/// `allegro` or `jsonld`. Rows that break the channel's rules are left out and reported; with
/// `options.on_invalid: "refuse"` the call throws `export_rows_invalid` (its `details.report`
/// says why) instead.
#[wasm_bindgen(js_name = exportFeed)]
pub fn export_feed(format: JsValue, items: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let id: String = arg(format, "format")?;
    let format = Format::parse(&id).ok_or_else(|| {
        core_error(&proseo_core::export::ExportError::FormatUnknown { format: id.clone() })
    })?;
    let items: Vec<ExportItem> = arg(items, "items")?;
    let options: ExportOptions = opt_arg(options, "options")?;
    let feed = proseo_core::export::export(format, &items, &options).map_err(|e| core_error(&e))?;
    to_js(&feed)
}

/// The schema.org `Product` JSON-LD of a product page, with Google's product rich-result
/// checks (core `export::json_ld`) → `JsonLd` (`{json_ld, checks, eligible}`). `content`: the
/// generated content the page shows (its description is used).
#[wasm_bindgen(js_name = jsonLd)]
pub fn json_ld(product: JsValue, content: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let product: Product = arg(product, "product")?;
    let content: Option<GeneratedContent> = if content.is_undefined() || content.is_null() {
        None
    } else {
        Some(arg(content, "content")?)
    };
    let options: JsonLdOptions = opt_arg(options, "options")?;
    to_js(&proseo_core::export::json_ld(
        &product,
        content.as_ref(),
        &options,
    ))
}

/// The near-duplicate signature of a description (core `duplicate::Signature::of_html`), in
/// its compact text form (`mh1.` + 342 characters; 346 ASCII characters to store per product).
#[wasm_bindgen(js_name = contentSignature)]
pub fn content_signature(html: JsValue) -> Result<JsValue, JsValue> {
    let html: String = arg(html, "html")?;
    Ok(JsValue::from_str(&Signature::of_html(&html).encode()))
}

/// Near-duplicate pairs of a catalog (core `duplicate::near_duplicates_with`) →
/// `CatalogDuplicates`. `catalog`: `[{id, signature}]` (signatures from `contentSignature`);
/// `threshold`: 0–1, default 0.5.
#[wasm_bindgen(js_name = nearDuplicates)]
pub fn near_duplicates(catalog: JsValue, threshold: JsValue) -> Result<JsValue, JsValue> {
    let catalog: Vec<CatalogEntry> = arg(catalog, "catalog")?;
    let threshold = threshold_arg(threshold)?;
    to_js(&duplicate::near_duplicates_with(&catalog, threshold))
}

/// One product's near-duplicate check against its catalog (core `duplicate::check_with`) →
/// `DuplicateCheck`.
#[wasm_bindgen(js_name = checkDuplicate)]
pub fn check_duplicate(
    id: JsValue,
    signature: JsValue,
    catalog: JsValue,
    threshold: JsValue,
) -> Result<JsValue, JsValue> {
    let id: String = arg(id, "id")?;
    let signature: Signature = arg(signature, "signature")?;
    let catalog: Vec<CatalogEntry> = arg(catalog, "catalog")?;
    let threshold = threshold_arg(threshold)?;
    to_js(&duplicate::check_with(&id, &signature, &catalog, threshold))
}

/// A threshold argument: `undefined`/`null` is the default, else a number from 0 to 1.
fn threshold_arg(threshold: JsValue) -> Result<f64, JsValue> {
    if threshold.is_undefined() || threshold.is_null() {
        return Ok(duplicate::NEAR_DUPLICATE_THRESHOLD);
    }
    let t: f64 = arg(threshold, "threshold")?;
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(crate::invalid_input(
            "threshold",
            String::new(),
            format!("expected a number from 0 to 1, got {t}"),
        ))
    }
}
