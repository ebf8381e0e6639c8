//! Prepares, from the word lists in `assets/cast/`, the gazetteer's word table
//! as the engine keys it: each word's 64-bit key ([`hash::word_key`], the very
//! function the engine uses, included from `src/hash.rs`) with the bits of the
//! lists it is in, and the kinds list's names by their hash. The data stay in
//! `assets/`; this only spares every start of the program reading 100,000
//! lines and hashing each word (`Gazetteer::builtin`: the largest part of
//! start-up). The runtime parse of the same lists is kept in the engine's
//! tests, which check that both give the same table.
//!
//! Output, in `OUT_DIR`: `gaz_words.bin` (key: u64, bits: u32, little-endian,
//! one record per word) and `gaz_kinds.bin` (hash: u64, kind: u8; a first
//! word of a kinds name also gets its word-table bit in `gaz_words.bin`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/hash.rs"]
mod hash;

/// The word-list bits of `src/gazetteer.rs` (`word::*`): the two must agree,
/// which the engine's test of the prepared table checks.
const LEXICON: u32 = 1;
const GIVEN: u32 = 1 << 1;
const SURNAME: u32 = 1 << 2;
const TITLE: u32 = 1 << 3;
const NEVER: u32 = 1 << 4;
const ORG_HEAD: u32 = 1 << 5;
const ABBREVIATION: u32 = 1 << 6;
const PARTICLE: u32 = 1 << 7;
const COMPOUND_SUFFIX: u32 = 1 << 8;
const TITLE_PART: u32 = 1 << 11;
const QUALIFIER: u32 = 1 << 12;
const TABLE: u32 = 1 << 13;
const PLACE_HEAD: u32 = 1 << 15;
const PROPER: u32 = 1 << 16;
const MISC_HEAD: u32 = 1 << 17;
const KIND_START: u32 = 1 << 18;

/// Data lines, as the engine's `gazetteer::lines` reads them: not empty after
/// trailing white space is cut, not a `#` comment.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `gazetteer::key_of`: ASCII words are lower-cased by the hash itself.
fn key_of(w: &str) -> u64 {
    if w.is_ascii() {
        hash::word_key(w)
    } else {
        hash::word_key(&w.to_lowercase())
    }
}

fn read(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    // A missing list is a broken checkout: say which.
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let cast = manifest.join("../../assets/cast");
    println!("cargo:rerun-if-changed=src/hash.rs");
    println!("cargo:rerun-if-changed=build.rs");

    // Key → bits, and the order keys were first seen (the table's records
    // come in that order, so the output is the same at every build).
    let mut bits: HashMap<u64, u32> = HashMap::new();
    let mut order: Vec<u64> = Vec::new();
    let mut mark = |w: &str, bit: u32| {
        let key = key_of(w);
        let b = bits.entry(key).or_insert_with(|| {
            order.push(key);
            0
        });
        *b |= bit;
    };
    for (file, bit) in [
        ("lexicon.txt", LEXICON),
        ("proper_nouns.txt", PROPER),
        ("given_names.txt", GIVEN),
        ("surnames.txt", SURNAME),
        ("titles.txt", TITLE),
        ("never.txt", NEVER),
        ("org_heads.txt", ORG_HEAD),
        ("place_heads.txt", PLACE_HEAD),
        ("misc_heads.txt", MISC_HEAD),
        ("abbreviations.txt", ABBREVIATION),
        ("particles.txt", PARTICLE),
        ("compound_suffixes.txt", COMPOUND_SUFFIX),
        ("qualifiers.txt", QUALIFIER),
        ("table_words.txt", TABLE),
    ] {
        let text = read(&cast, file);
        for l in lines(&text) {
            mark(l.trim(), bit);
        }
    }
    let titles = read(&cast, "titles.txt");
    for l in lines(&titles) {
        for w in l.split_whitespace() {
            mark(w, TITLE_PART);
        }
    }

    // The kinds list: a name's hash (exactly as written) → its kind, the
    // last line for a name winning; its first word (also without "'s", and
    // a one-word thing's plural) marked as the start of some name.
    let kinds_text = read(&cast, "kinds.tsv");
    let mut kinds: HashMap<u64, u8> = HashMap::new();
    let mut kind_order: Vec<u64> = Vec::new();
    for line in lines(&kinds_text) {
        let Some((name, kind)) = line.split_once('\t') else {
            continue;
        };
        // The engine's `Kind` as `gazetteer::kind_code` numbers it.
        let kind = match kind.trim() {
            "organization" => 1,
            "place" => 2,
            "misc" => 3,
            "person" => 4,
            _ => 0,
        };
        let first = name.split(' ').next().unwrap_or(name);
        mark(first, KIND_START);
        if let Some(stem) = first.strip_suffix("'s") {
            mark(stem, KIND_START);
        }
        if kind == 3 && first == name {
            mark(&format!("{name}s"), KIND_START);
        }
        let hash = hash::hash_bytes(hash::SEED, name.as_bytes(), false);
        if kinds.insert(hash, kind).is_none() {
            kind_order.push(hash);
        }
    }

    let mut words = Vec::with_capacity(order.len() * 12);
    for key in &order {
        words.extend_from_slice(&key.to_le_bytes());
        words.extend_from_slice(&bits[key].to_le_bytes());
    }
    let mut kinds_out = Vec::with_capacity(kind_order.len() * 9);
    for hash in &kind_order {
        kinds_out.extend_from_slice(&hash.to_le_bytes());
        kinds_out.push(kinds[hash]);
    }
    for (name, bytes) in [("gaz_words.bin", words), ("gaz_kinds.bin", kinds_out)] {
        let path = out.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
