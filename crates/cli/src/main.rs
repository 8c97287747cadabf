//! `proseo`: the command line over proseo-core.
//!
//! Commands: `analyze` (SEO + readability of an HTML description), `validate` (product or
//! generated content), `prompt` (render an LLM prompt), `write` (offline writer over a
//! WooCommerce product CSV). Human-readable output by default, `--json` for machines.
//!
//! Exit codes: 0 success; 1 the input was read but is invalid (`validate` found errors, `write`
//! could not write a product); 2 usage or input errors (missing file, malformed JSON/CSV,
//! template error).

mod output;

use std::fs;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use proseo_core::analysis::{self, split_synonyms, AnalyzeInput, Profile};
use proseo_core::prompt::{self, PromptOptions, TemplateRef};
use proseo_core::validate::{self, Channel, GeneratedContent};
use proseo_core::{product::Product, woocsv, ErrorCode};

/// CSV limits of `proseo write`: the file is the user's own, so they are wider than the edge
/// API's (5,000 products per job); cells and columns stay bounded as there.
const CSV_LIMITS: woocsv::ParseLimits = woocsv::ParseLimits {
    max_products: 100_000,
    max_rows: 1_000_000,
    max_list_entries: 10_000_000,
    ..woocsv::ParseLimits::EDGE
};

#[derive(Parser)]
#[command(
    name = "proseo",
    version,
    about = "Write, score and validate SEO product descriptions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    Product,
    Article,
}

#[derive(Clone, Copy, ValueEnum)]
enum ValidateKind {
    /// A product (JSON object, or an array of them).
    Product,
    /// Generated content (description, seo_title, meta_description, …).
    Content,
}

#[derive(Subcommand)]
enum Command {
    /// SEO + readability analysis of an HTML description (`-` reads stdin).
    Analyze {
        /// HTML file with the description.
        file: PathBuf,
        /// Focus keyphrase.
        #[arg(long, short = 'k', default_value = "")]
        keyphrase: String,
        /// Comma-separated synonyms of the keyphrase.
        #[arg(long, default_value = "")]
        synonyms: String,
        /// SEO title.
        #[arg(long, default_value = "")]
        title: String,
        /// Meta description.
        #[arg(long, default_value = "")]
        meta: String,
        /// URL slug.
        #[arg(long, default_value = "")]
        slug: String,
        /// Locale (en_US, de_DE…).
        #[arg(long, default_value = "en_US")]
        locale: String,
        /// Threshold profile.
        #[arg(long, value_enum, default_value = "product")]
        profile: ProfileArg,
        /// The shop's base URL, so links to it count as internal.
        #[arg(long)]
        site_url: Option<String>,
        /// Print the analysis as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate a product (or generated content) JSON file.
    Validate {
        /// JSON file (`-` reads stdin).
        file: PathBuf,
        /// What the file holds.
        #[arg(long, value_enum, default_value = "product")]
        kind: ValidateKind,
        /// Channel whose rules apply to content (woocommerce, amazon, ebay, kaufland, allegro).
        #[arg(long, default_value = "woocommerce")]
        channel: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Render an LLM prompt for a product.
    Prompt {
        /// Built-in template name, or a path to a Jinja template file.
        #[arg(long, short = 't', default_value = "long_description")]
        template: String,
        /// Product JSON file.
        file: PathBuf,
        /// Focus keyphrase (default: the product's, then its name).
        #[arg(long)]
        keyphrase: Option<String>,
        /// Brand tone.
        #[arg(long, default_value = "")]
        tone: String,
        /// Comma-separated words the text must not use.
        #[arg(long, default_value = "")]
        banned: String,
        /// Target length in words.
        #[arg(long)]
        words: Option<u32>,
        /// Language (BCP 47).
        #[arg(long, default_value = "en")]
        language: String,
        /// Sales channel.
        #[arg(long, default_value = "woocommerce")]
        channel: String,
        /// Print the built prompt as JSON (system, user, schema, token estimate).
        #[arg(long)]
        json: bool,
    },
    /// Write descriptions for every product of a WooCommerce product CSV, with the offline
    /// writer, and score them.
    Write {
        /// WooCommerce product export (CSV).
        file: PathBuf,
        /// Write the results here instead of stdout.
        #[arg(long, short = 'o')]
        out: Option<PathBuf>,
        /// Brand tone (friendly, professional, luxury, playful).
        #[arg(long, default_value = "")]
        tone: String,
        /// Comma-separated words the text must not use.
        #[arg(long, default_value = "")]
        banned: String,
        /// Emit a JSON list instead of CSV.
        #[arg(long)]
        json: bool,
    },
}

/// A failure with its exit code and a message for stderr.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn input(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

type CliResult = Result<ExitCode, Failure>;

fn read_input(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::input(format!("cannot read stdin: {e}")))?;
        return Ok(s);
    }
    fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))
}

/// How a path is named in messages: `-` is stdin.
fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, Failure> {
    serde_json::from_str(text).map_err(|e| {
        // serde_json's message ends with " at line L column C"; the position is reported once,
        // in front. Well-formed JSON of the wrong shape is not called invalid JSON.
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        let what = match e.classify() {
            serde_json::error::Category::Data => "unexpected JSON shape",
            _ => "invalid JSON",
        };
        Failure::input(format!(
            "{}: {what} at line {}, column {}: {message}",
            display_name(path),
            e.line(),
            e.column()
        ))
    })
}

fn print(s: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure {
            code: 2,
            message: format!("cannot write output: {e}"),
        })
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::input(format!("cannot serialize: {e}")))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze {
            file,
            keyphrase,
            synonyms,
            title,
            meta,
            slug,
            locale,
            profile,
            site_url,
            json,
        } => analyze(
            &file,
            AnalyzeInput {
                keyphrase,
                synonyms: split_synonyms(&synonyms),
                title,
                meta_description: meta,
                slug,
                locale,
                profile: match profile {
                    ProfileArg::Product => Profile::Product,
                    ProfileArg::Article => Profile::Article,
                },
                site_url,
                ..AnalyzeInput::default()
            },
            json,
        ),
        Command::Validate {
            file,
            kind,
            channel,
            json,
        } => validate_cmd(&file, kind, &channel, json),
        Command::Prompt {
            template,
            file,
            keyphrase,
            tone,
            banned,
            words,
            language,
            channel,
            json,
        } => {
            let mut options = PromptOptions {
                keyphrase,
                target_words: words,
                language,
                channel,
                ..PromptOptions::default()
            };
            options.voice.tone = tone;
            options.voice.banned_words = split_synonyms(&banned);
            prompt_cmd(&template, &file, options, json)
        }
        Command::Write {
            file,
            out,
            tone,
            banned,
            json,
        } => {
            let mut options = PromptOptions::default();
            options.voice.tone = tone;
            options.voice.banned_words = split_synonyms(&banned);
            write_cmd(&file, out.as_deref(), &options, json)
        }
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            eprintln!("proseo: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn analyze(file: &Path, mut input: AnalyzeInput, json: bool) -> CliResult {
    input.content = read_input(file)?;
    let analysis = analysis::analyze(&input);
    if json {
        print(&to_json(&analysis)?)?;
    } else {
        print(&output::analysis_text(&analysis, &input.content))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn validate_cmd(file: &Path, kind: ValidateKind, channel: &str, json: bool) -> CliResult {
    let text = read_input(file)?;
    let channel = Channel::parse(channel).ok_or_else(|| {
        let known: Vec<&str> = Channel::all().iter().map(|c| c.id()).collect();
        Failure::input(format!(
            "unknown channel `{channel}`; known: {}",
            known.join(", ")
        ))
    })?;
    // An array in gives an array out (also with one element); an object gives an object.
    let mut list_input = false;
    let reports: Vec<(String, proseo_core::report::Report)> = match kind {
        ValidateKind::Product => {
            let value: serde_json::Value = parse_json(file, &text)?;
            let items = match value {
                serde_json::Value::Array(items) => {
                    list_input = true;
                    items
                }
                other => vec![other],
            };
            let mut out = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let product: Product = serde_json::from_value(item).map_err(|e| {
                    Failure::input(format!(
                        "{}: product {i} has the wrong shape: {e}",
                        display_name(file)
                    ))
                })?;
                let label = if product.name.is_empty() {
                    format!("product {i}")
                } else {
                    product.name.clone()
                };
                out.push((label, validate::validate_product(&product)));
            }
            out
        }
        ValidateKind::Content => {
            let content: GeneratedContent = parse_json(file, &text)?;
            vec![(
                "content".to_owned(),
                validate::validate_content(&content, channel),
            )]
        }
    };
    let valid = reports.iter().all(|(_, r)| r.is_valid());
    if json {
        let list: Vec<serde_json::Value> = reports
            .iter()
            .map(|(label, r)| serde_json::json!({ "label": label, "valid": r.is_valid(), "issues": r.issues }))
            .collect();
        match list.as_slice() {
            [single] if !list_input => print(&to_json(single)?)?,
            _ => print(&to_json(&list)?)?,
        }
    } else {
        print(&output::reports_text(&reports))?;
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn prompt_cmd(template: &str, file: &Path, mut options: PromptOptions, json: bool) -> CliResult {
    let product: Product = parse_json(file, &read_input(file)?)?;
    options.template = if prompt::templates::builtin(template).is_some() {
        TemplateRef::Builtin(template.to_owned())
    } else if Path::new(template).is_file() {
        TemplateRef::Custom(read_input(Path::new(template))?)
    } else {
        return Err(Failure::input(format!(
            "`{template}` is neither a built-in template ({}) nor a template file",
            prompt::templates::builtin_names().join(", ")
        )));
    };
    let built = prompt::render(&options, &product)
        .map_err(|e| Failure::input(format!("{template}: {e} [{}]", e.code())))?;
    if json {
        print(&to_json(&built)?)?;
    } else {
        print(&format!(
            "# system\n{}\n\n# user\n{}\n\n# ~{} tokens\n",
            built.system, built.user, built.estimated_tokens
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_cmd(file: &Path, out: Option<&Path>, options: &PromptOptions, json: bool) -> CliResult {
    let text = read_input(file)?;
    let parsed = woocsv::parse_products_with(&text, &CSV_LIMITS)
        .map_err(|e| Failure::input(format!("{}: {e} [{}]", display_name(file), e.code())))?;
    for w in &parsed.warnings.issues {
        eprintln!("proseo: warning: {} [{}]", w.message, w.code);
    }
    let results = output::write_all(&parsed.products, options);
    let body = if json {
        to_json(&results)?
    } else {
        output::results_csv(&results).map_err(Failure::input)?
    };
    match out {
        Some(path) => fs::write(path, body)
            .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display())))?,
        None => print(&body)?,
    }
    eprint!("{}", output::results_table(&results));
    let failed = results.iter().filter(|r| r.error.is_some()).count();
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
