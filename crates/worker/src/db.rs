//! D1 access: a thin typed layer over workers-rs' D1 bindings. Every statement is a prepared
//! statement with bound arguments (never string-built values), and every query of tenant data
//! has `tenant_id = ?` in its WHERE clause — the tenant always comes from the credential.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::api::ApiError;

/// A bound SQL argument.
#[derive(Debug, Clone)]
pub enum Arg {
    /// NULL.
    Null,
    /// INTEGER (D1 passes numbers as doubles: exact up to 2^53).
    Int(i64),
    /// REAL.
    Real(f64),
    /// TEXT.
    Text(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Arg::Int(i64::from(v))
    }
}
impl From<u16> for Arg {
    fn from(v: u16) -> Self {
        Arg::Int(i64::from(v))
    }
}
impl From<u8> for Arg {
    fn from(v: u8) -> Self {
        Arg::Int(i64::from(v))
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Int(i64::from(v))
    }
}
impl<T: Into<Arg>> From<Option<T>> for Arg {
    fn from(v: Option<T>) -> Self {
        v.map_or(Arg::Null, Into::into)
    }
}

impl From<&Arg> for JsValue {
    fn from(a: &Arg) -> Self {
        match a {
            Arg::Null => JsValue::null(),
            Arg::Int(i) => JsValue::from_f64(*i as f64),
            Arg::Real(f) => JsValue::from_f64(*f),
            Arg::Text(s) => JsValue::from_str(s),
        }
    }
}

/// `args![a, b, c]` → `[Arg; 3]`.
#[macro_export]
macro_rules! args {
    ($($a:expr),* $(,)?) => { [$($crate::db::Arg::from($a)),*] };
}

/// A D1 failure: logged with its cause, answered as 500 (or 503 for health).
#[derive(Debug)]
pub struct DbError(pub String);

impl From<worker::Error> for DbError {
    fn from(e: worker::Error) -> Self {
        match e {
            worker::Error::D1(d1) => DbError(d1.cause()),
            other => DbError(other.to_string()),
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        crate::log::error("d1", &e.0);
        ApiError::internal()
    }
}

/// The database handle.
pub struct Db(pub D1Database);

#[derive(Deserialize)]
struct Count {
    n: i64,
}

impl Db {
    /// A prepared, bound statement (for [`Db::batch`]).
    pub fn stmt(&self, sql: &str, args: &[Arg]) -> Result<D1PreparedStatement, DbError> {
        let values: Vec<JsValue> = args.iter().map(JsValue::from).collect();
        Ok(self.0.prepare(sql).bind(&values)?)
    }

    /// All rows.
    pub async fn all<T: DeserializeOwned>(
        &self,
        sql: &str,
        args: &[Arg],
    ) -> Result<Vec<T>, DbError> {
        let r = self.stmt(sql, args)?.all().await?;
        Ok(r.results::<T>()?)
    }

    /// The first row, if any.
    pub async fn first<T: DeserializeOwned>(
        &self,
        sql: &str,
        args: &[Arg],
    ) -> Result<Option<T>, DbError> {
        Ok(self.stmt(sql, args)?.first::<T>(None).await?)
    }

    /// `SELECT COUNT(*) AS n …`.
    pub async fn count(&self, sql: &str, args: &[Arg]) -> Result<u64, DbError> {
        let c: Option<Count> = self.first(sql, args).await?;
        Ok(c.map_or(0, |c| u64::try_from(c.n).unwrap_or(0)))
    }

    /// Runs a write; returns the number of changed rows.
    pub async fn run(&self, sql: &str, args: &[Arg]) -> Result<usize, DbError> {
        let r = self.stmt(sql, args)?.run().await?;
        Ok(r.meta()?.and_then(|m| m.changes).unwrap_or(0))
    }

    /// Runs statements in one transaction (D1 batches are atomic); returns each one's result
    /// (rows of `RETURNING` statements included).
    pub async fn batch_results(
        &self,
        stmts: Vec<D1PreparedStatement>,
    ) -> Result<Vec<worker::D1Result>, DbError> {
        Ok(self.0.batch(stmts).await?)
    }

    /// Runs statements in one transaction (D1 batches are atomic); returns each one's changes.
    pub async fn batch(&self, stmts: Vec<D1PreparedStatement>) -> Result<Vec<usize>, DbError> {
        let rs = self.0.batch(stmts).await?;
        rs.iter()
            .map(|r| Ok(r.meta()?.and_then(|m| m.changes).unwrap_or(0)))
            .collect()
    }
}

/// Is this D1 error a UNIQUE constraint violation?
pub fn is_unique_violation(e: &DbError) -> bool {
    e.0.contains("UNIQUE constraint failed")
}
