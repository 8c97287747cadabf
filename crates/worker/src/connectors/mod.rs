//! Store connectors: WooCommerce stores (integrations of type `woocommerce`) synced with the
//! catalog in bounded steps.
//!
//! - [`woo`] (pure): WooCommerce's REST API — requests, answers, typed errors, the mapping of a
//!   store product to the core's `Product` and of generated content to a batch update.
//! - [`http`]: the Workers `fetch` that carries a store request (method, headers, timeout,
//!   bounded body).
//! - [`runs`]: every statement that writes `sync_runs` and `stores` (a tidy test checks it):
//!   starting a run, claiming a step, committing or retrying it, finishing, the schedule.
//! - [`step`]: one step of a run, driven by a queue message: a page of a pull (or the
//!   variations of a few variable products), or a chunk of a push (conflict check, then one
//!   batch request). Each step is one claimed, bounded invocation; the next step is the next
//!   message; the sweeper re-sends what was lost and the Cron Trigger starts scheduled pulls.

pub mod http;
pub mod runs;
pub mod step;
pub mod woo;
