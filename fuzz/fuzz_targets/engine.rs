//! Fuzz target: the actor engine (extractor and resolver) through its public
//! API, `Engine::analyze`, on raw text and on the same text cleaned as a body.

#![no_main]

use std::sync::LazyLock;

use castlist::cast::Engine;
use castlist::corpus::clean;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

/// Loading the gazetteers once, not per input, keeps the executions fast.
static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

fuzz_target!(|raw: &str| {
    let doc = ENGINE.analyze(raw);
    invariants::check_doc(raw, &doc);
    let (body, _) = clean::clean_body(raw);
    let doc = ENGINE.analyze(&body);
    invariants::check_doc(&body, &doc);
});
