//! proseo-wasm: the WebAssembly face of proseo-core, built into the npm package `proseo`
//! (`pkg/`, see `pkg/README.md`).
//!
//! The package ships two `.wasm` modules, built from this crate with different features so
//! each carries only the code its exports reach:
//!
//! - `scoring` → `proseo_bg.wasm` (the `proseo` entry): `analyze` (and `analyzeContent`,
//!   `analysisNames`, which pkg/src/analyze.js calls for it), `validateProduct`,
//!   `validateContent`, `sanitizeHtml`, `channels`, `version`. This is the one the WordPress
//!   plugin loads for live scoring, so it is kept small (≤ 200 KB gzipped).
//! - `prompt` → `proseo_prompt_bg.wasm` (the `proseo/prompt` entry): `renderPrompt`,
//!   `buildPrompt`, `templates`, `parseCompletion`, `sanitizeContent`, `write`,
//!   `scoreGenerated`, `exportFeed`, `jsonLd`, `contentSignature`, `nearDuplicates`,
//!   `checkDuplicate`, `version`. The template engine (minijinja), the model-answer parser,
//!   the offline writer, the feed writers and the near-duplicate search live only here.
//!
//! Both are on by default (native tests and `gen-pkg-data` see everything);
//! `pkg/scripts/build.mjs` builds each `.wasm` with `--no-default-features --features <one>`,
//! in two cargo invocations so that features do not unify.
//!
//! This crate only translates: a JS argument is read as JSON (`JSON.stringify`, then
//! serde_json, then [`de`] into the core type, with the JSON pointer of what failed), the core
//! runs, and its answer comes back as its JSON text parsed into a plain JS value (an analysis:
//! in the compact form below). There is no logic here that the CLI or the edge API would have
//! to repeat.
//!
//! - Results are plain objects and arrays: the core's JSON text (serde_json) parsed by
//!   `JSON.parse`, so `JSON.stringify(result)` is the core's JSON, byte for byte (the package's
//!   parity test checks this against the native core). The one exception is `analyze` (and
//!   `analyzeContent`), called on every keystroke: it answers in a compact form ([`tape`]) from which
//!   pkg/src/analyze.js builds that same value, because `JSON.parse` of the analysis' JSON
//!   was the largest single cost of an analysis in JavaScript.
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
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The code of an argument that does not deserialize into the core type.
pub const INVALID_INPUT: &str = "invalid_input";
/// The code of a result the serializer could not turn into a JS value (a bug, never expected).
pub const INTERNAL_ERROR: &str = "internal_error";

/// A result as a plain JS value: the core's JSON (serde_json) parsed by the engine's
/// `JSON.parse`, so `JSON.stringify(result)` is the core's JSON byte for byte. (Building the
/// objects property by property from Rust, as serde-wasm-bindgen does, crosses the JS boundary
/// for every field and took most of an analysis' time in Node.)
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    json_to_js(serde_json::to_string(value))
}

/// A result's JSON text (written by [`to_js`], or by the core, as `Analysis::to_json` is) as a
/// plain JS value.
fn json_to_js(text: Result<String, serde_json::Error>) -> Result<JsValue, JsValue> {
    let text = text.map_err(|e| internal_error(&e))?;
    js_sys::JSON::parse(&text).map_err(|_| internal_error(&"JSON.parse failed"))
}

/// The error for a result that cannot be written (never expected).
pub(crate) fn internal_error(e: &dyn Display) -> JsValue {
    js_error(
        INTERNAL_ERROR,
        &format!("cannot serialize result: {e}"),
        None,
    )
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
fn core_error<E: ErrorCode + std::fmt::Display + Serialize>(e: &E) -> JsValue {
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

pub(crate) fn invalid_input(argument: &str, path: String, message: String) -> JsValue {
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

/// Deserializes a required argument. The JS value is read as JSON, exactly what the CLI and
/// the edge API receive: `JSON.stringify` (so a property whose value is `undefined` is absent,
/// `toJSON()` applies, a `Map` is not an object) and serde_json; [`de::from_value`] turns
/// that into the core type, reporting a JSON pointer to what failed. (Reading the JS value with
/// serde-wasm-bindgen and tracking paths with `serde_path_to_error` cost ≈ 13 KiB more of the
/// gzipped `.wasm`.)
fn arg<T: DeserializeOwned>(value: JsValue, argument: &str) -> Result<T, JsValue> {
    if value.is_undefined() {
        return Err(invalid_input(
            argument,
            String::new(),
            "missing argument".to_owned(),
        ));
    }
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| invalid_input(argument, String::new(), "not a JSON value".to_owned()))?;
    // serde_json's "… at line L column C" is a place in that internal text, which the caller
    // never sees (and which differs when `analyzeContent` leaves the description out of it).
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        let mut message = e.to_string();
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        invalid_input(argument, String::new(), message)
    })?;
    de::from_value(json).map_err(|(path, message)| invalid_input(argument, path, message))
}

/// Deserializes an optional argument: `undefined` and `null` give the default.
fn opt_arg<T: DeserializeOwned + Default>(value: JsValue, argument: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    arg(value, argument)
}

/// The .wasm's allocator: rlsf's TLSF (two-level segregated fit), in its size-optimized form.
/// Rust's default on wasm32-unknown-unknown, dlmalloc, is ≈ 7 KiB of code; this is ≈ 1 KiB,
/// 3 KB less of the gzipped scoring module, at the same analysis speed (measured).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

mod de;
#[cfg(feature = "prompt")]
mod prompt;
#[cfg(feature = "scoring")]
mod scoring;
#[cfg(feature = "scoring")]
mod tape;

/// The core's version (`proseo_core::VERSION`); both modules export it.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    proseo_core::VERSION.to_owned()
}
