//! The `proseo` command line (being written).
fn main() {}
