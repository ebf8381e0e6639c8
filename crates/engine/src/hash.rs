//! The labels the tagger gives, and the fixed hashing that turns feature strings
//! into 32-bit keys and words into 64-bit keys. Fixed here (not std's randomised
//! hasher) because the trained weights in `assets/` are keyed by these hashes.

/// Labels, BIO over four types. Index into weight rows.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const NL: usize = LABELS.len();
pub const O: u8 = 0;

/// The type (1 PER, 2 ORG, 3 LOC, 4 MISC) of a label; 0 for O.
pub fn label_type(label: u8) -> u8 {
    label.div_ceil(2)
}

pub fn is_begin(label: u8) -> bool {
    label % 2 == 1
}

/// The inside label of a type.
pub fn inside(ty: u8) -> u8 {
    ty * 2
}

pub(crate) const SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const MUL: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(MUL)
}

/// Eight bytes ASCII-lower-cased at once: sets bit 5 of every byte in A..=Z.
#[inline]
fn lower8(v: u64) -> u64 {
    let is_upper = ((v | 0x8080_8080_8080_8080) - 0x4141_4141_4141_4141)
        & !((v | 0x8080_8080_8080_8080) - 0x5b5b_5b5b_5b5b_5b5b)
        & !v
        & 0x8080_8080_8080_8080;
    v | is_upper >> 2
}

/// Up to seven bytes as a little-endian word, zero-padded: two overlapping
/// loads rather than a copy of variable length (which is a call to memcpy).
#[inline]
fn load_tail(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        // The overlapping bytes are the same bytes in both.
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
    } else {
        0
    }
}

/// Up to sixteen bytes as a little-endian number, zero-padded (more are
/// cut): the key of a short word without a copy of variable length.
#[inline]
pub(crate) fn load16(b: &[u8]) -> u128 {
    let b = &b[..b.len().min(16)];
    let n = b.len();
    if n <= 8 {
        let lo = if n == 8 {
            u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        } else {
            load_tail(b)
        };
        return lo as u128;
    }
    let lo = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    // The last eight bytes, shifted so that byte 8 comes first: the bytes
    // before it (already in `lo`) fall off.
    let last = u64::from_le_bytes([
        b[n - 8],
        b[n - 7],
        b[n - 6],
        b[n - 5],
        b[n - 4],
        b[n - 3],
        b[n - 2],
        b[n - 1],
    ]);
    let hi = last >> (8 * (16 - n));
    lo as u128 | (hi as u128) << 64
}

/// Hash of bytes, ASCII-lower-cased on the fly when `lower`. Inlined
/// everywhere: most calls hash a short word, where a call costs a good part
/// of the work.
#[inline(always)]
pub fn hash_bytes(mut h: u64, bytes: &[u8], lower: bool) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut arr = [0u8; 8];
        arr.copy_from_slice(c);
        let v = u64::from_le_bytes(arr);
        h = mix(h, if lower { lower8(v) } else { v });
    }
    // The last bytes, zero-padded to a word and lower-cased as one: the
    // same value a byte-at-a-time loop makes (a zero byte is no letter),
    // without it. Most words are shorter than eight bytes, so this is the
    // usual path of every word hash.
    let tail = load_tail(chunks.remainder());
    let tail = if lower { lower8(tail) } else { tail };
    mix(mix(h, tail), bytes.len() as u64)
}

/// A 64-bit hash of a word, lower-cased (for document-level word sets).
pub fn word_key(word: &str) -> u64 {
    hash_bytes(SEED, word.as_bytes(), true)
}

#[inline]
pub(crate) fn feat(template: u8, bytes: &[u8], lower: bool) -> u32 {
    fold(hash_bytes(mix(SEED, template as u64), bytes, lower))
}

#[inline]
pub(crate) fn feat2(template: u8, a: u64, b: u64) -> u32 {
    fold(mix(mix(mix(SEED, template as u64), a), b))
}

#[inline]
fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// A word's shape: X for upper, x for lower, d for digit, other chars kept; runs
/// collapsed ("Kerry" → "Xx", "U.S." → "X.X.", "Ki-moon" → "Xx-x").
pub fn shape(word: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if out.last() != Some(&s) || !matches!(s, b'X' | b'x' | b'd') {
            out.push(s);
        }
        if out.len() >= 12 {
            break;
        }
    }
}

/// The hash of a word's [`shape`] (`hash_bytes(SEED, shape, false)`), made
/// on the stack: the tagger takes three shapes for every word it decides on.
pub fn shape_hash(word: &str) -> u64 {
    let mut out = [0u8; 12];
    let mut len = 0;
    if word.is_ascii() {
        for &b in word.as_bytes() {
            let s = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b,
            };
            if len == 0 || out[len - 1] != s || !matches!(s, b'X' | b'x' | b'd') {
                out[len] = s;
                len += 1;
                if len >= 12 {
                    break;
                }
            }
        }
    } else {
        let mut buf = Vec::with_capacity(12);
        shape(word, &mut buf);
        len = buf.len();
        out[..len].copy_from_slice(&buf);
    }
    hash_bytes(SEED, &out[..len], false)
}

/// "RUSSIAN FEDERATION" → "Russian Federation" (for gazetteer and name-list
/// look-ups of ALL-CAPS words); takes lower-cased input.
pub fn title_case(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let mut b = Vec::new();
        shape("Kerry", &mut b);
        assert_eq!(b, b"Xx");
        shape("U.S.", &mut b);
        assert_eq!(b, b"X.X.");
        shape("Ki-moon", &mut b);
        assert_eq!(b, b"Xx-x");
    }

    #[test]
    fn shape_hashes_match_shapes() {
        let mut b = Vec::new();
        for w in [
            "Kerry",
            "U.S.",
            "Ki-moon",
            "",
            "a",
            "1996-08-30",
            "ABCDEFGHIJKLMNOP",
            "a.b.c.d.e.f.g.h",
            "Zürich",
            "ÉCOLE",
            "x1x1x1x1x1x1x1",
            "O'Brien",
            "MacDonald's",
        ] {
            shape(w, &mut b);
            assert_eq!(shape_hash(w), hash_bytes(SEED, &b, false), "{w}");
        }
    }

    #[test]
    fn word_tails_hash_as_bytes_one_at_a_time() {
        // The hash before the tail was read as whole words: every length,
        // every case, bytes outside ASCII and the neighbours of the letters.
        fn reference(mut h: u64, bytes: &[u8], lower: bool) -> u64 {
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                let v = c
                    .iter()
                    .enumerate()
                    .map(|(k, &b)| {
                        let b = if lower { b.to_ascii_lowercase() } else { b };
                        (b as u64) << (8 * k)
                    })
                    .fold(0, |a, b| a | b);
                h = mix(h, v);
            }
            let mut tail = 0u64;
            for (k, &b) in chunks.remainder().iter().enumerate() {
                let b = if lower { b.to_ascii_lowercase() } else { b };
                tail |= (b as u64) << (8 * k);
            }
            mix(mix(h, tail), bytes.len() as u64)
        }
        let bytes: Vec<u8> = (0..=255u8).chain(b"@AZ[`az{".iter().copied()).collect();
        for start in 0..bytes.len() {
            for len in 0..20.min(bytes.len() - start) {
                let w = &bytes[start..start + len];
                for lower in [false, true] {
                    assert_eq!(hash_bytes(7, w, lower), reference(7, w, lower));
                }
            }
        }
    }

    #[test]
    fn short_words_load_as_padded_bytes() {
        let bytes: Vec<u8> = (1..=40u8).collect();
        for start in 0..20 {
            for len in 0..=20 {
                let w = &bytes[start..start + len];
                let mut padded = [0u8; 16];
                let n = len.min(16);
                padded[..n].copy_from_slice(&w[..n]);
                assert_eq!(load16(w), u128::from_le_bytes(padded), "{len}");
            }
        }
    }

    #[test]
    fn hashing_lowercases_ascii_in_chunks() {
        assert_eq!(
            hash_bytes(1, b"LEICESTERSHIRE", true),
            hash_bytes(1, b"leicestershire", false)
        );
        assert_ne!(hash_bytes(1, b"@[`{", true), hash_bytes(1, b"`{@[", true));
        assert_eq!(
            hash_bytes(1, b"@[`{Z", true),
            hash_bytes(1, b"@[`{z", false)
        );
    }

    #[test]
    fn labels() {
        assert_eq!(label_type(0), 0);
        assert_eq!(label_type(1), 1);
        assert_eq!(label_type(2), 1);
        assert_eq!(label_type(8), 4);
        assert!(is_begin(3) && !is_begin(4));
        assert_eq!(inside(3), 6);
    }

    #[test]
    fn title_casing() {
        assert_eq!(title_case("russian federation"), "Russian Federation");
        assert_eq!(title_case("u.s."), "U.S.");
    }
}
