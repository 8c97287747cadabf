//! Where each language's data file comes from: compiled in (`data/<code>.txt`), or, in builds
//! with `external-lang-data` (the npm scoring `.wasm`), registered at run time by the host.
//! Either way a file is parsed once, on first use, into [`WordLists`].

use std::sync::OnceLock;

use super::{Language, WordLists};

const N: usize = Language::ALL.len();

/// The data file compiled into this build.
#[cfg(not(feature = "external-lang-data"))]
pub(super) fn embedded(language: Language) -> Option<&'static str> {
    Some(match language {
        Language::En => include_str!("data/en.txt"),
        Language::Es => include_str!("data/es.txt"),
        Language::De => include_str!("data/de.txt"),
        Language::Fr => include_str!("data/fr.txt"),
        Language::It => include_str!("data/it.txt"),
        Language::Nl => include_str!("data/nl.txt"),
        Language::Pt => include_str!("data/pt.txt"),
        Language::Ru => include_str!("data/ru.txt"),
        Language::Pl => include_str!("data/pl.txt"),
        Language::Ar => include_str!("data/ar.txt"),
        Language::He => include_str!("data/he.txt"),
        Language::Fa => include_str!("data/fa.txt"),
        Language::Ja => include_str!("data/ja.txt"),
        Language::Zh => include_str!("data/zh.txt"),
        Language::Ko => include_str!("data/ko.txt"),
        Language::Other => return None,
    })
}

#[cfg(feature = "external-lang-data")]
static REGISTERED: [OnceLock<String>; N] = [const { OnceLock::new() }; N];

/// The data file's text: compiled in, or registered.
fn text(language: Language) -> Option<&'static str> {
    #[cfg(not(feature = "external-lang-data"))]
    return embedded(language);
    #[cfg(feature = "external-lang-data")]
    return REGISTERED.get(language.index()?)?.get().map(String::as_str);
}

/// Registers a checked data file (builds with `external-lang-data`; elsewhere the compiled-in
/// file stays). The first one wins.
pub(super) fn register(language: Language, text: &str) {
    #[cfg(feature = "external-lang-data")]
    if let Some(slot) = language.index().and_then(|i| REGISTERED.get(i)) {
        let _ = slot.set(text.to_owned());
    }
    #[cfg(not(feature = "external-lang-data"))]
    let _ = (language, text);
}

/// The language's word lists, parsed once from its data file; `None` until the file is there.
pub(super) fn lists(language: Language) -> Option<&'static WordLists> {
    static PARSED: [OnceLock<Option<WordLists>>; N] = [const { OnceLock::new() }; N];
    let slot = PARSED.get(language.index()?)?;
    if let Some(parsed) = slot.get() {
        return parsed.as_ref();
    }
    let text = text(language)?;
    slot.get_or_init(|| WordLists::parse(text)).as_ref()
}
