//! Fuzz target: the command line's `--field FIELD=NAME` mapping, as clap
//! hands it over (`LoadOptions::parse_field`), then used to read a small CSV
//! file and a JSON Lines file whose header and keys come from the same
//! input. No panic; a bad spec is an error message; a good one is a field
//! and a non-empty name, and the files load with every article keeping
//! cleaning's promises.

#![no_main]

use castlist::corpus::{Format, LoadOptions, Loaded};
use castlist::corpus::load::{Emitter, read_text};
use libfuzzer_sys::fuzz_target;
use std::ops::ControlFlow;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|input: (Vec<String>, String, String)| {
    let (specs, column, cell) = input;
    let mut options = LoadOptions::default();
    for spec in specs.iter().take(8) {
        match LoadOptions::parse_field(spec) {
            Ok((field, name)) => {
                assert!(!name.trim().is_empty(), "{spec:?}");
                assert_eq!(name, name.trim(), "{spec:?}");
                options.fields.push((field, name));
            }
            Err(message) => assert!(!message.is_empty()),
        }
    }
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let csv = format!("title,{}\n{},{}\n", quote(&column), quote(&cell), quote(&cell));
    let json = format!(
        "{}\n",
        serde_json_line(&[("title", &cell), (column.as_str(), &cell)])
    );
    for (bytes, format) in [(csv.as_bytes(), Format::Csv), (json.as_bytes(), Format::JsonLines)] {
        let mut sink = |item: Loaded| {
            if let Loaded::Article(a) = item {
                invariants::check_article(&a);
            }
            ControlFlow::Continue(())
        };
        let mut out = Emitter::new("fuzz.input", &mut sink);
        let _ = read_text(bytes, format, &options, &mut out);
    }
});

/// One JSON object of string keys and values, escaped by hand (the fuzz
/// crate has no serde_json of its own).
fn serde_json_line(pairs: &[(&str, &str)]) -> String {
    let escape = |s: &str| {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    };
    let fields: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", escape(k), escape(v)))
        .collect();
    format!("{{{}}}", fields.join(", "))
}
