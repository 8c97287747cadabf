//! `GET /api/v1/openapi.json`: an OpenAPI 3.1 document generated from the route table
//! ([`crate::routes::ROUTES`]) and the Rust types of the bodies ([`crate::wire`] and the core's),
//! so it matches the real routes and schemas. It is generated natively (schemars is not in the
//! Worker) into `crates/worker/openapi.json`, which the Worker embeds; a test fails when the file
//! is stale (`UPDATE_EXPECT=1 cargo test -p proseo-worker openapi` rewrites it).

/// The document the Worker serves.
pub const DOCUMENT: &str = include_str!("../openapi.json");

#[cfg(not(target_arch = "wasm32"))]
pub use native::build;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use schemars::generate::SchemaSettings;
    use schemars::JsonSchema;
    use serde_json::{json, Map, Value};

    use crate::routes::{Auth, ROUTES};

    /// Builds the document.
    pub fn build() -> Value {
        let mut generator = SchemaSettings::draft2020_12()
            .with(|s| s.definitions_path = "/components/schemas".into())
            .into_generator();
        macro_rules! register {
            ($($t:ty),* $(,)?) => { $( let _ = generator.subschema_for::<$t>(); )* };
        }
        {
            use crate::wire::*;
            use proseo_core::analysis::{Analysis, AnalyzeInput};
            use proseo_core::prompt::BuiltPrompt;
            register!(
                Health,
                CreateTenant,
                TenantCreated,
                Requeued,
                CreateJwtKey,
                JwtKeyView,
                AnalyzeInput,
                Analysis,
                ValidateRequest,
                ValidateResult,
                RenderRequest,
                BuiltPrompt,
                GenerateRequest,
                GenerateResult,
                TemplateInput,
                TemplatePatch,
                TemplateView,
                Deleted,
                CreateJob,
                JobView,
                ItemView,
                ItemPatch,
                RegenerateRequest,
                ExportRow,
                UsageView,
                CreateKey,
                ApiKeyView,
                CreateIntegration,
                IntegrationView,
                CatalogProduct,
                CatalogStats,
                CreateWebhookSecret,
                WebhookSecretView,
                WebhookDelivery,
                WebhookResult,
                CreateStore,
                StorePatch,
                StoreTest,
                PullRequest,
                PushRequest,
                SyncRunView,
                ExportReport,
                JsonLdRequest,
                JsonLdResult,
                ExportProfile,
                ExportProfileView,
                crate::api::FieldError,
                crate::api::Pagination,
            );
        }
        let mut schemas: Map<String, Value> =
            generator.take_definitions(true).into_iter().collect();
        for s in schemas.values_mut() {
            bound_integers(s);
        }
        // `POST /integrations` takes a provider or a store.
        schemas.insert(
            "NewIntegration".into(),
            json!({
                "oneOf": [
                    { "$ref": "#/components/schemas/CreateIntegration" },
                    { "$ref": "#/components/schemas/CreateStore" }
                ],
                "description": "An LLM provider (`CreateIntegration`) or a WooCommerce store (`CreateStore`, type `woocommerce`)."
            }),
        );
        schemas.insert(
            "Error".into(),
            json!({
                "type": "object",
                "required": ["success", "error", "meta"],
                "properties": {
                    "success": { "const": false },
                    "error": {
                        "type": "object",
                        "required": ["code", "message", "details"],
                        "properties": {
                            "code": { "type": "string", "description": "Stable machine code (docs/api.md)." },
                            "message": { "type": "string" },
                            "details": { "description": "Field errors (`fields`), limits, reasons…" }
                        }
                    },
                    "meta": { "$ref": "#/components/schemas/Meta" }
                }
            }),
        );
        schemas.insert(
            "Meta".into(),
            json!({
                "type": "object",
                "required": ["request_id"],
                "properties": {
                    "request_id": { "type": "string" },
                    "pagination": { "$ref": "#/components/schemas/Pagination" }
                }
            }),
        );
        let mut paths = Map::new();
        for r in ROUTES {
            let full = format!("{}{}", crate::routes::PREFIX, r.path);
            let mut params: Vec<Value> = r
                .path
                .split('/')
                .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .map(|name| match name {
                    "channel" => json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string", "enum": proseo_core::export::Format::all().iter().map(|f| f.id()).collect::<Vec<_>>() } }),
                    _ => json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string", "minLength": 1, "maxLength": crate::routes::MAX_PARAM_LEN } }),
                })
                .collect();
            let pages: &[crate::routes::Param] = if r.list {
                crate::routes::PAGE_PARAMS
            } else {
                &[]
            };
            for q in pages.iter().chain(r.query) {
                params.push(json!({ "name": q.name, "in": "query", "description": q.description, "schema": q.schema() }));
            }
            if r.idempotent {
                params.push(json!({ "name": "Idempotency-Key", "in": "header", "schema": crate::handlers::idempotency::key_schema(),
                    "description": "Replays the first successful answer for 24 h (per credential); another request with the same key is 409 idempotency_key_reused." }));
            }
            let data = match (r.response, r.list) {
                ("null", _) => Value::Null,
                (name, false) if name.ends_with("[]") => {
                    json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/{}", name.trim_end_matches("[]")) } })
                }
                (name, true) => {
                    json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/{name}") } })
                }
                (name, false) => json!({ "$ref": format!("#/components/schemas/{name}") }),
            };
            let content = if r.response == "null" {
                json!({ "application/json": { "schema": { "type": "object" } } })
            } else {
                let mut c = json!({ "application/json": { "schema": {
                    "type": "object",
                    "required": ["success", "data", "meta"],
                    "properties": { "success": { "const": true }, "data": data, "meta": { "$ref": "#/components/schemas/Meta" } }
                } } });
                if r.path.ends_with("/export") {
                    c["text/csv"] = json!({ "schema": { "type": "string" } });
                }
                if r.path.starts_with("/exports/") {
                    for (media, what) in [
                        (
                            "text/csv",
                            "woocommerce, ebay (comma), kaufland (semicolon): UTF-8 CSV",
                        ),
                        (
                            "text/tab-separated-values",
                            "amazon: tab-separated flat file",
                        ),
                    ] {
                        c[media] = json!({ "schema": { "type": "string", "description": what } });
                    }
                    let objects = json!({ "type": "array", "items": { "type": "object" } });
                    c["application/ld+json"] = json!({ "schema": { "description": "jsonld: a JSON array of schema.org Product objects", "type": "array", "items": { "type": "object" } } });
                    let envelope = c["application/json"]["schema"].take();
                    c["application/json"]["schema"] = json!({
                        "description": "allegro: a JSON array of offer bodies; with report=true: the enveloped ExportReport",
                        "anyOf": [envelope, objects]
                    });
                }
                c
            };
            let mut op = json!({
                "operationId": format!("{:?}", r.op).chars().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_lowercase() } else { c }).collect::<String>(),
                "summary": r.summary,
                "tags": [r.path.split('/').nth(1).unwrap_or("")],
                "parameters": params,
                "responses": {
                    r.status.to_string(): { "description": "Success", "content": content },
                    "default": { "description": "Error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                },
                "security": match r.auth {
                    Auth::None | Auth::Webhook => json!([]),
                    Auth::Admin => json!([{ "adminToken": [] }]),
                    Auth::Tenant => json!([{ "apiKey": [] }, { "jwt": [] }]),
                    Auth::Perm(p) => json!([{ "apiKey": [p] }, { "jwt": [p] }]),
                },
            });
            let semantic = semantic_errors(r.op);
            if !semantic.is_empty() {
                op["x-semantic-errors"] = json!(semantic);
            }
            if let Some(req) = r.request {
                let mut body = json!({ "application/json": { "schema": { "$ref": format!("#/components/schemas/{req}") } } });
                if req == "CreateJob" {
                    body["text/csv"] = json!({ "schema": { "type": "string", "description": "A WooCommerce product CSV export; name, template_id and target_score go in the query string." } });
                }
                op["requestBody"] =
                    json!({ "required": crate::routes::body_required(r), "content": body });
            }
            let entry = paths.entry(full).or_insert_with(|| json!({}));
            entry[r.method.to_ascii_lowercase()] = op;
        }
        json!({
            "openapi": "3.1.0",
            "info": {
                "title": "proseo edge API",
                "version": proseo_core::VERSION,
                "description": "Writing, scoring and validating SEO product descriptions. Envelope, error codes, auth and limits: docs/api.md."
            },
            "servers": [{ "url": "/" }],
            "paths": paths,
            "components": {
                "schemas": schemas,
                "securitySchemes": {
                    "apiKey": { "type": "http", "scheme": "bearer", "description": "psk_… API key" },
                    "jwt": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "HS256 token issued by the tenant's platform" },
                    "adminToken": { "type": "http", "scheme": "bearer", "description": "The Worker secret ADMIN_TOKEN" }
                }
            }
        })
    }

    /// The 422 (and, for a CSV body, 400) codes an operation can answer to a request its schema accepts: rules JSON Schema
    /// cannot state (checksums, cross-field rules, a template's syntax). A schema-valid request
    /// is refused with 422 only with one of these (the API fuzzer checks it).
    pub(crate) fn semantic_errors(op: crate::routes::Op) -> Vec<&'static str> {
        use crate::routes::Op;
        const TEMPLATE: &[&str] = &[
            "template_syntax",
            "template_unknown_variable",
            "template_render",
            "template_too_complex",
            "template_too_large",
            "template_output_too_large",
            "template_unknown",
        ];
        const WRITER: &[&str] = &["writer_missing_name", "writer_unsupported_language"];
        let product = proseo_core::validate::PRODUCT_CODES;
        let mut out: Vec<&'static str> = match op {
            Op::Generate => [product, TEMPLATE, WRITER, &["language_mismatch"]].concat(),
            Op::CreateJob => [product, &["invalid_csv"]].concat(),
            Op::RenderPrompt | Op::CreateTemplate | Op::UpdateTemplate => TEMPLATE.to_vec(),
            Op::CreateIntegration => vec![
                "api_key_required",
                "base_url_required",
                "base_url_conflict",
                "store_url_not_allowed",
            ],
            Op::CreateKey => vec!["exceeds_tenant_limit"],
            Op::ListItems | Op::ListProducts => vec!["min_above_max"],
            Op::ReceiveWebhook => [TEMPLATE, &["invalid_source"]].concat(),
            Op::UpdateIntegration => vec!["store_url_not_allowed"],
            Op::PutExportProfile => vec!["export_options_invalid"],
            Op::ExportCatalog => vec![
                "min_above_max",
                "invalid_ids",
                "export_options_invalid",
                "export_rows_invalid",
            ],
            _ => Vec::new(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// schemars gives unsigned integers `minimum: 0` but no maximum; the Rust type refuses more,
    /// so the document says so (JSON-safe integers for 64 bits).
    fn bound_integers(v: &mut Value) {
        match v {
            Value::Object(m) => {
                let max = match m.get("format").and_then(Value::as_str) {
                    Some("uint8") => Some(json!(u8::MAX)),
                    Some("uint16") => Some(json!(u16::MAX)),
                    Some("uint32") => Some(json!(u32::MAX)),
                    Some("uint64" | "uint") => Some(json!(9_007_199_254_740_991_u64)),
                    Some("int32") => Some(json!(i32::MAX)),
                    Some("int64") => Some(json!(9_007_199_254_740_991_i64)),
                    _ => None,
                };
                if let Some(max) = max {
                    m.entry("maximum").or_insert(max);
                }
                if m.get("format").and_then(Value::as_str) == Some("int32") {
                    m.entry("minimum").or_insert(json!(i32::MIN));
                }
                if m.get("format").and_then(Value::as_str) == Some("int64") {
                    m.entry("minimum")
                        .or_insert(json!(-9_007_199_254_740_991_i64));
                }
                for sub in m.values_mut() {
                    bound_integers(sub);
                }
            }
            Value::Array(a) => a.iter_mut().for_each(bound_integers),
            _ => {}
        }
    }

    #[allow(dead_code)]
    fn _assert_schema<T: JsonSchema>() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openapi_document_is_current_and_complete() {
        let doc = build();
        let schemas = doc["components"]["schemas"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for r in crate::routes::ROUTES {
            for name in r
                .request
                .into_iter()
                .chain(Some(r.response.trim_end_matches("[]")).filter(|n| *n != "null"))
            {
                assert!(
                    schemas.contains_key(name),
                    "{} {}: schema {name} missing",
                    r.method,
                    r.path
                );
            }
            let path = format!("/api/v1{}", r.path);
            assert!(
                doc["paths"][&path][r.method.to_ascii_lowercase()].is_object(),
                "{path}"
            );
        }
        // Every $ref resolves.
        let text = serde_json::to_string(&doc).unwrap();
        for part in text.split("\"#/components/schemas/").skip(1) {
            let name = &part[..part.find('"').unwrap()];
            assert!(schemas.contains_key(name), "dangling $ref {name}");
        }
        let pretty = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(file, &pretty).unwrap();
        } else {
            assert!(
                DOCUMENT == pretty,
                "crates/worker/openapi.json is stale: run `UPDATE_EXPECT=1 cargo test -p proseo-worker openapi`"
            );
        }
    }
}
