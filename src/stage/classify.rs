//! Line features and the first, context-free class of every line.
//!
//! Plain text still tells a lot about a line: how long it is, how much of
//! it is function words of the page's language (prose has many, menus,
//! teasers and labels few), whether it ends like a sentence, whether it is
//! written in Title Case or capitals, whether it is a link or an address,
//! and whether it is a trail of items joined by separators. This module
//! measures those features and gives each line a class as jusText does;
//! [`context`](super::context) then lets uncertain lines take the class of
//! their neighbours.

use crate::document::Page;
use crate::language::StopWords;
use crate::settings::Thresholds;

/// What a line looks like before its neighbours are considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Prose: long, with the function words of running text.
    Good,
    /// Probably prose, but short or thin in function words.
    NearGood,
    /// Too short to tell on its own (headings, list items, labels, menus).
    Short,
    /// Not prose: long but without function words, or chrome by its shape.
    Bad,
}

/// The measured features of one non-blank line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// Characters of the trimmed line, a run of whitespace counting as one.
    pub(crate) chars: usize,
    /// Words (tokens with a letter or digit).
    pub(crate) words: usize,
    /// Share of words that are stop words; `None` without a stop list.
    pub(crate) stop: Option<f32>,
    /// Share of words starting with a capital letter, among words that
    /// start with a letter.
    pub(crate) capitalised: f32,
    /// Ends like a sentence.
    pub(crate) sentence_end: bool,
    /// Separator tokens (`|`, `»`, `›`, `·`, `>`, `/`, `•`) standing
    /// between spaces.
    pub(crate) separators: usize,
    /// Share of digits among letters and digits.
    pub(crate) digits: f32,
    /// Share of the line's characters that are URLs or e-mail addresses.
    pub(crate) link: f32,
    /// Every letter is a capital (and there are a few).
    pub(crate) all_caps: bool,
    /// Index of the paragraph (run of lines between blank lines).
    pub(crate) block: usize,
}

/// A line's first class and, for lines that are chrome by their shape,
/// the name of the shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verdict {
    pub(crate) class: Class,
    /// Set when the line is chrome whatever its neighbours: context never
    /// turns it good.
    pub(crate) chrome: Option<&'static str>,
}

/// Measures every non-blank line of `page`; blank lines get `None`.
pub(crate) fn features(page: &Page<'_>, stop: Option<&StopWords>) -> Vec<Option<Features>> {
    let mut block = 0;
    let mut previous_blank = true;
    let mut word = String::new();
    (0..page.lines.len())
        .map(|i| {
            if page.is_blank(i) {
                previous_blank = true;
                return None;
            }
            if previous_blank {
                block += 1;
                previous_blank = false;
            }
            let mut f = measure(page.line_text(i).trim(), stop, &mut word);
            f.sentence_end = page.lines[i].sentence_end;
            f.block = block;
            Some(f)
        })
        .collect()
}

fn measure(line: &str, stop: Option<&StopWords>, word: &mut String) -> Features {
    let mut f = Features::default();
    let (mut stops, mut lettered, mut capital) = (0usize, 0usize, 0usize);
    let (mut letters, mut digits, mut upper) = (0usize, 0usize, 0usize);
    let mut link_chars = 0;
    let mut count_word = |part: &str, first: char| {
        f.words += 1;
        if first.is_alphabetic() {
            lettered += 1;
            capital += usize::from(first.is_uppercase());
        }
        // Lowercasing changes the length of few words, and never doubles it.
        if let Some(stop) = stop.filter(|s| part.len() <= 2 * s.longest()) {
            word.clear();
            if part.is_ascii() {
                word.push_str(part);
                word.make_ascii_lowercase();
            } else {
                word.extend(part.chars().flat_map(char::to_lowercase));
            }
            stops += usize::from(stop.contains(word.as_str()));
        }
    };
    for token in line.split_whitespace() {
        let bytes = token.as_bytes();
        if bytes.iter().any(|&b| matches!(b, b'.' | b'@' | b':')) && is_link(token) {
            link_chars += token.chars().count();
        }
        if bytes.len() <= 3 && token.chars().count() == 1 && "|»›·>/•‹«<".contains(token) {
            f.separators += 1;
        }
        // One pass over the token: it may hold several words (`don't`,
        // `e-mail`, `Haus/Hof`), split at what is not a letter, digit or
        // apostrophe.
        let mut start: Option<(usize, char)> = None;
        for (at, c) in token.char_indices() {
            f.chars += 1;
            let (alpha, numeric) = if c.is_ascii() {
                (c.is_ascii_alphabetic(), c.is_ascii_digit())
            } else {
                (c.is_alphabetic(), c.is_numeric())
            };
            if alpha {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            } else if numeric {
                digits += 1;
            }
            if alpha || numeric {
                start.get_or_insert((at, c));
            } else if c != '\'' {
                if let Some((from, first)) = start.take() {
                    count_word(token[from..at].trim_end_matches('\''), first);
                }
            }
        }
        if let Some((from, first)) = start {
            count_word(
                token.get(from..).unwrap_or("").trim_end_matches('\''),
                first,
            );
        }
        f.chars += 1;
    }
    // Spaces between tokens were counted once per token.
    f.chars = f.chars.saturating_sub(1);
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    f.stop = stop.map(|_| share(stops, f.words));
    f.capitalised = share(capital, lettered);
    f.digits = share(digits, letters + digits);
    f.link = share(link_chars, f.chars);
    f.all_caps = letters >= 4 && upper == letters;
    f
}

fn is_link(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    token.contains("://")
        || t.starts_with("www.")
        || t.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

/// The first class of a line with features `f`.
pub(crate) fn classify(f: &Features, t: &Thresholds) -> Verdict {
    if let Some(shape) = chrome_shape(f) {
        return Verdict {
            class: Class::Bad,
            chrome: Some(shape),
        };
    }
    let class = match f.stop {
        _ if f.chars < t.length_low => Class::Short,
        Some(stop) if stop >= t.stop_high => {
            if f.chars >= t.length_high {
                Class::Good
            } else {
                Class::NearGood
            }
        }
        Some(stop) if stop >= t.stop_low => Class::NearGood,
        // A sentence thin in function words (a caption, marketing copy).
        Some(stop) if f.sentence_end && stop >= t.stop_low / 2.0 => Class::NearGood,
        Some(_) => Class::Bad,
        // Without a stop list, long lines that end like sentences are prose.
        None if f.chars >= t.length_high && f.sentence_end => Class::Good,
        None => Class::NearGood,
    };
    Verdict {
        class,
        chrome: None,
    }
}

/// The name of the shape that makes a line chrome on any page.
fn chrome_shape(f: &Features) -> Option<&'static str> {
    if f.link >= 0.5 {
        return Some("link");
    }
    // `Home | About | Contact`: several separators, short items, no sentence.
    if f.separators >= 2 && !f.sentence_end && f.words <= 4 * (f.separators + 1) {
        return Some("separated-items");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::stop_words;

    fn measure_en(line: &str) -> Features {
        measure(line, stop_words("en"), &mut String::new())
    }

    #[test]
    fn prose_has_stop_words_and_menus_have_none() {
        let prose = measure_en("The council met on Tuesday, and it agreed to the plan.");
        assert!(prose.stop.unwrap() > 0.4, "{:?}", prose.stop);
        let menu = measure_en("Home News Sport Weather");
        assert_eq!(menu.stop, Some(0.0));
        assert_eq!(menu.capitalised, 1.0);
    }

    #[test]
    fn links_separators_and_capitals() {
        assert!(measure_en("https://example.com/a/b").link > 0.9);
        assert!(measure_en("mail me: jane@example.org").link > 0.5);
        assert_eq!(measure_en("Home | About | Contact").separators, 2);
        assert!(measure_en("BREAKING NEWS").all_caps);
        assert!(measure_en("Price 4.99").digits > 0.3);
    }

    #[test]
    fn separated_items_are_chrome() {
        let t = Thresholds::default();
        let f = measure_en("Home | About us | Contact | Jobs");
        assert_eq!(classify(&f, &t).chrome, Some("separated-items"));
        let mut f = measure_en("He said 5 > 3 and 7 > 2, which is true of numbers.");
        f.sentence_end = true;
        assert_eq!(classify(&f, &t).chrome, None);
    }
}
