//! A small fast hasher for maps keyed by the user's own data (child ids, problem texts).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small fast hasher (the Fx algorithm) for lookups by child id or problem text: the data is
/// the user's own file, so resistance to crafted collisions is not needed, and SipHash dominated
/// the table build, the record build and the problem grouping (docs/architecture.md#speed).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn finish(&self) -> u64 {
        // Final avalanche (MurmurHash3 fmix64): the multiply alone leaves the low bits, which
        // pick the bucket, depending only on the first bytes, and ids often share a prefix.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A set with the Fx hasher (for the user's own keys, as [`FxMap`]).
pub type FxSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;
