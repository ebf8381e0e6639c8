//! Dates as news sources write them. (Placeholder: ISO dates only.)

use chrono::{NaiveDate, NaiveDateTime};

/// Parses a date written in one of the common news formats.
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}
