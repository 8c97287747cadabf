//! LLM prompts from Jinja templates, and the parsing of the model's JSON answer.
//!
//! The flow is: [`render`] a [`PromptOptions`] + [`crate::product::Product`] into a
//! [`BuiltPrompt`] (system + user message + the answer's JSON Schema), send it to a model
//! (outside the core), [`parse_completion`] the answer into a [`Completion`], score it with
//! [`crate::analysis::analyze`], and if it falls short, [`revise`] builds the follow-up prompt from
//! the failing checks.
//!
//! Templates are [minijinja](https://docs.rs/minijinja) with **strict undefined behavior**: a
//! misspelt variable is a [`PromptError::UnknownVariable`] with its line and column, never
//! silently empty text. `trim_blocks` and `lstrip_blocks` are on, so block tags may sit on their
//! own lines without leaving blank lines behind. The variables are listed in [`templates`].
//!
//! Custom templates ([`TemplateRef::Custom`]) follow the built-ins' convention:
//! - `{% block system %}…{% endblock %}` is the system message and
//!   `{% block user %}…{% endblock %}` the user message;
//! - a template with no blocks is the user message, and the system message is the built-in
//!   one (voice, banned words, "answer only with JSON matching this schema");
//! - a `system` block without a `user` block is an error ([`PromptError::Render`]).
//!
//! Custom templates ask for [`OutputKind::Any`]: any of the [`Completion`] fields.
//!
//! Templates are untrusted input on the edge API, so every render runs in a sandbox: source,
//! output, steps, memory built, list sizes, nesting and constant folding are bounded (see the
//! `MAX_*` constants and `sandbox.rs`), and past a limit the render stops with a typed error
//! (`template_too_large`, `template_output_too_large`, `template_too_complex`).

mod completion;
mod error;
mod render;
mod revise;
mod sandbox;
pub mod templates;
mod tokens;

use serde::{Deserialize, Deserializer, Serialize};

pub use completion::{parse_completion, Completion, Repair};
pub use error::{CompletionError, PromptError};
pub use render::{render, render_template};
pub use revise::{revise, revise_with_issues};
pub use sandbox::{
    ITEM_BYTES, MAX_BUILT_BYTES, MAX_DEPTH, MAX_FOLDED_BYTES, MAX_ITEMS, MAX_RENDERED_BYTES,
    MAX_TEMPLATE_BYTES, MAX_WORK,
};
pub use templates::{builtin_templates, output_schema, BuiltinTemplate, OutputKind};
pub use tokens::estimate_tokens;

/// Render budget of one template, in minijinja instructions. The built-ins use a few thousand
/// for a large product; the budget stops runaway custom templates (huge nested loops) in
/// milliseconds instead of hanging a Worker. Memory is bounded separately, by the sandbox's
/// limits ([`MAX_TEMPLATE_BYTES`], [`MAX_RENDERED_BYTES`], [`MAX_BUILT_BYTES`], [`MAX_ITEMS`],
/// [`MAX_DEPTH`], [`MAX_FOLDED_BYTES`], [`MAX_WORK`]).
pub const TEMPLATE_FUEL: u64 = 200_000;

/// Which template to render.
///
/// On the wire: a bare string names a built-in (`"seo_title"`); `{"builtin": "seo_title"}` and
/// `{"custom": "{% block user %}…{% endblock %}"}` are the explicit forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateRef {
    /// A built-in template by name (see [`builtin_templates`]).
    Builtin(String),
    /// A custom Jinja template source.
    Custom(String),
}

impl Default for TemplateRef {
    fn default() -> Self {
        TemplateRef::Builtin("long_description".to_owned())
    }
}

impl<'de> Deserialize<'de> for TemplateRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Tagged {
            Builtin(String),
            Custom(String),
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Name(String),
            Tagged(Tagged),
        }
        Ok(match Wire::deserialize(d)? {
            Wire::Name(name) | Wire::Tagged(Tagged::Builtin(name)) => TemplateRef::Builtin(name),
            Wire::Tagged(Tagged::Custom(source)) => TemplateRef::Custom(source),
        })
    }
}

/// The wire forms [`TemplateRef`]'s hand-written `Deserialize` accepts: a built-in's name, or
/// `{"builtin": name}` / `{"custom": source}`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for TemplateRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TemplateRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names = templates::builtin_names();
        schemars::json_schema!({
            "description": "Which template to render: a built-in's name (`\"seo_title\"`), `{\"builtin\": name}`, or `{\"custom\": jinjaSource}`.",
            "anyOf": [
                { "type": "string", "enum": names, "description": "A built-in template by name." },
                {
                    "type": "object",
                    "properties": { "builtin": { "type": "string", "enum": names, "description": "A built-in template by name." } },
                    "required": ["builtin"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "custom": { "type": "string", "description": "A custom Jinja template source." } },
                    "required": ["custom"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// Preferred sentence length of the brand voice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SentenceLength {
    /// Mostly 8–12 words.
    Short,
    /// Mostly 12–18 words (default).
    #[default]
    Medium,
    /// Up to 25 words.
    Long,
}

/// How the shop sounds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct BrandVoice {
    /// Tone, e.g. `friendly`, `professional`, `luxury`, `playful`. Empty means neutral.
    #[cfg_attr(feature = "schema", schemars(length(max = 200)))]
    pub tone: String,
    /// Words to prefer.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = 200), inner(length(max = 200)))
    )]
    pub vocabulary: Vec<String>,
    /// Words never to use.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = 200), inner(length(max = 200)))
    )]
    pub banned_words: Vec<String>,
    /// Preferred sentence length.
    pub sentence_length: SentenceLength,
    /// Who the text is for.
    #[cfg_attr(feature = "schema", schemars(length(max = 1000)))]
    pub audience: Option<String>,
    /// The shop's brand name.
    #[cfg_attr(feature = "schema", schemars(length(max = 200)))]
    pub brand: Option<String>,
}

/// Everything about a prompt except the product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct PromptOptions {
    /// The template (default: the `long_description` built-in).
    pub template: TemplateRef,
    /// The brand voice.
    pub voice: BrandVoice,
    /// Target length in words of the main text, when the caller has one.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 10_000)))]
    pub target_words: Option<u32>,
    /// BCP 47 language tag of the text to write, when the product has no `language` of its
    /// own (which wins). Empty (the default): the language the product's data is written
    /// in, when a guess is confident, else `en`.
    #[cfg_attr(feature = "schema", schemars(length(max = 35)))]
    pub language: String,
    /// Sales channel whose rules the content follows (`woocommerce`, `amazon`, `ebay`,
    /// `kaufland`, `allegro`), default `woocommerce`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "channel_schema"))]
    pub channel: String,
    /// Focus keyphrase; defaults to the product's [`crate::product::Product::focus_keyphrase`].
    #[cfg_attr(feature = "schema", schemars(length(max = 4096)))]
    pub keyphrase: Option<String>,
    /// Keyphrase synonyms.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = 64), inner(length(max = 4096)))
    )]
    pub synonyms: Vec<String>,
    /// Custom variables, available to templates as `extra`. The built-ins read
    /// `extra.instructions` (free-text additional instructions) when present.
    #[cfg_attr(feature = "schema", schemars(schema_with = "extra_schema"))]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `extra`: custom template variables, as flat values (a request body is checked against its
/// schema before it is built in memory, so every part of it is bounded).
#[cfg(feature = "schema")]
fn extra_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "maxProperties": 64,
        "additionalProperties": {
            "anyOf": [
                { "type": "string", "maxLength": 65536 },
                { "type": ["number", "boolean", "null"] },
                { "type": "array", "maxItems": 100, "items": { "type": ["string", "number", "boolean", "null"], "maxLength": 4096 } }
            ]
        },
        "description": "Custom variables for templates (`extra.instructions` is read by the built-ins): at most 64, each a string, number, boolean, null or a list of up to 100 of those."
    })
}

/// The channels [`crate::validate::Channel`] knows, as a string enum.
#[cfg(feature = "schema")]
fn channel_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let ids: Vec<&str> = crate::validate::Channel::all()
        .iter()
        .map(|c| c.id())
        .collect();
    schemars::json_schema!({ "type": "string", "enum": ids })
}

impl Default for PromptOptions {
    fn default() -> Self {
        Self {
            template: TemplateRef::default(),
            voice: BrandVoice::default(),
            target_words: None,
            language: String::new(),
            channel: "woocommerce".to_owned(),
            keyphrase: None,
            synonyms: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }
}

impl PromptOptions {
    /// When no language is set, sets the one a whole catalog is written in (if
    /// [`crate::lang::guess_catalog`] is confident): a catalog of bare names says more as a
    /// whole than each name alone, so a Spanish catalog never gets English copy. A product's
    /// own `language` still wins.
    pub fn use_catalog_language(&mut self, products: &[crate::product::Product]) {
        if self.language.trim().is_empty() {
            if let Some(g) = crate::lang::guess_catalog(products) {
                g.language.code().clone_into(&mut self.language);
            }
        }
    }
}

/// A rendered prompt, ready for a chat-completion API.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BuiltPrompt {
    /// The system message.
    pub system: String,
    /// The user message.
    pub user: String,
    /// JSON Schema the answer must match (also usable as a structured-output schema).
    pub schema: serde_json::Value,
    /// Estimated prompt tokens (system + user + per-message overhead), see [`estimate_tokens`].
    pub estimated_tokens: u32,
    /// The template used: a built-in's name, `custom`, or `revise:<name>`.
    pub template: String,
}
