//! Every number the checks score against, in one table per [`Profile`].
//!
//! Reference points are the thresholds Yoast SEO documents for product pages and articles
//! (see DESIGN.md); where proseo differs, the field says why.

use super::Profile;

/// A "good from .. to" band with an "ok" margin around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Lowest good value.
    pub good_min: f64,
    /// Highest good value.
    pub good_max: f64,
    /// Lowest ok value (below: bad).
    pub ok_min: f64,
    /// Highest ok value (above: bad).
    pub ok_max: f64,
}

impl Band {
    /// 9 inside the good band, 6 inside the ok band, 3 outside.
    pub fn score(&self, v: f64) -> u8 {
        if (self.good_min..=self.good_max).contains(&v) {
            9
        } else if (self.ok_min..=self.ok_max).contains(&v) {
            6
        } else {
            3
        }
    }
}

/// The thresholds of one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// Words: good at or above.
    pub text_length_good: u32,
    /// Words: ok at or above (bad below).
    pub text_length_ok: u32,
    /// Words: below this the text is far too short (score 1).
    pub text_length_min: u32,
    /// Keyphrase occurrences per 100 words.
    pub keyphrase_density: Band,
    /// Keyphrase density is only judged from this many words on.
    pub keyphrase_density_min_words: u32,
    /// Content words in a keyphrase: good band (ok up to `keyphrase_words_ok_max`).
    pub keyphrase_words_good_max: u32,
    /// Content words in a keyphrase above which it is bad.
    pub keyphrase_words_ok_max: u32,
    /// Share (%) of H2/H3 subheadings that mention the keyphrase.
    pub keyphrase_subheadings: Band,
    /// Share (%) of images whose alt mentions the keyphrase, when there are ≥ 5 images.
    pub keyphrase_alt: Band,
    /// SEO title width in pixels: good up to.
    pub title_width_max_px: f64,
    /// SEO title width below which the title wastes room (ok, not good).
    pub title_width_min_px: f64,
    /// Meta description length in characters.
    pub meta_description: Band,
    /// H1 elements allowed in the description (product pages: 0, the theme prints the name as H1).
    pub max_h1: u32,
    /// Images: good at or above.
    pub images_good: u32,
    /// Images: ok at or above (bad below).
    pub images_ok: u32,
    /// Check SKU/GTIN.
    pub identifiers: bool,
    /// Check for a list.
    pub lists: bool,
    /// Check outbound and internal links.
    pub links: bool,
    /// Long sentences: share (%) good up to / ok up to.
    pub long_sentences_good_pct: f64,
    /// See `long_sentences_good_pct`.
    pub long_sentences_ok_pct: f64,
    /// Paragraph words: good up to / ok up to.
    pub paragraph_good_max: u32,
    /// See `paragraph_good_max`.
    pub paragraph_ok_max: u32,
    /// Passive sentences: share (%) good up to / ok up to.
    pub passive_good_pct: f64,
    /// See `passive_good_pct`.
    pub passive_ok_pct: f64,
    /// Sentences with a transition word: share (%) good from / ok from.
    pub transition_good_pct: f64,
    /// See `transition_good_pct`.
    pub transition_ok_pct: f64,
    /// Transition words are judged from this many words on.
    pub transition_min_words: u32,
    /// Words of text without a subheading: good up to / ok up to.
    pub subheading_good_max: u32,
    /// See `subheading_good_max`.
    pub subheading_ok_max: u32,
    /// Flesch reading ease: good from / ok from.
    pub flesch_good: f64,
    /// See `flesch_good`.
    pub flesch_ok: f64,
    /// Sentences in a row starting with the same word that count as repetitive.
    pub consecutive_sentences: usize,
}

/// Product pages (the default).
pub static PRODUCT: Thresholds = Thresholds {
    text_length_good: 200,
    text_length_ok: 100,
    text_length_min: 50,
    keyphrase_density: Band {
        good_min: 0.5,
        good_max: 3.0,
        ok_min: 0.3,
        ok_max: 3.5,
    },
    keyphrase_density_min_words: 100,
    keyphrase_words_good_max: 4,
    keyphrase_words_ok_max: 8,
    keyphrase_subheadings: Band {
        good_min: 30.0,
        good_max: 75.0,
        ok_min: 1.0,
        ok_max: 100.0,
    },
    keyphrase_alt: Band {
        good_min: 30.0,
        good_max: 70.0,
        ok_min: 1.0,
        ok_max: 100.0,
    },
    title_width_max_px: 600.0,
    title_width_min_px: 400.0,
    meta_description: Band {
        good_min: 121.0,
        good_max: 156.0,
        ok_min: 50.0,
        ok_max: 160.0,
    },
    max_h1: 0,
    images_good: 4,
    images_ok: 1,
    identifiers: true,
    lists: true,
    links: false,
    long_sentences_good_pct: 25.0,
    long_sentences_ok_pct: 30.0,
    paragraph_good_max: 70,
    paragraph_ok_max: 100,
    passive_good_pct: 10.0,
    passive_ok_pct: 15.0,
    transition_good_pct: 30.0,
    transition_ok_pct: 20.0,
    transition_min_words: 200,
    subheading_good_max: 250,
    subheading_ok_max: 300,
    flesch_good: 60.0,
    flesch_ok: 50.0,
    consecutive_sentences: 3,
};

/// Articles (blog posts, category texts).
pub static ARTICLE: Thresholds = Thresholds {
    text_length_good: 300,
    text_length_ok: 250,
    text_length_min: 100,
    keyphrase_density: Band {
        good_min: 0.5,
        good_max: 3.0,
        ok_min: 0.3,
        ok_max: 3.5,
    },
    keyphrase_density_min_words: 100,
    keyphrase_words_good_max: 4,
    keyphrase_words_ok_max: 8,
    keyphrase_subheadings: Band {
        good_min: 30.0,
        good_max: 75.0,
        ok_min: 1.0,
        ok_max: 100.0,
    },
    keyphrase_alt: Band {
        good_min: 30.0,
        good_max: 70.0,
        ok_min: 1.0,
        ok_max: 100.0,
    },
    title_width_max_px: 600.0,
    title_width_min_px: 400.0,
    meta_description: Band {
        good_min: 121.0,
        good_max: 156.0,
        ok_min: 50.0,
        ok_max: 160.0,
    },
    max_h1: 1,
    images_good: 1,
    images_ok: 1,
    identifiers: false,
    lists: false,
    links: true,
    long_sentences_good_pct: 25.0,
    long_sentences_ok_pct: 30.0,
    paragraph_good_max: 150,
    paragraph_ok_max: 200,
    passive_good_pct: 10.0,
    passive_ok_pct: 15.0,
    transition_good_pct: 30.0,
    transition_ok_pct: 20.0,
    transition_min_words: 200,
    subheading_good_max: 300,
    subheading_ok_max: 350,
    flesch_good: 60.0,
    flesch_ok: 50.0,
    consecutive_sentences: 3,
};

impl Profile {
    /// This profile's thresholds.
    pub fn thresholds(self) -> &'static Thresholds {
        match self {
            Profile::Product => &PRODUCT,
            Profile::Article => &ARTICLE,
        }
    }
}
