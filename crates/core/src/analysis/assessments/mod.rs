//! The assessments, one file each: `seo/` and `readability/`. Each file declares an
//! `ASSESSMENT` static (see [`super::assessment::Assessment`]) with the rule's numbers and
//! messages next to it. The registry (`super::registry`) lists which run for which profile.

pub(crate) mod readability;
pub(crate) mod seo;
