//! Fuzz target: every loader, through `corpus::load::read_text` (decoding,
//! sniffing, each format's reader, cleaning). The first byte picks the format;
//! every article that comes out must keep cleaning's promises.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = invariants::FORMATS[usize::from(pick) % invariants::FORMATS.len()];
    invariants::load(bytes, format);
});
