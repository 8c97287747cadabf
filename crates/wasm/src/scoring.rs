//! The scoring module's exports (`proseo`, feature `scoring`): what an editor needs while the
//! merchant types. No template engine, no offline writer, no completion parsing (all in the
//! prompt module), so this `.wasm` stays within its size budget.

use proseo_core::analysis::AnalyzeInput;
use proseo_core::product::Product;
use proseo_core::validate::{Channel, GeneratedContent, CHANNEL_PROFILES};
use wasm_bindgen::prelude::*;

use crate::{arg, core_error, internal_error, invalid_input, opt_arg, to_js};

/// Analyzes a description (core `analysis::analyze`): `AnalyzeInput` (every field optional) →
/// the `Analysis` in compact form, `[numbers, text]` (`Float64Array`, string; `tape.rs`), from
/// which pkg/src/analyze.js builds the same value as `JSON.parse` of its JSON, faster. Never
/// throws for any text; throws `invalid_input` for a value of the wrong shape.
#[wasm_bindgen(js_name = analyze)]
pub fn analyze(input: JsValue) -> Result<JsValue, JsValue> {
    let input: AnalyzeInput = arg(input, "input")?;
    tape_to_js(&proseo_core::analysis::analyze(&input))
}

/// [`analyze`] with the description passed as its own string: `input` is the rest of the
/// `AnalyzeInput` (its `content` is replaced). The package's entries call this when
/// `input.content` is a well-formed string of `input`'s own (pkg/src/analyze.js), which
/// spares `JSON.stringify` escaping the description and serde_json reading it back: most of
/// a long page's input.
#[wasm_bindgen(js_name = analyzeContent)]
pub fn analyze_content(input: JsValue, content: String) -> Result<JsValue, JsValue> {
    let mut input: AnalyzeInput = arg(input, "input")?;
    input.content = content;
    tape_to_js(&proseo_core::analysis::analyze(&input))
}

/// The names that [`analyze`]'s numbers refer to by index: `{ language, profile, rating,
/// check, origin, field }`, each a list of strings. analyze.js asks once per module.
#[wasm_bindgen(js_name = analysisNames)]
pub fn analysis_names() -> Result<JsValue, JsValue> {
    to_js(&crate::tape::names())
}

fn tape_to_js(a: &proseo_core::analysis::Analysis) -> Result<JsValue, JsValue> {
    let tape = crate::tape::write(a).map_err(|e| internal_error(&e))?;
    let out = js_sys::Array::new_with_length(2);
    out.set(
        0,
        js_sys::Float64Array::from(tape.numbers.as_slice()).into(),
    );
    out.set(1, JsValue::from_str(&tape.text));
    Ok(out.into())
}

/// Validates product data (core `validate::validate_product`) → `Report`.
#[wasm_bindgen(js_name = validateProduct)]
pub fn validate_product(product: JsValue) -> Result<JsValue, JsValue> {
    let product: Product = arg(product, "product")?;
    to_js(&proseo_core::validate::validate_product(&product))
}

/// Validates generated content for a channel (core `validate::validate_content`) → `Report`.
/// `channel` is a channel id (`"amazon"`, case-insensitive); absent means `woocommerce`.
#[wasm_bindgen(js_name = validateContent)]
pub fn validate_content(content: JsValue, channel: JsValue) -> Result<JsValue, JsValue> {
    let content: GeneratedContent = arg(content, "content")?;
    let channel = parse_channel(channel)?;
    to_js(&proseo_core::validate::validate_content(&content, channel))
}

fn parse_channel(value: JsValue) -> Result<Channel, JsValue> {
    let name: Option<String> = opt_arg(value, "channel")?;
    match name {
        None => Ok(Channel::default()),
        Some(name) => Channel::parse(&name).ok_or_else(|| {
            let known: Vec<&str> = CHANNEL_PROFILES.iter().map(|p| p.id).collect();
            invalid_input(
                "channel",
                String::new(),
                format!("unknown channel `{name}` (known: {})", known.join(", ")),
            )
        }),
    }
}

/// Sanitizes description HTML to the allowlist (core `validate::sanitize_html`) →
/// `{ html, removed }`; removal offsets are UTF-8 bytes.
#[wasm_bindgen(js_name = sanitizeHtml)]
pub fn sanitize_html(html: JsValue) -> Result<JsValue, JsValue> {
    let html: String = arg(html, "html")?;
    to_js(&proseo_core::validate::sanitize_html(&html))
}

/// Registers a language's data file (`lang/<code>.js` of the package, core
/// `lang::register_data`): the entries do it at import (Node, workerd) or in `init()`
/// (browsers). Throws `language_data_unknown` or `language_data_invalid`.
#[wasm_bindgen(js_name = registerLanguageData)]
pub fn register_language_data(language: JsValue, text: JsValue) -> Result<(), JsValue> {
    let language: String = arg(language, "language")?;
    let text: String = arg(text, "text")?;
    let lang = proseo_core::lang::Language::from_locale(&language);
    proseo_core::lang::register_data(lang, &text).map_err(|e| core_error(&e))
}

/// The code of the language a locale selects (core `lang::Language::from_locale`): `de` for
/// `de_DE`, `other` when proseo has no data for it. The entries use it to pick the
/// `lang/<code>.js` file to register before analyzing.
#[wasm_bindgen(js_name = languageOf)]
pub fn language_of(locale: JsValue) -> Result<String, JsValue> {
    let locale: Option<String> = opt_arg(locale, "locale")?;
    Ok(
        proseo_core::lang::Language::from_locale(locale.as_deref().unwrap_or(""))
            .code()
            .to_owned(),
    )
}

/// True when the language's data file is registered (or needs none).
#[wasm_bindgen(js_name = languageLoaded)]
pub fn language_loaded(code: JsValue) -> Result<bool, JsValue> {
    let code: String = arg(code, "code")?;
    Ok(proseo_core::lang::data_loaded(
        proseo_core::lang::Language::from_locale(&code),
    ))
}

/// The channel profile table (core `validate::CHANNEL_PROFILES`) → `ChannelProfile[]`.
#[wasm_bindgen(js_name = channels)]
pub fn channels() -> Result<JsValue, JsValue> {
    to_js(&CHANNEL_PROFILES)
}
