//! Which field of a JSON object or CSV column holds the title, the body, the date
//! ...: common names, matched case-insensitively, unless the user names one.

use std::fmt;
use std::str::FromStr;

/// An article field that a record's keys or columns are mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
    Date,
    Source,
    Url,
    Authors,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::Body,
        Field::Date,
        Field::Source,
        Field::Url,
        Field::Authors,
    ];

    /// The usual names of this field in news datasets, best first, lower case.
    /// The body prefers `content_original` (text as published) to `content`,
    /// which some datasets hold tokenised.
    pub fn common_names(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "headline"],
            Field::Body => &[
                "content_original",
                "content",
                "text",
                "body",
                "article",
                "articlebody",
                "description",
            ],
            Field::Date => &[
                "date",
                "published",
                "publish_date",
                "pubdate",
                "datetime",
                "timestamp",
            ],
            Field::Source => &["source", "publication", "site", "outlet"],
            Field::Url => &["url", "link"],
            Field::Authors => &["author", "authors"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Date => "date",
            Field::Source => "source",
            Field::Url => "url",
            Field::Authors => "authors",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Field {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.name() == s || (*f == Field::Authors && s == "author"))
            .ok_or_else(|| {
                format!("unknown field {s:?}; expected title, body, date, source, url or authors")
            })
    }
}

/// Choices that change how files are read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--field title=COL`: the key or column that holds a field, overriding the
    /// common names. Matched case-insensitively.
    pub fields: Vec<(Field, String)>,
}

impl LoadOptions {
    /// Parses one `--field NAME=COL` argument (usable as a clap value parser).
    pub fn parse_field(spec: &str) -> Result<(Field, String), String> {
        let (field, column) = spec
            .split_once('=')
            .ok_or_else(|| format!("expected FIELD=COLUMN, got {spec:?}"))?;
        let column = column.trim();
        if column.is_empty() {
            return Err(format!("no column given for {field:?}"));
        }
        Ok((field.parse()?, column.to_string()))
    }

    /// The names to look for, best first, lower case: the user's choice alone
    /// when there is one.
    pub fn names(&self, field: Field) -> Vec<String> {
        match self.fields.iter().rev().find(|(f, _)| *f == field) {
            Some((_, column)) => vec![column.to_lowercase()],
            None => field.common_names().iter().map(|n| n.to_string()).collect(),
        }
    }

    /// For each field, the candidate names (see [`LoadOptions::names`]).
    pub fn mapping(&self) -> Mapping {
        Mapping {
            names: Field::ALL.map(|f| self.names(f)),
        }
    }
}

/// Candidate key names per field, in [`Field::ALL`] order.
#[derive(Debug, Clone)]
pub struct Mapping {
    names: [Vec<String>; 6],
}

impl Mapping {
    pub fn names(&self, field: Field) -> &[String] {
        &self.names[field as usize]
    }

    /// Where `key` ranks for `field`: `Some(0)` for the best name.
    pub fn rank(&self, field: Field, key: &str) -> Option<usize> {
        self.names(field)
            .iter()
            .position(|n| n.eq_ignore_ascii_case(key.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_overrides_parse() {
        assert_eq!(
            LoadOptions::parse_field("title=Headline Text"),
            Ok((Field::Title, "Headline Text".to_string()))
        );
        assert_eq!(
            LoadOptions::parse_field("author=by").map(|f| f.0),
            Ok(Field::Authors)
        );
        assert!(LoadOptions::parse_field("colour=x").is_err());
        assert!(LoadOptions::parse_field("title").is_err());
        assert!(LoadOptions::parse_field("title=").is_err());
    }

    #[test]
    fn override_replaces_common_names() {
        let options = LoadOptions {
            fields: vec![(Field::Body, "Story".into())],
        };
        let mapping = options.mapping();
        assert_eq!(mapping.rank(Field::Body, "STORY"), Some(0));
        assert_eq!(mapping.rank(Field::Body, "content"), None);
        assert_eq!(mapping.rank(Field::Title, "Headline"), Some(1));
        assert_eq!(mapping.rank(Field::Body, "articleBody"), None);
        assert_eq!(
            LoadOptions::default()
                .mapping()
                .rank(Field::Body, "articleBody"),
            Some(5)
        );
    }
}
