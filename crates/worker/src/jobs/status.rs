//! Item and job statuses, and the item transitions the pipeline allows. Every SQL statement that
//! changes an item's status takes its `WHERE status IN (…)` guard from [`ItemStatus::sql_from`],
//! so the table below is the one place that says which moves are legal.

use serde::{Deserialize, Serialize};

/// Where an item is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum ItemStatus {
    /// Waiting for the queue consumer (in the outbox, or with a live message).
    Pending,
    /// Claimed by a consumer run (which holds the claim token and a lease).
    Generating,
    /// Content generated, waiting for review.
    Generated,
    /// Failed for good (invalid product, permanent provider error, retries exhausted).
    Failed,
    /// Accepted by a reviewer.
    Approved,
    /// Refused by a reviewer.
    Rejected,
    /// Its job was cancelled before it ran.
    Cancelled,
}

/// What moves an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The consumer claims it (`pending`, or `generating` with an expired lease).
    Claim,
    /// The consumer commits content.
    Commit,
    /// The consumer commits content that scores at least the job's `approve_min_score`: it is
    /// approved at once.
    CommitApproved,
    /// The consumer gives up on it (or the dead-letter queue does).
    Fail,
    /// A transient failure: back to `pending` for a retry (or `cancelled` under a cancelled job).
    Retry,
    /// The sweeper takes back an expired lease.
    Reclaim,
    /// The job is cancelled.
    Cancel,
    /// A reviewer approves.
    Approve,
    /// A reviewer rejects.
    Reject,
    /// Generate again.
    Regenerate,
}

impl Action {
    /// The statuses an item may be in for this action, and the status it moves to.
    pub fn transition(self) -> (&'static [ItemStatus], ItemStatus) {
        use ItemStatus::*;
        match self {
            Action::Claim => (&[Pending, Generating], Generating),
            Action::Commit => (&[Generating], Generated),
            Action::CommitApproved => (&[Generating], Approved),
            Action::Fail => (&[Pending, Generating], Failed),
            Action::Retry => (&[Generating], Pending),
            Action::Reclaim => (&[Generating], Pending),
            Action::Cancel => (&[Pending], Cancelled),
            Action::Approve => (&[Generated, Rejected], Approved),
            Action::Reject => (&[Generated, Approved], Rejected),
            Action::Regenerate => (&[Generated, Failed, Approved, Rejected, Cancelled], Pending),
        }
    }

    /// `'a', 'b'`: the SQL list of the statuses this action starts from.
    pub fn sql_from(self) -> String {
        ItemStatus::sql_list(self.transition().0)
    }

    /// Is the move from `from` legal?
    pub fn allowed_from(self, from: ItemStatus) -> bool {
        self.transition().0.contains(&from)
    }

    /// The verb for messages (`cannot approve a failed item`).
    pub fn verb(self) -> &'static str {
        match self {
            Action::Claim => "claim",
            Action::Commit | Action::CommitApproved => "commit",
            Action::Fail => "fail",
            Action::Retry => "retry",
            Action::Reclaim => "reclaim",
            Action::Cancel => "cancel",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Regenerate => "regenerate",
        }
    }
}

impl ItemStatus {
    /// Every status.
    pub const ALL: [ItemStatus; 7] = [
        ItemStatus::Pending,
        ItemStatus::Generating,
        ItemStatus::Generated,
        ItemStatus::Failed,
        ItemStatus::Approved,
        ItemStatus::Rejected,
        ItemStatus::Cancelled,
    ];

    /// Statuses that count as `completed` in the job's counters.
    pub const COMPLETED: [ItemStatus; 3] = [
        ItemStatus::Generated,
        ItemStatus::Approved,
        ItemStatus::Rejected,
    ];

    /// The stored (and API) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Pending => "pending",
            ItemStatus::Generating => "generating",
            ItemStatus::Generated => "generated",
            ItemStatus::Failed => "failed",
            ItemStatus::Approved => "approved",
            ItemStatus::Rejected => "rejected",
            ItemStatus::Cancelled => "cancelled",
        }
    }

    /// The status of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// `'a', 'b'` for SQL `IN (…)` (the names are fixed identifiers, never user input).
    pub fn sql_list(list: &[ItemStatus]) -> String {
        list.iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Still to run (the job is not finished while an item is in one of these).
    pub fn is_open(self) -> bool {
        matches!(self, ItemStatus::Pending | ItemStatus::Generating)
    }
}

/// The names of [`ItemStatus::ALL`], for declarations that need them as constants.
pub const ITEM_STATUS_NAMES: &[&str] = &[
    "pending",
    "generating",
    "generated",
    "failed",
    "approved",
    "rejected",
    "cancelled",
];

/// The names of [`JobStatus::ALL`].
pub const JOB_STATUS_NAMES: &[&str] = &["queued", "running", "completed", "cancelled"];

/// A job's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum JobStatus {
    /// Nothing claimed yet.
    Queued,
    /// Items are being generated.
    Running,
    /// Every item is finished.
    Completed,
    /// Cancelled: pending items were cancelled, nothing new starts.
    Cancelled,
}

impl JobStatus {
    /// Every status.
    pub const ALL: [JobStatus; 4] = [
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Completed,
        JobStatus::Cancelled,
    ];

    /// The stored (and API) name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Completed => "completed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    /// The status of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in ItemStatus::ALL {
            assert_eq!(ItemStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for s in JobStatus::ALL {
            assert_eq!(JobStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(ItemStatus::parse("done"), None);
        assert_eq!(ITEM_STATUS_NAMES, ItemStatus::ALL.map(ItemStatus::as_str));
        assert_eq!(JOB_STATUS_NAMES, JobStatus::ALL.map(JobStatus::as_str));
    }

    #[test]
    fn transitions() {
        use ItemStatus::*;
        assert!(Action::Approve.allowed_from(Generated));
        assert!(!Action::Approve.allowed_from(Failed));
        assert!(!Action::Regenerate.allowed_from(Pending));
        assert!(!Action::Regenerate.allowed_from(Generating));
        assert!(!Action::Cancel.allowed_from(Generating));
        assert_eq!(Action::Reject.sql_from(), "'generated', 'approved'");
        // No action leaves a finished item for `generating` except through a claim of `pending`.
        for a in [
            Action::Commit,
            Action::CommitApproved,
            Action::Fail,
            Action::Retry,
            Action::Reclaim,
            Action::Cancel,
            Action::Approve,
            Action::Reject,
            Action::Regenerate,
        ] {
            assert_ne!(a.transition().1, Generating, "{a:?}");
        }
    }
}
