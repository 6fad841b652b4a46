//! Fast hashes for in-memory tables, where the standard library's SipHash,
//! built to resist flooding by chosen keys, costs more than the lookup
//! itself. The keys here are the rules' own patterns and hashes of a
//! document's own lines, so flooding is no concern. Not stable across
//! versions.
//!
//! - [`FastHash`] takes eight bytes at a time and mixes them with one wide
//!   multiplication (the matcher's tables of patterns).
//! - [`Prehashed`] keeps a key that is a hash already (line fingerprints,
//!   stop-word hashes).

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Hashes `bytes`, starting from `seed`.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let mut h = seed ^ (n as u64).wrapping_mul(0x243F_6A88_85A3_08D3);
    if n == 0 {
        return h;
    }
    // Whole blocks of eight bytes, then the last eight (overlapping the
    // block before): the length in the seed tells keys apart, and no byte
    // is copied into a padded buffer, which would cost a call to `memcpy`
    // and a stalled load for every word of every line.
    let mut at = 0;
    while n - at > 8 {
        h = mix(h, read_u64(&bytes[at..]));
        at += 8;
    }
    mix(h, last_block(bytes))
}

fn read_u64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"))
}

/// The last (up to) eight bytes of non-empty `bytes` as one integer; for
/// a given length, different bytes give different integers.
fn last_block(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let u32_at = |at: usize| {
        u64::from(u32::from_le_bytes(
            bytes[at..at + 4].try_into().expect("four bytes"),
        ))
    };
    match n {
        8.. => read_u64(&bytes[n - 8..]),
        4..=7 => u32_at(0) | u32_at(n - 4) << 32,
        _ => u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16,
    }
}

/// Mixes eight bytes into `h` with one wide multiplication.
pub(crate) fn mix(h: u64, chunk: u64) -> u64 {
    let m = u128::from(h ^ chunk) * 0x9E37_79B9_7F4A_7C15;
    (m as u64) ^ ((m >> 64) as u64)
}

/// [`hash_bytes`] as a [`BuildHasher`] for hash maps.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FastHash;

impl BuildHasher for FastHash {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

/// The hasher of [`FastHash`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hasher for keys that are hashes already: it keeps the key.
#[derive(Debug, Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes
            .iter()
            .fold(self.0, |h, &b| h.rotate_left(8) ^ u64::from(b));
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by hashes.
pub(crate) type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_hash_alike_and_others_apart() {
        assert_eq!(
            hash_bytes(1, b"cookie policy"),
            hash_bytes(1, b"cookie policy")
        );
        let keys: Vec<u64> = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "a\0",
            "cookie policy",
            "cookie polic",
        ]
        .iter()
        .map(|k| hash_bytes(0, k.as_bytes()))
        .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(keys[i + 1..].iter().all(|b| a != b), "{keys:?}");
        }
        assert_ne!(hash_bytes(0, b"x"), hash_bytes(1, b"x"));
    }
}
