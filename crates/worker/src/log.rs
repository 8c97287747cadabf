//! One JSON line per request and per queue message (Workers Logs / `wrangler tail` index them).
//! Fields are chosen by the caller; secrets never reach here (no headers, no bodies).

use serde_json::{json, Map, Value};

/// Fields collected while a request or message is handled.
#[derive(Debug, Default, Clone)]
pub struct Fields(pub Map<String, Value>);

impl Fields {
    /// Sets a field.
    pub fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.0.insert(key.to_owned(), value.into());
    }
}

/// Writes the line (stdout of the Worker = its log).
pub fn emit(kind: &str, fields: Fields) {
    let mut m = fields.0;
    m.insert("kind".into(), json!(kind));
    line(&Value::Object(m).to_string());
}

/// An error line with a component and a cause.
pub fn error(component: &str, cause: &str) {
    line(&json!({ "kind": "error", "component": component, "cause": cause }).to_string());
}

#[cfg(target_arch = "wasm32")]
fn line(s: &str) {
    worker::console_log!("{s}");
}

#[cfg(not(target_arch = "wasm32"))]
fn line(s: &str) {
    // Native builds (unit tests) log to stderr.
    eprintln!("{s}");
}
