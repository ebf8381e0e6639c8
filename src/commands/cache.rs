//! `castlist cache [--clear]`: where the index cache is, which collections
//! it holds and how much room they take; with `--clear`, removes them.

use std::io::{self, Write};
use std::path::Path;

use crate::cache::index;
use crate::sanitize::display;

/// Writes what the cache at `root` holds (or clears it).
pub fn run(root: Option<&Path>, clear: bool, out: &mut dyn Write) -> io::Result<()> {
    let Some(root) = root else {
        return writeln!(out, "no cache directory on this system: nothing is saved");
    };
    let shown = display(&root.display().to_string()).into_owned();
    if clear {
        let freed = index::clear(root)?;
        return writeln!(out, "cleared {shown} ({})", size(freed));
    }
    let listed = index::list(root)?;
    let total: u64 = listed.iter().map(|l| l.bytes).sum();
    writeln!(
        out,
        "{shown}: {} collection(s), {}",
        listed.len(),
        size(total)
    )?;
    for l in &listed {
        let paths = l
            .paths
            .as_deref()
            .map(|p| p.trim_end().replace('\n', ", "))
            .unwrap_or_else(|| "(unreadable: rebuilt when next opened)".into());
        let note = if l.current || l.paths.is_none() {
            ""
        } else {
            " (another castlist or actors file: rebuilt when next opened)"
        };
        writeln!(out, "  {:>10}  {}{note}", size(l.bytes), display(&paths))?;
    }
    Ok(())
}

fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
