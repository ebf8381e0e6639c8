//! JSON Lines and JSON (placeholder).
use crate::corpus::load::{Emitter, LoadOptions};
use std::io::BufRead;
use std::ops::ControlFlow;
pub fn read_lines(_r: impl BufRead, _o: &LoadOptions, out: &mut Emitter<'_>) -> ControlFlow<()> {
    out.warn(None, "JSON Lines not supported yet")
}
pub fn read_array(_r: impl BufRead, _o: &LoadOptions, out: &mut Emitter<'_>) -> ControlFlow<()> {
    out.warn(None, "JSON not supported yet")
}
