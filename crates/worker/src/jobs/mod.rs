//! The job pipeline, in one place: statuses and their legal transitions ([`status`]), every SQL
//! statement that writes a job or an item row ([`store`] for the API's actions, [`run`] for the
//! consumer's claim/commit protocol), the quota reservations ([`quota`]), the outbox that
//! turns pending items into queue messages and recovers lost ones ([`outbox`]), and the
//! chunked filling of catalog jobs ([`fill`]). Catalog rows that move with a job item are
//! written by statements of [`crate::catalog::store`] inside the same transactions.
//!
//! Rule: nothing outside this module writes `jobs` or `job_items` (a tidy test checks it), and
//! this module knows nothing of HTTP: the handlers and the queue consumer both call in here,
//! and the consumer never imports from the handlers.

pub mod fill;
pub mod outbox;
pub mod quota;
pub mod run;
pub mod status;
pub mod store;

use serde::{Deserialize, Serialize};

use crate::db::DbError;
pub use status::{Action, ItemStatus, JobStatus};

/// A queue message: one item to generate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMessage {
    /// Tenant.
    pub tenant_id: String,
    /// Job.
    pub job_id: String,
    /// Item.
    pub item_id: String,
}

/// Why a job action was refused.
#[derive(Debug)]
pub enum JobError {
    /// D1 failed (logged; a 500).
    Db(DbError),
    /// No such job or item in this tenant.
    NotFound(&'static str),
    /// The item or job is in a status that does not allow the action.
    InvalidState {
        /// `item` or `job`.
        what: &'static str,
        /// Its status.
        status: String,
        /// The refused action's verb.
        action: &'static str,
    },
    /// The row changed between reading and writing it.
    Conflict(&'static str),
    /// The monthly quota cannot take this much more work.
    Quota {
        /// The tenant's standing.
        standing: quota::Standing,
        /// Generations asked for.
        requested: i64,
    },
    /// Content the sanitizer had to clean cannot be approved as it is.
    UnsafeContent,
}

impl From<DbError> for JobError {
    fn from(e: DbError) -> Self {
        JobError::Db(e)
    }
}

impl From<crate::ids::NoRandomness> for JobError {
    fn from(e: crate::ids::NoRandomness) -> Self {
        JobError::Db(e.into())
    }
}
