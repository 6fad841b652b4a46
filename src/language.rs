//! The language of a document, and its stop words.
//!
//! Detection is whatlang's trigram model over a sample of the document's
//! longer lines (menus and buttons say little about the language of the
//! article). Stop-word lists come from the `stop-words` crate: NLTK's short
//! lists of function words where NLTK has one, the stopwords-iso lists
//! otherwise. Picking a language by stop-list coverage would favour the
//! languages with the longest lists, so the lists are used only once the
//! language is known, to measure how much of a line is function words.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::fingerprint::Fnv;

/// Bytes of text sampled for detection: enough for a confident guess,
/// little enough that detection costs less than a scan of the page
/// (whatlang's time grows with the text).
const SAMPLE_BYTES: usize = 512;

/// Lines shorter than this (in bytes) are left out of the sample.
const SAMPLE_LINE_BYTES: usize = 40;

/// A detected language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Language {
    /// ISO 639-1 code (`en`, `de` ...), or the ISO 639-3 code where the
    /// language has no two-letter one.
    pub code: &'static str,
    /// whatlang's confidence, 0 to 1.
    pub confidence: f64,
    /// Whether whatlang calls the guess reliable.
    pub reliable: bool,
}

/// Detects the language of `text` from a sample of its longer lines;
/// `None` when there is too little text to tell.
pub fn detect(text: &str) -> Option<Language> {
    let mut sample = String::with_capacity(SAMPLE_BYTES + 1);
    for line in text.lines().map(str::trim) {
        if line.len() >= SAMPLE_LINE_BYTES {
            let room = SAMPLE_BYTES - sample.len();
            let cut = (0..=room.min(line.len()))
                .rev()
                .find(|&at| line.is_char_boundary(at))
                .unwrap_or(0);
            sample.push_str(&line[..cut]);
            sample.push('\n');
            if sample.len() >= SAMPLE_BYTES {
                break;
            }
        }
    }
    if sample.is_empty() {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    Some(Language {
        code: iso639_1(info.lang().code()),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// The stop words of a language (by ISO 639-1 code), lowercase; `None`
/// when no list is known. NLTK's list of function words where NLTK has
/// one: the stopwords-iso list of the same language adds content words
/// ("information", "home").
pub(crate) fn stop_words(code: &str) -> Option<&'static StopWords> {
    static SETS: OnceLock<HashMap<&'static str, StopWords>> = OnceLock::new();
    SETS.get_or_init(|| {
        // With both lists enabled the crate gives NLTK's where it has one.
        stop_words::available_languages()
            .iter()
            .filter_map(|&code| Some((code, StopWords::new(stop_words::lookup(code)?))))
            .collect()
    })
    .get(code)
}

/// A set of stop words. Looked up once per word of every line, so it
/// hashes with FNV-1a (short keys, no need to resist crafted input) and
/// knows its longest word, so longer words need no lookup.
#[derive(Debug)]
pub(crate) struct StopWords {
    words: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    longest: usize,
}

impl StopWords {
    fn new(words: &[&'static str]) -> StopWords {
        StopWords {
            words: words.iter().copied().collect(),
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }

    /// The length in bytes of the longest stop word.
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// Whether `word` (lowercase) is a stop word.
    pub(crate) fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest && self.words.contains(word)
    }
}

/// ISO 639-1 code for whatlang's ISO 639-3 code, where one exists.
fn iso639_1(code: &'static str) -> &'static str {
    const MAP: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    MAP.iter()
        .find(|&&(three, _)| three == code)
        .map_or(code, |&(_, two)| two)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_german_prose() {
        let en = "The council met on Tuesday to discuss the budget for the coming year, and it was agreed that the plan would go ahead.";
        let de = "Der Gemeinderat hat am Dienstag über den Haushalt für das kommende Jahr beraten und beschlossen, dass der Plan umgesetzt wird.";
        assert_eq!(detect(en).unwrap().code, "en");
        assert_eq!(detect(de).unwrap().code, "de");
    }

    #[test]
    fn no_language_without_text() {
        assert_eq!(detect("Home\nNews\n"), None);
    }

    #[test]
    fn stop_lists_prefer_the_short_function_word_list() {
        let en = stop_words("en").unwrap();
        assert!(en.contains("the") && en.contains("and"));
        // stopwords-iso's English list has content words such as these.
        assert!(!en.contains("information") && !en.contains("home"));
        assert!(en.longest() <= 12, "{}", en.longest());
        assert!(stop_words("pl").unwrap().contains("jest"));
        assert!(stop_words("xx").is_none());
    }
}
