//! Fuzz target: the cleaner on its own — whole bodies, one-line fields and the
//! plain-text article parser — on any text, including escape sequences cut
//! anywhere and multi-byte chars next to them.

#![no_main]

use castlist::corpus::{Origin, clean, text};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|raw: &str| {
    let body = clean::clean_body(raw);
    invariants::check_safe(&body, true, "clean_body");
    for p in castlist::corpus::paragraphs(&body) {
        invariants::check_range(&body, &p, "paragraph");
    }
    invariants::check_safe(&clean::clean_inline(raw), false, "clean_inline");
    for line in clean::clean_lines(raw) {
        invariants::check_safe(&line.text, false, "clean_lines");
    }
    if let Some(article) = text::parse_text(raw, Origin::file("fuzz.txt"), false) {
        invariants::check_article(&article);
    }
});
