//! A fast hash for the matcher's in-memory tables: it takes eight bytes at
//! a time and mixes them with one wide multiplication, where the standard
//! library's SipHash, built to resist flooding by chosen keys, costs more
//! than the lookup itself on short line keys. The keys are the rules' own
//! patterns, so flooding is no concern. Not stable across versions.

use std::hash::{BuildHasher, Hasher};

/// Hashes `bytes`, starting from `seed`.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    // The length is mixed in on its own, so that a short key and one
    // padded with zero bytes differ.
    let mut h = mix(seed ^ 0x243F_6A88_85A3_08D3, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
        );
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(buf));
    }
    h
}

fn mix(h: u64, chunk: u64) -> u64 {
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
