//! proseo-wasm: the WebAssembly face of proseo-core, built into the npm package `proseo`
//! (`pkg/`, see `pkg/README.md`).
//!
//! This crate only translates: a JS value is deserialized (serde-wasm-bindgen) into a core type,
//! the core runs, and its answer is serialized back into a plain JS value. There is no logic
//! here that the CLI or the edge API would have to repeat.
//!
//! - Results are plain objects and arrays (maps become objects, `None` becomes `null` unless the
//!   core skips the field), so `JSON.stringify(result)` is the core's JSON, byte for byte (the
//!   package's parity test checks this against the native core).
//! - Errors are thrown as JS `Error` objects with a stable `code` property: the core's
//!   [`ErrorCode`] (`template_unknown_variable`, `completion_no_json`, `writer_missing_name`…),
//!   or `invalid_input` when an argument does not deserialize into the core type. `details`
//!   holds the core error's JSON form (or, for `invalid_input`, `{ argument, path, message }`);
//!   `line`, `column` and `path` are copied to the error itself when the core error has them.
//! - Highlights carry UTF-16 offsets (`start_utf16`, `end_utf16`) computed by the core: JS must
//!   slice strings with those, never with the UTF-8 `start`/`end`.
//!
//! Every export takes `JsValue`s (not `&str`) so that a wrong type becomes an `invalid_input`
//! error instead of wasm-bindgen's generic failure.

use std::fmt::Display;

use js_sys::{Error as JsError, Reflect};
use proseo_core::error::ErrorCode;
use proseo_core::product::Product;
use proseo_core::prompt::PromptOptions;
use proseo_core::seo::AnalyzeInput;
use proseo_core::validate::{Channel, GeneratedContent, CHANNEL_PROFILES};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The code of an argument that does not deserialize into the core type.
pub const INVALID_INPUT: &str = "invalid_input";
/// The code of a result the serializer could not turn into a JS value (a bug, never expected).
pub const INTERNAL_ERROR: &str = "internal_error";

/// The one serializer of results: maps as plain objects, missing values as `null` (as
/// serde_json writes them), numbers as JS numbers.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true)
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serializer()).map_err(|e| {
        js_error(
            INTERNAL_ERROR,
            &format!("cannot serialize result: {e}"),
            None,
        )
    })
}

/// A JS `Error` with `message`, a `code` property and optional `details`.
fn js_error(code: &str, message: &str, details: Option<&JsValue>) -> JsValue {
    let err = JsError::new(message);
    // Setting a property on a fresh Error object cannot fail; ignore the Result anyway.
    let _ = Reflect::set(&err, &"code".into(), &code.into());
    if let Some(details) = details {
        let _ = Reflect::set(&err, &"details".into(), details);
    }
    err.into()
}

/// A core error as a JS `Error`: `code` from [`ErrorCode`], `message` from `Display`, `details`
/// the core's JSON form, with its `line`, `column` and `path` lifted onto the error.
fn core_error<E: ErrorCode + Display + Serialize>(e: &E) -> JsValue {
    // Every core error's JSON form carries its stable `code` (tested in the core).
    let details = to_js(e).ok();
    let err = js_error(e.code(), &e.to_string(), details.as_ref());
    if let Some(details) = &details {
        for key in ["line", "column", "path"] {
            let key = JsValue::from_str(key);
            if let Ok(v) = Reflect::get(details, &key) {
                if !v.is_undefined() && !v.is_null() {
                    let _ = Reflect::set(&err, &key, &v);
                }
            }
        }
    }
    err
}

#[derive(Serialize)]
struct InvalidInput<'a> {
    argument: &'a str,
    path: String,
    message: String,
}

fn invalid_input(argument: &str, path: String, message: String) -> JsValue {
    let text = if path.is_empty() {
        format!("invalid input: `{argument}`: {message}")
    } else {
        format!("invalid input: `{argument}` at {path}: {message}")
    };
    let details = to_js(&InvalidInput {
        argument,
        path,
        message,
    })
    .ok();
    js_error(INVALID_INPUT, &text, details.as_ref())
}

/// A JSON pointer (`/variants/0/regular_price`) of where deserialization failed.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { variant } => {
                out.push('/');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str("/?"),
        }
    }
    out
}

/// Deserializes a required argument.
fn arg<T: DeserializeOwned>(value: JsValue, argument: &str) -> Result<T, JsValue> {
    if value.is_undefined() {
        return Err(invalid_input(
            argument,
            String::new(),
            "missing argument".to_owned(),
        ));
    }
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| invalid_input(argument, pointer(e.path()), serde_message(e.inner())))
}

/// serde's message without the `Error: ` that serde-wasm-bindgen's errors (JS `Error`s) add.
fn serde_message(e: &serde_wasm_bindgen::Error) -> String {
    let text = e.to_string();
    match text.strip_prefix("Error: ") {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Deserializes an optional argument: `undefined` and `null` give the default.
fn opt_arg<T: DeserializeOwned + Default>(value: JsValue, argument: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    arg(value, argument)
}

/// SEO + readability analysis (core `seo::analyze`). `input` is an `AnalyzeInput`; the result
/// an `Analysis`. Never throws for any text; throws `invalid_input` for a value of the wrong
/// shape.
#[wasm_bindgen(js_name = analyze)]
pub fn analyze(input: JsValue) -> Result<JsValue, JsValue> {
    let input: AnalyzeInput = arg(input, "input")?;
    to_js(&proseo_core::seo::analyze(&input))
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

/// Parses (and repairs) a model's answer (core `prompt::parse_completion`) → `Completion`.
#[wasm_bindgen(js_name = parseCompletion)]
pub fn parse_completion(text: JsValue) -> Result<JsValue, JsValue> {
    let text: String = arg(text, "text")?;
    let completion = proseo_core::prompt::parse_completion(&text).map_err(|e| core_error(&e))?;
    to_js(&completion)
}

/// The channel profile table (core `validate::CHANNEL_PROFILES`) → `ChannelProfile[]`.
#[wasm_bindgen(js_name = channels)]
pub fn channels() -> Result<JsValue, JsValue> {
    to_js(&CHANNEL_PROFILES)
}

/// The built-in templates (core `prompt::builtin_templates`) → `BuiltinTemplate[]` (without
/// their sources).
#[wasm_bindgen(js_name = templates)]
pub fn templates() -> Result<JsValue, JsValue> {
    to_js(proseo_core::prompt::builtin_templates())
}

/// The deterministic offline writer (core `writer::write`) → `GeneratedContent`.
#[wasm_bindgen(js_name = write)]
pub fn write(product: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let product: Product = arg(product, "product")?;
    let options: PromptOptions = opt_arg(options, "options")?;
    let content = proseo_core::writer::write(&product, &options).map_err(|e| core_error(&e))?;
    to_js(&content)
}

/// The core's version (`proseo_core::VERSION`).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    proseo_core::VERSION.to_owned()
}
