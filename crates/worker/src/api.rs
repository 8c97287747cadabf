//! The HTTP face every route shares: the `{success, data, meta}` envelope, [`ApiError`] with
//! its stable codes (docs/api.md lists them), pagination and body decoding.
//!
//! Pure: no Workers types, so the envelope and error mapping are unit-tested natively.

use std::borrow::Cow;

use proseo_core::error::ErrorCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Largest request body accepted (a 5,000-product job fits comfortably).
pub const MAX_BODY_BYTES: usize = 5 * 1024 * 1024;
/// Field errors listed in one 422 at most.
pub const MAX_FIELD_ERRORS: usize = 200;
/// Default and largest `per_page`.
pub const DEFAULT_PER_PAGE: u32 = 25;
/// See [`DEFAULT_PER_PAGE`].
pub const MAX_PER_PAGE: u32 = 100;

/// An error answered to the client. `code` is stable (JS and PHP match on it); `message` is
/// for people and may change.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// Stable machine code.
    pub code: Cow<'static, str>,
    /// Human-readable message (English).
    pub message: String,
    /// Structured details (field errors, limits…), `null` when none.
    pub details: Value,
    /// Extra response headers (`Retry-After`, `Allow`).
    pub headers: Vec<(&'static str, String)>,
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with no details.
    pub fn new(
        status: u16,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
            details: Value::Null,
            headers: Vec::new(),
        }
    }

    /// Adds details.
    #[must_use]
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// Adds a response header.
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// 400 `invalid_json`.
    pub fn invalid_json(message: impl Into<String>) -> Self {
        Self::new(400, "invalid_json", message)
    }

    /// 401 `unauthorized`: no credential at all.
    pub fn unauthorized() -> Self {
        Self::new(
            401,
            "unauthorized",
            "missing credentials: send `Authorization: Bearer <api key or token>`",
        )
    }

    /// 403 `forbidden`: the credential lacks `required`.
    pub fn forbidden(required: &str) -> Self {
        Self::new(
            403,
            "forbidden",
            format!("this credential lacks the `{required}` permission"),
        )
        .with_details(json!({ "required": required }))
    }

    /// 404 `not_found`.
    pub fn not_found(what: &str) -> Self {
        Self::new(404, "not_found", format!("{what} not found"))
    }

    /// 409 `conflict`.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, "conflict", message)
    }

    /// 409 `invalid_state`: the resource is in a status that does not allow the action.
    pub fn invalid_state(what: &str, status: &str, action: &str) -> Self {
        Self::new(
            409,
            "invalid_state",
            format!("cannot {action} a {what} that is {status}"),
        )
        .with_details(json!({ "status": status }))
    }

    /// 422 `validation_failed` with field errors: the first [`MAX_FIELD_ERRORS`], and how many
    /// more there were as `details.truncated` (a job of 5,000 bad products must not answer
    /// megabytes).
    pub fn validation(mut fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] if one.path.is_empty() => one.message.clone(),
            [one] => format!("{}: {}", one.path, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        let truncated = fields.len().saturating_sub(MAX_FIELD_ERRORS);
        fields.truncate(MAX_FIELD_ERRORS);
        let mut details = json!({ "fields": fields });
        if truncated > 0 {
            details["truncated"] = json!(truncated);
        }
        Self::new(422, "validation_failed", message).with_details(details)
    }

    /// 422 `validation_failed` for one field.
    pub fn field(path: &str, code: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError {
            path: path.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }])
    }

    /// 422 with a core error's own code (template and completion errors).
    pub fn core<E: ErrorCode + std::fmt::Display + Serialize>(e: &E) -> Self {
        Self::new(422, e.code(), e.to_string())
            .with_details(serde_json::to_value(e).unwrap_or(Value::Null))
    }

    /// 500 `internal_error`. The cause is logged, not shown.
    pub fn internal() -> Self {
        Self::new(
            500,
            "internal_error",
            "internal error; quote the request id when reporting it",
        )
    }

    /// The JSON body of this error.
    pub fn body(&self, request_id: &str) -> Value {
        json!({
            "success": false,
            "error": { "code": self.code, "message": self.message, "details": self.details },
            "meta": { "request_id": request_id },
        })
    }
}

impl From<crate::jobs::JobError> for ApiError {
    fn from(e: crate::jobs::JobError) -> Self {
        use crate::jobs::JobError;
        match e {
            JobError::Db(e) => e.into(),
            JobError::NotFound(what) => ApiError::not_found(what),
            JobError::InvalidState {
                what,
                status,
                action,
            } => ApiError::invalid_state(what, &status, action),
            JobError::Conflict(message) => ApiError::conflict(message),
            JobError::Quota {
                standing,
                requested,
            } => quota_exceeded(&standing, requested),
            JobError::UnsafeContent => ApiError::new(
                409,
                "unsafe_content",
                "the model's answer had unsafe markup (script, event handler or dangerous URL) that was removed; regenerate the item instead of approving it",
            ),
        }
    }
}

/// 429 `quota_exceeded`.
pub fn quota_exceeded(s: &crate::jobs::quota::Standing, requested: i64) -> ApiError {
    let limit = s.limit.unwrap_or(0);
    ApiError::new(
        429,
        "quota_exceeded",
        format!(
            "monthly generation quota reached ({} used and {} reserved of {limit}, {requested} requested)",
            s.used, s.reserved
        ),
    )
    .with_details(json!({ "limit": limit, "used": s.used, "reserved": s.reserved, "requested": requested }))
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct FieldError {
    /// JSON pointer into the request body (`/products/3/name`), or a query parameter name.
    pub path: String,
    /// Stable code (`required`, `invalid_type`, `out_of_range`, or a validation code of the core).
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

/// The success envelope.
pub fn ok_body(data: &Value, request_id: &str, pagination: Option<&Pagination>) -> Value {
    let mut meta = json!({ "request_id": request_id });
    if let Some(p) = pagination {
        meta["pagination"] = json!(p);
    }
    json!({ "success": true, "data": data, "meta": meta })
}

/// Page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Pagination {
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Items in all pages.
    pub total: u64,
    /// Number of pages (0 when there are no items).
    pub total_pages: u64,
}

/// A requested page: `page`/`per_page` from the query string, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based.
    pub page: u32,
    /// 1..=100.
    pub per_page: u32,
}

impl PageRequest {
    /// Reads `page` and `per_page` (validated against [`crate::routes::PAGE_PARAMS`]).
    pub fn from_query(query: &Query) -> ApiResult<Self> {
        let page = query
            .int("page")
            .and_then(|p| u32::try_from(p).ok())
            .unwrap_or(1);
        let per_page = query
            .int("per_page")
            .and_then(|p| u32::try_from(p).ok())
            .unwrap_or(DEFAULT_PER_PAGE);
        Ok(Self { page, per_page })
    }

    /// SQL `OFFSET`.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// The pagination meta for `total` items.
    pub fn meta(self, total: u64) -> Pagination {
        Pagination {
            page: self.page,
            per_page: self.per_page,
            total,
            total_pages: total.div_ceil(u64::from(self.per_page)),
        }
    }
}

/// Decoded query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    /// Checks every declared parameter that is present against its schema (the route table's
    /// declarations, the ones the document publishes): 422 listing each bad one. A declared
    /// parameter given twice is refused too; undeclared parameters are ignored.
    pub fn validate(&self, declared: &[&[crate::routes::Param]]) -> ApiResult<()> {
        let mut errors = Vec::new();
        for param in declared.iter().flat_map(|d| d.iter()) {
            let mut values = self.0.iter().filter(|(k, _)| k == param.name);
            if let Some((_, raw)) = values.next() {
                errors.extend(crate::schema::check(
                    &param.schema(),
                    &param.typed(raw),
                    param.name,
                ));
                if values.next().is_some() {
                    errors.push(FieldError {
                        path: param.name.to_owned(),
                        code: "invalid_value".into(),
                        message: format!("`{}` is given more than once", param.name),
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(errors))
        }
    }

    /// The value of `name` (validated by [`Query::validate`] before the handler runs).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// An integer parameter.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.parse().ok())
    }

    /// A boolean parameter.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.get(name).map(|v| v == "true")
    }
}

/// Checks a JSON request body against the schema the document publishes for it (`schema`
/// names a component), without building it in memory: not JSON, or not an object → 400
/// `invalid_json`; not what the schema accepts → 422 `validation_failed` listing every bad field
/// (up to 50) with its JSON pointer. Returns the body to decode: the same bytes, or a copy whose
/// integral numbers are written as integers (see [`crate::schema::integral_numbers`]).
pub fn check_body(body: &[u8], schema: &str) -> ApiResult<Option<Vec<u8>>> {
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::invalid_json("request body must be a JSON object"));
    }
    let normalized = crate::schema::integral_numbers(body);
    let component = crate::schema::component(schema).ok_or_else(|| {
        crate::log::error("openapi", &format!("no schema {schema} in the document"));
        ApiError::internal()
    })?;
    let errors = crate::schema::check_json(component, &normalized, "")
        .map_err(|e| ApiError::invalid_json(format!("request body is not valid JSON: {e}")))?;
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(match normalized {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(copy) => Some(copy),
    })
}

/// The request's JSON body (checked against its schema before the handler ran) as `T`,
/// decoded straight from the bytes.
pub fn decode<T: DeserializeOwned>(req: &crate::Req) -> ApiResult<T> {
    if !req.json_checked {
        return Err(ApiError::invalid_json("the request has no JSON body"));
    }
    decode_bytes(req.json_bytes())
}

/// Decodes JSON bytes into `T`, shape errors as 422 with the JSON pointer of the first bad field.
pub fn decode_bytes<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de)
        .map_err(|e| path_error(&e.path().to_string(), &e.into_inner().to_string()))
}

fn path_error(path: &str, inner: &str) -> ApiError {
    let mut path = pointer(path);
    // A missing field is reported at its parent: point at the field itself.
    if let Some(name) = inner
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        path = format!("{path}/{name}");
    }
    let code = if inner.starts_with("missing field") {
        "required"
    } else if inner.starts_with("unknown field") {
        "unknown_field"
    } else {
        "invalid_type"
    };
    ApiError::field(&path, code, inner)
}

/// Like [`decode`] for an already parsed value (merged options).
pub fn decode_value<T: DeserializeOwned>(value: Value) -> ApiResult<T> {
    if !value.is_object() {
        return Err(ApiError::invalid_json("request body must be a JSON object"));
    }
    serde_path_to_error::deserialize(value)
        .map_err(|e| path_error(&e.path().to_string(), &e.into_inner().to_string()))
}

/// Prefixes the field paths of a 422 with `prefix` (for a value decoded out of a larger body).
#[must_use]
pub fn under(prefix: &str, mut e: ApiError) -> ApiError {
    if let Some(fields) = e.details.get_mut("fields").and_then(Value::as_array_mut) {
        for f in fields {
            if let Some(p) = f.get("path").and_then(Value::as_str) {
                f["path"] = Value::String(format!("{prefix}{p}"));
            }
        }
    }
    e
}

/// 413 `payload_too_large`.
pub fn too_large() -> ApiError {
    ApiError::new(
        413,
        "payload_too_large",
        format!("request body is larger than {} bytes", MAX_BODY_BYTES),
    )
    .with_details(json!({ "max_bytes": MAX_BODY_BYTES }))
}

/// serde_path_to_error's `a.b[3].c` → JSON pointer `/a/b/3/c` (`.` alone → ``).
pub fn pointer(path: &str) -> String {
    if path == "." {
        return String::new();
    }
    let mut out = String::new();
    for seg in path.split('.') {
        let mut rest = seg;
        // `b[3][4]` → b, 3, 4
        let name_end = rest.find('[').unwrap_or(rest.len());
        let (name, idx) = rest.split_at(name_end);
        if !name.is_empty() {
            out.push('/');
            out.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        rest = idx;
        while let Some(stripped) = rest.strip_prefix('[') {
            let end = stripped.find(']').unwrap_or(stripped.len());
            out.push('/');
            out.push_str(&stripped[..end]);
            rest = stripped.get(end + 1..).unwrap_or("");
        }
    }
    out
}

/// Core validation issues (severity `error`) as field errors under `prefix`.
pub fn report_errors(prefix: &str, report: &proseo_core::report::Report) -> Vec<FieldError> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == proseo_core::report::Severity::Error)
        .map(|i| FieldError {
            path: format!("{prefix}{}", i.path),
            code: i.code.clone(),
            message: i.message.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers() {
        assert_eq!(pointer("."), "");
        assert_eq!(pointer("name"), "/name");
        assert_eq!(
            pointer("products[3].regular_price.amount"),
            "/products/3/regular_price/amount"
        );
        assert_eq!(pointer("a[1][2]"), "/a/1/2");
    }

    fn parse_body(body: &[u8], schema: &str) -> ApiResult<Option<Vec<u8>>> {
        check_body(body, schema)
    }

    #[test]
    fn bodies_are_checked_against_their_published_schema() {
        let e = parse_body(b"{", "CreateKey").unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (400, "invalid_json"));
        let e = parse_body(b"[1]", "CreateKey").unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (400, "invalid_json"));
        // Every missing field at once, each at its own path.
        let e = parse_body(br#"{}"#, "CreateKey").unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (422, "validation_failed"));
        let paths: Vec<&str> = e.details["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["/name", "/scopes"]);
        assert_eq!(e.details["fields"][0]["code"], "required");
        let e = parse_body(br#"{"name": "x", "scopes": ["*"], "zz": 1}"#, "CreateKey").unwrap_err();
        assert_eq!(e.details["fields"][0]["code"], "unknown_field");
        assert_eq!(e.details["fields"][0]["path"], "/zz");
        let e = parse_body(
            br#"{"name": "x", "scopes": ["*"], "rate_limit_per_minute": -1}"#,
            "CreateKey",
        )
        .unwrap_err();
        assert_eq!(e.details["fields"][0]["path"], "/rate_limit_per_minute");
        assert!(parse_body(br#"{"name": "x", "scopes": ["*"]}"#, "CreateKey").is_ok());
        // A struct is never accepted as an array (serde alone would take one).
        let e = parse_body(br#"{"product": [null, null]}"#, "AnalyzeInput").unwrap_err();
        assert_eq!(e.details["fields"][0]["path"], "/product");
        assert_eq!(e.details["fields"][0]["code"], "invalid_type");
    }

    #[test]
    fn pages() {
        let q = Query(vec![
            ("page".into(), "3".into()),
            ("per_page".into(), "10".into()),
        ]);
        let p = PageRequest::from_query(&q).unwrap();
        assert_eq!(p.offset(), 20);
        assert_eq!(p.meta(21).total_pages, 3);
        assert_eq!(p.meta(0).total_pages, 0);
        let pages = [crate::routes::PAGE_PARAMS];
        let bad = |pairs: &[(&str, &str)]| {
            Query(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).into(), (*v).into()))
                    .collect(),
            )
            .validate(&pages)
            .unwrap_err()
            .details["fields"]
                .clone()
        };
        assert_eq!(bad(&[("per_page", "101")])[0]["path"], "per_page");
        assert_eq!(bad(&[("page", "0")])[0]["code"], "out_of_range");
        // An empty or non-numeric value is not "absent": it violates the integer schema.
        assert_eq!(bad(&[("page", "")])[0]["code"], "invalid_type");
        assert_eq!(bad(&[("page", "2x")])[0]["code"], "invalid_type");
        assert_eq!(bad(&[("page", "+2")])[0]["code"], "invalid_type");
        assert_eq!(
            bad(&[("page", "1"), ("page", "2")])[0]["code"],
            "invalid_value"
        );
        assert!(q.validate(&pages).is_ok());
        let ok = Query(vec![("other".into(), "".into())]);
        assert!(ok.validate(&pages).is_ok());
    }

    #[test]
    fn envelope() {
        let e = ApiError::forbidden("jobs:write");
        let b = e.body("r1");
        assert_eq!(b["success"], false);
        assert_eq!(b["error"]["code"], "forbidden");
        assert_eq!(b["error"]["details"]["required"], "jobs:write");
        assert_eq!(b["meta"]["request_id"], "r1");
        let ok = ok_body(
            &json!([1]),
            "r2",
            Some(
                &PageRequest {
                    page: 1,
                    per_page: 25,
                }
                .meta(1),
            ),
        );
        assert_eq!(ok["meta"]["pagination"]["total_pages"], 1);
    }
}
