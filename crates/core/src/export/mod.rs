//! Exports: the one writer of every output format proseo produces.

mod text;

pub use text::{html_to_text, plain_text_complete};
