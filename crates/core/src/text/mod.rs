//! Text model (being written).
pub mod syllables;
