//! The exact-origin lookup table: open addressing over a fixed, portable hash.
//!
//! The macro builds the table at compile time on the host, and the runtime probes it on
//! the target, so the hash must give the same value on every platform: it reads bytes
//! as little-endian `u64` words and never uses `usize` arithmetic. No general-purpose
//! hasher promises that (SipHash/FxHash/foldhash seeds or widths vary), hence this one.
//! The table never holds request data, so an attacker cannot grow its probe chains:
//! a lookup costs one hash and at most the longest chain fixed by the configuration.

use crate::bytes::words_eq;

/// Marks an empty slot.
pub const EMPTY_SLOT: u32 = u32::MAX;

/// Hashes the bytes of an origin, eight bytes at a time.
///
/// A `const fn` so that the macro can build tables at compile time; it reads whole
/// little-endian words (one load each once optimized), so it is also the runtime's
/// hash on the request path.
#[inline]
pub const fn origin_hash(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let mut hash = (len as u64).wrapping_mul(K);
    let mut at = 0;
    while at + 8 <= len {
        hash = mix(hash, read_word(bytes, at));
        at += 8;
    }
    let rest = len - at;
    if rest > 0 {
        // The zero-padded tail word: the last eight bytes shifted right when the input
        // has eight, else assembled byte by byte.
        let tail = if len >= 8 {
            read_word(bytes, len - 8) >> (8 * (8 - rest))
        } else {
            let mut word = 0u64;
            let mut i = 0;
            while i < rest {
                word |= (bytes[at + i] as u64) << (8 * i);
                i += 1;
            }
            word
        };
        hash = mix(hash, tail);
    }
    // Murmur3's finalizer, so that the low bits used as the index depend on every byte.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    hash ^ (hash >> 33)
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
const fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(23) ^ word).wrapping_mul(K)
}

/// The little-endian word at `bytes[at..at + 8]`, which the caller keeps in bounds.
#[inline]
const fn read_word(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at(at).1.first_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word),
        None => panic!("read_word past the end"),
    }
}

/// The slots of an open-addressing table over a list of origins: each slot holds an
/// index into that list or [`EMPTY_SLOT`]. Its length is a power of two at least twice
/// the list's, so a probe always ends at an empty slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginTable {
    /// The slots.
    pub slots: Vec<u32>,
}

impl OriginTable {
    /// Builds the table for `origins` (which hold no duplicates).
    pub fn build<S: AsRef<str>>(origins: &[S]) -> Self {
        let len = (origins.len() * 2).next_power_of_two().max(2);
        let mask = len - 1;
        let mut slots = vec![EMPTY_SLOT; len];
        for (index, origin) in origins.iter().enumerate() {
            let mut slot = origin_hash(origin.as_ref().as_bytes()) as usize & mask;
            while slots[slot] != EMPTY_SLOT {
                slot = (slot + 1) & mask;
            }
            slots[slot] = u32::try_from(index).expect("fewer than 2^32 origins");
        }
        Self { slots }
    }
}

/// Finds `origin` in `origins` through `slots` built by [`OriginTable::build`].
#[inline]
pub fn lookup<S: AsRef<str>>(slots: &[u32], origins: &[S], origin: &[u8]) -> bool {
    let mask = slots.len().wrapping_sub(1);
    let mut slot = origin_hash(origin) as usize & mask;
    // At most one pass over the table: generated tables always have an empty slot, and
    // this bound keeps hand-made parts from looping.
    for _ in 0..slots.len() {
        match slots[slot] {
            EMPTY_SLOT => return false,
            index => {
                let listed = origins.get(index as usize);
                if listed.is_some_and(|listed| words_eq(listed.as_ref().as_bytes(), origin)) {
                    return true;
                }
            }
        }
        slot = (slot + 1) & mask;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_origin_is_found_and_no_other() {
        let origins: Vec<String> = (0..1000)
            .map(|i| format!("https://app{i:04}.example.com"))
            .collect();
        let table = OriginTable::build(&origins);
        assert_eq!(table.slots.len(), 2048);
        for origin in &origins {
            assert!(lookup(&table.slots, &origins, origin.as_bytes()));
        }
        assert!(!lookup(
            &table.slots,
            &origins,
            b"https://app1000.example.com"
        ));
        assert!(!lookup(&table.slots, &origins, b""));
        assert!(!lookup(&[], &[] as &[&str], b"https://a.com"));
    }

    #[test]
    fn the_hash_is_fixed() {
        // Tables built by the macro on the host are probed on the target: the values
        // must not depend on the platform, the release or the code path (const or not).
        const PINNED: [(&[u8], u64); 6] = [
            (b"", 0x0000000000000000),
            (b"a", 0x94747FA55B72A04B),
            (b"https://a.com", 0x5100D8AD2E32145C),
            (b"https://app.example.com", 0xF53B8C872DFA7A69),
            (b"http://localhost:3000", 0x3F814BDFF5D23755),
            (b"https://app0999.example.com", 0xAE4A696D5D33971A),
        ];
        const AT_COMPILE_TIME: u64 = origin_hash(b"https://app.example.com");
        assert_eq!(AT_COMPILE_TIME, 0xF53B8C872DFA7A69);
        for (bytes, hash) in PINNED {
            assert_eq!(
                origin_hash(bytes),
                hash,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn every_length_hashes_its_tail_as_a_zero_padded_word() {
        // Both tail paths (short input; overlapping last word) against a plain
        // byte-at-a-time reading of the same definition.
        fn reference(bytes: &[u8]) -> u64 {
            let mut hash = (bytes.len() as u64).wrapping_mul(K);
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                hash = mix(hash, u64::from_le_bytes(word));
            }
            hash ^= hash >> 33;
            hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
            hash ^ (hash >> 33)
        }
        let bytes: Vec<u8> = (0..70u8)
            .map(|i| i.wrapping_mul(37).wrapping_add(0x61))
            .collect();
        for len in 0..bytes.len() {
            assert_eq!(
                origin_hash(&bytes[..len]),
                reference(&bytes[..len]),
                "length {len}"
            );
        }
    }
}
