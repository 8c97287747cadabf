//! Readability assessments.

pub(crate) mod consecutive_sentences;
pub(crate) mod flesch_reading_ease;
pub(crate) mod lists;
pub(crate) mod paragraph_length;
pub(crate) mod passive_voice;
pub(crate) mod sentence_length;
pub(crate) mod subheading_distribution;
pub(crate) mod text_presence;
pub(crate) mod transition_words;
