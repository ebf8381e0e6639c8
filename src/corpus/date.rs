//! Dates as news sources write them: ISO 8601 / RFC 3339, RFC 2822, "September
//! 28, 2016", "28 Sep 2016", "2016-09-28 10:00", "9/28/2016", Unix seconds.
//!
//! The result is the wall-clock time the source wrote, without its zone: readers
//! expect the date printed on the article, and a zone shift of a few hours matters
//! less for sorting than showing a date that differs from the page.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// Parses a date written in one of the common news formats.
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    unix_time(text)
        .or_else(|| iso(text))
        .or_else(|| slashed(text))
        .or_else(|| worded(text))
}

/// Unix seconds (9 to 11 digits) or milliseconds (12 or 13 digits).
fn unix_time(text: &str) -> Option<NaiveDateTime> {
    if !text.bytes().all(|b| b.is_ascii_digit()) || !(9..=13).contains(&text.len()) {
        return None;
    }
    let n: i64 = text.parse().ok()?;
    let dt = if text.len() >= 12 {
        DateTime::from_timestamp_millis(n)?
    } else {
        DateTime::from_timestamp(n, 0)?
    };
    Some(dt.naive_utc())
}

/// "2016-09-28", "2016/09/28", then an optional "T" or " " and a time; a zone
/// or anything else after the time is ignored (see the module note).
fn iso(text: &str) -> Option<NaiveDateTime> {
    let mut s = Scanner::new(text);
    let year = s.number(4, 4)?;
    let sep = s.one_of(b"-/")?;
    let month = s.number(1, 2)?;
    s.eat(sep)?;
    let day = s.number(1, 2)?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let time = if s.one_of(b"T ").is_some() {
        s.time()?
    } else {
        NaiveTime::MIN
    };
    if !is_zone(s.rest().trim()) {
        return None;
    }
    Some(date.and_time(time))
}

/// "9/28/2016", "9/28/16", "28/9/2016" (day first only when the month would be
/// over 12), with an optional time after a space.
fn slashed(text: &str) -> Option<NaiveDateTime> {
    let mut s = Scanner::new(text);
    let a = s.number(1, 2)?;
    s.eat(b'/')?;
    let b = s.number(1, 2)?;
    s.eat(b'/')?;
    let start = s.pos;
    let year = s.number(2, 4)?;
    let year = match s.pos - start {
        2 => two_digit_year(year),
        4 => year as i32,
        _ => return None,
    };
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = if s.one_of(b" ").is_some() {
        s.time().unwrap_or(NaiveTime::MIN)
    } else {
        NaiveTime::MIN
    };
    Some(date.and_time(time))
}

/// What may follow an ISO time: nothing, or a zone ("Z", "+02:00", "-0400", "UTC").
fn is_zone(rest: &str) -> bool {
    let b = rest.as_bytes();
    match b.first() {
        None => true,
        Some(b'+' | b'-') => {
            b.len() <= 6 && b[1..].iter().all(|c| c.is_ascii_digit() || *c == b':')
        }
        Some(_) => rest == "Z" || is_zone_name(rest),
    }
}

/// Zone names that follow times in English-language news.
pub fn is_zone_name(word: &str) -> bool {
    const ZONES: [&str; 16] = [
        "UTC", "GMT", "UT", "ET", "EST", "EDT", "CT", "CST", "CDT", "MST", "MDT", "PT", "PST",
        "PDT", "BST", "CET",
    ];
    ZONES.contains(&word.to_ascii_uppercase().as_str())
}

/// "am", "p.m." and the like.
pub fn is_meridiem(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m"
    )
}

fn two_digit_year(y: u32) -> i32 {
    if y < 70 {
        2000 + y as i32
    } else {
        1900 + y as i32
    }
}

/// Dates with a month name: "September 28, 2016", "Sept. 28 2016", "28 Sep 2016",
/// "Wed, 28 Sep 2016 10:00:00 +0000" (RFC 2822), "28th September 2016 at 10:00".
fn worded(text: &str) -> Option<NaiveDateTime> {
    let lower = text.to_ascii_lowercase().replace(',', " ");
    let mut tokens: Vec<&str> = lower.split_whitespace().collect();
    if tokens.first().is_some_and(|t| is_weekday(t)) {
        tokens.remove(0);
    }
    let [first, second, third, rest @ ..] = tokens.as_slice() else {
        return None;
    };
    let (month, day) = match (month_number(first), month_number(second)) {
        (Some(m), _) => (m, day_number(second)?),
        (None, Some(m)) => (m, day_number(first)?),
        _ => return None,
    };
    let year: i32 = third.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let rest: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|t| !matches!(*t, "at" | "-" | "|" | "@"))
        .collect();
    let time = rest
        .first()
        .and_then(|t| {
            let mut s = Scanner::new(t);
            let time = s.time()?;
            let meridiem = if s.at_end() {
                rest.get(1).copied().unwrap_or("")
            } else {
                s.rest()
            };
            Some(apply_meridiem(time, meridiem))
        })
        .unwrap_or(NaiveTime::MIN);
    Some(date.and_time(time))
}

fn apply_meridiem(time: NaiveTime, word: &str) -> NaiveTime {
    use chrono::Timelike;
    let pm = is_meridiem(word) && word.starts_with('p');
    let am = is_meridiem(word) && word.starts_with('a');
    let hour = match (time.hour(), am, pm) {
        (12, true, _) => 0,
        (h, _, true) if h < 12 => h + 12,
        (h, _, _) => h,
    };
    time.with_hour(hour).unwrap_or(time)
}

fn is_weekday(token: &str) -> bool {
    const DAYS: [&str; 18] = [
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "weds",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    DAYS.contains(&token.trim_end_matches('.'))
}

fn month_number(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = token.trim_end_matches('.');
    if t.len() < 3 {
        return None;
    }
    let t = if t == "sept" { "sep" } else { t };
    MONTHS
        .iter()
        .position(|m| m.starts_with(t))
        .map(|i| i as u32 + 1)
}

/// "28", "28th", "1st".
fn day_number(token: &str) -> Option<u32> {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A cursor over ASCII digits and separators.
struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        }
    }

    /// Between `min` and `max` digits.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        while self.pos - start < max && self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        if self.pos - start < min {
            self.pos = start;
            return None;
        }
        // Only ASCII digits were consumed, so this slice is on char boundaries.
        self.text[start..self.pos].parse().ok()
    }

    fn one_of(&mut self, set: &[u8]) -> Option<u8> {
        let b = *self.bytes.get(self.pos).filter(|b| set.contains(b))?;
        self.pos += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.one_of(&[b]).map(|_| ())
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// What is left; empty if the cursor is not on a char boundary (it always is,
    /// since only ASCII is consumed).
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// "10:00", "10:00:00", "10:00:00.123"; a zone after it is left unread.
    fn time(&mut self) -> Option<NaiveTime> {
        let hour = self.number(1, 2)?;
        self.eat(b':')?;
        let minute = self.number(2, 2)?;
        let second = if self.one_of(b":").is_some() {
            self.number(2, 2)?
        } else {
            0
        };
        if self.one_of(b".,").is_some() {
            while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
        }
        // A leap second "23:59:60" is read as the second before it.
        NaiveTime::from_hms_opt(hour, minute, second.min(59))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd_hm(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.format("%Y-%m-%d %H:%M").to_string())
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(ymd_hm("2016-09-28").as_deref(), Some("2016-09-28 00:00"));
        assert_eq!(
            ymd_hm("2016-09-28T10:05:00Z").as_deref(),
            Some("2016-09-28 10:05")
        );
        assert_eq!(
            ymd_hm("2016-09-28T23:30:00-04:00").as_deref(),
            Some("2016-09-28 23:30")
        );
        assert_eq!(
            ymd_hm("2016-09-28T10:05:00.123+02:00").as_deref(),
            Some("2016-09-28 10:05")
        );
        assert_eq!(
            ymd_hm("2016-09-28 10:00").as_deref(),
            Some("2016-09-28 10:00")
        );
        assert_eq!(ymd_hm("2016/09/28").as_deref(), Some("2016-09-28 00:00"));
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            ymd_hm("Wed, 28 Sep 2016 10:00:00 +0000").as_deref(),
            Some("2016-09-28 10:00")
        );
        assert_eq!(
            ymd_hm("Wed, 28 Sep 2016 10:00:00 GMT").as_deref(),
            Some("2016-09-28 10:00")
        );
    }

    #[test]
    fn month_names() {
        assert_eq!(
            ymd_hm("September 28, 2016").as_deref(),
            Some("2016-09-28 00:00")
        );
        assert_eq!(
            ymd_hm("Sept. 28, 2016").as_deref(),
            Some("2016-09-28 00:00")
        );
        assert_eq!(ymd_hm("28 Sep 2016").as_deref(), Some("2016-09-28 00:00"));
        assert_eq!(
            ymd_hm("28th September 2016 at 3:15 pm").as_deref(),
            Some("2016-09-28 15:15")
        );
        assert_eq!(
            ymd_hm("Sep 28, 2016 12:05 AM EST").as_deref(),
            Some("2016-09-28 00:05")
        );
        assert_eq!(
            ymd_hm("Wednesday, September 28, 2016").as_deref(),
            Some("2016-09-28 00:00")
        );
    }

    #[test]
    fn slashes_and_unix_seconds() {
        assert_eq!(ymd_hm("9/28/2016").as_deref(), Some("2016-09-28 00:00"));
        assert_eq!(ymd_hm("28/9/2016").as_deref(), Some("2016-09-28 00:00"));
        assert_eq!(ymd_hm("9/28/16").as_deref(), Some("2016-09-28 00:00"));
        assert_eq!(ymd_hm("1475056800").as_deref(), Some("2016-09-28 10:00"));
        assert_eq!(ymd_hm("1475056800000").as_deref(), Some("2016-09-28 10:00"));
    }

    #[test]
    fn unparseable_dates_are_none() {
        for text in [
            "",
            "yesterday",
            "2016",
            "2016-13-01",
            "February 30, 2016",
            "13/13/2016",
            "May",
            "2016-09-28x",
            "99999999999999",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "é",
            "2016-é",
            "9/é",
            "Sep é 2016",
            "2016-09-28T",
            "2016-09-28Té",
            "1:",
            "May 5 2016 é:",
        ] {
            let _ = parse_date(text);
        }
    }
}
