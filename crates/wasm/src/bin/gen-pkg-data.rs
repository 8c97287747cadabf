//! `gen-pkg-data`: the native half of the npm package build (run by `pkg/scripts/build.mjs`).
//!
//! Usage: `gen-pkg-data [OUT_DIR]` (default `pkg/build` of this workspace). Writes:
//! - `OUT_DIR/schema.json`: one JSON Schema bundle with a `$defs` entry for every wire type of
//!   proseo-core (derived with schemars through the core's `schema` feature), from which
//!   `json-schema-to-typescript` generates `pkg/dist/types.d.ts`. Types read from JS (inputs)
//!   use serde's deserialize contract (fields with defaults are optional); types returned to JS
//!   use the serialize contract (every field the core always writes is required). A type whose
//!   two forms differ is emitted twice: `Name` (as returned) and `NameInput` (as accepted).
//! - `OUT_DIR/parity.json`: the native core's answers for the core's shared fixtures
//!   (`crates/core/tests/fixtures/{analyze,validate,completions}`) plus `channels()` and
//!   `templates()`, each as the exact JSON text the npm package must produce with
//!   `JSON.stringify` (numbers formatted the way JavaScript formats them).
//!
//! Native only: the wasm build compiles the library alone (`cargo build --lib`).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match native::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-pkg-data: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeSet;
    use std::io;
    use std::path::{Path, PathBuf};

    use proseo_core::error::ErrorCode;
    use proseo_core::prompt::{CompletionError, PromptError};
    use proseo_core::writer::WriterError;
    use schemars::generate::SchemaSettings;
    use schemars::{JsonSchema, SchemaGenerator};
    use serde::Serialize;
    use serde_json::{json, Map, Value};

    type Res<T> = Result<T, String>;

    pub fn run() -> Res<()> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let out = std::env::args_os()
            .nth(1)
            .map_or_else(|| root.join("pkg/build"), PathBuf::from);
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        write_file(&out.join("schema.json"), &pretty(&schema_bundle()?)?)?;
        let fixtures = root.join("crates/core/tests/fixtures");
        write_file(&out.join("parity.json"), &pretty(&parity(&fixtures)?)?)?;
        Ok(())
    }

    fn write_file(path: &Path, text: &str) -> Res<()> {
        std::fs::write(path, format!("{text}\n")).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn pretty(v: &Value) -> Res<String> {
        serde_json::to_string_pretty(v).map_err(|e| e.to_string())
    }

    // ----- JSON Schema bundle -------------------------------------------------------------

    fn generator(serialize: bool) -> SchemaGenerator {
        let settings = SchemaSettings::draft2020_12();
        let settings = if serialize {
            settings.for_serialize()
        } else {
            settings.for_deserialize()
        };
        settings.into_generator()
    }

    fn add<T: JsonSchema>(g: &mut SchemaGenerator, roots: &mut Vec<String>) {
        let _ = g.subschema_for::<T>();
        roots.push(T::schema_name().into_owned());
    }

    fn schema_bundle() -> Res<Value> {
        use proseo_core::{analysis, content, product, prompt, report, span, validate};

        // What JS passes in.
        let mut de = generator(false);
        let mut inputs = Vec::new();
        add::<analysis::AnalyzeInput>(&mut de, &mut inputs);
        add::<product::Product>(&mut de, &mut inputs);
        add::<content::GeneratedContent>(&mut de, &mut inputs);
        add::<prompt::PromptOptions>(&mut de, &mut inputs);
        add::<validate::Channel>(&mut de, &mut inputs);

        // What JS gets back.
        let mut ser = generator(true);
        let mut outputs = Vec::new();
        add::<analysis::Analysis>(&mut ser, &mut outputs);
        add::<report::Report>(&mut ser, &mut outputs);
        add::<validate::Sanitized>(&mut ser, &mut outputs);
        add::<prompt::BuiltPrompt>(&mut ser, &mut outputs);
        add::<prompt::Completion>(&mut ser, &mut outputs);
        add::<validate::ChannelProfile>(&mut ser, &mut outputs);
        add::<prompt::BuiltinTemplate>(&mut ser, &mut outputs);
        add::<content::GeneratedContent>(&mut ser, &mut outputs);
        add::<span::Highlight>(&mut ser, &mut outputs);

        let de_defs = de.take_definitions(true);
        let ser_defs = ser.take_definitions(true);
        let mut defs = merge(de_defs, ser_defs);

        // Stable codes, generated from the core's own tables and error types.
        defs.insert(
            "ErrorCode".into(),
            string_enum(
                "The `code` of an Error thrown by the package: the core's error codes, \
                 `invalid_input` (an argument of the wrong shape), `not_initialized` (browser \
                 entry used before `init()`) and `internal_error` (a bug).",
                &error_codes(),
            ),
        );
        defs.insert(
            "ProductIssueCode".into(),
            string_enum(
                "`Issue.code` values of `validateProduct`.",
                validate::PRODUCT_CODES,
            ),
        );
        defs.insert(
            "ContentIssueCode".into(),
            string_enum(
                "`Issue.code` values of `validateContent`.",
                validate::CONTENT_CODES,
            ),
        );

        // Every def gets its name as `title`, so json-schema-to-typescript names it after the
        // Rust type whatever way it reaches it.
        for (name, schema) in defs.iter_mut() {
            if let Value::Object(obj) = schema {
                obj.insert("title".into(), Value::String(name.clone()));
            }
        }
        let any_of: Vec<Value> = defs
            .keys()
            .map(|k| json!({ "$ref": format!("#/$defs/{k}") }))
            .collect();
        Ok(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "ProseoWireType",
            "description": "Generated by crates/wasm/src/bin/gen-pkg-data.rs from proseo-core's types. Do not edit.",
            "anyOf": any_of,
            "$defs": defs,
        }))
    }

    /// Merges the deserialize-contract and serialize-contract definitions. A name whose two
    /// schemas differ (or that refers to such a name) keeps its serialize form under `Name` and
    /// its deserialize form under `NameInput`.
    fn merge(de: Map<String, Value>, ser: Map<String, Value>) -> Map<String, Value> {
        let mut split: BTreeSet<String> = de
            .iter()
            .filter(|(k, v)| ser.get(*k).is_some_and(|s| s != *v))
            .map(|(k, _)| k.clone())
            .collect();
        // A shared name that refers to a split name must split too (its refs differ).
        loop {
            let more: Vec<String> = de
                .iter()
                .filter(|(k, v)| {
                    !split.contains(*k)
                        && ser.contains_key(*k)
                        && split.iter().any(|s| refers_to(v, s))
                })
                .map(|(k, _)| k.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            split.extend(more);
        }
        let mut out = ser;
        for (name, mut schema) in de {
            for s in &split {
                rename_refs(&mut schema, s, &format!("{s}Input"));
            }
            if split.contains(&name) {
                out.insert(format!("{name}Input"), schema);
            } else {
                out.entry(name).or_insert(schema);
            }
        }
        out
    }

    fn ref_of(name: &str) -> String {
        format!("#/$defs/{name}")
    }

    fn refers_to(v: &Value, name: &str) -> bool {
        match v {
            Value::Object(m) => m.iter().any(|(k, v)| {
                (k == "$ref" && v.as_str() == Some(ref_of(name).as_str())) || refers_to(v, name)
            }),
            Value::Array(a) => a.iter().any(|v| refers_to(v, name)),
            _ => false,
        }
    }

    fn rename_refs(v: &mut Value, from: &str, to: &str) {
        match v {
            Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if k == "$ref" && v.as_str() == Some(ref_of(from).as_str()) {
                        *v = Value::String(ref_of(to));
                    } else {
                        rename_refs(v, from, to);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|v| rename_refs(v, from, to)),
            _ => {}
        }
    }

    fn string_enum(description: &str, values: &[&str]) -> Value {
        json!({ "description": description, "type": "string", "enum": values })
    }

    /// Every error code the package can throw, from the core's error types.
    fn error_codes() -> Vec<&'static str> {
        let prompt = [
            PromptError::Syntax {
                message: String::new(),
                line: None,
                column: None,
            },
            PromptError::UnknownVariable {
                name: String::new(),
                line: None,
                column: None,
            },
            PromptError::Render {
                message: String::new(),
                line: None,
            },
            PromptError::TooComplex { line: None },
            PromptError::UnknownTemplate {
                name: String::new(),
            },
        ];
        let completion = [
            CompletionError::Empty,
            CompletionError::NoJson,
            CompletionError::InvalidJson {
                message: String::new(),
                line: 1,
                column: 1,
            },
            CompletionError::Schema {
                path: String::new(),
                message: String::new(),
            },
        ];
        let writer = [
            WriterError::MissingName,
            WriterError::UnsupportedLanguage {
                language: String::new(),
            },
        ];
        let mut codes: Vec<&'static str> = prompt.iter().map(ErrorCode::code).collect();
        codes.extend(completion.iter().map(ErrorCode::code));
        codes.extend(writer.iter().map(ErrorCode::code));
        codes.extend([
            proseo_wasm::INVALID_INPUT,
            "not_initialized",
            proseo_wasm::INTERNAL_ERROR,
        ]);
        codes
    }

    // ----- parity with the npm package ----------------------------------------------------

    /// serde_json, but numbers as JavaScript's `JSON.stringify` writes them (`12` not `12.0`,
    /// `1e-7`, `1e+21`), so the JS side can compare byte for byte.
    struct JsFormatter;

    impl serde_json::ser::Formatter for JsFormatter {
        fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
            w.write_all(js_number(value).as_bytes())
        }

        fn write_f32<W: ?Sized + io::Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
            w.write_all(js_number(f64::from(value)).as_bytes())
        }
    }

    /// ECMAScript Number::toString for finite numbers (`null` otherwise, as JSON.stringify).
    pub(crate) fn js_number(v: f64) -> String {
        if !v.is_finite() {
            return "null".into();
        }
        if v == 0.0 {
            return "0".into();
        }
        if (1e-6..1e21).contains(&v.abs()) {
            // Shortest round-trip digits, never an exponent: what JS prints in this range.
            return format!("{v}");
        }
        let s = format!("{v:e}");
        match s.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => s,
        }
    }

    fn js_json<T: Serialize + ?Sized>(value: &T) -> Res<String> {
        let mut buf = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, JsFormatter);
        value.serialize(&mut ser).map_err(|e| e.to_string())?;
        String::from_utf8(buf).map_err(|e| e.to_string())
    }

    fn read(path: &Path) -> Res<String> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn read_json(path: &Path) -> Res<Value> {
        serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn files(dir: &Path, suffix: &str, skip: &str) -> Res<Vec<PathBuf>> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.to_string_lossy();
                name.ends_with(suffix) && !name.ends_with(skip)
            })
            .collect();
        out.sort();
        Ok(out)
    }

    fn stem(p: &Path) -> String {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn input<T: serde::de::DeserializeOwned>(fixture: &Value, path: &Path) -> Res<T> {
        serde_json::from_value(fixture.get("input").cloned().unwrap_or(Value::Null))
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// `{ analyze: [{name, input, expected}], validate: [...], completions: [...], channels,
    /// templates }`, where `expected` is the JSON text of the core's answer (for completions
    /// that fail: of the error's JSON form, with `error: true`).
    fn parity(fixtures: &Path) -> Res<Value> {
        use proseo_core::validate::{validate_content, validate_product, Channel};

        let mut analyze = Vec::new();
        for path in files(&fixtures.join("analyze"), ".json", ".expected.json")? {
            let fixture = read_json(&path)?;
            let inp: proseo_core::analysis::AnalyzeInput = input(&fixture, &path)?;
            analyze.push(json!({
                "name": stem(&path),
                "input": fixture.get("input"),
                "expected": js_json(&proseo_core::analysis::analyze(&inp))?,
            }));
        }

        let mut validate = Vec::new();
        for path in files(&fixtures.join("validate"), ".json", ".expected.json")? {
            let fixture = read_json(&path)?;
            let kind = fixture.get("kind").and_then(Value::as_str).unwrap_or("");
            let channel = fixture.get("channel").and_then(Value::as_str);
            let report = if kind == "content" {
                let c = Channel::parse(channel.unwrap_or("woocommerce"))
                    .ok_or_else(|| format!("{}: unknown channel", path.display()))?;
                validate_content(&input(&fixture, &path)?, c)
            } else {
                validate_product(&input(&fixture, &path)?)
            };
            validate.push(json!({
                "name": stem(&path),
                "kind": kind,
                "channel": channel,
                "input": fixture.get("input"),
                "expected": js_json(&report)?,
            }));
        }

        let mut completions = Vec::new();
        for path in files(&fixtures.join("completions"), ".txt", ".expected.json")? {
            let text = read(&path)?;
            let (error, expected) = match proseo_core::prompt::parse_completion(&text) {
                Ok(c) => (false, js_json(&c)?),
                Err(e) => (true, js_json(&e)?),
            };
            completions.push(json!({
                "name": stem(&path),
                "text": text,
                "error": error,
                "expected": expected,
            }));
        }

        Ok(json!({
            "analyze": analyze,
            "validate": validate,
            "completions": completions,
            "channels": js_json(&proseo_core::validate::CHANNEL_PROFILES)?,
            "templates": js_json(proseo_core::prompt::builtin_templates())?,
        }))
    }

    #[cfg(test)]
    mod tests {
        use super::js_number;

        #[test]
        fn numbers_format_like_javascript() {
            for (v, js) in [
                (0.0, "0"),
                (-0.0, "0"),
                (12.0, "12"),
                (12.5, "12.5"),
                (-3.25, "-3.25"),
                (0.1 + 0.2, "0.30000000000000004"),
                (1e-6, "0.000001"),
                (1e-7, "1e-7"),
                (1.5e21, "1.5e+21"),
                (1e20, "100000000000000000000"),
                (f64::NAN, "null"),
            ] {
                assert_eq!(js_number(v), js, "{v}");
            }
        }
    }
}
