//! Fuzz target: the reader's wrapper, `reader::Layout`, at any width, with
//! mention ranges that may be anywhere (in bounds or not, on char boundaries or
//! not): lookups must stay inside the layout and rows must stay valid slices.

#![no_main]

use arbitrary::Arbitrary;
use castlist::corpus::{Article, clean};
use castlist::reader::Layout;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

#[derive(Debug, Arbitrary)]
struct Input {
    title: String,
    body: String,
    width: u16,
    mentions: Vec<(u32, u32)>,
}

fuzz_target!(|input: Input| {
    let body = clean::clean_body(&input.body);
    let article = Article::new(&clean::clean_inline(&input.title), &body);
    // Widths beyond any terminal only cost time.
    let width = usize::from(input.width % 600);
    let layout = Layout::new(&article, width);
    invariants::check_layout(&layout, &article, width);
    for (a, b) in input.mentions {
        let (start, end) = (a as usize, b as usize);
        let rows = layout.rows_of(start..end);
        assert!(rows.start <= rows.end);
        if layout.row_of(0).is_some() {
            assert!(
                rows.end <= layout.len(),
                "rows_of({start}..{end}) = {rows:?}"
            );
        }
    }
});
