//! Hashes the actor engine's sources and the data it embeds into
//! `CASTLIST_ENGINE_HASH`: the index cache and cast summaries record it, so
//! that an analysis made by another engine is never taken for this one's.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut all = Vec::new();
    for dir in ["crates/engine/src", "crates/engine/Cargo.toml", "assets"] {
        let path = root.join(dir);
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            files(&path, &mut all);
        } else {
            all.push(path);
        }
    }
    all.sort();
    // FNV-1a over each file's path (relative) and bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for path in &all {
        let name = path.strip_prefix(&root).unwrap_or(path);
        eat(name.to_string_lossy().as_bytes());
        eat(&std::fs::read(path).unwrap_or_default());
    }
    eat(std::env::var("CARGO_PKG_VERSION")
        .unwrap_or_default()
        .as_bytes());
    println!("cargo:rustc-env=CASTLIST_ENGINE_HASH={h:016x}");
}
