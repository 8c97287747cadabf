//! English word lists and the passive-voice detector.

/// Transition words and phrases (lowercase, sorted). A sentence containing one "has a
/// transition".
pub static TRANSITION_WORDS: &[&str] = &[
    "accordingly",
    "additionally",
    "afterward",
    "afterwards",
    "also",
    "although",
    "altogether",
    "another",
    "as a result",
    "as long as",
    "as soon as",
    "as well as",
    "at first",
    "at last",
    "at the same time",
    "because",
    "before",
    "besides",
    "but also",
    "by contrast",
    "by the way",
    "certainly",
    "clearly",
    "consequently",
    "conversely",
    "correspondingly",
    "equally",
    "especially",
    "even though",
    "eventually",
    "finally",
    "first",
    "firstly",
    "for example",
    "for instance",
    "for this reason",
    "furthermore",
    "generally",
    "hence",
    "however",
    "in addition",
    "in comparison",
    "in conclusion",
    "in contrast",
    "in fact",
    "in general",
    "in other words",
    "in particular",
    "in short",
    "in summary",
    "in the meantime",
    "in the same way",
    "indeed",
    "instead",
    "last",
    "lastly",
    "later",
    "likewise",
    "meanwhile",
    "moreover",
    "namely",
    "naturally",
    "nevertheless",
    "next",
    "nonetheless",
    "not only",
    "notably",
    "now",
    "obviously",
    "of course",
    "on the contrary",
    "on the other hand",
    "on top of that",
    "once",
    "otherwise",
    "overall",
    "particularly",
    "plus",
    "previously",
    "rather",
    "second",
    "secondly",
    "similarly",
    "simply put",
    "since",
    "so that",
    "specifically",
    "still",
    "subsequently",
    "such as",
    "that is",
    "then",
    "thereafter",
    "therefore",
    "thus",
    "to begin with",
    "to sum up",
    "ultimately",
    "unless",
    "until",
    "what's more",
    "whereas",
    "while",
    "yet",
];

/// Function words ignored when matching a keyphrase (lowercase).
pub static FUNCTION_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have",
    "her", "his", "how", "i", "in", "into", "is", "it", "its", "my", "of", "on", "or", "our", "so",
    "than", "that", "the", "their", "this", "to", "was", "we", "what", "when", "which", "who",
    "why", "will", "with", "you", "your",
];

/// Forms of the auxiliaries that build the passive.
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "am" | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "get"
            | "gets"
            | "got"
            | "gotten"
            | "getting"
            | "isn't"
            | "aren't"
            | "wasn't"
            | "weren't"
            | "it's"
            | "that's"
            | "he's"
            | "she's"
            | "they're"
            | "we're"
            | "you're"
    )
}

/// Irregular past participles (sorted, for binary search).
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "arisen",
    "awoken",
    "beaten",
    "become",
    "begun",
    "bent",
    "bitten",
    "blown",
    "born",
    "borne",
    "bought",
    "bound",
    "bred",
    "broken",
    "brought",
    "built",
    "burnt",
    "caught",
    "chosen",
    "cut",
    "dealt",
    "done",
    "drawn",
    "driven",
    "dug",
    "eaten",
    "fed",
    "felt",
    "fought",
    "found",
    "frozen",
    "given",
    "grown",
    "held",
    "hidden",
    "hit",
    "hung",
    "hurt",
    "kept",
    "knit",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "read",
    "ridden",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "sewn",
    "shaken",
    "shed",
    "shown",
    "shrunk",
    "shut",
    "slung",
    "sold",
    "sought",
    "sown",
    "spent",
    "split",
    "spoken",
    "spread",
    "spun",
    "stolen",
    "stuck",
    "sung",
    "sunk",
    "swept",
    "sworn",
    "taken",
    "taught",
    "thought",
    "thrown",
    "told",
    "torn",
    "understood",
    "undone",
    "upheld",
    "woken",
    "won",
    "worn",
    "wound",
    "woven",
    "written",
];

/// Words ending in -ed that are not participles.
const NOT_PARTICIPLES: &[&str] = &[
    "bed", "bred", "embed", "feed", "hundred", "indeed", "kindred", "naked", "need", "red",
    "sacred", "seed", "shed", "sled", "speed", "steed", "tweed", "wed", "weed", "wicked",
];

/// Words allowed between the auxiliary and the participle ("is carefully made", "is not
/// made").
const MAX_GAP: usize = 1;

fn is_participle(word: &str) -> bool {
    if IRREGULAR_PARTICIPLES.binary_search(&word).is_ok() {
        return true;
    }
    word.len() > 3 && word.ends_with("ed") && !NOT_PARTICIPLES.contains(&word)
}

/// True when a sentence (its lowercase words) contains a passive construction: a form of
/// *be*/*get* followed, at most one word later, by a past participle.
pub fn is_passive(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        is_auxiliary(w)
            && words
                .iter()
                .skip(i + 1)
                .take(MAX_GAP + 1)
                .any(|next| is_participle(next))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passive(s: &str) -> bool {
        let lower = s.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        is_passive(&words)
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(IRREGULAR_PARTICIPLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn detects_passive_sentences() {
        assert!(passive("The mug is made of stoneware"));
        assert!(passive("Each piece was carefully handcrafted"));
        assert!(passive("It gets shipped within two days"));
        assert!(passive("The seams are double stitched"));
        assert!(!passive("We make the mug from stoneware"));
        assert!(!passive("The sweater is red"));
        assert!(!passive("This is a hundred percent cotton"));
        assert!(!passive("It is the best speed"));
    }
}
