//! What castlist keeps between runs, in its cache directory: the files it
//! writes for itself ([`frame`]) and the version of the engine that made
//! them ([`engine_version`]).

pub mod bytes;
pub mod frame;
pub mod index;
pub mod text;

use std::path::Path;

/// A hash of the actor engine's sources and data, made by the build script:
/// anything that could change an analysis changes it.
const ENGINE_BUILD: &str = env!("CASTLIST_ENGINE_HASH");

/// What a saved analysis depends on besides the articles: the engine (its
/// code and data, as built) and the user's actors files as they are now —
/// the default one in the config directory and `extra` (`--actors FILE`).
/// A file that cannot be read counts as absent (the engine reports it).
pub fn engine_version(extra: Option<&Path>) -> u64 {
    let mut h = Fnv::default();
    h.write(ENGINE_BUILD.as_bytes());
    let default = crate::cast::engine::default_user_file();
    for path in [default.as_deref(), extra].into_iter().flatten() {
        h.write(b"\0file\0");
        if let Ok(text) = std::fs::read(path) {
            h.write(&text);
        }
    }
    h.0
}

/// FNV-1a, 64 bits: fixed across runs and platforms, which std's hasher is not.
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
