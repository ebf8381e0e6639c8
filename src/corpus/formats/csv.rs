//! CSV (placeholder).
use crate::corpus::load::{Emitter, LoadOptions};
use std::io::BufRead;
use std::ops::ControlFlow;
pub fn read(
    _r: impl BufRead,
    _tsv: bool,
    _o: &LoadOptions,
    out: &mut Emitter<'_>,
) -> ControlFlow<()> {
    out.warn(None, "CSV not supported yet")
}
