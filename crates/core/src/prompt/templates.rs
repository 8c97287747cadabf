//! The built-in prompt templates and the JSON Schemas of their answers.
//!
//! Every built-in is one Jinja source with a `{% block system %}` and a `{% block user %}`
//! (the same convention custom templates use, see [`super::render`]). They share the system
//! block and the product-facts section, stitched together at compile time with `concat!`.
//!
//! Variables every template can use: `product` (the [`crate::product::Product`]; absent
//! optional fields are `null`), `voice` ([`super::BrandVoice`]), `target_words` (number or
//! `null`), `language` (the BCP 47 tag to write in: the product's, else the options', else
//! detected from the product data, else `en`), `language_name` (its English name, `German`),
//! `language_conventions` (a line of that language's writing conventions, see
//! [`conventions`]; empty for a language proseo does not know), `channel`, `keyphrase` (the
//! options' keyphrase, else the product's focus keyphrase; `null` when there is none),
//! `synonyms`, `extra` (custom variables), `schema` (the output JSON Schema, pretty-printed)
//! and `fields` (the output field names).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What a template asks the model to produce; decides the output JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// Long description (HTML) plus SEO title, meta description and slug.
    LongDescription,
    /// Short description (HTML).
    ShortDescription,
    /// SEO title.
    SeoTitle,
    /// Meta description.
    MetaDescription,
    /// One alt text per image.
    ImageAlt,
    /// Marketplace listing: title, bullets, plain-text description.
    Marketplace,
    /// Any of the [`super::Completion`] fields (custom templates).
    Any,
}

impl OutputKind {
    /// The fields the answer must contain (JSON Schema `required`).
    pub fn required_fields(self) -> &'static [&'static str] {
        match self {
            OutputKind::LongDescription => {
                &["description", "seo_title", "meta_description", "slug"]
            }
            OutputKind::ShortDescription => &["short_description"],
            OutputKind::SeoTitle => &["seo_title"],
            OutputKind::MetaDescription => &["meta_description"],
            OutputKind::ImageAlt => &["image_alt"],
            OutputKind::Marketplace => &["title", "bullets", "description"],
            OutputKind::Any => &[],
        }
    }

    /// The fields the answer may contain (JSON Schema `properties`).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            OutputKind::Any => &[
                "description",
                "short_description",
                "seo_title",
                "meta_description",
                "slug",
                "image_alt",
                "title",
                "bullets",
            ],
            other => other.required_fields(),
        }
    }
}

/// A template compiled into the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BuiltinTemplate {
    /// Name used in [`super::TemplateRef::Builtin`].
    pub name: &'static str,
    /// One-line description for UIs.
    pub description: &'static str,
    /// What the answer contains.
    pub kind: OutputKind,
    /// The answer's fields ([`OutputKind::fields`]).
    pub output_fields: &'static [&'static str],
    /// The Jinja source, with `system` and `user` blocks.
    #[serde(skip)]
    pub source: &'static str,
}

/// Every built-in template, in a stable order.
pub fn builtin_templates() -> &'static [BuiltinTemplate] {
    BUILTINS
}

/// A built-in template by name.
pub fn builtin(name: &str) -> Option<&'static BuiltinTemplate> {
    BUILTINS.iter().find(|t| t.name == name)
}

/// The names of every built-in template.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTINS.iter().map(|t| t.name).collect()
}

/// The JSON Schema of the answer for `kind`. Included in the prompt, and usable as a
/// provider's structured-output schema (`response_format: json_schema`).
pub fn output_schema(kind: OutputKind) -> Value {
    let mut properties = serde_json::Map::new();
    for &field in kind.fields() {
        properties.insert(field.to_owned(), field_schema(field, kind));
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "required": kind.required_fields(),
        "additionalProperties": false,
    });
    if kind == OutputKind::Any {
        if let Some(obj) = schema.as_object_mut() {
            obj.insert("minProperties".into(), json!(1));
        }
    }
    schema
}

fn field_schema(field: &str, kind: OutputKind) -> Value {
    match field {
        "description" if kind == OutputKind::Marketplace => json!({
            "type": "string",
            "description": "Plain-text product description without HTML, 150 to 300 words."
        }),
        "description" => json!({
            "type": "string",
            "description": "The long product description as HTML (h2, h3, p, ul, li, strong, em)."
        }),
        "short_description" => json!({
            "type": "string",
            "description": "The short description as HTML, 1 to 3 sentences or a short list."
        }),
        "seo_title" => json!({
            "type": "string",
            "maxLength": 60,
            "description": "SEO title for search results, at most 60 characters, starting with the focus keyphrase."
        }),
        "meta_description" => json!({
            "type": "string",
            "minLength": 120,
            "maxLength": 156,
            "description": "Meta description, 120 to 156 characters, containing the focus keyphrase."
        }),
        "slug" => json!({
            "type": "string",
            "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$",
            "description": "URL slug: lowercase words joined by hyphens, containing the focus keyphrase."
        }),
        "image_alt" => json!({
            "type": "array",
            "items": { "type": "string", "maxLength": 125 },
            "minItems": 1,
            "description": "One alt text per product image, in image order, at most 125 characters each."
        }),
        "title" => json!({
            "type": "string",
            "maxLength": 200,
            "description": "Marketplace listing title: brand, product, key attributes."
        }),
        "bullets" => json!({
            "type": "array",
            "items": { "type": "string", "maxLength": 250 },
            "minItems": 3,
            "maxItems": 5,
            "description": "Key benefit bullet points, one sentence each, no HTML."
        }),
        _ => json!({ "type": "string" }),
    }
}

/// The system block shared by every built-in (and used for custom templates without one).
macro_rules! system_block {
    () => {
        r#"{% block system %}
You are an experienced e-commerce copywriter and SEO specialist writing product content for {{ "the brand " ~ voice.brand ~ " on " if voice.brand else "" }}a {{ channel }} store.
{% if language_name %}
Write every field in {{ language_name }} (BCP 47 tag "{{ language }}"), whatever the language of the product data and of these instructions. Keep product names, brand names and attribute values as they are given.
{% else %}
Write every field in the language with BCP 47 tag "{{ language }}", whatever the language of the product data and of these instructions.
{% endif %}
{% if language_conventions %}
{{ language_conventions }}
{% endif %}
Tone of voice: {{ voice.tone if voice.tone else "clear, warm and trustworthy" }}.
{% if voice.audience %}
Audience: {{ voice.audience }}. Speak to their needs and use words they use.
{% endif %}
{% if voice.sentence_length == "short" %}
Keep sentences short: mostly 8 to 12 words, never more than 15.
{% elif voice.sentence_length == "long" %}
Sentences may be long and flowing (up to 25 words) but must stay easy to follow.
{% else %}
Use medium-length sentences: mostly 12 to 18 words, never more than 20.
{% endif %}
{% if voice.vocabulary %}
Prefer these words where they fit naturally: {{ voice.vocabulary|join(", ") }}.
{% endif %}
{% if voice.banned_words %}
Never use these words or phrases: {{ voice.banned_words|join(", ") }}.
{% endif %}
Only use facts from the product data. Never invent specifications, materials, certifications, prices, guarantees or reviews.
Answer ONLY with a single JSON object matching this JSON Schema. Do not wrap it in code fences and write nothing before or after it.
{{ schema }}
{% endblock %}
"#
    };
}

/// The product facts, the keyphrase and any extra instructions (start of every user block).
macro_rules! product_facts {
    () => {
        r#"Product data:
- Name: {{ product.name }}
{% if product.brand %}
- Brand: {{ product.brand }}
{% endif %}
{% if product.type %}
- Product type: {{ product.type }}
{% endif %}
{% if product.categories %}
- Categories: {{ product.categories|join("; ") }}
{% endif %}
{% if product.tags %}
- Tags: {{ product.tags|join(", ") }}
{% endif %}
{% if product.regular_price is not none %}
- Price: {{ product.regular_price }}{{ " " ~ product.currency if product.currency else "" }}{{ " (on sale for " ~ product.sale_price ~ ")" if product.sale_price is not none else "" }}
{% endif %}
{% if product.attributes %}
- Attributes:
{% for attribute in product.attributes %}
  - {{ attribute.name }}: {{ attribute.values|join(", ") }}{{ " (the customer chooses one)" if attribute.variation else "" }}
{% endfor %}
{% endif %}
{% if product.features %}
- Features:
{% for feature in product.features %}
  - {{ feature }}
{% endfor %}
{% endif %}
{% if product.variants %}
- Available in {{ product.variants|length }} variations.
{% endif %}
{% if product.weight %}
- Weight: {{ product.weight }}
{% endif %}
{% if product.dimensions %}
- Dimensions: {{ product.dimensions }}
{% endif %}
{% if product.sku %}
- SKU: {{ product.sku }}
{% endif %}
{% if product.gtin %}
- GTIN: {{ product.gtin }}
{% endif %}
{% if product.in_stock is not none %}
- In stock: {{ "yes" if product.in_stock else "no" }}
{% endif %}
{% if product.description %}
- Current description (reuse its facts, not its wording):
{{ product.description }}
{% endif %}
{% if product.short_description %}
- Current short description:
{{ product.short_description }}
{% endif %}

{% if keyphrase %}
Focus keyphrase: "{{ keyphrase }}"{{ " (synonyms: " ~ synonyms|join(", ") ~ ")" if synonyms else "" }}
{% endif %}
{% if extra.instructions is defined and extra.instructions %}
Additional instructions: {{ extra.instructions }}
{% endif %}
"#
    };
}

const LONG_DESCRIPTION: &str = concat!(
    system_block!(),
    r#"{% block user %}
Write the long product description{{ ", about " ~ target_words ~ " words" if target_words else ", 250 to 400 words" }}, plus its SEO title, meta description and slug.

"#,
    product_facts!(),
    r#"
Requirements for "description":
- HTML using only <h2>, <h3>, <p>, <ul>, <li>, <strong> and <em>; no <h1>, no inline styles.
- The first paragraph names the product, says who it is for{{ " and contains the focus keyphrase" if keyphrase else "" }}.
- At least two <h2> subheadings{{ ", one of them containing the focus keyphrase" if keyphrase else "" }}.
- A <ul> list of the key features{{ " and attributes" if product.attributes else "" }}.
- Paragraphs under 70 words. Use transition words (because, so, for example, in addition).
- Prefer the active voice.
{% if keyphrase %}
- Use the focus keyphrase 2 to 4 times in total{{ "; use the synonyms for further mentions" if synonyms else "" }}.
{% endif %}
Requirements for the other fields:
- "seo_title": at most 60 characters{{ ", starting with the focus keyphrase" if keyphrase else "" }}.
- "meta_description": 120 to 156 characters{{ ", containing the focus keyphrase" if keyphrase else "" }}, ending with a reason to click.
- "slug": lowercase words joined by hyphens{{ ", containing the focus keyphrase" if keyphrase else "" }}.
{% endblock %}
"#
);

const SHORT_DESCRIPTION: &str = concat!(
    system_block!(),
    r#"{% block user %}
Write the short product description shown next to the price and the add-to-cart button{{ ", about " ~ target_words ~ " words" if target_words else ", 30 to 60 words" }}.

"#,
    product_facts!(),
    r#"
Requirements for "short_description":
- HTML: one <p>, or a <p> followed by a <ul> of at most 4 <li>.
- Lead with the main benefit{{ " and include the focus keyphrase once" if keyphrase else "" }}.
- No headings, no prices, no shipping promises.
{% endblock %}
"#
);

const SEO_TITLE: &str = concat!(
    system_block!(),
    r#"{% block user %}
Write the SEO title shown in search results.

"#,
    product_facts!(),
    r#"
Requirements for "seo_title":
- At most 60 characters (about 600 pixels), so search engines do not cut it off.
{% if keyphrase %}
- Start with the focus keyphrase "{{ keyphrase }}".
{% endif %}
- Add the most important attribute or benefit{{ " and the brand " ~ (product.brand or voice.brand) if (product.brand or voice.brand) else "" }}.
- No ALL CAPS, no clickbait, no emoji.
{% endblock %}
"#
);

const META_DESCRIPTION: &str = concat!(
    system_block!(),
    r#"{% block user %}
Write the meta description shown under the title in search results.

"#,
    product_facts!(),
    r#"
Requirements for "meta_description":
- 120 to 156 characters, counting spaces.
{% if keyphrase %}
- Contains the focus keyphrase "{{ keyphrase }}" once, early.
{% endif %}
- One or two sentences: what it is, why it is worth it, and a call to action.
{% endblock %}
"#
);

const IMAGE_ALT: &str = concat!(
    system_block!(),
    r#"{% block user %}
Write alt text for the product images, for shoppers using screen readers and for image search.

"#,
    product_facts!(),
    r#"
{% if product.images %}
Images, in order (write one alt text for each, in the same order):
{% for image in product.images %}
{{ loop.index }}. {{ image.src }}{{ " (current alt text: " ~ image.alt ~ ")" if image.alt else "" }}
{% endfor %}
{% else %}
The product has no image list yet: write one alt text for its main image.
{% endif %}

Requirements for "image_alt":
- Describe what the image most likely shows, using the product facts; at most 125 characters each.
- Do not start with "image of" or "picture of".
{% if keyphrase %}
- Use the focus keyphrase in the first alt text only.
{% endif %}
{% endblock %}
"#
);

const MARKETPLACE: &str = concat!(
    system_block!(),
    r#"{% block user %}
Write a marketplace listing for {{ channel }}: a title, bullet points and a plain-text description{{ " of about " ~ target_words ~ " words" if target_words else "" }}.

"#,
    product_facts!(),
    r#"
Requirements:
- "title": at most 200 characters: brand, product name, then the attributes shoppers filter by{{ " (" ~ product.attributes|map(attribute="name")|join(", ") ~ ")" if product.attributes else "" }}.
- "bullets": 5 bullet points, each one sentence starting with a short benefit in capitals followed by a colon; no HTML, no prices, no shipping or seller claims.
- "description": plain text without HTML, 150 to 300 words.
{% endblock %}
"#
);

static BUILTINS: &[BuiltinTemplate] = &[
    BuiltinTemplate {
        name: "long_description",
        description: "Long HTML product description with SEO title, meta description and slug.",
        kind: OutputKind::LongDescription,
        output_fields: &["description", "seo_title", "meta_description", "slug"],
        source: LONG_DESCRIPTION,
    },
    BuiltinTemplate {
        name: "short_description",
        description: "Short HTML description shown next to the price.",
        kind: OutputKind::ShortDescription,
        output_fields: &["short_description"],
        source: SHORT_DESCRIPTION,
    },
    BuiltinTemplate {
        name: "seo_title",
        description: "SEO title of at most 60 characters.",
        kind: OutputKind::SeoTitle,
        output_fields: &["seo_title"],
        source: SEO_TITLE,
    },
    BuiltinTemplate {
        name: "meta_description",
        description: "Meta description of 120 to 156 characters.",
        kind: OutputKind::MetaDescription,
        output_fields: &["meta_description"],
        source: META_DESCRIPTION,
    },
    BuiltinTemplate {
        name: "image_alt",
        description: "One alt text per product image.",
        kind: OutputKind::ImageAlt,
        output_fields: &["image_alt"],
        source: IMAGE_ALT,
    },
    BuiltinTemplate {
        name: "marketplace",
        description: "Marketplace listing: title, five bullet points and a plain-text description.",
        kind: OutputKind::Marketplace,
        output_fields: &["title", "bullets", "description"],
        source: MARKETPLACE,
    },
];

/// The shared system block alone, used for custom templates that do not define one.
pub(crate) const DEFAULT_SYSTEM: &str = system_block!();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_fields_match_kinds() {
        for t in builtin_templates() {
            assert_eq!(t.output_fields, t.kind.fields(), "{}", t.name);
            assert!(t.source.contains("{% block system %}"), "{}", t.name);
            assert!(t.source.contains("{% block user %}"), "{}", t.name);
            assert!(
                t.source
                    .contains("{% for attribute in product.attributes %}"),
                "{}",
                t.name
            );
        }
        let names = builtin_names();
        for expected in [
            "long_description",
            "short_description",
            "seo_title",
            "meta_description",
            "image_alt",
            "marketplace",
        ] {
            assert!(names.contains(&expected), "{expected}");
        }
    }

    #[test]
    fn schemas_list_required_fields_and_types() {
        let schema = output_schema(OutputKind::Marketplace);
        assert_eq!(schema["type"], "object");
        assert_eq!(
            schema["required"],
            json!(["title", "bullets", "description"])
        );
        assert_eq!(schema["properties"]["bullets"]["type"], "array");
        assert_eq!(schema["properties"]["bullets"]["items"]["type"], "string");
        assert_eq!(schema["additionalProperties"], false);

        let any = output_schema(OutputKind::Any);
        assert_eq!(any["required"], json!([]));
        assert_eq!(any["minProperties"], 1);
        assert_eq!(any["properties"].as_object().map(|o| o.len()), Some(8));
    }

    #[test]
    fn builtin_lookup() {
        assert_eq!(
            builtin("seo_title").map(|t| t.kind),
            Some(OutputKind::SeoTitle)
        );
        assert!(builtin("nope").is_none());
    }
}

/// One line of a language's writing conventions for the built-in prompts: number and price
/// format, quotation marks, how to address the customer and any punctuation or spelling rule a
/// model tends to get wrong. Empty for [`crate::lang::Language::Other`].
pub fn conventions(language: crate::lang::Language) -> &'static str {
    use crate::lang::Language;
    match language {
        Language::En => "English conventions: decimal point and thousands comma (1.5 kg, $1,299.00); “double quotes”; address the customer as “you”.",
        Language::Es => "Spanish conventions: decimal comma (1,5 kg; 29,90 €); opening ¿ and ¡ in questions and exclamations; «comillas latinas» or “inglesas”; address the customer as tú (usted when the tone of voice is formal or professional).",
        Language::De => "German conventions: decimal comma and thousands point (1,5 kg; 1.299,00 €); „Anführungszeichen“; capitalize every noun; address the customer as Sie (du only when the tone of voice is casual or playful), consistently; no English filler words.",
        Language::Fr => "French conventions: decimal comma (1,5 kg ; 29,90 €); a narrow no-break space before : ; ! ? and inside « guillemets »; address the customer as vous.",
        Language::It => "Italian conventions: decimal comma and thousands point (1,5 kg; 1.299,00 €); «virgolette basse»; address the customer as tu (Lei when the tone of voice is formal or professional).",
        Language::Pt => "Portuguese conventions: decimal comma (1,5 kg; R$ 29,90 or 29,90 €); “aspas”; address the customer as você (Brazil) unless the locale is pt-PT, which prefers the polite third person.",
        Language::Nl => "Dutch conventions: decimal comma and thousands point (1,5 kg; € 1.299,00); ‘enkele’ or “dubbele” aanhalingstekens; address the customer as je/jij (u when the tone of voice is formal or professional).",
        Language::Pl => "Polish conventions: decimal comma and a space for thousands (1,5 kg; 1 299,00 zł); „cudzysłów”; address the customer with the informal second person (ty, Twój), or Państwo when the tone of voice is formal; avoid gendered past forms for the customer.",
        Language::Ru => "Russian conventions: decimal comma and a space for thousands (1,5 кг; 1 299 ₽); «ёлочки»; address the customer as вы; use ё where it is needed.",
        Language::Ar => "Arabic conventions: Modern Standard Arabic, right to left; the Arabic comma ، and question mark ؟; prices with the currency after the amount; one digit style (Western 0–9 or Arabic-Indic ٠–٩) throughout.",
        Language::He => "Hebrew conventions: right to left; decimal point (1.5 ק״ג); ₪ after the amount (29.90 ₪); address the customer in the plural or gender-neutrally.",
        Language::Fa => "Persian conventions: right to left; the zero-width non-joiner (نیم‌فاصله) in compounds and before ها and می; the Persian comma ، and question mark ؟; one digit style (Persian ۰–۹ or Western) throughout; address the customer as شما.",
        Language::Ja => "Japanese conventions: polite です／ます style; full-width punctuation (。、「」); no spaces between words; prices in yen without decimals (1,299円).",
        Language::Zh => "Chinese conventions: Simplified Chinese; full-width punctuation (，。：“”); no spaces between words; prices as ¥129 or 129元.",
        Language::Ko => "Korean conventions: polite 합니다/해요 style, consistently; spaces between words (띄어쓰기); prices in won without decimals (12,900원).",
        Language::Other => "",
    }
}

#[cfg(test)]
mod language_tests {
    use super::conventions;
    use crate::lang::Language;
    use crate::product::Product;
    use crate::prompt::{render, PromptOptions};

    #[test]
    fn prompts_state_the_language_and_its_conventions() {
        for (code, name, marker) in [
            ("de-DE", "German", "Sie"),
            ("es", "Spanish", "¿"),
            ("fr_FR", "French", "guillemets"),
            ("pl", "Polish", "zł"),
            ("ja", "Japanese", "です"),
            ("en", "English", "you"),
        ] {
            let p = Product {
                name: "Wool Socks".into(),
                language: Some(code.into()),
                ..Product::default()
            };
            for template in ["long_description", "seo_title", "marketplace"] {
                let options = PromptOptions {
                    template: crate::prompt::TemplateRef::Builtin(template.into()),
                    ..PromptOptions::default()
                };
                let built = render(&options, &p).unwrap();
                assert!(
                    built.system.contains(&format!(
                        "Write every field in {name} (BCP 47 tag \"{code}\")"
                    )),
                    "{code} {template}: {}",
                    built.system
                );
                assert!(
                    built
                        .system
                        .contains(conventions(Language::from_locale(code))),
                    "{code}"
                );
                assert!(built.system.contains(marker), "{code}: {marker}");
            }
        }
        // A language proseo does not know: its tag, and no conventions line.
        let p = Product {
            name: "Ullsockor".into(),
            language: Some("sv".into()),
            ..Product::default()
        };
        let built = render(&PromptOptions::default(), &p).unwrap();
        assert!(built
            .system
            .contains("Write every field in the language with BCP 47 tag \"sv\""));
        assert!(!built.system.contains("conventions:"));
    }

    #[test]
    fn every_known_language_has_conventions() {
        for l in Language::ALL {
            assert!(!conventions(l).is_empty(), "{l:?}");
        }
        assert!(conventions(Language::Other).is_empty());
    }
}
