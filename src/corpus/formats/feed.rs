//! Feeds (placeholder).
use crate::corpus::load::Emitter;
use std::ops::ControlFlow;
pub fn read(_t: &str, out: &mut Emitter<'_>) -> ControlFlow<()> {
    out.warn(None, "feeds not supported yet")
}
