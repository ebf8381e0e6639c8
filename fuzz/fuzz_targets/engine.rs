//! Fuzz target: the actor engine (extractor and resolver) and the quote
//! finder through their public API, `Engine::analyze_with_quotes`, on raw text
//! and on the same text cleaned as a body.

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
    let (doc, quotes) = ENGINE.analyze_with_quotes(raw);
    invariants::check_doc(raw, &doc);
    invariants::check_quotes(raw, &doc, &quotes);
    let body = clean::clean_body(raw);
    let (doc, quotes) = ENGINE.analyze_with_quotes(&body);
    invariants::check_doc(&body, &doc);
    invariants::check_quotes(&body, &doc, &quotes);
});
