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

    /// 422 `validation_failed` with field errors.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] if one.path.is_empty() => one.message.clone(),
            [one] => format!("{}: {}", one.path, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        Self::new(422, "validation_failed", message).with_details(json!({ "fields": fields }))
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
    /// Reads `page` and `per_page` from query pairs; bad values are 422 field errors.
    pub fn from_query(query: &Query) -> ApiResult<Self> {
        let page = query.u32_in("page", 1, u32::MAX)?.unwrap_or(1);
        let per_page = query
            .u32_in("per_page", 1, MAX_PER_PAGE)?
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
    /// The first value of `name`, if present and non-empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// An integer parameter in `min..=max`.
    pub fn u32_in(&self, name: &str, min: u32, max: u32) -> ApiResult<Option<u32>> {
        let Some(raw) = self.get(name) else {
            return Ok(None);
        };
        match raw.parse::<u32>() {
            Ok(v) if (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err(ApiError::field(
                name,
                "out_of_range",
                format!("`{name}` must be an integer from {min} to {max}"),
            )),
        }
    }

    /// A parameter that must be one of `allowed`.
    pub fn one_of(&self, name: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
            Some(_) => Err(ApiError::field(
                name,
                "invalid_value",
                format!("`{name}` must be one of: {}", allowed.join(", ")),
            )),
        }
    }
}

/// A request body type. `REQUIRED` lists its required top-level fields, so that every missing
/// one is reported at once (serde stops at the first); a test keeps it equal to the schema's.
pub trait Body: DeserializeOwned {
    /// Required top-level fields.
    const REQUIRED: &'static [&'static str] = &[];
}

/// Decodes a JSON body into `T`: not JSON → 400 `invalid_json`; missing required fields → 422
/// `validation_failed` listing each; other shape errors → 422 with the JSON pointer of the
/// first bad field.
pub fn decode<T: Body>(body: &[u8]) -> ApiResult<T> {
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid_json(format!("request body is not valid JSON: {e}")))?;
    if let Value::Object(m) = &value {
        let missing: Vec<FieldError> = T::REQUIRED
            .iter()
            .filter(|f| !m.contains_key(**f))
            .map(|f| FieldError {
                path: format!("/{f}"),
                code: "required".into(),
                message: format!("missing field `{f}`"),
            })
            .collect();
        if !missing.is_empty() {
            return Err(ApiError::validation(missing));
        }
    }
    decode_value(value)
}

/// Like [`decode`] for an already parsed value.
pub fn decode_value<T: DeserializeOwned>(value: Value) -> ApiResult<T> {
    if !value.is_object() {
        return Err(ApiError::invalid_json("request body must be a JSON object"));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = pointer(&e.path().to_string());
        let inner = e.into_inner().to_string();
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
    })
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

    #[test]
    fn decode_errors_are_coded() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct In {
            name: String,
            id: String,
            n: Option<u8>,
        }
        impl Body for In {
            const REQUIRED: &'static [&'static str] = &["name", "id"];
        }
        let e = decode::<In>(b"{").unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (400, "invalid_json"));
        let e = decode::<In>(b"[1]").unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (400, "invalid_json"));
        let e = decode::<In>(br#"{"n": 3}"#).unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (422, "validation_failed"));
        assert_eq!(e.details["fields"][0]["code"], "required");
        assert_eq!(e.details["fields"][0]["path"], "/name");
        assert_eq!(e.details["fields"][1]["path"], "/id");
        let e = decode::<In>(br#"{"name": "x", "id": "i", "n": 300}"#).unwrap_err();
        assert_eq!(e.details["fields"][0]["path"], "/n");
        assert_eq!(e.details["fields"][0]["code"], "invalid_type");
        let e = decode::<In>(br#"{"name": "x", "id": "i", "zz": 1}"#).unwrap_err();
        assert_eq!(e.details["fields"][0]["code"], "unknown_field");
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
        let q = Query(vec![("per_page".into(), "101".into())]);
        let e = PageRequest::from_query(&q).unwrap_err();
        assert_eq!(e.details["fields"][0]["path"], "per_page");
        let q = Query(vec![("page".into(), "0".into())]);
        assert!(PageRequest::from_query(&q).is_err());
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
