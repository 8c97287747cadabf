//! Rendering templates: [`render`] for prompts, [`render_template`] for raw templates.
//!
//! Templates run in the sandbox ([`super::sandbox`]): one shared minijinja environment (strict
//! undefined, debug spans on, no auto-escaping, `trim_blocks` + `lstrip_blocks`, bounded
//! filters), each template compiled per call (they are small, and custom ones come from the
//! caller) and rewritten so that a render's memory and output are bounded.

use std::borrow::Cow;

use minijinja::value::{Serde, Value as JinjaValue};
use minijinja::ErrorKind;
use serde_json::{Map, Value};

use super::error::PromptError;
use super::sandbox::{self, MAX_TEMPLATE_BYTES};
use super::templates::{self, OutputKind, DEFAULT_SYSTEM};
use super::tokens::estimate_tokens;
use super::{BuiltPrompt, PromptOptions, TemplateRef};
use crate::product::Product;

/// Tokens a chat API adds around each message (role markers), plus the reply primer.
const TOKENS_PER_MESSAGE: u32 = 4;
const TOKENS_REPLY_PRIMER: u32 = 3;

/// Optional [`Product`] fields, which serde omits when `None`. They are set to `null` in the
/// template context so `{% if product.brand %}` works under strict undefined behavior.
const PRODUCT_OPTIONAL: &[&str] = &[
    "id",
    "type",
    "sku",
    "gtin",
    "brand",
    "description",
    "short_description",
    "regular_price",
    "sale_price",
    "currency",
    "url",
    "language",
    "keyphrase",
    "weight",
    "dimensions",
    "in_stock",
];
const IMAGE_OPTIONAL: &[&str] = &["alt"];
const VARIANT_OPTIONAL: &[&str] = &["sku", "regular_price", "sale_price", "gtin"];

/// Renders the prompt for `product` with `options`.
///
/// Errors: [`PromptError::UnknownTemplate`] for an unknown built-in name; the template errors
/// ([`PromptError::Syntax`], [`PromptError::UnknownVariable`], [`PromptError::Render`]) for
/// custom templates. Built-ins render for any product.
pub fn render(options: &PromptOptions, product: &Product) -> Result<BuiltPrompt, PromptError> {
    let (source, kind, name) = resolve(&options.template)?;
    let schema = templates::output_schema(kind);
    let ctx = context(options, product, kind, &schema)?;
    let (system, user) = render_messages(&source, &ctx)?;
    Ok(built(system, user, schema, name))
}

/// Renders a raw template with `vars` (normally a JSON object; its keys become the
/// variables) and returns the whole output, blocks included in place. Same environment and
/// errors as [`render`]; a source over [`MAX_TEMPLATE_BYTES`] is [`PromptError::TooLarge`].
pub fn render_template(source: &str, vars: &Value) -> Result<String, PromptError> {
    let err = |e: minijinja::Error| PromptError::from_minijinja(&e, source);
    check_source(source)?;
    let compiled = sandbox::compile(source).map_err(err)?;
    let (output, _) = sandbox::render(&compiled, JinjaValue::from(Serde(vars))).map_err(err)?;
    Ok(output)
}

/// What the sandbox checks before compiling: the source's size, and that no constant
/// expression folds past [`sandbox::MAX_FOLDED_BYTES`] while compiling.
fn check_source(source: &str) -> Result<(), PromptError> {
    if source.len() > MAX_TEMPLATE_BYTES {
        return Err(PromptError::TooLarge {
            bytes: source.len(),
        });
    }
    let found =
        sandbox::oversized_constant(source).map_err(|e| PromptError::from_minijinja(&e, source))?;
    if let Some((line, bytes)) = found {
        return Err(PromptError::TooComplex {
            line: Some(line),
            reason: format!(
                "a constant expression of about {bytes:.0} bytes; at most {} are allowed",
                sandbox::MAX_FOLDED_BYTES
            ),
        });
    }
    Ok(())
}

/// The template source, answer kind and display name of a template reference.
pub(crate) fn resolve(
    template: &TemplateRef,
) -> Result<(Cow<'_, str>, OutputKind, String), PromptError> {
    match template {
        TemplateRef::Builtin(name) => templates::builtin(name)
            .map(|t| (Cow::Borrowed(t.source), t.kind, t.name.to_owned()))
            .ok_or_else(|| PromptError::UnknownTemplate { name: name.clone() }),
        TemplateRef::Custom(source) => Ok((
            Cow::Borrowed(source.as_str()),
            OutputKind::Any,
            "custom".to_owned(),
        )),
    }
}

/// The template variables (see [`super::templates`] for the list).
pub(crate) fn context(
    options: &PromptOptions,
    product: &Product,
    kind: OutputKind,
    schema: &Value,
) -> Result<Value, PromptError> {
    let product_value = product_value(product)?;
    let voice = to_value(&options.voice)?;
    let language = crate::analysis::locale_for(product, options);
    let channel = match options.channel.trim() {
        "" => "woocommerce",
        c => c,
    };
    let keyphrase = options
        .keyphrase
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| product.focus_keyphrase());
    let synonyms: Vec<&str> = options
        .synonyms
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let schema_text = serde_json::to_string_pretty(schema).map_err(render_error)?;

    let mut ctx = Map::new();
    ctx.insert("product".into(), product_value);
    ctx.insert("voice".into(), voice);
    ctx.insert("target_words".into(), to_value(&options.target_words)?);
    let lang = crate::lang::Language::from_locale(&language);
    let language_name = match lang {
        crate::lang::Language::Other => "",
        l => l.name(),
    };
    ctx.insert("language".into(), Value::from(language));
    ctx.insert("language_name".into(), Value::from(language_name));
    ctx.insert(
        "language_conventions".into(),
        Value::from(super::templates::conventions(lang)),
    );
    ctx.insert("channel".into(), Value::from(channel));
    ctx.insert(
        "keyphrase".into(),
        if keyphrase.is_empty() {
            Value::Null
        } else {
            Value::from(keyphrase)
        },
    );
    ctx.insert("synonyms".into(), to_value(&synonyms)?);
    ctx.insert("extra".into(), Value::Object(options.extra.clone()));
    ctx.insert("schema".into(), Value::from(schema_text));
    ctx.insert("fields".into(), to_value(kind.fields())?);
    Ok(Value::Object(ctx))
}

/// The product as a JSON value with every optional field present (`null` when absent).
fn product_value(product: &Product) -> Result<Value, PromptError> {
    let mut value = to_value(product)?;
    fill_nulls(&mut value, PRODUCT_OPTIONAL);
    if let Some(obj) = value.as_object_mut() {
        for (key, optional) in [("images", IMAGE_OPTIONAL), ("variants", VARIANT_OPTIONAL)] {
            if let Some(Value::Array(items)) = obj.get_mut(key) {
                for item in items {
                    fill_nulls(item, optional);
                }
            }
        }
    }
    Ok(value)
}

fn fill_nulls(value: &mut Value, keys: &[&str]) {
    if let Some(obj) = value.as_object_mut() {
        for key in keys {
            obj.entry(*key).or_insert(Value::Null);
        }
    }
}

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, PromptError> {
    serde_json::to_value(value).map_err(render_error)
}

fn render_error(err: serde_json::Error) -> PromptError {
    PromptError::Render {
        message: err.to_string(),
        line: None,
    }
}

/// Renders a prompt template into its (system, user) messages, following the block convention
/// in the [module docs](super): without a `system` block the built-in system message is used.
pub(crate) fn render_messages(source: &str, ctx: &Value) -> Result<(String, String), PromptError> {
    let (system, user) = render_blocks(source, ctx)?;
    let system = match system {
        Some(system) => system,
        // The default is a lone `system` block: its whole output is the message.
        None => render_template(DEFAULT_SYSTEM, ctx)?,
    };
    Ok((tidy(&system), tidy(&user)))
}

/// The `system` block (if any) and the user message (the `user` block, or the whole output
/// when the template has no blocks).
fn render_blocks(source: &str, ctx: &Value) -> Result<(Option<String>, String), PromptError> {
    let err = |e: minijinja::Error| PromptError::from_minijinja(&e, source);
    check_source(source)?;
    let compiled = sandbox::compile(source).map_err(err)?;
    let (output, mut state) =
        sandbox::render(&compiled, JinjaValue::from(Serde(ctx))).map_err(err)?;
    let (system, user) = (state.render_block("system"), state.render_block("user"));
    let system = match system {
        Ok(s) => Some(s),
        Err(e) if e.kind() == ErrorKind::UnknownBlock => None,
        Err(e) => return Err(err(e)),
    };
    let user = match user {
        Ok(u) => u,
        Err(e) if e.kind() == ErrorKind::UnknownBlock => {
            if system.is_some() {
                return Err(PromptError::Render {
                    message: "a template with a `system` block must also define a `user` block"
                        .to_owned(),
                    line: None,
                });
            }
            output
        }
        Err(e) => return Err(err(e)),
    };
    Ok((system, user))
}

/// Trims trailing spaces on each line, collapses runs of blank lines to one, trims the ends.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

pub(crate) fn built(system: String, user: String, schema: Value, template: String) -> BuiltPrompt {
    let estimated_tokens = estimate_tokens(&system)
        .saturating_add(estimate_tokens(&user))
        .saturating_add(2 * TOKENS_PER_MESSAGE + TOKENS_REPLY_PRIMER);
    BuiltPrompt {
        system,
        user,
        schema,
        estimated_tokens,
        template,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runaway_templates_stop_with_a_typed_error() {
        use crate::error::ErrorCode;
        let src =
            "a\n{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}";
        let err = render_template(src, &serde_json::json!({})).unwrap_err();
        assert_eq!(err.code(), "template_too_complex");
        assert_eq!(err.line(), Some(2));
    }
    use crate::product::{Attribute, Image, Price, Variant};
    use crate::prompt::{builtin_templates, BrandVoice, SentenceLength};

    fn minimal() -> Product {
        Product {
            name: "Mug".into(),
            ..Product::default()
        }
    }

    fn rich() -> Product {
        Product {
            id: Some("42".into()),
            name: "Stoneware Mug".into(),
            product_type: Some("variable".into()),
            sku: Some("MUG-1".into()),
            gtin: Some("4006381333931".into()),
            brand: Some("Clayworks".into()),
            description: Some("<p>A mug.</p>".into()),
            short_description: Some("Mug.".into()),
            regular_price: Some(Price::Text("19.90".into())),
            sale_price: Some(Price::Number(14.5)),
            currency: Some("EUR".into()),
            categories: vec!["Home > Kitchen > Mugs".into()],
            tags: vec!["coffee".into(), "gift".into()],
            attributes: vec![
                Attribute {
                    name: "Color".into(),
                    values: vec!["Sage".into(), "Sand".into()],
                    visible: true,
                    variation: true,
                },
                Attribute {
                    name: "Capacity".into(),
                    values: vec!["350 ml".into()],
                    visible: true,
                    variation: false,
                },
            ],
            features: vec!["Dishwasher safe".into(), "Handmade".into()],
            images: vec![
                Image {
                    src: "https://shop.example/mug.jpg".into(),
                    alt: None,
                },
                Image {
                    src: "https://shop.example/mug-2.jpg".into(),
                    alt: Some("Mug from the side".into()),
                },
            ],
            variants: vec![Variant::default(), Variant::default()],
            url: Some("https://shop.example/mug".into()),
            language: Some("en-GB".into()),
            keyphrase: Some("stoneware mug".into()),
            weight: Some("0.4".into()),
            dimensions: Some("10 × 8 × 8 cm".into()),
            in_stock: Some(true),
        }
    }

    fn options(template: &str) -> PromptOptions {
        PromptOptions {
            template: TemplateRef::Builtin(template.into()),
            ..PromptOptions::default()
        }
    }

    /// Every `Option` field of [`Product`] must be in [`PRODUCT_OPTIONAL`], or templates would
    /// fail on it under strict mode. `rich()` sets every field, so its keys are all fields.
    #[test]
    fn optional_field_list_covers_product() {
        let full = serde_json::to_value(rich()).unwrap();
        let empty = serde_json::to_value(Product::default()).unwrap();
        for key in full.as_object().unwrap().keys() {
            let always_present = empty.get(key).is_some();
            assert!(
                always_present || PRODUCT_OPTIONAL.contains(&key.as_str()),
                "Product field `{key}` missing from PRODUCT_OPTIONAL"
            );
        }
    }

    #[test]
    fn every_builtin_renders_for_minimal_and_rich_products() {
        for t in builtin_templates() {
            for product in [minimal(), rich()] {
                let prompt = render(&options(t.name), &product)
                    .unwrap_or_else(|e| panic!("{} failed: {e}", t.name));
                assert_eq!(prompt.template, t.name);
                assert!(prompt.user.contains(&product.name), "{}", t.name);
                assert!(prompt.system.contains("JSON Schema"), "{}", t.name);
                // The schema is embedded in the prompt, and returned.
                assert!(prompt.system.contains("\"required\""), "{}", t.name);
                assert_eq!(prompt.schema, templates::output_schema(t.kind));
                assert!(prompt.estimated_tokens > 100, "{}", t.name);
                assert!(!prompt.user.contains("None"), "{}: {}", t.name, prompt.user);
                assert!(!prompt.user.contains("\n\n\n"), "{}", t.name);
            }
        }
    }

    #[test]
    fn attributes_are_looped_over() {
        let prompt = render(&options("long_description"), &rich()).unwrap();
        assert!(prompt
            .user
            .contains("- Color: Sage, Sand (the customer chooses one)"));
        assert!(prompt.user.contains("- Capacity: 350 ml\n"));
        assert!(prompt.user.contains("Price: 19.90 EUR (on sale for 14.5)"));
        assert!(prompt.user.contains("Focus keyphrase: \"stoneware mug\""));
        let minimal_prompt = render(&options("long_description"), &minimal()).unwrap();
        assert!(!minimal_prompt.user.contains("Attributes:"));
        assert!(minimal_prompt.user.contains("Focus keyphrase: \"Mug\""));
    }

    #[test]
    fn voice_is_in_the_system_message() {
        let mut opts = options("seo_title");
        opts.voice = BrandVoice {
            tone: "playful".into(),
            vocabulary: vec!["cozy".into()],
            banned_words: vec!["cheap".into(), "best ever".into()],
            sentence_length: SentenceLength::Short,
            audience: Some("coffee lovers".into()),
            brand: Some("Clayworks".into()),
        };
        let prompt = render(&opts, &minimal()).unwrap();
        assert!(prompt
            .system
            .contains("Never use these words or phrases: cheap, best ever."));
        assert!(prompt.system.contains("Tone of voice: playful."));
        assert!(prompt
            .system
            .contains("Prefer these words where they fit naturally: cozy."));
        assert!(prompt.system.contains("Audience: coffee lovers."));
        assert!(prompt.system.contains("Keep sentences short"));
        assert!(prompt.system.contains("the brand Clayworks"));
        let plain = render(&options("seo_title"), &minimal()).unwrap();
        assert!(!plain.system.contains("Never use"));
    }

    #[test]
    fn options_reach_the_template() {
        let mut opts = options("marketplace");
        opts.channel = "amazon".into();
        opts.language = "de-DE".into();
        opts.target_words = Some(180);
        opts.keyphrase = Some("Keramikbecher".into());
        opts.synonyms = vec!["Tasse".into(), " ".into()];
        opts.extra
            .insert("instructions".into(), Value::from("Mention the gift box."));
        // The product's own language wins over the option; without one, the option decides.
        assert!(render(&opts, &rich()).unwrap().system.contains("\"en-GB\""));
        let mut product = rich();
        product.language = None;
        let prompt = render(&opts, &product).unwrap();
        assert!(prompt.user.contains("marketplace listing for amazon"));
        assert!(prompt.user.contains("of about 180 words"));
        assert!(prompt.system.contains("\"de-DE\""));
        assert!(prompt.user.contains("\"Keramikbecher\" (synonyms: Tasse)"));
        assert!(prompt
            .user
            .contains("Additional instructions: Mention the gift box."));
        assert!(prompt.user.contains("(Color, Capacity)"));
    }

    #[test]
    fn unknown_builtin_is_an_error() {
        let err = render(&options("nope"), &minimal()).unwrap_err();
        assert_eq!(
            err,
            PromptError::UnknownTemplate {
                name: "nope".into()
            }
        );
    }

    #[test]
    fn custom_template_with_blocks() {
        let opts = PromptOptions {
            template: TemplateRef::Custom(
                "{% block system %}Be {{ voice.tone }}.{% endblock %}\n\
                 {% block user %}Describe {{ product.name }}{% for a in product.attributes %}, {{ a.name }}{% endfor %}.{% endblock %}"
                    .into(),
            ),
            voice: BrandVoice {
                tone: "luxury".into(),
                ..BrandVoice::default()
            },
            ..PromptOptions::default()
        };
        let prompt = render(&opts, &rich()).unwrap();
        assert_eq!(prompt.system, "Be luxury.");
        assert_eq!(prompt.user, "Describe Stoneware Mug, Color, Capacity.");
        assert_eq!(prompt.template, "custom");
        assert_eq!(prompt.schema, templates::output_schema(OutputKind::Any));
    }

    #[test]
    fn custom_template_without_blocks_is_the_user_message() {
        let opts = PromptOptions {
            template: TemplateRef::Custom("Write about {{ product.name }}.".into()),
            ..PromptOptions::default()
        };
        let prompt = render(&opts, &minimal()).unwrap();
        assert_eq!(prompt.user, "Write about Mug.");
        assert!(prompt
            .system
            .contains("Answer ONLY with a single JSON object"));
    }

    #[test]
    fn system_block_alone_is_an_error() {
        let opts = PromptOptions {
            template: TemplateRef::Custom("{% block system %}x{% endblock %}rest".into()),
            ..PromptOptions::default()
        };
        let err = render(&opts, &minimal()).unwrap_err();
        assert!(matches!(err, PromptError::Render { .. }), "{err:?}");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let source = "Line one\nLine two {% for a in %}\n";
        let err = render_template(source, &serde_json::json!({})).unwrap_err();
        match err {
            PromptError::Syntax { line, column, .. } => {
                assert_eq!(line, Some(2));
                // `%}` where the iterable was expected: "Line two {% for a in " is 21 chars.
                assert_eq!(column, Some(22));
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_variable_has_name_and_line() {
        let source = "Hello\n  {{ product.name }} é {{ prodcut.price }}";
        let vars = serde_json::json!({"product": {"name": "Mug"}});
        let err = render_template(source, &vars).unwrap_err();
        assert_eq!(
            err,
            PromptError::UnknownVariable {
                name: "prodcut".into(),
                line: Some(2),
                column: Some(27),
            }
        );
        // Unknown attribute of a known object.
        let err = render_template("{{ product.nme }}", &vars).unwrap_err();
        assert!(
            matches!(&err, PromptError::UnknownVariable { name, line: Some(1), column: Some(4) } if name == "product.nme"),
            "{err:?}"
        );
        // In a custom prompt template too.
        let opts = PromptOptions {
            template: TemplateRef::Custom("{% if product.colour %}x{% endif %}".into()),
            ..PromptOptions::default()
        };
        let err = render(&opts, &minimal()).unwrap_err();
        assert!(
            matches!(&err, PromptError::UnknownVariable { name, .. } if name == "product.colour"),
            "{err:?}"
        );
    }

    #[test]
    fn render_errors_are_typed() {
        let err = render_template("{{ 1 + 'a' }}", &serde_json::json!({})).unwrap_err();
        assert!(
            matches!(err, PromptError::Render { line: Some(1), .. }),
            "{err:?}"
        );
        let err =
            render_template("{{ x|nosuchfilter }}", &serde_json::json!({"x": 1})).unwrap_err();
        assert!(matches!(err, PromptError::Render { .. }), "{err:?}");
    }

    #[test]
    fn render_template_renders_vars_and_loops() {
        let out = render_template(
            "{% for a in attributes %}\n- {{ a.name }}\n{% endfor %}",
            &serde_json::json!({"attributes": [{"name": "Color"}, {"name": "Size"}]}),
        )
        .unwrap();
        assert_eq!(out, "- Color\n- Size\n");
    }

    #[test]
    fn tidy_collapses_blank_lines() {
        assert_eq!(tidy("\n a  \n  c\n\n\n\nb\n\n"), "a\n  c\n\nb");
    }

    #[test]
    fn template_ref_wire_forms() {
        let t: TemplateRef = serde_json::from_str("\"seo_title\"").unwrap();
        assert_eq!(t, TemplateRef::Builtin("seo_title".into()));
        let t: TemplateRef = serde_json::from_str(r#"{"custom":"x"}"#).unwrap();
        assert_eq!(t, TemplateRef::Custom("x".into()));
        let o: PromptOptions =
            serde_json::from_str(r#"{"template":{"builtin":"image_alt"}}"#).unwrap();
        assert_eq!(o.template, TemplateRef::Builtin("image_alt".into()));
        assert_eq!(
            o.language, "",
            "empty: the product's language, else detected"
        );
        assert_eq!(o.channel, "woocommerce");
    }
}
