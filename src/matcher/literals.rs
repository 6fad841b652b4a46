//! Finding thousands of literals in a line through the words they contain.
//!
//! An Aho-Corasick automaton over the default rules' literals walks a large
//! state graph for every byte of every line, and most lines are prose that
//! holds none of them. Nearly every literal, though, contains a word that
//! is whole wherever the literal occurs: `we rely on readers like you`
//! contains `readers`. So each literal picks an *anchor*: a whole word; or,
//! failing that, the first [`KEY`] bytes of a word known to start a word in
//! the line (a regex gate `^more ` may match in `moreover`), or the last
//! ones of a word known to end one. It prefers anchors few other literals
//! share.
//!
//! A line is split into words, sixteen bytes classified at once. Each
//! word's key is hashed from its first eight bytes and looked up in a small
//! bit filter and then a table; its head and tail keys only when their
//! edge bytes pass a filter of byte pairs. Only at an anchor are the
//! literals that chose it compared byte for byte. The few literals with no
//! anchor (`©`, or a gate that may sit anywhere inside a word) go to a
//! small Aho-Corasick automaton.
//!
//! Words here are runs of alphanumeric characters. A literal's edge word
//! counts as starting (ending) a word in the line when the literal says its
//! occurrences that count sit on a word boundary there.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::LINE_TIERS;
use crate::hash::{FastHash, mix};

/// A literal to find, whether the occurrences that count start or end at
/// a word boundary, and the longest line, in words, it is looked for in.
#[derive(Debug, Clone)]
pub(crate) struct Literal {
    pub(crate) text: String,
    pub(crate) bounded_start: bool,
    pub(crate) bounded_end: bool,
    pub(crate) max_words: Option<usize>,
}

impl Literal {
    /// A literal whose occurrences count only on word boundaries.
    pub(crate) fn bounded(text: String, max_words: Option<usize>) -> Literal {
        Literal {
            text,
            bounded_start: true,
            bounded_end: true,
            max_words,
        }
    }
}

/// One occurrence of literal number `pattern` at `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Found {
    /// Ordering by end first reports matches in the order an automaton
    /// reaches them, longer before shorter at the same end.
    pub(crate) end: u32,
    pub(crate) start: u32,
    pub(crate) pattern: u32,
}

/// A literal to compare where its anchor's key occurs, `offset` bytes
/// into the literal.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: u32,
    offset: u32,
}

/// What part of a line's word an anchor's key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Head,
    Tail,
}

/// Bytes in the key of a head or tail anchor.
const KEY: usize = 3;

/// A literal's possible anchor: the key's hash and its offset in the
/// literal.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    part: Part,
    hash: u64,
    /// The key's first two bytes for a head, its last two for a tail.
    pair: u16,
    offset: usize,
    len: usize,
}

/// A slot of the anchor table: the anchor's hash and its candidates'
/// range in [`Literals::candidates`]. `len == 0` marks an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
}

/// Which pairs of bytes start a head key (end a tail key): a word's edge
/// bytes are tested here before its head (tail) is hashed and looked up.
/// Few anchors are heads or tails, so few words get past, and testing two
/// bytes costs less than hashing three.
#[derive(Debug, Default)]
struct PairFilter(Vec<u64>);

impl PairFilter {
    fn insert(&mut self, pair: u16) {
        if self.0.is_empty() {
            self.0 = vec![0; (1 << 16) / 64];
        }
        let bit = usize::from(pair);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `pair` was inserted; never, in an empty filter.
    fn contains(&self, pair: u16) -> bool {
        let bit = usize::from(pair);
        self.0
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}

/// Filter bits per anchor: about one word in twenty that is no anchor
/// gets past the filter to the table. The filters of all tiers together
/// stay small enough for the first-level cache.
const FILTER_BITS_PER_ANCHOR: usize = 16;

/// Literals compiled for searching.
#[derive(Debug)]
pub(crate) struct Literals {
    patterns: Vec<Box<[u8]>>,
    tiers: Vec<Tier>,
}

/// The index of the literals looked for in lines of at most `max_words`
/// words (any length when `None`).
#[derive(Debug)]
struct Tier {
    max_words: Option<usize>,
    /// One bit per value of a hash's top `64 - filter_shift` bits.
    filter: Vec<u64>,
    filter_shift: u32,
    table: Vec<Slot>,
    /// `table.len() - 1`; the table's size is a power of two.
    mask: usize,
    candidates: Vec<Candidate>,
    heads: PairFilter,
    tails: PairFilter,
    /// Literals without an anchor, and their numbers.
    rest: Option<(AhoCorasick, Vec<u32>)>,
}

impl Literals {
    /// Compiles `literals`; a match reports the literal's index.
    pub(crate) fn new(literals: &[Literal]) -> Literals {
        let options: Vec<Vec<Anchor>> = literals.iter().map(anchors).collect();
        let mut sharing: HashMap<u64, usize, FastHash> = HashMap::default();
        for anchor in options.iter().flatten() {
            *sharing.entry(anchor.hash).or_default() += 1;
        }
        // Keys that few literals share let few comparisons through; short
        // words are common in prose, and a head or tail key matches many
        // words.
        let chosen: Vec<Option<Anchor>> = options
            .iter()
            .map(|list| {
                list.iter().copied().min_by_key(|a| {
                    let weight = match a.part {
                        Part::Whole if a.len > 3 => 1,
                        Part::Whole => 4,
                        Part::Head | Part::Tail => 8,
                    };
                    (sharing[&a.hash] * weight, usize::MAX - a.len)
                })
            })
            .collect();
        let mut tiers = Vec::new();
        let mut shorter = 0;
        for max_words in LINE_TIERS.iter().copied().map(Some).chain([None]) {
            let wanted = |l: &Literal| l.max_words.is_none_or(|max| max > shorter);
            tiers.push(Tier::new(literals, &chosen, wanted, max_words));
            shorter = max_words.unwrap_or(usize::MAX);
        }
        Literals {
            patterns: literals
                .iter()
                .map(|l| l.text.as_bytes().to_vec().into_boxed_slice())
                .collect(),
            tiers,
        }
    }

    /// Every occurrence in `text`, a line of `words` words, of every
    /// literal looked for in lines that long, overlapping ones too,
    /// ordered by end, then start, then literal, into `found`. Occurrences
    /// of a literal glued to a word where it is bounded may be left out,
    /// and so may literals not looked for in lines that long.
    pub(crate) fn find(&self, text: &str, words: usize, found: &mut Vec<Found>) {
        found.clear();
        let tier = self
            .tiers
            .iter()
            .find(|t| t.max_words.is_none_or(|max| words <= max))
            .expect("the last tier takes any length");
        if tier.candidates.is_empty() && tier.rest.is_none() {
            return;
        }
        let bytes = text.as_bytes();
        // Without head or tail anchors, words skip those tests.
        let parts = !(tier.heads.is_empty() && tier.tails.is_empty());
        for (start, end) in Words::new(text) {
            let n = end - start;
            let first = load(bytes, start);
            // Most words pass no test: the tests are inline, the
            // comparisons behind them a call.
            let whole = prefix_hash(Part::Whole, first, n);
            if tier.may_hold(whole) {
                self.compare(tier, bytes, start, whole, found);
            }
            if parts && n >= KEY {
                if tier.heads.contains(first as u16) {
                    let head = prefix_hash(Part::Head, first, KEY);
                    if tier.may_hold(head) {
                        self.compare(tier, bytes, start, head, found);
                    }
                }
                let tail = load(bytes, end - KEY);
                if tier.tails.contains((tail >> 8) as u16) {
                    let hash = prefix_hash(Part::Tail, tail, KEY);
                    if tier.may_hold(hash) {
                        self.compare(tier, bytes, end - KEY, hash, found);
                    }
                }
            }
        }
        if let Some((ac, ids)) = &tier.rest {
            found.extend(ac.find_overlapping_iter(text).map(|m| Found {
                end: m.end() as u32,
                start: m.start() as u32,
                pattern: ids[m.pattern().as_usize()],
            }));
        }
        found.sort_unstable();
    }

    /// Compares the literals of `tier` anchored at the key `hash`, which
    /// occurs at byte `at` of the line.
    fn compare(&self, tier: &Tier, bytes: &[u8], at: usize, hash: u64, found: &mut Vec<Found>) {
        let Some(slot) = tier.lookup(hash) else {
            return;
        };
        let range = slot.start as usize..(slot.start + slot.len) as usize;
        for candidate in &tier.candidates[range] {
            let Some(from) = at.checked_sub(candidate.offset as usize) else {
                continue;
            };
            let pattern = &self.patterns[candidate.pattern as usize];
            if bytes[from..].starts_with(pattern) {
                found.push(Found {
                    end: (from + pattern.len()) as u32,
                    start: from as u32,
                    pattern: candidate.pattern,
                });
            }
        }
    }
}

impl Tier {
    /// The index of the `wanted` literals, anchored as `chosen`.
    fn new(
        literals: &[Literal],
        chosen: &[Option<Anchor>],
        wanted: impl Fn(&Literal) -> bool,
        max_words: Option<usize>,
    ) -> Tier {
        let mut by_anchor: HashMap<u64, Vec<Candidate>, FastHash> = HashMap::default();
        let mut rest = (Vec::new(), Vec::new());
        let (mut heads, mut tails) = (PairFilter::default(), PairFilter::default());
        for (i, literal) in literals.iter().enumerate() {
            if !wanted(literal) {
                continue;
            }
            match chosen[i] {
                Some(anchor) => {
                    match anchor.part {
                        Part::Head => heads.insert(anchor.pair),
                        Part::Tail => tails.insert(anchor.pair),
                        Part::Whole => {}
                    }
                    by_anchor.entry(anchor.hash).or_default().push(Candidate {
                        pattern: i as u32,
                        offset: anchor.offset as u32,
                    })
                }
                None => {
                    rest.0.push(literal.text.as_str());
                    rest.1.push(i as u32);
                }
            }
        }
        let size = (by_anchor.len() * 2).next_power_of_two().max(2);
        let mut table = vec![Slot::default(); size];
        let filter_bits = (by_anchor.len() * FILTER_BITS_PER_ANCHOR)
            .next_power_of_two()
            .max(64);
        let filter_shift = 64 - filter_bits.trailing_zeros();
        let mut filter = vec![0u64; filter_bits / 64];
        let mut candidates = Vec::new();
        let mut keyed: Vec<_> = by_anchor.into_iter().collect();
        // Sorted, so the layout and the order of candidates never depend
        // on the hash map's iteration order.
        keyed.sort_unstable_by_key(|(hash, _)| *hash);
        for (hash, list) in keyed {
            let bit = (hash >> filter_shift) as usize;
            filter[bit / 64] |= 1 << (bit % 64);
            let mut at = slot_of(hash, size - 1);
            while table[at].len != 0 {
                at = (at + 1) & (size - 1);
            }
            table[at] = Slot {
                hash,
                start: candidates.len() as u32,
                len: list.len() as u32,
            };
            candidates.extend(list);
        }
        let rest = (!rest.0.is_empty()).then(|| {
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&rest.0)
                .expect("a few normalised literals always build");
            (ac, rest.1)
        });
        Tier {
            max_words,
            filter,
            filter_shift,
            table,
            mask: size - 1,
            candidates,
            heads,
            tails,
            rest,
        }
    }

    /// Whether the filter lets `hash` through to the table.
    #[inline]
    fn may_hold(&self, hash: u64) -> bool {
        let bit = (hash >> self.filter_shift) as usize;
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn lookup(&self, hash: u64) -> Option<Slot> {
        let mut at = slot_of(hash, self.mask);
        loop {
            let slot = self.table[at];
            if slot.len == 0 {
                return None;
            }
            if slot.hash == hash {
                return Some(slot);
            }
            at = (at + 1) & self.mask;
        }
    }
}

impl Literal {
    /// Whether the literal can be found by its words; the others cost a
    /// pass of their own over every line.
    pub(crate) fn has_anchor(&self) -> bool {
        !anchors(self).is_empty()
    }
}

/// The anchors `literal` may choose: its words that are whole wherever
/// it occurs, and the heads and tails of words that start or end a word.
fn anchors(literal: &Literal) -> Vec<Anchor> {
    let text = literal.text.as_bytes();
    let mut anchors = Vec::new();
    for (start, end) in Words::new(&literal.text) {
        let word = &text[start..end];
        let starts = start > 0 || literal.bounded_start;
        let ends = end < text.len() || literal.bounded_end;
        let mut add = |part, key: &[u8], offset| {
            let pair = match part {
                Part::Whole => 0,
                Part::Head => u16::from_le_bytes([key[0], key[1]]),
                Part::Tail => u16::from_le_bytes([key[1], key[2]]),
            };
            anchors.push(Anchor {
                part,
                hash: key_hash(part, key),
                pair,
                offset,
                len: word.len(),
            })
        };
        match (starts, ends) {
            (true, true) => add(Part::Whole, word, start),
            (true, false) if word.len() >= KEY => add(Part::Head, &word[..KEY], start),
            (false, true) if word.len() >= KEY => {
                add(Part::Tail, &word[word.len() - KEY..], end - KEY)
            }
            _ => {}
        }
    }
    anchors
}

/// The byte range of every maximal run of alphanumeric characters.
///
/// The text is read 64 bytes at a time: each block's word bytes become the
/// bits of one integer, and words start and end where the bits change. A
/// loop that tests byte after byte mispredicts a branch at the end of
/// nearly every word, which cost more than the rest of the search. Bytes
/// of multi-byte characters count as word bytes until their character,
/// decoded once, turns out not to be alphanumeric (`©`, `·`, `•`).
struct Words<'a> {
    text: &'a str,
    /// Where the next block starts.
    next: usize,
    /// Where the current block starts.
    base: usize,
    /// Word starts and ends in the current block not yet reported, and
    /// which of them are starts.
    events: u64,
    starts: u64,
    /// Where the word being read starts.
    start: usize,
    /// Whether the last byte read is a word byte.
    in_word: bool,
    /// Bytes at the start of the next block that belong to a character
    /// begun in this one that is not alphanumeric.
    spill: usize,
}

impl Words<'_> {
    fn new(text: &str) -> Words<'_> {
        Words {
            text,
            next: 0,
            base: 0,
            events: 0,
            starts: 0,
            start: 0,
            in_word: false,
            spill: 0,
        }
    }

    /// Reads the block at `self.next`, which is in the text.
    fn read_block(&mut self) {
        let (base, text) = (self.next, self.text);
        let chunk = &text.as_bytes()[base..text.len().min(base + 64)];
        let (mut mask, mut leads) = (0, 0);
        let mut add = |i: usize, sixteen: &[u8; 16]| {
            let (m, l) = classify(sixteen);
            mask |= u64::from(m) << (16 * i);
            leads |= u64::from(l) << (16 * i);
        };
        // Whole blocks, most of a long line, in a loop the compiler unrolls.
        match <&[u8; 64]>::try_from(chunk) {
            Ok(block) => {
                for (i, sixteen) in block.chunks_exact(16).enumerate() {
                    add(i, sixteen.try_into().expect("sixteen bytes"));
                }
            }
            Err(_) => {
                for (i, piece) in chunk.chunks(16).enumerate() {
                    // Zero bytes, which are no word bytes, pad the last piece.
                    let mut padded = [0; 16];
                    padded[..piece.len()].copy_from_slice(piece);
                    add(i, &padded);
                }
            }
        }
        mask &= !((1u64 << self.spill) - 1);
        self.spill = 0;
        while leads != 0 {
            let bit = leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let c = text[base + bit..]
                .chars()
                .next()
                .expect("a lead byte starts a character");
            if !is_alphanumeric(c) {
                let end = bit + c.len_utf8();
                let here = end.min(64) - bit;
                mask &= !(((1u64 << here) - 1) << bit);
                self.spill = end.saturating_sub(64);
            }
        }
        let valid = u64::MAX >> (64 - chunk.len());
        let before = (mask << 1) | u64::from(self.in_word);
        self.starts = mask & !before;
        self.events = self.starts | (!mask & before & valid);
        self.in_word = mask >> (chunk.len() - 1) & 1 == 1;
        self.base = base;
        self.next = base + chunk.len();
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            while self.events != 0 {
                let bit = self.events.trailing_zeros();
                self.events &= self.events - 1;
                let at = self.base + bit as usize;
                if self.starts >> bit & 1 == 1 {
                    self.start = at;
                } else {
                    return Some((self.start, at));
                }
            }
            if self.next == self.text.len() {
                // A word running to the end of the text ends there.
                return std::mem::take(&mut self.in_word).then_some((self.start, self.next));
            }
            self.read_block();
        }
    }
}

/// Whether `c` is alphanumeric, with a table for the two-byte characters
/// of European languages.
fn is_alphanumeric(c: char) -> bool {
    match TWO_BYTE_WORD.get((c as usize).wrapping_sub(0x80)) {
        Some(&word) => word,
        None => c.is_alphanumeric(),
    }
}

/// Which of sixteen bytes are word bytes (ASCII letters and digits, and
/// every byte of a multi-byte character) and which start a multi-byte
/// character, one bit per byte, all sixteen at once.
#[cfg(target_arch = "x86_64")]
fn classify(sixteen: &[u8; 16]) -> (u16, u16) {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it.
    unsafe { classify_sse2(sixteen) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn classify_sse2(sixteen: &[u8; 16]) -> (u16, u16) {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };
    // Whether each byte `b` has `b - low < n`, unsigned: the comparison
    // is signed, so both sides are shifted by 0x80.
    let in_range = |v: __m128i, low: u8, n: u8| {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(low) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8((i16::from(n) - 0x80) as i8))
    };
    let half = |at: usize| i64::from_le_bytes(sixteen[at..at + 8].try_into().expect("eight"));
    let v = _mm_set_epi64x(half(8), half(0));
    let digit = in_range(v, b'0', 10);
    let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
    let high = _mm_movemask_epi8(v) as u16;
    let word = _mm_movemask_epi8(_mm_or_si128(digit, letter)) as u16 | high;
    // A lead byte has its top two bits set; adding a byte to itself
    // shifts it left.
    let lead = high & _mm_movemask_epi8(_mm_add_epi8(v, v)) as u16;
    (word, lead)
}

#[cfg(not(target_arch = "x86_64"))]
fn classify(sixteen: &[u8; 16]) -> (u16, u16) {
    classify_swar(sixteen)
}

/// [`classify`] eight bytes at a time, where there are no SSE2 registers.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn classify_swar(sixteen: &[u8; 16]) -> (u16, u16) {
    let eight = |at: usize| u64::from_le_bytes(sixteen[at..at + 8].try_into().expect("eight"));
    let ((m0, l0), (m1, l1)) = (word_bytes(eight(0)), word_bytes(eight(8)));
    ((m0 | m1 << 8) as u16, (l0 | l1 << 8) as u16)
}

/// Which of the eight bytes in `x` are word bytes (ASCII letters and
/// digits, and every byte of a multi-byte character) and which start a
/// multi-byte character, as one bit per byte: all eight bytes are tested
/// at once with carry-free additions (`SWAR`).
#[cfg(any(test, not(target_arch = "x86_64")))]
fn word_bytes(x: u64) -> (u64, u64) {
    const EACH: u64 = 0x0101_0101_0101_0101;
    let high = x & (0x80 * EACH);
    let low = x & (0x7F * EACH);
    // A byte's top bit after adding `0x80 - k` says whether it is >= k.
    let at_least = |v: u64, k: u64| v + (0x80 - k) * EACH;
    let digit = at_least(low, 0x30) & !at_least(low, 0x3A);
    let folded = low | (0x20 * EACH);
    let letter = at_least(folded, 0x61) & !at_least(folded, 0x7B);
    let word = high | ((digit | letter) & (0x80 * EACH));
    let lead = high & (x << 1);
    (top_bits(word), top_bits(lead))
}

/// The top bit of each byte of `x` (nothing else set) as bits 0 to 7.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn top_bits(x: u64) -> u64 {
    ((x >> 7) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Alphanumeric characters of two UTF-8 bytes (U+0080 to U+07FF: Latin,
/// Greek, Cyrillic ...), looked up rather than searched for in Unicode's
/// tables.
static TWO_BYTE_WORD: LazyLock<Vec<bool>> = LazyLock::new(|| {
    (0x80..0x800u32)
        .map(|c| char::from_u32(c).is_some_and(char::is_alphanumeric))
        .collect()
});

/// The hash of a key, told apart by its part.
fn key_hash(part: Part, key: &[u8]) -> u64 {
    prefix_hash(part, load(key, 0), key.len())
}

/// The hash of a key of `len` bytes whose first bytes (up to eight, and
/// any bytes after them) are `first`. Only those are read: keys that share
/// them and their length collide, which costs a comparison that fails,
/// not a wrong match, where hashing every byte of every word of every line
/// cost more than the rest of the search.
fn prefix_hash(part: Part, first: u64, len: usize) -> u64 {
    let kept = first & (u64::MAX >> (64 - 8 * len.clamp(1, 8)));
    let tag = ((len as u64) << 2 | part as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mix(tag, kept)
}

/// The eight bytes of `bytes` from `at` as an integer, padded with zeros
/// past its end.
fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => bytes[at..]
            .iter()
            .rev()
            .fold(0, |x, &b| x << 8 | u64::from(b)),
    }
}

fn slot_of(hash: u64, mask: usize) -> usize {
    hash as usize & mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::is_word_char;

    fn literals(list: &[(&str, bool)]) -> Literals {
        let list: Vec<Literal> = list
            .iter()
            .map(|&(text, bounded)| Literal {
                text: text.to_string(),
                bounded_start: bounded,
                bounded_end: bounded,
                max_words: None,
            })
            .collect();
        Literals::new(&list)
    }

    /// Occurrences as `(start, end, literal)`, without those of bounded
    /// literals that are glued to a word, as the matcher drops them.
    fn on_boundaries(list: &[(&str, bool)], text: &str, found: &[Found]) -> Vec<(u32, u32, u32)> {
        found
            .iter()
            .filter(|f| {
                let (start, end) = (f.start as usize, f.end as usize);
                let glued = |inside: Option<char>, outside: Option<char>| {
                    inside.is_some_and(is_word_char) && outside.is_some_and(is_word_char)
                };
                let literal = &text[start..end];
                !list[f.pattern as usize].1
                    || (!glued(literal.chars().next(), text[..start].chars().next_back())
                        && !glued(literal.chars().next_back(), text[end..].chars().next()))
            })
            .map(|f| (f.start, f.end, f.pattern))
            .collect()
    }

    /// Asserts that the literals find what brute force finds, and returns
    /// how many occurrences that is.
    fn check(list: &[(&str, bool)], text: &str) -> usize {
        let mut naive = Vec::new();
        for (p, &(lit, _)) in list.iter().enumerate() {
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                if text[start..].starts_with(lit) {
                    naive.push(Found {
                        end: (start + lit.len()) as u32,
                        start: start as u32,
                        pattern: p as u32,
                    });
                }
            }
        }
        naive.sort_unstable();
        let l = literals(list);
        let mut found = Vec::new();
        l.find(text, 1, &mut found);
        let found = on_boundaries(list, text, &found);
        assert_eq!(found, on_boundaries(list, text, &naive));
        found.len()
    }

    #[test]
    fn finds_literals_at_their_anchor_words() {
        let list = [("share this article", true), ("advertisement", true)];
        assert_eq!(
            check(&list, "read on. share this article · advertisement here"),
            2
        );
        assert_eq!(check(&list, "advertisements: share this articles"), 0);
    }

    #[test]
    fn overlapping_and_repeated_occurrences_are_all_reported() {
        let list = [
            ("read more", true),
            ("more more", true),
            ("more", true),
            ("read more more", true),
        ];
        assert_eq!(check(&list, "read more more more read more"), 9);
    }

    #[test]
    fn gate_literals_may_start_and_end_inside_words() {
        // `more from ` may match in `furthermore from`: its first word is
        // not whole, so `from` anchors it.
        let list = [("more from ", false), ("min", false)];
        assert_eq!(check(&list, "furthermore from here, 4 mins"), 2);
    }

    #[test]
    fn literals_without_words_are_found_too() {
        let list = [("©", true), ("» »", false), ("© 2024", true)];
        assert_eq!(check(&list, "» » » © 2024 example ©"), 5);
    }

    #[test]
    fn sixteen_bytes_are_classified_like_one_by_one() {
        let expect = |b: u8| (b >= 0x80 || b.is_ascii_alphanumeric(), b >= 0xC0);
        for b in 0..=255u8 {
            for at in 0..16 {
                // The byte among neighbours of every kind.
                for fill in [0u8, b'a', b' ', 0xFF, 0x7F, b'Z', b'0', b'@', b'['] {
                    let mut block = [fill; 16];
                    block[at] = b;
                    for (word, lead) in [classify(&block), classify_swar(&block)] {
                        for (i, &byte) in block.iter().enumerate() {
                            let got = (word >> i & 1 == 1, lead >> i & 1 == 1);
                            assert_eq!(
                                got,
                                expect(byte),
                                "byte {byte:#x} at {i}, {fill:#x} around"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn words_split_block_by_block_like_character_by_character() {
        fn naive(text: &str) -> Vec<(usize, usize)> {
            let mut words = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices() {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        words.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            words.extend(start.map(|s| (s, text.len())));
            words
        }
        // Pieces of every width, alphanumeric or not, so that characters
        // straddle the 64-byte blocks at every offset.
        let pieces = [
            "ab", " ", "ü", "©", "c1d", "--", "x", "·", "€", "日本", "𝔸", "—", ".  ",
        ];
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(pieces[(i * 7 + i / 13) % pieces.len()]);
            let found: Vec<_> = Words::new(&text).collect();
            assert_eq!(found, naive(&text), "{text:?}");
        }
    }

    #[test]
    fn non_ascii_words_are_split_like_ascii_ones() {
        let list = [("mehr zum thema", true), ("über uns", true), ("ß", true)];
        assert_eq!(check(&list, "fuß · über uns – mehr zum thema: straße ß"), 3);
    }

    #[test]
    fn literals_sharing_an_anchor_are_told_apart() {
        let list = [("our cookie", true), ("cookie", true), ("cookies", true)];
        assert_eq!(check(&list, "my cookie, our cookies"), 2);
    }
}
