//! End-to-end tests of the `proseo` binary: every subcommand, its output formats and its
//! documented exit codes (0 success; 1 the input was read but is invalid; 2 usage or input
//! errors). Each test runs the built binary with `std::process::Command`; inputs are written
//! to uniquely named files under the system temp directory and removed afterwards.

// Test helpers outside #[test] functions may fail loudly: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers

/// The result of one run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from_output(out: Output) -> Self {
        Self {
            // `None` means killed by a signal (a crash): never an expected code.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Asserts the exit code, showing both streams when it differs.
    fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_proseo"));
    cmd.args(args);
    cmd
}

/// Runs `proseo ARGS` with no stdin.
fn proseo(args: &[&str]) -> Run {
    Run::from_output(command(args).stdin(Stdio::null()).output().unwrap())
}

/// Runs `proseo ARGS` with `input` on stdin.
fn proseo_stdin(args: &[&str], input: &[u8]) -> Run {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written from a thread so a child that fills its stdout pipe cannot deadlock the test.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    Run::from_output(out)
}

/// A file under the temp directory, named after the process and the test, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    /// A path for `test`/`name` that nothing has been written to yet.
    fn path_for(test: &str, name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "proseo-cli-test-{}-{test}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        Self(path)
    }

    fn new(test: &str, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let file = Self::path_for(test, name);
        std::fs::write(&file.0, contents).unwrap();
        file
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/woocommerce")
        .join(name)
}

const SAMPLE_CSVS: [&str; 2] = [
    "experimental_sample_9_products.csv",
    "experimental_fashion_sample_9_products.csv",
];

/// Product names of a WooCommerce CSV that the writer should produce a row for (parents and
/// simple products; variations are folded into their parents).
fn sample_names(csv_name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(fixture(csv_name)).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (type_col, name_col) = (col("Type"), col("Name"));
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.get(type_col) != Some("variation"))
        .map(|r| r.get(name_col).unwrap().to_owned())
        .collect()
}

/// Issue codes of one `validate --json` report object.
fn codes(report: &Value) -> BTreeSet<String> {
    report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_owned())
        .collect()
}

const RATINGS: [&str; 5] = ["good", "ok", "bad", "info", "n/a"];

/// Every check object has an `id` (string), a `score` (Yoast's points, at most 9) and a
/// `rating` matching it (`na` and `feedback` score 0).
fn assert_check_objects(checks: &Value) {
    let checks = checks.as_array().unwrap();
    assert!(!checks.is_empty());
    for c in checks {
        let id = c["id"].as_str().unwrap_or_else(|| panic!("no id: {c}"));
        let score = c["score"]
            .as_i64()
            .unwrap_or_else(|| panic!("no score: {c}"));
        let rating = c["rating"]
            .as_str()
            .unwrap_or_else(|| panic!("no rating: {c}"));
        assert!(!id.is_empty());
        assert!(score <= 9, "{c}");
        let expected: &[&str] = match score {
            0 => &["na", "feedback"],
            ..=4 => &["bad"],
            5..=7 => &["ok"],
            _ => &["good"],
        };
        assert!(expected.contains(&rating), "{c}");
    }
}

const DESCRIPTION: &str = "<h2>Stoneware mug for slow mornings</h2>\n\
<p>This stoneware mug keeps your coffee hot for longer. It is handmade in small batches, \
so every stoneware mug is a little different.</p>\n\
<ul><li>Holds 350 ml</li><li>Dishwasher safe</li></ul>\n\
<p>Pair it with a <a href=\"https://example.org/saucer\">matching saucer</a>.</p>\n";

const VALID_PRODUCT: &str = r#"{
  "name": "Stoneware Mug",
  "sku": "MUG-1",
  "regular_price": "19.90",
  "currency": "EUR",
  "categories": ["Home > Kitchen > Mugs"],
  "attributes": [{"name": "Color", "values": ["Sage", "Sand"]}]
}"#;

const INVALID_PRODUCT: &str =
    r#"{"name": "", "regular_price": "-3", "currency": "EURO", "gtin": "123"}"#;

// ---------------------------------------------------------------------------------------------
// General usage

#[test]
fn version_and_help_exit_0() {
    let run = proseo(&["--version"]).expect_code(0);
    assert!(
        run.stdout.contains(env!("CARGO_PKG_VERSION")),
        "{}",
        run.stdout
    );
    let run = proseo(&["--help"]).expect_code(0);
    for cmd in ["analyze", "validate", "prompt", "write"] {
        assert!(run.stdout.contains(cmd), "{}", run.stdout);
    }
}

#[test]
fn usage_errors_exit_2() {
    proseo(&[]).expect_code(2);
    proseo(&["frobnicate"]).expect_code(2);
    proseo(&["analyze"]).expect_code(2);
    proseo(&["validate", "x.json", "--no-such-flag"]).expect_code(2);
    proseo(&["prompt", "x.json", "--words", "many"]).expect_code(2);
}

// ---------------------------------------------------------------------------------------------
// analyze

#[test]
fn analyze_human_output_lists_sections_and_checks() {
    let html = TempFile::new("analyze_human", "d.html", DESCRIPTION);
    let run = proseo(&[
        "analyze",
        html.arg(),
        "--keyphrase",
        "stoneware mug",
        "--synonyms",
        "coffee mug, ceramic cup",
        "--title",
        "Stoneware mug for slow mornings | Clayworks",
        "--meta",
        "A handmade stoneware mug that keeps coffee hot.",
        "--slug",
        "stoneware-mug",
        "--locale",
        "en_US",
        "--profile",
        "product",
    ])
    .expect_code(0);
    let out = &run.stdout;
    let seo = out.lines().find(|l| l.starts_with("SEO: ")).unwrap();
    let readability = out
        .lines()
        .find(|l| l.starts_with("Readability: "))
        .unwrap();
    for line in [seo, readability] {
        assert!(line.contains("/100 ("), "{line}");
    }
    for check in [
        "keyphrase_in_introduction",
        "keyphrase_in_title",
        "keyphrase_in_slug",
        "keyphrase_in_meta_description",
        "meta_description_length",
        "image_count",
        "flesch_reading_ease",
        "sentence_length",
    ] {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().any(|w| w == check))
            .unwrap_or_else(|| panic!("no `{check}` line in\n{out}"));
        assert!(
            RATINGS.iter().any(|r| line.contains(&format!("{r}]"))),
            "{line}"
        );
    }
    // The keyphrase is in the title, slug and introduction: those checks pass.
    for check in [
        "keyphrase_in_title",
        "keyphrase_in_slug",
        "keyphrase_in_introduction",
    ] {
        let line = out.lines().find(|l| l.contains(check)).unwrap();
        assert!(line.contains("[good]"), "{line}");
    }
    // Highlighted content is quoted under its check.
    assert!(out.contains("> This stoneware mug keeps"), "{out}");
    assert!(out.contains(" words, "), "{out}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn analyze_json_checks_have_id_score_and_rating() {
    let html = TempFile::new("analyze_json", "d.html", DESCRIPTION);
    let run = proseo(&[
        "analyze",
        html.arg(),
        "-k",
        "stoneware mug",
        "--synonyms",
        "coffee mug",
        "--title",
        "Stoneware mug",
        "--json",
    ])
    .expect_code(0);
    let v = run.json();
    assert_eq!(v["profile"], "product");
    assert_eq!(v["language"], "en");
    for section in ["seo", "readability"] {
        let score = v[section]["score"].as_u64().unwrap();
        assert!(score <= 100);
        assert!(RATINGS
            .iter()
            .any(|r| v[section]["rating"] == r.replace('/', "")));
        assert_check_objects(&v[section]["checks"]);
    }
    let ids: BTreeSet<&str> = ["seo", "readability"]
        .iter()
        .flat_map(|s| v[s]["checks"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains("keyphrase_density"));
    assert!(ids.contains("passive_voice"));
    // Highlights index into the content on char boundaries.
    for c in v["seo"]["checks"].as_array().unwrap() {
        for h in c["highlights"].as_array().unwrap() {
            if h["field"] == "content" {
                let (s, e) = (
                    h["start"].as_u64().unwrap() as usize,
                    h["end"].as_u64().unwrap() as usize,
                );
                assert!(DESCRIPTION.get(s..e).is_some(), "{h}");
            }
        }
    }
    assert!(v["stats"]["words"].as_u64().unwrap() > 20);
    assert!(v["stats"]["keyphrase_count"].as_u64().unwrap() >= 2);
}

#[test]
fn analyze_profile_and_locale_change_the_analysis() {
    let html = TempFile::new("analyze_profile", "d.html", DESCRIPTION);
    let article = proseo(&[
        "analyze",
        html.arg(),
        "-k",
        "mug",
        "--profile",
        "article",
        "--json",
    ])
    .expect_code(0)
    .json();
    assert_eq!(article["profile"], "article");
    let outbound = article["seo"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "outbound_links")
        .unwrap();
    // The description links to another site.
    assert_eq!(outbound["rating"], "good", "{outbound}");

    let german = proseo(&[
        "analyze",
        html.arg(),
        "-k",
        "mug",
        "--locale",
        "de_DE",
        "--json",
    ])
    .expect_code(0)
    .json();
    assert_eq!(german["language"], "de");
}

#[test]
fn analyze_reads_stdin() {
    let html = TempFile::new("analyze_stdin", "d.html", DESCRIPTION);
    let args = [
        "-k",
        "stoneware mug",
        "--meta",
        "A stoneware mug.",
        "--json",
    ];
    let from_file = proseo(&[&["analyze", html.arg()][..], &args].concat()).expect_code(0);
    let from_stdin = proseo_stdin(
        &[&["analyze", "-"][..], &args].concat(),
        DESCRIPTION.as_bytes(),
    )
    .expect_code(0);
    assert_eq!(from_file.json(), from_stdin.json());
    // Human output from stdin too, and empty input is still analyzable text.
    let run = proseo_stdin(&["analyze", "-", "-k", "mug"], b"").expect_code(0);
    assert!(run.stdout.starts_with("SEO: "), "{}", run.stdout);
}

#[test]
fn analyze_input_errors_exit_2() {
    let missing = TempFile::path_for("analyze_missing", "nope.html");
    let run = proseo(&["analyze", missing.arg(), "-k", "mug"]).expect_code(2);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    let binary = TempFile::new("analyze_binary", "d.html", b"<p>\xff\xfe</p>");
    let run = proseo(&["analyze", binary.arg(), "-k", "mug"]).expect_code(2);
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);

    let html = TempFile::new("analyze_usage", "d.html", DESCRIPTION);
    proseo(&["analyze", html.arg(), "--profile", "blog"]).expect_code(2);
}

// ---------------------------------------------------------------------------------------------
// validate

#[test]
fn validate_valid_product_exits_0() {
    let file = TempFile::new("validate_valid", "p.json", VALID_PRODUCT);
    let run = proseo(&["validate", file.arg()]).expect_code(0);
    assert!(
        run.stdout.contains("Stoneware Mug: valid"),
        "{}",
        run.stdout
    );
    let v = proseo(&["validate", file.arg(), "--json"])
        .expect_code(0)
        .json();
    assert_eq!(v["valid"], true);
    assert_eq!(v["label"], "Stoneware Mug");
    assert!(codes(&v).is_empty(), "{v}");
}

#[test]
fn validate_invalid_product_exits_1_with_codes() {
    let file = TempFile::new("validate_invalid", "p.json", INVALID_PRODUCT);
    let v = proseo(&["validate", file.arg(), "--json"])
        .expect_code(1)
        .json();
    assert_eq!(v["valid"], false);
    let expected: BTreeSet<String> = [
        "name_required",
        "price_negative",
        "currency_invalid",
        "gtin_invalid",
    ]
    .map(String::from)
    .into();
    assert_eq!(codes(&v), expected);
    for issue in v["issues"].as_array().unwrap() {
        assert_eq!(issue["severity"], "error");
        assert!(issue["path"].as_str().unwrap().starts_with('/'), "{issue}");
        assert!(!issue["message"].as_str().unwrap().is_empty());
    }

    let run = proseo(&["validate", file.arg()]).expect_code(1);
    assert!(
        run.stdout.contains("INVALID (4 issue(s))"),
        "{}",
        run.stdout
    );
    for code in &expected {
        assert!(run.stdout.contains(code.as_str()), "{}", run.stdout);
    }
}

#[test]
fn validate_array_of_products() {
    let mixed = format!("[{VALID_PRODUCT}, {INVALID_PRODUCT}, {{\"name\": \"Saucer\"}}]");
    let file = TempFile::new("validate_array", "p.json", &mixed);
    let v = proseo(&["validate", file.arg(), "--json"])
        .expect_code(1)
        .json();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["label"], "Stoneware Mug");
    assert_eq!(list[0]["valid"], true);
    assert_eq!(list[1]["label"], "product 1");
    assert_eq!(list[1]["valid"], false);
    assert!(codes(&list[1]).contains("name_required"));
    assert_eq!(list[2]["valid"], true);

    let run = proseo(&["validate", file.arg()]).expect_code(1);
    assert!(
        run.stdout.contains("Stoneware Mug: valid"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("product 1: INVALID"), "{}", run.stdout);
    assert!(run.stdout.contains("Saucer: valid"), "{}", run.stdout);

    let all_valid = format!("[{VALID_PRODUCT}, {{\"name\": \"Saucer\"}}]");
    let file = TempFile::new("validate_array", "valid.json", &all_valid);
    proseo(&["validate", file.arg()]).expect_code(0);
}

#[test]
fn validate_one_element_array_gives_an_array() {
    let file = TempFile::new("validate_one", "p.json", format!("[{VALID_PRODUCT}]"));
    let v = proseo(&["validate", file.arg(), "--json"])
        .expect_code(0)
        .json();
    let list = v.as_array().unwrap_or_else(|| panic!("not an array: {v}"));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["label"], "Stoneware Mug");
}

#[test]
fn validate_reads_stdin() {
    let run = proseo_stdin(&["validate", "-", "--json"], INVALID_PRODUCT.as_bytes()).expect_code(1);
    assert!(codes(&run.json()).contains("price_negative"));
    proseo_stdin(&["validate", "-"], VALID_PRODUCT.as_bytes()).expect_code(0);
}

#[test]
fn validate_content_for_a_channel() {
    let html = r#"{
      "description": "<h2>Stoneware mug</h2><p>A sturdy mug.</p><script>alert(1)</script>",
      "seo_title": "Stoneware Mug | Clayworks",
      "meta_description": "A sturdy stoneware mug.",
      "slug": "stoneware-mug"
    }"#;
    let file = TempFile::new("validate_content", "c.json", html);
    let v = proseo(&[
        "validate",
        file.arg(),
        "--kind",
        "content",
        "--channel",
        "amazon",
        "--json",
    ])
    .expect_code(1)
    .json();
    assert_eq!(v["label"], "content");
    let found = codes(&v);
    assert!(found.contains("unsafe_html"), "{found:?}");
    assert!(found.contains("html_not_allowed"), "{found:?}");
    // The same content without the script is fine on WooCommerce, not on Amazon (no HTML).
    let clean = html.replace("<script>alert(1)</script>", "");
    let file = TempFile::new("validate_content", "clean.json", &clean);
    let run = proseo(&["validate", file.arg(), "--kind", "content", "--json"]).expect_code(0);
    assert!(!codes(&run.json()).contains("unsafe_html"));
    let run = proseo(&[
        "validate",
        file.arg(),
        "--kind",
        "content",
        "--channel",
        "amazon",
    ])
    .expect_code(1);
    assert!(run.stdout.contains("html_not_allowed"), "{}", run.stdout);

    let listing = r#"{
      "title": "Stoneware Mug 350 ml, Blue, Set of 2",
      "description": "A sturdy stoneware mug and saucer set.",
      "bullets": ["Holds 350 ml", "Dishwasher safe", "Microwave safe", "Handmade stoneware"]
    }"#;
    let file = TempFile::new("validate_content", "listing.json", listing);
    proseo(&[
        "validate",
        file.arg(),
        "--kind",
        "content",
        "--channel",
        "amazon",
    ])
    .expect_code(0);
}

#[test]
fn validate_malformed_json_exits_2_with_line_and_column() {
    let file = TempFile::new(
        "validate_malformed",
        "p.json",
        "{\n  \"name\": \"Mug\",\n  \"sku\": \n}\n",
    );
    let run = proseo(&["validate", file.arg()]).expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("invalid JSON at line 4, column 1"),
        "{}",
        run.stderr
    );
    // The position is given once, not repeated by the parser's message.
    assert_eq!(run.stderr.matches("line 4").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(file.arg()), "{}", run.stderr);

    let run = proseo_stdin(
        &["validate", "-", "--kind", "content"],
        b"{\"description\": ",
    )
    .expect_code(2);
    assert!(run.stderr.contains("<stdin>"), "{}", run.stderr);
    assert!(run.stderr.contains("line 1, column"), "{}", run.stderr);
}

#[test]
fn validate_wrong_shape_exits_2() {
    let file = TempFile::new("validate_shape", "p.json", r#"{"name": 5}"#);
    let run = proseo(&["validate", file.arg()]).expect_code(2);
    assert!(run.stderr.contains("wrong shape"), "{}", run.stderr);
    let file = TempFile::new("validate_shape", "c.json", r#"{"bullets": "x", "slug": 1}"#);
    let run = proseo(&["validate", file.arg(), "--kind", "content"]).expect_code(2);
    assert!(!run.stderr.contains("invalid JSON"), "{}", run.stderr);
    assert!(run.stderr.contains("line 1, column"), "{}", run.stderr);
}

#[test]
fn validate_unknown_channel_exits_2() {
    let file = TempFile::new("validate_channel", "c.json", r#"{"description": "x"}"#);
    let run = proseo(&[
        "validate",
        file.arg(),
        "--kind",
        "content",
        "--channel",
        "etsy",
    ])
    .expect_code(2);
    assert!(
        run.stderr.contains("unknown channel `etsy`"),
        "{}",
        run.stderr
    );
    for known in ["woocommerce", "amazon", "ebay", "kaufland", "allegro"] {
        assert!(run.stderr.contains(known), "{}", run.stderr);
    }
    assert!(run.stdout.is_empty());
}

#[test]
fn validate_missing_file_exits_2() {
    let missing = TempFile::path_for("validate_missing", "nope.json");
    let run = proseo(&["validate", missing.arg()]).expect_code(2);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    proseo(&["validate", missing.arg(), "--kind", "recipe"]).expect_code(2);
}

// ---------------------------------------------------------------------------------------------
// prompt

const BUILTINS: [&str; 6] = [
    "long_description",
    "short_description",
    "seo_title",
    "meta_description",
    "image_alt",
    "marketplace",
];

#[test]
fn prompt_renders_every_builtin_template() {
    let product = TempFile::new("prompt_builtin", "p.json", VALID_PRODUCT);
    for name in BUILTINS {
        let run = proseo(&["prompt", "--template", name, product.arg()]).expect_code(0);
        let out = &run.stdout;
        assert!(out.starts_with("# system\n"), "{name}: {out}");
        assert!(out.contains("\n# user\n"), "{name}");
        assert!(out.contains("Stoneware Mug"), "{name}: {out}");
        assert!(out.trim_end().ends_with("tokens"), "{name}");

        let v = proseo(&["prompt", "-t", name, product.arg(), "--json"])
            .expect_code(0)
            .json();
        assert_eq!(v["template"], name);
        assert!(
            v["system"].as_str().unwrap().contains("JSON Schema"),
            "{name}"
        );
        assert!(
            v["user"].as_str().unwrap().contains("Stoneware Mug"),
            "{name}"
        );
        assert_eq!(v["schema"]["type"], "object", "{name}");
        assert!(v["estimated_tokens"].as_u64().unwrap() > 50, "{name}");
    }
    // The default template is long_description.
    let v = proseo(&["prompt", product.arg(), "--json"])
        .expect_code(0)
        .json();
    assert_eq!(v["template"], "long_description");
}

#[test]
fn prompt_options_reach_the_prompt() {
    let product = TempFile::new("prompt_options", "p.json", VALID_PRODUCT);
    let run = proseo(&[
        "prompt",
        product.arg(),
        "--keyphrase",
        "clay cup",
        "--tone",
        "playful",
        "--banned",
        "cheap, best ever",
        "--words",
        "250",
        "--language",
        "de",
        "--channel",
        "amazon",
    ])
    .expect_code(0);
    let out = &run.stdout;
    for needle in [
        "Focus keyphrase: \"clay cup\"",
        "Tone of voice: playful",
        "cheap",
        "best ever",
        "about 250 words",
        "BCP 47 tag \"de\"",
        "amazon",
    ] {
        assert!(out.contains(needle), "no {needle:?} in\n{out}");
    }
}

#[test]
fn prompt_custom_template_file() {
    let product = TempFile::new("prompt_custom", "p.json", VALID_PRODUCT);
    let template = TempFile::new(
        "prompt_custom",
        "t.jinja",
        "{% block system %}\nYou write for {{ channel }}.\n{% endblock %}\n\
         {% block user %}\nDescribe {{ product.name }} ({{ product.sku }}).\n\
         {% for a in product.attributes %}- {{ a.name }}: {{ a['values'] | join(', ') }}\n{% endfor %}\
         {% endblock %}\n",
    );
    let v = proseo(&[
        "prompt",
        "--template",
        template.arg(),
        product.arg(),
        "--json",
    ])
    .expect_code(0)
    .json();
    assert_eq!(v["template"], "custom");
    assert_eq!(v["system"], "You write for woocommerce.");
    assert_eq!(
        v["user"],
        "Describe Stoneware Mug (MUG-1).\n- Color: Sage, Sand"
    );

    // Without blocks the whole output is the user message and the system message is built in.
    let plain = TempFile::new("prompt_custom", "plain.jinja", "Name: {{ product.name }}\n");
    let v = proseo(&["prompt", "-t", plain.arg(), product.arg(), "--json"])
        .expect_code(0)
        .json();
    assert_eq!(v["user"], "Name: Stoneware Mug");
    assert!(v["system"].as_str().unwrap().contains("JSON Schema"));

    // Product from stdin.
    let run = proseo_stdin(
        &["prompt", "-t", plain.arg(), "-"],
        VALID_PRODUCT.as_bytes(),
    )
    .expect_code(0);
    assert!(
        run.stdout.contains("# user\nName: Stoneware Mug\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn prompt_unknown_template_exits_2() {
    let product = TempFile::new("prompt_unknown", "p.json", VALID_PRODUCT);
    let missing = TempFile::path_for("prompt_unknown", "nope.jinja");
    for template in ["long_descriptoin", missing.arg()] {
        let run = proseo(&["prompt", "--template", template, product.arg()]).expect_code(2);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains(template), "{}", run.stderr);
        for name in BUILTINS {
            assert!(run.stderr.contains(name), "{}", run.stderr);
        }
    }
}

#[test]
fn prompt_template_errors_exit_2_with_line() {
    let product = TempFile::new("prompt_errors", "p.json", VALID_PRODUCT);
    let syntax = TempFile::new(
        "prompt_errors",
        "syntax.jinja",
        "{% block user %}\nName: {{ product.name }}\n{% if product.sku %}\nSKU: {{ product.sku \n{% endblock %}\n",
    );
    let run = proseo(&["prompt", "-t", syntax.arg(), product.arg()]).expect_code(2);
    assert!(run.stderr.contains("template_syntax"), "{}", run.stderr);
    assert!(run.stderr.contains("(line 5"), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    let undefined = TempFile::new(
        "prompt_errors",
        "undefined.jinja",
        "Name: {{ product.name }}\nBrand: {{ product.brnad }}\n",
    );
    let run = proseo(&["prompt", "-t", undefined.arg(), product.arg()]).expect_code(2);
    assert!(run.stderr.contains("product.brnad"), "{}", run.stderr);
    assert!(run.stderr.contains("(line 2"), "{}", run.stderr);
    assert!(
        run.stderr.contains("template_unknown_variable"),
        "{}",
        run.stderr
    );

    let no_user = TempFile::new(
        "prompt_errors",
        "no_user.jinja",
        "{% block system %}x{% endblock %}",
    );
    let run = proseo(&["prompt", "-t", no_user.arg(), product.arg()]).expect_code(2);
    assert!(run.stderr.contains("template_render"), "{}", run.stderr);
}

#[test]
fn prompt_bad_product_exits_2() {
    let malformed = TempFile::new("prompt_bad", "p.json", "{\"name\": \"Mug\",}");
    let run = proseo(&["prompt", malformed.arg()]).expect_code(2);
    assert!(
        run.stderr.contains("invalid JSON at line 1"),
        "{}",
        run.stderr
    );
    let shape = TempFile::new("prompt_bad", "shape.json", r#"{"name": ["Mug"]}"#);
    let run = proseo(&["prompt", shape.arg()]).expect_code(2);
    assert!(
        run.stderr.contains("unexpected JSON shape"),
        "{}",
        run.stderr
    );
    let missing = TempFile::path_for("prompt_bad", "nope.json");
    proseo(&["prompt", missing.arg()]).expect_code(2);
}

// ---------------------------------------------------------------------------------------------
// write

/// `write`'s CSV: WooCommerce's product import format (the core's export module).
const CSV_HEADER: [&str; 12] = [
    "ID",
    "SKU",
    "Name",
    "Short description",
    "Description",
    "Meta: _yoast_wpseo_title",
    "Meta: _yoast_wpseo_metadesc",
    "Meta: _yoast_wpseo_focuskw",
    "Meta: rank_math_title",
    "Meta: rank_math_description",
    "Meta: rank_math_focus_keyword",
    "Meta: _proseo_image_alt",
];

/// Parses `write`'s CSV output back and checks every product was written with its SEO fields
/// for both Yoast SEO and Rank Math, ready for WooCommerce's importer.
fn check_written_csv(csv_text: &str, expected_names: &[String]) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected_names.len());
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| &r[col("Name")]).collect();
    assert_eq!(names, expected_names);
    for r in &rows {
        let name = &r[col("Name")];
        assert_eq!(r.len(), CSV_HEADER.len(), "{name}");
        assert!(r[col("Description")].starts_with("<p>"), "{name}");
        // Line breaks travel as `\n`, as WooCommerce's own exporter writes them.
        assert!(!r[col("Description")].contains('\n'), "{name}");
        for field in [
            "Meta: _yoast_wpseo_title",
            "Meta: _yoast_wpseo_metadesc",
            "Meta: _yoast_wpseo_focuskw",
            "SKU",
        ] {
            assert!(!r[col(field)].is_empty(), "{name}: empty {field}");
        }
        assert_eq!(
            r[col("Meta: rank_math_title")],
            r[col("Meta: _yoast_wpseo_title")]
        );
        assert_eq!(
            r[col("Meta: rank_math_focus_keyword")],
            r[col("Meta: _yoast_wpseo_focuskw")]
        );
    }
}

/// The score table `write` prints on stderr.
fn check_table(stderr: &str, expected_names: &[String]) {
    let mut lines = stderr.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("product"), "{stderr}");
    assert!(
        header.contains("SEO") && header.contains("readability"),
        "{stderr}"
    );
    for name in expected_names {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(name.as_str()) && l.ends_with("yes")),
            "no row for {name} in\n{stderr}"
        );
    }
    let summary = format!("{} product(s) written", expected_names.len());
    assert!(stderr.contains(&summary), "{stderr}");
}

#[test]
fn write_sample_csvs_to_stdout() {
    for sample in SAMPLE_CSVS {
        let names = sample_names(sample);
        assert_eq!(names.len(), 9, "{sample}");
        let path = fixture(sample);
        let run = proseo(&["write", path.to_str().unwrap()]).expect_code(0);
        check_written_csv(&run.stdout, &names);
        check_table(&run.stderr, &names);
    }
}

#[test]
fn write_sample_csvs_as_json() {
    for sample in SAMPLE_CSVS {
        let names = sample_names(sample);
        let path = fixture(sample);
        let run = proseo(&["write", path.to_str().unwrap(), "--json"]).expect_code(0);
        let v = run.json();
        let results = v.as_array().unwrap();
        assert_eq!(results.len(), names.len(), "{sample}");
        for (r, name) in results.iter().zip(&names) {
            assert_eq!(&r["name"], name);
            assert!(r.get("error").is_none(), "{r}");
            assert_eq!(r["valid"], true, "{name}: {}", r["issues"]);
            assert!(
                matches!(r["seo_rating"].as_str(), Some("ok" | "good")),
                "{name}: {}",
                r["seo_rating"]
            );
            assert!(matches!(
                r["readability_rating"].as_str(),
                Some("ok" | "good")
            ));
            let content = &r["content"];
            for field in ["description", "seo_title", "meta_description", "slug"] {
                assert!(
                    !content[field].as_str().unwrap().is_empty(),
                    "{name}: empty {field}"
                );
            }
            assert_check_objects(&r["checks"]);
        }
        check_table(&run.stderr, &names);
    }
}

#[test]
fn write_to_output_file() {
    for (i, sample) in SAMPLE_CSVS.iter().enumerate() {
        let names = sample_names(sample);
        let path = fixture(sample);
        let out = TempFile::path_for("write_out", &format!("{i}.csv"));
        let run = proseo(&["write", path.to_str().unwrap(), "-o", out.arg()]).expect_code(0);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        check_table(&run.stderr, &names);
        check_written_csv(&std::fs::read_to_string(&out.0).unwrap(), &names);

        let json_out = TempFile::path_for("write_out", &format!("{i}.json"));
        let run = proseo(&[
            "write",
            path.to_str().unwrap(),
            "--json",
            "--out",
            json_out.arg(),
        ])
        .expect_code(0);
        assert!(run.stdout.is_empty());
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&json_out.0).unwrap()).unwrap();
        assert_eq!(v.as_array().unwrap().len(), names.len());
    }
}

#[test]
fn write_honours_banned_words() {
    let path = fixture(SAMPLE_CSVS[0]);
    let run = proseo(&[
        "write",
        path.to_str().unwrap(),
        "--banned",
        "favorite, everyday",
        "--tone",
        "professional",
        "--json",
    ])
    .expect_code(0);
    for r in run.json().as_array().unwrap() {
        let description = r["content"]["description"].as_str().unwrap().to_lowercase();
        for word in description.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            assert!(word != "favorite" && word != "everyday", "{description}");
        }
    }
}

#[test]
fn write_reads_stdin() {
    let csv_text = std::fs::read(fixture(SAMPLE_CSVS[0])).unwrap();
    let run = proseo_stdin(&["write", "-"], &csv_text).expect_code(0);
    check_written_csv(&run.stdout, &sample_names(SAMPLE_CSVS[0]));
}

#[test]
fn write_product_without_name_exits_1() {
    let file = TempFile::new(
        "write_noname",
        "p.csv",
        "Type,SKU,Name\nsimple,MUG-1,Stoneware Mug\nsimple,MUG-2,\n",
    );
    let run = proseo(&["write", file.arg()]).expect_code(1);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "only the product that could be written");
    assert_eq!(&rows[0][1], "MUG-1");
    assert_eq!(&rows[0][2], "Stoneware Mug");
    assert!(run.stderr.contains("writer_missing_name"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 product(s) written"),
        "{}",
        run.stderr
    );
}

#[test]
fn write_defuses_formula_cells() {
    // Product data that a spreadsheet would run as formulas: every output cell that starts
    // with `=`, `+`, `-` or `@` must carry the leading `'` (OWASP's CSV injection advice).
    let file = TempFile::new(
        "write_formula",
        "p.csv",
        "ID,Type,SKU,Name\n=1+1,simple,@SUM(A1:A9),\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"\n\
         2,simple,-5,+Mug\n",
    );
    let run = proseo(&["write", file.arg()]).expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    // `=1+1` is no WooCommerce post id: the row updates by SKU, its ID cell stays empty.
    assert_eq!(&rows[0][0], "");
    assert!(run.stderr.contains("export_id_invalid"), "{}", run.stderr);
    assert_eq!(&rows[0][1], "'@SUM(A1:A9)");
    assert_eq!(&rows[0][2], "'=HYPERLINK(\"https://evil.example\",\"x\")");
    assert_eq!(&rows[1][0], "2");
    assert_eq!(&rows[1][1], "'-5");
    assert_eq!(&rows[1][2], "'+Mug");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?} in {row:?}"
            );
        }
    }
}

#[test]
fn write_never_exports_content_that_needed_unsafe_markup_removed() {
    // A product name carrying markup ends up in the writer's SEO title and alt texts: the
    // JSON shows the sanitized fields and `unsafe_html`; the import CSV leaves the row out.
    let file = TempFile::new(
        "write_sanitized",
        "p.csv",
        "Type,SKU,Name\nsimple,M-1,\"Mug <img src=x onerror=alert(1)>\"\nsimple,M-2,Plate\n",
    );
    let run = proseo(&["write", file.arg()]).expect_code(1);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][2], "Plate");
    assert!(!run.stdout.contains("onerror"), "{}", run.stdout);
    assert!(run.stderr.contains("unsafe_html"), "{}", run.stderr);
    let run = proseo(&["write", "--json", file.arg()]).expect_code(0);
    let out = run.json();
    assert!(codes(&out[0]).contains("unsafe_html"), "{out}");
    let content = &out[0]["content"];
    for field in ["seo_title", "meta_description", "description"] {
        assert!(
            !content[field].as_str().unwrap().contains("<img"),
            "{field}"
        );
    }
}

#[test]
fn write_stops_at_its_product_limit() {
    // The CLI reads up to 100,000 products (the edge API: 5,000); one more is an input error
    // found before anything is written.
    let csv = format!("Name\n{}", "Mug\n".repeat(100_001));
    let file = TempFile::new("write_limit", "p.csv", csv);
    let run = proseo(&["write", file.arg()]).expect_code(2);
    assert!(
        run.stderr.contains("csv_too_many_products"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("more than 100000 products"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn write_non_csv_input_exits_2() {
    let json = TempFile::new("write_noncsv", "p.json", VALID_PRODUCT);
    let run = proseo(&["write", json.arg()]).expect_code(2);
    assert!(run.stderr.contains("csv_missing_column"), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    let header_only = TempFile::new("write_noncsv", "empty.csv", "ID,Type,SKU,Name\n");
    let run = proseo(&["write", header_only.arg()]).expect_code(2);
    assert!(run.stderr.contains("csv_empty"), "{}", run.stderr);

    let empty = TempFile::new("write_noncsv", "zero.csv", "");
    proseo(&["write", empty.arg()]).expect_code(2);

    let binary = TempFile::new("write_noncsv", "bin.csv", b"Name\n\xff\xfe\x00\x01\n");
    let run = proseo(&["write", binary.arg()]).expect_code(2);
    assert!(run.stdout.is_empty());

    let run = proseo_stdin(&["write", "-"], b"not,a\nproduct,export\n").expect_code(2);
    assert!(run.stderr.contains("<stdin>"), "{}", run.stderr);
}

#[test]
fn write_missing_file_exits_2() {
    let missing = TempFile::path_for("write_missing", "nope.csv");
    let run = proseo(&["write", missing.arg()]).expect_code(2);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    // An output path that cannot be created is an error too.
    let path = fixture(SAMPLE_CSVS[0]);
    let bad_out = TempFile::path_for("write_missing", "no-such-dir/out.csv");
    let run = proseo(&["write", path.to_str().unwrap(), "-o", bad_out.arg()]).expect_code(2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

/// `proseo write` scores what it writes with the core's one scoring of generated content
/// (`analysis::score_generated`, which the edge API's generate pipeline calls too): the same
/// keyphrase, locale, synonyms and product facts (SKU, GTIN, variations, images with the
/// generated alt texts), so the CLI and the API give the same verdicts for the same content.
#[test]
fn write_scores_generated_content_as_the_edge_api_does() {
    use proseo_core::analysis::score_generated;
    use proseo_core::content::GeneratedContent;
    use proseo_core::prompt::PromptOptions;
    for sample in SAMPLE_CSVS {
        let path = fixture(sample);
        let run = proseo(&["write", path.to_str().unwrap(), "--json"]).expect_code(0);
        let results = run.json();
        let csv_text = std::fs::read_to_string(&path).unwrap();
        let products = proseo_core::woocsv::parse_products(&csv_text)
            .unwrap()
            .products;
        let results = results.as_array().unwrap();
        assert_eq!(results.len(), products.len());
        for (r, p) in results.iter().zip(&products) {
            let content: GeneratedContent = serde_json::from_value(r["content"].clone()).unwrap();
            let a = score_generated(p, &content, &PromptOptions::default());
            assert_eq!(r["seo_score"], a.seo.score, "{}", p.name);
            assert_eq!(r["readability_score"], a.readability.score, "{}", p.name);
            let ours: Vec<Value> = a
                .checks()
                .map(|c| serde_json::json!({"id": c.id, "score": c.score, "rating": c.rating}))
                .collect();
            let cli: Vec<Value> = r["checks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| serde_json::json!({"id": c["id"], "score": c["score"], "rating": c["rating"]}))
                .collect();
            assert_eq!(cli, ours, "{}", p.name);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// export, jsonld, duplicates

/// Options a seller would give each format for the samples (which name no currency, brand or
/// stock).
fn seller_args(channel: &str) -> Vec<&'static str> {
    let currency = if channel == "allegro" { "PLN" } else { "USD" };
    let mut args = vec!["--currency", currency, "--brand", "Woo", "--quantity", "5"];
    args.extend(match channel {
        "amazon" => vec!["--category", "APPAREL", "--map", "Tshirts=SHIRT"],
        "ebay" => vec![
            "--category",
            "11450",
            "--constant",
            "*Location=San Francisco",
            "--constant",
            "*DispatchTimeMax=2",
        ],
        "allegro" => vec!["--category", "1454", "--locale", "pl-PL"],
        _ => vec![],
    });
    args
}

#[test]
fn export_writes_every_channel_from_a_csv() {
    let path = fixture(SAMPLE_CSVS[1]);
    for channel in [
        "woocommerce",
        "amazon",
        "ebay",
        "allegro",
        "jsonld",
        "kaufland",
    ] {
        let mut args = vec!["export", "--channel", channel, path.to_str().unwrap()];
        args.extend(seller_args(channel));
        let run = proseo(&args);
        // The blouse has no price: the feeds that list an offer leave it out (exit 1); the
        // samples have no GTIN, which Kaufland's file is keyed by.
        let (rows, expect_code) = match channel {
            "woocommerce" => (9, 0),
            "kaufland" => (0, 1),
            _ => (8, 1),
        };
        let run = run.expect_code(expect_code);
        assert!(
            run.stderr.contains(&format!(
                "{channel}: {rows} row(s) written, {} left out",
                9 - rows
            )),
            "{channel}: {}",
            run.stderr
        );
        match channel {
            "allegro" | "jsonld" => {
                let v: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(v.as_array().unwrap().len(), rows, "{channel}");
            }
            _ => {
                let delimiter = match channel {
                    "amazon" => b'\t',
                    "kaufland" => b';',
                    _ => b',',
                };
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .from_reader(run.stdout.as_bytes());
                assert_eq!(r.records().count(), rows, "{channel}");
            }
        }
    }
    // Blouse's missing price is named on stderr.
    let mut args = vec!["export", "--channel", "ebay", path.to_str().unwrap()];
    args.extend(seller_args("ebay"));
    let run = proseo(&args).expect_code(1);
    assert!(
        run.stderr
            .contains("Blouse /product/regular_price export_price_missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_takes_a_json_list_of_items_and_refuses_with_strict() {
    let items = serde_json::json!([
        {
            "product": {"id": "7", "name": "Mug", "sku": "MUG-1", "gtin": "4006381333931",
                        "images": [{"src": "https://shop.example/mug.jpg"}]},
            "content": {"title": "Acme Stoneware Mug", "description": "<p>A sturdy mug.</p>"}
        },
        {
            "product": {"name": "Plate", "gtin": "4006381333932"},
            "content": {"title": "Plate", "description": "<p>A plate.</p>"}
        }
    ]);
    let file = TempFile::new("export_json", "items.json", items.to_string());
    let out = TempFile::path_for("export_json", "out.csv");
    let run = proseo(&["export", "-c", "kaufland", file.arg(), "-o", out.arg()]).expect_code(1);
    let body = std::fs::read_to_string(&out.0).unwrap();
    assert!(
        body.starts_with("ean;locale;title;description;picture;"),
        "{body}"
    );
    assert!(
        body.contains("4006381333931;de-DE;Acme Stoneware Mug;<p>A sturdy mug.</p>"),
        "{body}"
    );
    assert!(!body.contains("Plate"));
    assert!(run.stderr.contains("export_gtin_invalid"), "{}", run.stderr);
    let run = proseo(&["export", "-c", "kaufland", "--strict", file.arg()]).expect_code(1);
    assert!(run.stdout.is_empty(), "nothing is written with --strict");
    assert!(
        run.stderr.contains("nothing written (--strict)"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_usage_errors_exit_2() {
    let path = fixture(SAMPLE_CSVS[0]);
    let path = path.to_str().unwrap();
    let run = proseo(&["export", "-c", "etsy", path]).expect_code(2);
    assert!(
        run.stderr.contains("export_format_unknown"),
        "{}",
        run.stderr
    );
    let run = proseo(&["export", "-c", "amazon", "--currency", "EURO", path]).expect_code(2);
    assert!(
        run.stderr.contains("export_options_invalid"),
        "{}",
        run.stderr
    );
    let run = proseo(&["export", "-c", "amazon", "--map", "Tshirts", path]).expect_code(2);
    assert!(
        run.stderr.contains("expected `name=value`"),
        "{}",
        run.stderr
    );
    let run = proseo(&["export", "-c", "amazon", "--constant", "item_sku=x", path]).expect_code(2);
    assert!(run.stderr.contains("own columns"), "{}", run.stderr);
}

#[test]
fn jsonld_prints_the_object_or_its_script_tag() {
    let product = TempFile::new(
        "jsonld",
        "p.json",
        r#"{"name":"Mug","regular_price":"9.5","currency":"EUR","brand":"Acme",
            "images":[{"src":"https://shop.example/mug.jpg"}],"in_stock":true}"#,
    );
    let content = TempFile::new(
        "jsonld",
        "c.json",
        r#"{"description":"<p>A mug for &lt;/script&gt; lovers.</p>"}"#,
    );
    let run = proseo(&["jsonld", product.arg(), "--content", content.arg()]).expect_code(0);
    let v = run.json();
    assert_eq!(v["eligible"], true);
    assert_eq!(v["json_ld"]["offers"]["price"], "9.50");
    assert_eq!(v["json_ld"]["description"], "A mug for </script> lovers.");
    let run = proseo(&[
        "jsonld",
        "--script",
        product.arg(),
        "--content",
        content.arg(),
    ])
    .expect_code(0);
    assert_eq!(run.stdout.matches("</script>").count(), 1);
    assert!(run.stdout.contains("\\u003c/script>"), "{}", run.stdout);
    // No price, no image: not eligible, exit 1, the checks say why.
    let bare = TempFile::new("jsonld", "bare.json", r#"{"name":"Mug"}"#);
    let run = proseo(&["jsonld", bare.arg()]).expect_code(1);
    let out = run.json();
    let codes: Vec<&str> = out["checks"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"jsonld_image_missing") && codes.contains(&"jsonld_offer_missing"),
        "{codes:?}"
    );
}

#[test]
fn duplicates_finds_the_samples_lorem_ipsum_but_not_the_writers_text() {
    for sample in SAMPLE_CSVS {
        let path = fixture(sample);
        // The samples' own descriptions are the same placeholder text.
        let run = proseo(&["duplicates", "--json", path.to_str().unwrap()]).expect_code(1);
        let v = run.json();
        assert!(v["pairs_total"].as_u64().unwrap() > 10, "{v}");
        assert_eq!(v["max_similarity"], 1.0);
        // The offline writer's descriptions of the same products are not near-duplicates.
        let run = proseo(&["duplicates", "--written", path.to_str().unwrap()]).expect_code(0);
        assert!(
            run.stdout
                .starts_with("near-duplicate descriptions: 0 pair(s)"),
            "{}",
            run.stdout
        );
    }
    let list = TempFile::new(
        "duplicates",
        "d.json",
        r#"[{"id":"a","description":"<p>one two three four five six</p>"},
            {"id":"b","description":"<p>one two three four five six</p>"},
            {"id":"c","description":"<p>something else entirely here</p>"}]"#,
    );
    let run = proseo(&["duplicates", "--json", list.arg()]).expect_code(1);
    let v = run.json();
    assert_eq!(v["pairs_total"], 1);
    assert_eq!(v["pairs"][0]["a"], "a");
    proseo(&["duplicates", "--threshold", "2", list.arg()]).expect_code(2);
}

// ---------------------------------------------------------------------------------------------
// Languages: the CLI's analysis equals the core's, byte for byte

/// Every per-language fixture of the core (`crates/core/tests/fixtures/analyze/lang_*.json`)
/// through `proseo analyze --json` gives exactly the core's analysis as the CLI serializes it
/// (the npm package and the edge API compare the same fixtures: pkg/test/suite.mjs,
/// tests/edge/stateless.test.mjs).
#[test]
fn analyze_json_equals_the_core_in_every_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/analyze");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("lang_") && !name.ends_with(".expected.json")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 42, "{} language fixtures", files.len());
    let mut languages = BTreeSet::new();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input: proseo_core::analysis::AnalyzeInput =
            serde_json::from_value(fixture["input"].clone()).unwrap();
        let html = TempFile::new("analyze_languages", &format!("{name}.html"), &input.content);
        let profile = match input.profile {
            proseo_core::analysis::Profile::Product => "product",
            proseo_core::analysis::Profile::Article => "article",
        };
        let synonyms = input.synonyms.join(",");
        let run = proseo(&[
            "analyze",
            html.arg(),
            "-k",
            &input.keyphrase,
            "--synonyms",
            &synonyms,
            "--title",
            &input.title,
            "--meta",
            &input.meta_description,
            "--slug",
            &input.slug,
            "--locale",
            &input.locale,
            "--profile",
            profile,
            "--json",
        ])
        .expect_code(0);
        let core = proseo_core::analysis::analyze(&input);
        let want = serde_json::to_string_pretty(&core).unwrap() + "\n";
        assert_eq!(run.stdout, want, "{name}");
        languages.insert(core.language.code());
    }
    assert_eq!(languages.len(), 14, "{languages:?}");
}

// The offline writer in other languages

/// The writer languages besides English, each with a sample catalog in
/// `data/woocommerce/sample_<code>_8_products.csv`.
const WRITER_LANGUAGES: [&str; 7] = ["es", "de", "fr", "it", "pt", "nl", "pl"];

/// `proseo write` on a Spanish catalog, with no `--language`: Spanish copy for every product
/// (the catalog's language is detected), scored in Spanish, no English around the names.
#[test]
fn write_detects_the_catalog_language() {
    for code in WRITER_LANGUAGES {
        let path = fixture(&format!("sample_{code}_8_products.csv"));
        let run = proseo(&["write", "--json", path.to_str().unwrap()]).expect_code(0);
        let v = run.json();
        let results = v.as_array().unwrap();
        assert_eq!(results.len(), 8, "{code}");
        for r in results {
            assert!(r.get("error").is_none(), "{r}");
            let description = r["content"]["description"].as_str().unwrap();
            let guessed = proseo_core::lang::guess(description).map(|g| g.language.code());
            assert_eq!(guessed, Some(code), "{code}: {}", r["name"]);
            assert!(
                r["seo_score"].as_u64().unwrap() >= 70
                    && r["readability_score"].as_u64().unwrap() >= 70,
                "{code}: {} {} {}",
                r["name"],
                r["seo_score"],
                r["readability_score"]
            );
            assert_eq!(r["valid"], true, "{code}: {}", r["issues"]);
        }
    }
}

/// `proseo write --language <code>` writes what the core writes, byte for byte (the npm
/// package and the Worker compare the same products: pkg/build/parity.json's `written`, from
/// crates/wasm/src/bin/gen-pkg-data.rs).
#[test]
fn write_language_option_equals_the_core() {
    for code in WRITER_LANGUAGES {
        let path = fixture(&format!("sample_{code}_8_products.csv"));
        let products =
            proseo_core::woocsv::parse_products(&std::fs::read_to_string(&path).unwrap())
                .unwrap()
                .products;
        for (tone, index) in [("", 0usize), ("professional", 1)] {
            let run = proseo(&[
                "write",
                "--json",
                "--language",
                code,
                "--tone",
                tone,
                path.to_str().unwrap(),
            ])
            .expect_code(0);
            let v = run.json();
            let mut options = proseo_core::prompt::PromptOptions {
                language: code.to_owned(),
                ..Default::default()
            };
            options.voice.tone = tone.to_owned();
            let core = proseo_core::writer::write(&products[index], &options).unwrap();
            let want = proseo_core::validate::sanitize_content(&core).content;
            assert_eq!(
                v[index]["content"],
                serde_json::to_value(&want).unwrap(),
                "{code} {tone}"
            );
        }
    }
}

/// A language without a phrase book: every product fails with `writer_unsupported_language`,
/// whose message points to an LLM provider.
#[test]
fn write_refuses_a_language_without_a_phrase_book() {
    let path = fixture("sample_de_8_products.csv");
    let run = proseo(&[
        "write",
        "--json",
        "--language",
        "ja",
        path.to_str().unwrap(),
    ])
    .expect_code(1);
    let v = run.json();
    for r in v.as_array().unwrap() {
        let error = r["error"].as_str().unwrap();
        assert!(error.contains("writer_unsupported_language"), "{error}");
        assert!(error.contains("LLM provider"), "{error}");
    }
}
