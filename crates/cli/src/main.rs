//! `proseo`: the command line over proseo-core.
//!
//! Commands: `analyze` (SEO + readability of an HTML description), `validate` (product or
//! generated content), `prompt` (render an LLM prompt), `write` (offline writer over a
//! WooCommerce product CSV, written back as a WooCommerce import CSV), `export` (a
//! marketplace feed or JSON-LD), `jsonld` (one product's JSON-LD and its checks),
//! `duplicates` (near-duplicate descriptions in a catalog). Human-readable output by default,
//! `--json` for machines. Every file format is written by the core's `export` module.
//!
//! Exit codes: 0 success; 1 the input was read but is invalid (`validate` found errors, `write`
//! or `export` could not write or left out a product, `jsonld` found a missing requirement,
//! `duplicates` found near-duplicates); 2 usage or input errors (missing file, malformed
//! JSON/CSV, template error, unusable export options).

mod output;

use std::fs;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use proseo_core::analysis::{self, split_synonyms, AnalyzeInput, Profile};
use proseo_core::duplicate::{self, CatalogEntry, Signature};
use proseo_core::export::{self, ExportItem, ExportOptions, Format, JsonLdOptions};
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
        /// Language (BCP 47) for a product without a `language` of its own. Default: the
        /// language the product's data is written in, else English.
        #[arg(long, default_value = "")]
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
        /// Language to write in (BCP 47: es, de-DE…) for products without a `language` of
        /// their own. Default: the language the catalog is written in, else English. The
        /// offline writer writes en, es, de, fr, it, pt, nl and pl.
        #[arg(long)]
        language: Option<String>,
        /// Emit a JSON list instead of CSV.
        #[arg(long)]
        json: bool,
    },
    /// Export a feed: a WooCommerce product CSV (content written by the offline writer for the
    /// channel) or a JSON list of `{product, content, keyphrase?, quantity?}` items, written as
    /// a WooCommerce import CSV, an Amazon, eBay, Kaufland or Allegro feed, or JSON-LD.
    Export {
        /// Products: a WooCommerce product CSV, or a JSON list of export items (`-` reads stdin).
        file: PathBuf,
        /// Format: woocommerce, amazon, ebay, kaufland, allegro, jsonld.
        #[arg(long, short = 'c', visible_alias = "format")]
        channel: String,
        /// Write the feed here instead of stdout.
        #[arg(long, short = 'o')]
        out: Option<PathBuf>,
        /// ISO 4217 currency of products that name none.
        #[arg(long)]
        currency: Option<String>,
        /// Brand of products that name none.
        #[arg(long)]
        brand: Option<String>,
        /// Listing locale (de-DE, pl-PL…): Kaufland's locale, Allegro's language, eBay's site.
        #[arg(long)]
        locale: Option<String>,
        /// Marketplace category of products no `--map` matches.
        #[arg(long)]
        category: Option<String>,
        /// Map a shop category to a marketplace category: `"Clothing > Tshirts=15687"`
        /// (repeatable; first match wins).
        #[arg(long = "map")]
        maps: Vec<String>,
        /// Units in stock for products in stock whose quantity is unknown.
        #[arg(long)]
        quantity: Option<u32>,
        /// A column with one value on every row: `"*Location=Berlin"` (repeatable).
        #[arg(long = "constant")]
        constants: Vec<String>,
        /// Refuse the whole export when a row breaks a rule (default: leave it out).
        #[arg(long)]
        strict: bool,
        /// Brand tone for the offline writer (CSV input).
        #[arg(long, default_value = "")]
        tone: String,
    },
    /// JSON-LD (schema.org Product) of one product, with Google's rich-result checks.
    Jsonld {
        /// Product JSON file (`-` reads stdin).
        file: PathBuf,
        /// Generated content JSON whose description the page shows.
        #[arg(long)]
        content: Option<PathBuf>,
        /// ISO 4217 currency when the product names none.
        #[arg(long)]
        currency: Option<String>,
        /// Brand when the product names none.
        #[arg(long)]
        brand: Option<String>,
        /// The product page URL when the product has none.
        #[arg(long)]
        url: Option<String>,
        /// Print the HTML `<script type="application/ld+json">` element instead of JSON.
        #[arg(long)]
        script: bool,
    },
    /// Near-duplicate descriptions across a catalog (MinHash over three-word shingles).
    Duplicates {
        /// A WooCommerce product CSV (its descriptions), or a JSON list of
        /// `{"id", "description"}` (`-` reads stdin).
        file: PathBuf,
        /// Check what the offline writer writes for a CSV's products instead of their current
        /// descriptions.
        #[arg(long)]
        written: bool,
        /// Similarity from which a pair counts (0–1).
        #[arg(long, default_value_t = duplicate::NEAR_DUPLICATE_THRESHOLD)]
        threshold: f64,
        /// Print the result as JSON.
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
            language,
            json,
        } => {
            let mut options = PromptOptions {
                language: language.unwrap_or_default(),
                ..PromptOptions::default()
            };
            options.voice.tone = tone;
            options.voice.banned_words = split_synonyms(&banned);
            write_cmd(&file, out.as_deref(), &options, json)
        }
        Command::Export {
            file,
            channel,
            out,
            currency,
            brand,
            locale,
            category,
            maps,
            quantity,
            constants,
            strict,
            tone,
        } => export_options(
            currency, brand, locale, category, &maps, quantity, &constants, strict,
        )
        .and_then(|options| export_cmd(&file, &channel, out.as_deref(), options, &tone)),
        Command::Jsonld {
            file,
            content,
            currency,
            brand,
            url,
            script,
        } => jsonld_cmd(
            &file,
            content.as_deref(),
            JsonLdOptions {
                currency,
                brand,
                url,
            },
            script,
        ),
        Command::Duplicates {
            file,
            written,
            threshold,
            json,
        } => duplicates_cmd(&file, written, threshold, json),
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

fn read_csv(file: &Path) -> Result<Vec<Product>, Failure> {
    let text = read_input(file)?;
    let parsed = woocsv::parse_products_with(&text, &CSV_LIMITS)
        .map_err(|e| Failure::input(format!("{}: {e} [{}]", display_name(file), e.code())))?;
    for w in &parsed.warnings.issues {
        eprintln!("proseo: warning: {} [{}]", w.message, w.code);
    }
    Ok(parsed.products)
}

fn write_out(out: Option<&Path>, body: &str) -> Result<(), Failure> {
    match out {
        Some(path) => fs::write(path, body)
            .map_err(|e| Failure::input(format!("cannot write {}: {e}", path.display()))),
        None => print(body),
    }
}

fn write_cmd(file: &Path, out: Option<&Path>, options: &PromptOptions, json: bool) -> CliResult {
    let products = read_csv(file)?;
    let mut options = options.clone();
    options.use_catalog_language(&products);
    let results = output::write_all(&products, &options);
    let mut left_out = 0;
    let body = if json {
        to_json(&results)?
    } else {
        let feed = output::results_csv(&products, &results)
            .map_err(|e| Failure::input(format!("{e} [{}]", e.code())))?;
        let written: Vec<String> = results
            .iter()
            .filter(|r| r.error.is_none())
            .map(|r| r.name.clone())
            .collect();
        if feed
            .report
            .issues
            .iter()
            .any(|i| i.severity != proseo_core::report::Severity::Info)
        {
            eprint!("{}", output::feed_text(&feed, &written));
        }
        left_out = feed.skipped;
        feed.body
    };
    write_out(out, &body)?;
    eprint!("{}", output::results_table(&results));
    let entries: Vec<CatalogEntry> = results
        .iter()
        .filter_map(|r| {
            r.content.as_ref().map(|c| CatalogEntry {
                id: r.name.clone(),
                signature: Signature::of_html(&c.description),
            })
        })
        .collect();
    eprint!(
        "{}",
        output::duplicates_text(&duplicate::near_duplicates(&entries))
    );
    let failed = results.iter().filter(|r| r.error.is_some()).count();
    Ok(if failed == 0 && left_out == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `--map` and `--constant` values: `left=right`, split at the last `=` (category paths hold
/// no `=`, eBay's column names may).
fn pair(what: &str, s: &str) -> Result<(String, String), Failure> {
    s.rsplit_once('=')
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .filter(|(a, _)| !a.is_empty())
        .ok_or_else(|| Failure::input(format!("{what} `{s}`: expected `name=value`")))
}

#[allow(clippy::too_many_arguments)]
fn export_options(
    currency: Option<String>,
    brand: Option<String>,
    locale: Option<String>,
    category: Option<String>,
    maps: &[String],
    quantity: Option<u32>,
    constants: &[String],
    strict: bool,
) -> Result<ExportOptions, Failure> {
    let categories = maps
        .iter()
        .map(|m| pair("--map", m).map(|(shop, channel)| export::CategoryMapping { shop, channel }))
        .collect::<Result<_, _>>()?;
    let constants = constants
        .iter()
        .map(|c| pair("--constant", c).map(|(column, value)| export::Constant { column, value }))
        .collect::<Result<_, _>>()?;
    Ok(ExportOptions {
        on_invalid: if strict {
            export::OnInvalid::Refuse
        } else {
            export::OnInvalid::Skip
        },
        currency,
        brand,
        locale,
        category,
        categories,
        quantity,
        constants,
    })
}

/// The items of `export`, their labels, and how many products the offline writer could not
/// write: a JSON list as given, or a CSV's products with content by the offline writer (for
/// the format's channel).
fn export_items(
    file: &Path,
    format: Format,
    tone: &str,
) -> Result<(Vec<ExportItem>, Vec<String>, usize), Failure> {
    let text = read_input(file)?;
    if text.trim_start().starts_with('[') {
        let items: Vec<ExportItem> = parse_json(file, &text)?;
        let labels = items.iter().map(|i| i.product.name.clone()).collect();
        return Ok((items, labels, 0));
    }
    let products = read_csv(file)?;
    let mut options = PromptOptions {
        channel: format
            .channel()
            .unwrap_or(Channel::Woocommerce)
            .id()
            .to_owned(),
        ..PromptOptions::default()
    };
    options.voice.tone = tone.to_owned();
    options.use_catalog_language(&products);
    let mut items = Vec::new();
    let mut labels = Vec::new();
    let mut failed = 0;
    for p in products {
        match proseo_core::writer::write(&p, &options) {
            Ok(content) => {
                labels.push(p.name.clone());
                items.push(ExportItem {
                    keyphrase: Some(analysis::keyphrase_for(&p, &options)),
                    product: p,
                    content,
                    quantity: None,
                });
            }
            Err(e) => {
                failed += 1;
                eprintln!("proseo: {}: {e} [{}]", p.name, e.code());
            }
        }
    }
    Ok((items, labels, failed))
}

fn export_cmd(
    file: &Path,
    channel: &str,
    out: Option<&Path>,
    options: ExportOptions,
    tone: &str,
) -> CliResult {
    let format = Format::parse(channel).ok_or_else(|| {
        let e = export::ExportError::FormatUnknown {
            format: channel.to_owned(),
        };
        Failure::input(format!("{e} [{}]", e.code()))
    })?;
    let (items, labels, unwritten) = export_items(file, format, tone)?;
    match export::export(format, &items, &options) {
        Ok(feed) => {
            write_out(out, &feed.body)?;
            eprint!("{}", output::feed_text(&feed, &labels));
            Ok(if feed.skipped == 0 && unwritten == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Err(export::ExportError::RowsInvalid { invalid, report }) => {
            let feed = export::Feed {
                format,
                media_type: format.media_type().to_owned(),
                file_extension: format.file_extension().to_owned(),
                body: String::new(),
                rows: 0,
                skipped: invalid,
                report,
            };
            eprint!("{}", output::feed_text(&feed, &labels));
            eprintln!("proseo: {invalid} row(s) break the rules; nothing written (--strict)");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(Failure::input(format!("{e} [{}]", e.code()))),
    }
}

fn jsonld_cmd(
    file: &Path,
    content: Option<&Path>,
    options: JsonLdOptions,
    script: bool,
) -> CliResult {
    let product: Product = parse_json(file, &read_input(file)?)?;
    let content: Option<GeneratedContent> = match content {
        Some(path) => Some(parse_json(path, &read_input(path)?)?),
        None => None,
    };
    let built = export::json_ld(&product, content.as_ref(), &options);
    if script {
        print(&format!("{}\n", built.script_tag()))?;
        if !built.checks.issues.is_empty() {
            eprint!(
                "{}",
                output::reports_text(&[("json-ld".to_owned(), built.checks.clone())])
            );
        }
    } else {
        print(&to_json(&built)?)?;
    }
    Ok(if built.eligible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[derive(serde::Deserialize)]
struct Described {
    id: String,
    #[serde(default)]
    description: String,
}

fn duplicates_cmd(file: &Path, written: bool, threshold: f64, json: bool) -> CliResult {
    if !(0.0..=1.0).contains(&threshold) {
        return Err(Failure::input(format!(
            "--threshold {threshold}: expected a number from 0 to 1"
        )));
    }
    let text = read_input(file)?;
    let entries: Vec<CatalogEntry> = if text.trim_start().starts_with('[') {
        let list: Vec<Described> = parse_json(file, &text)?;
        list.into_iter()
            .map(|d| CatalogEntry {
                signature: Signature::of_html(&d.description),
                id: d.id,
            })
            .collect()
    } else {
        let products = read_csv(file)?;
        let mut options = PromptOptions::default();
        options.use_catalog_language(&products);
        products
            .iter()
            .map(|p| {
                let html = if written {
                    proseo_core::writer::write(p, &options)
                        .map(|c| c.description)
                        .unwrap_or_default()
                } else {
                    p.description.clone().unwrap_or_default()
                };
                CatalogEntry {
                    id: p
                        .sku
                        .clone()
                        .or_else(|| p.id.clone())
                        .unwrap_or_else(|| p.name.clone()),
                    signature: Signature::of_html(&html),
                }
            })
            .collect()
    };
    let found = duplicate::near_duplicates_with(&entries, threshold);
    if json {
        print(&to_json(&found)?)?;
    } else {
        print(&output::duplicates_text(&found))?;
    }
    Ok(if found.pairs_total == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
