//! Fuzz target: the user's actors file (TOML) through `Engine::add_user_toml`:
//! parsing, the checks on names and aliases, and the gazetteer it extends.
//! Whatever the file, no panic; an error names the file and a line within
//! it; a warning names a line within it; an accepted file leaves an engine
//! whose analysis of text (the file's own text included) keeps the engine's
//! promises.

#![no_main]

use std::sync::LazyLock;

use castlist::cast::Engine;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

/// The built-in engine, loaded once; each input extends a copy.
static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

fuzz_target!(|text: &str| {
    let mut engine = ENGINE.clone();
    let lines = text.split('\n').count();
    match engine.add_user_toml(text, "fuzz.toml") {
        Ok(warnings) => {
            for w in &warnings {
                assert_eq!(w.path, "fuzz.toml");
                assert!((1..=lines).contains(&w.line), "{w} of {lines} lines");
            }
            for sample in [text, "Secretary of State John Kerry met Sergey Lavrov in Geneva."] {
                let doc = engine.analyze(sample);
                invariants::check_doc(sample, &doc);
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.toml"), "{message}");
        }
    }
});
