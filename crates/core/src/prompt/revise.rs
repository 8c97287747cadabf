//! Revision prompts: feed the checks that failed back to the model with its previous answer.
//!
//! The revision keeps the original system message and brief (so the model still has the
//! product facts and the voice), then appends the previous answer, the scores and every check
//! rated `bad` or `ok` (bad first), and asks for the complete object again under the same
//! schema. Check messages and the previous answer are passed as template *data*, never as
//! template source, so model output cannot inject template syntax.

use serde_json::{json, Map, Value};

use super::error::PromptError;
use super::render::{built, render, render_template, resolve, tidy};
use super::templates::OutputKind;
use super::{BuiltPrompt, PromptOptions};
use crate::analysis::{Analysis, Check, Rating};
use crate::content::GeneratedContent;
use crate::product::Product;
use crate::report::Issue;

const REVISE: &str = r#"{{ brief }}

---
Your previous answer was:
{{ previous }}

The content analysis scored it {{ seo_score }}/100 for SEO and {{ readability_score }}/100 for readability. The target is at least {{ target_score }}/100.
{% if checks %}
Fix these issues:
{% for check in checks %}
- {{ check.id }} ({{ check.rating }}): {{ check.message }}
{% endfor %}
{% else %}
No check failed. Polish the wording without losing what already works.
{% endif %}

Keep what already works: the facts, the keyphrase placement and the brand voice. Change only what the issues require.
Answer ONLY with the complete revised JSON object ({{ fields|join(", ") }}), matching the same JSON Schema as before.
"#;

/// Builds the prompt that asks the model to revise `previous` so it reaches `target_score`
/// (0–100, clamped), given the `analysis` of `previous`. `options` and `product` must be the
/// ones the previous prompt was rendered with: the system message, the brief and the schema
/// are rebuilt from them. The result's `template` is `revise:<name>`.
pub fn revise(
    options: &PromptOptions,
    product: &Product,
    previous: &GeneratedContent,
    analysis: &Analysis,
    target_score: u8,
) -> Result<BuiltPrompt, PromptError> {
    revise_with_issues(options, product, previous, analysis, target_score, &[])
}

/// [`revise`], with validation `issues` of the previous answer that must be fixed first (such
/// as [`crate::validate::LANGUAGE_MISMATCH`]): they lead the list, rated `bad`. Their messages
/// are template data like the checks'.
pub fn revise_with_issues(
    options: &PromptOptions,
    product: &Product,
    previous: &GeneratedContent,
    analysis: &Analysis,
    target_score: u8,
    issues: &[Issue],
) -> Result<BuiltPrompt, PromptError> {
    let base = render(options, product)?;
    let (_, kind, name) = resolve(&options.template)?;

    let mut failing: Vec<&Check> = analysis.checks().filter(|c| c.needs_work()).collect();
    // Stable: bad before ok, analysis order within each.
    failing.sort_by_key(|c| c.rating != Rating::Bad);
    let mut checks: Vec<Value> = issues
        .iter()
        .map(|i| {
            json!({
                "id": i.code,
                "rating": Rating::Bad,
                "score": 0,
                "message": i.message,
            })
        })
        .collect();
    checks.extend(failing.iter().map(|c| {
        json!({
            "id": c.id,
            "rating": c.rating,
            "score": c.score,
            "message": c.message,
        })
    }));

    let previous = serde_json::to_string_pretty(&previous_fields(previous, kind)).map_err(|e| {
        PromptError::Render {
            message: e.to_string(),
            line: None,
        }
    })?;
    let vars = json!({
        "brief": base.user,
        "previous": previous,
        "seo_score": analysis.seo.score,
        "readability_score": analysis.readability.score,
        "target_score": target_score.min(100),
        "checks": checks,
        "fields": kind.fields(),
    });
    let user = tidy(&render_template(REVISE, &vars)?);
    Ok(built(
        base.system,
        user,
        base.schema,
        format!("revise:{name}"),
    ))
}

/// The previous answer's non-empty fields that belong to `kind`'s schema.
fn previous_fields(previous: &GeneratedContent, kind: OutputKind) -> Value {
    let mut out = Map::new();
    let all = serde_json::to_value(previous).unwrap_or(Value::Null);
    for &field in kind.fields() {
        match all.get(field) {
            Some(Value::String(s)) if !s.is_empty() => {
                out.insert(field.to_owned(), Value::from(s.as_str()));
            }
            Some(Value::Array(a)) if !a.is_empty() => {
                out.insert(field.to_owned(), Value::Array(a.clone()));
            }
            _ => {}
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{CheckId, Profile, Section, Stats};
    use crate::lang::Language;
    use crate::prompt::TemplateRef;

    fn analysis() -> Analysis {
        Analysis {
            language: Language::En,
            profile: Profile::Product,
            seo: Section::from_checks(vec![
                Check::scored(
                    CheckId::KeyphraseInTitle,
                    9,
                    "The keyphrase starts the title.",
                ),
                Check::scored(
                    CheckId::MetaDescriptionLength,
                    6,
                    "The meta description is 98 characters; aim for 120–156.",
                ),
                Check::scored(
                    CheckId::KeyphraseDensity,
                    2,
                    "The keyphrase appears once in 300 words; use it 2–4 times.",
                ),
                Check::na(CheckId::OutboundLinks, "Not checked on product pages."),
            ]),
            readability: Section::from_checks(vec![Check::scored(
                CheckId::PassiveVoice,
                3,
                "31% of sentences use the passive voice; keep it under 10%.",
            )]),
            stats: Stats::default(),
        }
    }

    fn previous() -> GeneratedContent {
        GeneratedContent {
            description: "<p>A mug.</p>".into(),
            seo_title: "Stoneware mug".into(),
            meta_description: "A mug.".into(),
            slug: "stoneware-mug".into(),
            bullets: vec!["not in this schema".into()],
            ..GeneratedContent::default()
        }
    }

    fn product() -> Product {
        Product {
            name: "Stoneware Mug".into(),
            ..Product::default()
        }
    }

    #[test]
    fn failing_checks_and_previous_answer_are_fed_back() {
        let prompt = revise(
            &PromptOptions::default(),
            &product(),
            &previous(),
            &analysis(),
            80,
        )
        .unwrap();
        assert_eq!(prompt.template, "revise:long_description");
        let user = &prompt.user;
        // The failing checks, bad ones first; passing and n/a checks are left out.
        let density = user
            .find("- keyphrase_density (bad): The keyphrase appears once")
            .unwrap();
        let passive = user
            .find("- passive_voice (bad): 31% of sentences")
            .unwrap();
        let meta = user
            .find("- meta_description_length (ok): The meta description is 98")
            .unwrap();
        assert!(density < passive && passive < meta);
        assert!(!user.contains("keyphrase_in_title"));
        assert!(!user.contains("outbound_links"));
        // The previous answer, restricted to the schema's fields.
        assert!(user.contains("\"slug\": \"stoneware-mug\""));
        assert!(!user.contains("not in this schema"));
        // The original brief and the target.
        assert!(user.contains("- Name: Stoneware Mug"));
        assert!(user.contains("at least 80/100"));
        let analysis = analysis();
        assert!(user.contains(&format!("scored it {}/100 for SEO", analysis.seo.score)));
        // Same system message and schema as the first prompt.
        let first = render(&PromptOptions::default(), &product()).unwrap();
        assert_eq!(prompt.system, first.system);
        assert_eq!(prompt.schema, first.schema);
        assert!(prompt.estimated_tokens > first.estimated_tokens);
    }

    #[test]
    fn nothing_failing_still_builds_a_prompt() {
        let mut a = analysis();
        a.seo = Section::from_checks(vec![Check::scored(CheckId::SingleH1, 9, "fine")]);
        a.readability = Section::from_checks(vec![]);
        let prompt = revise(&PromptOptions::default(), &product(), &previous(), &a, 200).unwrap();
        assert!(prompt.user.contains("No check failed"));
        assert!(prompt.user.contains("at least 100/100"));
    }

    #[test]
    fn template_syntax_in_model_output_is_data() {
        let mut prev = previous();
        prev.description = "{{ product.secret }} {% for %}".into();
        let prompt = revise(
            &PromptOptions::default(),
            &product(),
            &prev,
            &analysis(),
            70,
        )
        .unwrap();
        assert!(prompt.user.contains("{{ product.secret }} {% for %}"));
    }

    #[test]
    fn custom_templates_revise_with_the_any_schema() {
        let opts = PromptOptions {
            template: TemplateRef::Custom("Write about {{ product.name }}.".into()),
            ..PromptOptions::default()
        };
        let prompt = revise(&opts, &product(), &previous(), &analysis(), 70).unwrap();
        assert_eq!(prompt.template, "revise:custom");
        assert!(prompt.user.contains("not in this schema"));
        assert_eq!(prompt.schema, crate::prompt::output_schema(OutputKind::Any));
    }
}

#[cfg(test)]
mod issue_tests {
    use super::*;

    #[test]
    fn validation_issues_lead_the_revision() {
        let product = Product {
            name: "Wollsocken".into(),
            ..Product::default()
        };
        let options = PromptOptions {
            language: "de".into(),
            ..PromptOptions::default()
        };
        let previous = crate::writer::write(
            &Product {
                language: Some("en".into()),
                ..product.clone()
            },
            &PromptOptions::default(),
        )
        .unwrap();
        let analysis = crate::analysis::score_generated(&product, &previous, &options);
        let issue = crate::validate::check_language(&previous, "de").unwrap();
        let built =
            revise_with_issues(&options, &product, &previous, &analysis, 70, &[issue]).unwrap();
        let fixes = built
            .user
            .split("Fix these issues:")
            .nth(1)
            .unwrap_or_default();
        let first = fixes
            .lines()
            .find(|l| l.starts_with("- "))
            .unwrap_or_default();
        assert!(
            first.starts_with("- language_mismatch (bad): the content is written in English"),
            "{first}"
        );
        assert!(built.system.contains("German"), "{}", built.system);
    }
}
