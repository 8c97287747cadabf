//! proseo-core: the pure engine behind proseo.
//!
//! Everything here is a function of its inputs: no I/O, no clock, no randomness, no
//! wasm-bindgen or Workers types. The outer crates (`proseo-cli`, `proseo-wasm`,
//! `proseo-worker`) own the wire, storage and time; they call in with plain data and get
//! plain data back. See `docs/architecture.md` for the invariants and API boundaries.
//!
//! Entry points:
//! - [`analysis::analyze`]: SEO + readability analysis of a description
//!   ([`analysis::AnalyzeInput`] → [`analysis::Analysis`]); [`analysis::input_for_generated`]
//!   builds the input that scores generated content, the same for every consumer.
//! - [`validate::validate_product`] / [`validate::validate_content`]: bad input is data
//!   ([`report::Report`]), never a panic.
//! - [`prompt`]: Jinja templates for LLM prompts, and parsing of the model's JSON answer.
//! - [`writer::write`]: the deterministic offline writer (the default "provider").
//! - [`duplicate`]: near-duplicate descriptions across a catalog (MinHash signatures).
//! - [`woocsv::parse_products`]: WooCommerce's product CSV export → [`product::Product`]s.

pub mod analysis;
pub mod bounded;
pub mod content;
pub mod duplicate;
pub mod error;
pub mod export;
pub mod lang;
pub mod number;
pub mod product;
pub mod prompt;
pub mod report;
pub mod span;
pub mod text;
pub mod validate;
pub mod woocsv;
pub mod writer;

pub use error::ErrorCode;

/// The crate version, reported by every consumer (`proseo --version`, the API, the npm package).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
