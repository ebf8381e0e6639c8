//! Tests of the quote finder on small texts, one construction each.
