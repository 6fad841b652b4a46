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

impl Class {
    /// The class's name in `--explain` output.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Class::Good => "good",
            Class::NearGood => "neargood",
            Class::Short => "short",
            Class::Bad => "bad",
        }
    }
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
            // Of a line an earlier stage removed, only the shape counts
            // (its words, length, paragraph), not its stop words.
            let stop = stop.filter(|_| page.is_kept(i));
            let mut f = measure(page.line_text(i), stop, &mut word);
            f.sentence_end = page.lines[i].sentence_end;
            f.block = block;
            Some(f)
        })
        .collect()
}

/// Measures one line in a single pass over its bytes: tokens are the runs
/// between whitespace, words the runs of letters and digits (with
/// apostrophes inside) within a token. ASCII, most of any page, takes a
/// path without Unicode tables; `word` is scratch space for lowercasing.
fn measure(line: &str, stop: Option<&StopWords>, word: &mut String) -> Features {
    let mut m = Meter {
        stop,
        word,
        f: Features::default(),
        token: None,
        token_chars: 0,
        start: None,
        tokens: 0,
        stops: 0,
        lettered: 0,
        capital: 0,
        letters: 0,
        digits: 0,
        upper: 0,
        link_chars: 0,
    };
    let bytes = line.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let (c, len) = match bytes[at] {
            b if b.is_ascii() => (char::from(b), 1),
            _ => {
                let c = line[at..].chars().next().unwrap_or_default();
                (c, c.len_utf8())
            }
        };
        let space = if c.is_ascii() {
            matches!(c, '\t'..='\r' | ' ')
        } else {
            c.is_whitespace()
        };
        if space {
            m.end_token(line, at);
        } else {
            m.token.get_or_insert(at);
            m.char(line, at, c);
            if c.is_ascii_alphanumeric() {
                at += m.ascii_run(&bytes[at + 1..]);
            }
        }
        at += len;
    }
    m.end_token(line, bytes.len());
    m.finish()
}

/// The running counts of [`measure`].
struct Meter<'s, 'w> {
    stop: Option<&'s StopWords>,
    word: &'w mut String,
    f: Features,
    /// Start of the current token, and of the current word with its first
    /// character and whether it is all ASCII so far.
    token: Option<usize>,
    token_chars: usize,
    start: Option<(usize, char, bool)>,
    tokens: usize,
    stops: usize,
    lettered: usize,
    capital: usize,
    letters: usize,
    digits: usize,
    upper: usize,
    link_chars: usize,
}

impl Meter<'_, '_> {
    fn char(&mut self, line: &str, at: usize, c: char) {
        self.token_chars += 1;
        let (alpha, numeric) = if c.is_ascii() {
            (c.is_ascii_alphabetic(), c.is_ascii_digit())
        } else {
            (c.is_alphabetic(), c.is_numeric())
        };
        if alpha {
            self.letters += 1;
            self.upper += usize::from(if c.is_ascii() {
                c.is_ascii_uppercase()
            } else {
                c.is_uppercase()
            });
        } else if numeric {
            self.digits += 1;
        }
        if alpha || numeric {
            match &mut self.start {
                Some((_, _, ascii)) => *ascii &= c.is_ascii(),
                None => self.start = Some((at, c, c.is_ascii())),
            }
        } else if c != '\'' {
            self.end_word(line, at);
        }
    }

    /// Counts the ASCII letters and digits at the start of `rest`, which
    /// continue the word of the character before them, in one loop with
    /// its counts in registers (most of a text's characters are such
    /// runs); returns how many there are.
    fn ascii_run(&mut self, rest: &[u8]) -> usize {
        let (mut run, mut letters, mut upper) = (0, 0, 0);
        for &b in rest {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            run += 1;
            letters += usize::from(b.is_ascii_alphabetic());
            upper += usize::from(b.is_ascii_uppercase());
        }
        self.token_chars += run;
        self.letters += letters;
        self.upper += upper;
        self.digits += run - letters;
        run
    }

    fn end_token(&mut self, line: &str, at: usize) {
        let Some(from) = self.token.take() else {
            return;
        };
        self.end_word(line, at);
        let token = &line[from..at];
        let chars = std::mem::take(&mut self.token_chars);
        if token.bytes().any(|b| matches!(b, b'.' | b'@' | b':')) && is_link(token) {
            self.link_chars += chars;
        }
        if chars == 1 && "|»›·>/•‹«<".contains(token) {
            self.f.separators += 1;
        }
        self.f.chars += chars;
        self.tokens += 1;
    }

    fn end_word(&mut self, line: &str, at: usize) {
        let Some((from, first, ascii)) = self.start.take() else {
            return;
        };
        // Apostrophes after the last letter or digit are not part of it.
        let bytes = line.as_bytes();
        let mut end = at;
        while bytes[end - 1] == b'\'' {
            end -= 1;
        }
        let part = &line[from..end];
        self.f.words += 1;
        if first.is_alphabetic() {
            self.lettered += 1;
            self.capital += usize::from(first.is_uppercase());
        }
        let Some(stop) = self.stop else {
            return;
        };
        // ASCII keeps its length when lowercased, and no stop word is
        // longer than the longest; other text rarely changes length, and
        // never doubles it.
        let found = if ascii {
            stop.contains_ascii(part)
        } else if part.len() <= 2 * stop.longest() {
            let word = &mut *self.word;
            word.clear();
            word.extend(part.chars().flat_map(char::to_lowercase));
            stop.contains(word)
        } else {
            false
        };
        self.stops += usize::from(found);
    }

    fn finish(self) -> Features {
        let mut f = self.f;
        // Tokens are joined by one space each.
        f.chars = (f.chars + self.tokens).saturating_sub(1);
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
        f.stop = self.stop.map(|_| share(self.stops, f.words));
        f.capitalised = share(self.capital, self.lettered);
        f.digits = share(self.digits, self.letters + self.digits);
        f.link = share(self.link_chars, f.chars);
        f.all_caps = self.letters >= 4 && self.upper == self.letters;
        f
    }
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
