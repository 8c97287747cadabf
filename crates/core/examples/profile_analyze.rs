//! Runs analyze in a loop for profiling (`cargo run --release --example profile_analyze`).
use proseo_core::seo::{analyze, AnalyzeInput};
fn main() {
    let p = "<p>Our merino wool socks keep your feet warm on cold mornings and cool on long summer walks. Because merino breathes, your feet stay dry all day. Merino fibres are fine and soft, so they never itch. They also resist odour, which means you can wear them on a long hike and still feel fresh.</p>\n";
    let input = AnalyzeInput { content: p.repeat(20), keyphrase: "merino wool socks".into(), title: "Merino wool socks".into(), ..AnalyzeInput::default() };
    let mut total = 0u64;
    for _ in 0..2000 {
        total += u64::from(analyze(&input).seo.score);
    }
    std::process::exit(i32::from(total == 0));
}
