//! Runs analyze in a loop for profiling: `cargo run --release --example profile_analyze [words]`
//! (the same 300/1,000-word input as the criterion benchmark).
#[path = "../benches/input.rs"]
mod input;

use proseo_core::analysis::analyze;

fn main() {
    let words = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let input = input::input(words);
    let mut total = 0u64;
    for _ in 0..2000 {
        total += u64::from(analyze(&input).seo.score);
    }
    std::process::exit(i32::from(total == 0));
}
