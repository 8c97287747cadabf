//! Passive voice (Yoast: `passiveVoice`).
//!
//! Measures: the share of sentences with a passive construction, by the language's detector
//! (`lang::Passive`: auxiliary + participle, or a passive verb form). Applies: when the language
//! has a passive-voice detector (else `na`, unsupported, with the reason). Judges: up to 10 %
//! good, up to 15 % ok, more bad.

use crate::analysis::assessment::{
    fill, format_number, percent, unsupported, Assessment, SectionKind,
};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

/// Share of passive sentences (%): good up to `good_max`, ok up to `okay_max`.
const GOOD_MAX: f64 = 10.0;
const OKAY_MAX: f64 = 15.0;

struct Scores {
    good: i16,
    okay: i16,
    bad: i16,
}
const SCORES: Scores = Scores {
    good: 9,
    okay: 6,
    bad: 3,
};

const GOOD: &str =
    "You are not using too much passive voice ({pct}% of the sentences). That's great!";
const MANY: &str = "{pct}% of the sentences contain passive voice, which is more than the recommended maximum of {max}%. Try to use their active counterparts.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::PassiveVoice,
    section: SectionKind::Readability,
    yoast: Some("passiveVoice"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) =
        r.language_unsupported_because(r.lang.passive.is_some(), r.lang.no_passive_reason)
    {
        return unsupported(id, &why);
    }
    let sentences = r.sentences();
    let facts = r.passive_facts();
    let mut passive = Vec::with_capacity(sentences.len());
    passive.extend(sentences.iter().copied().filter(|&s| {
        let ids = r.sentence_ids(s);
        r.lang.is_passive_facts(
            ids.iter()
                .map(|&i| facts.get(i as usize).copied().unwrap_or(0)),
        )
    }));
    let pct = format_number(percent(passive.len(), sentences.len()));
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 2] =
        [("pct", &pct), ("max", &GOOD_MAX)];
    let hl = r.hl_sentences(&passive);
    let (score, template) = if pct <= GOOD_MAX {
        (SCORES.good, GOOD)
    } else if pct <= OKAY_MAX {
        (SCORES.okay, MANY)
    } else {
        (SCORES.bad, MANY)
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}
