//! The prompt module's exports (`proseo/prompt`, feature `prompt`): prompt building (minijinja),
//! reading a model's answer (`parseCompletion`), making content publishable
//! (`sanitizeContent`), the offline writer and scoring generated content (`scoreGenerated`): a
//! separate `.wasm` loaded only by those who write.

use proseo_core::content::GeneratedContent;
use proseo_core::product::Product;
use proseo_core::prompt::PromptOptions;
use wasm_bindgen::prelude::*;

use crate::{arg, core_error, opt_arg, to_js};

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
    to_js(&proseo_core::analysis::score_generated(
        &product, &content, &options,
    ))
}
