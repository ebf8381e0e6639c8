//! The reader: the open article's rows as the layout wrapped them, with every
//! hit of the current target highlighted cell for cell, the current one apart,
//! and a scrollbar with the position in percent.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use super::theme::Theme;
use super::{pane_block, text};
use crate::app::{App, Pane, geometry};
use crate::reader::RowSrc;
use crate::sanitize;

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Pane::Reader;
    let view = &app.reader();
    // The list's numbering: the article's row in the list as shown.
    let list = app.list();
    let number = match list.index_of(view.article) {
        Some(i) => format!("{} of {} ", i + 1, list.shown.len()),
        None => "not in the list ".to_string(),
    };
    let title = Line::from(vec![
        Span::styled(" Reader ", t.pane_title),
        Span::styled(number, t.dim),
    ]);
    let block = pane_block(t, title, focused).title_bottom(
        Line::from(Span::styled(format!(" {} ", view.position_label()), t.dim)).right_aligned(),
    );
    block.render(area, buf);
    let textarea = geometry::reader_text(area);
    let Some(article) = app.corpus().articles.get(view.article) else {
        return;
    };

    // The document bytes on screen (title, then body: see
    // `Article::body_start`): only hits there are drawn (an actor can have
    // hundreds of thousands of mentions in one huge article).
    let shift = article.body_start();
    let (mut lo, mut hi) = (usize::MAX, 0);
    for row in view
        .layout
        .rows
        .iter()
        .skip(view.scroll)
        .take(textarea.height as usize)
    {
        let doc = match &row.src {
            RowSrc::Title(range) => range.clone(),
            RowSrc::Body(range) => range.start + shift..range.end + shift,
            _ => continue,
        };
        lo = lo.min(doc.start);
        hi = hi.max(doc.end);
    }
    // Hits of this article on screen with their styles, in body order.
    let hits: Vec<(Range<usize>, Style)> = app
        .target()
        .and_then(|target| {
            let current = target
                .current
                .as_ref()
                .filter(|h| h.article == view.article)
                .map(|h| &h.range);
            let known = target.hits_known(view.article)?;
            // Hits are sorted and do not overlap: ends are sorted too.
            let first = known.partition_point(|r| r.end <= lo);
            let last = known.partition_point(|r| r.start < hi);
            Some(
                known
                    .get(first..last.max(first))
                    .unwrap_or_default()
                    .iter()
                    .map(|r| {
                        let pair = matches!(target.kind, crate::app::TargetKind::Pair(..));
                        let style = match (current == Some(r), pair) {
                            (true, false) => t.mention_current,
                            (false, false) => t.mention,
                            (true, true) => t.sentence_current,
                            (false, true) => t.sentence,
                        };
                        (r.clone(), style)
                    })
                    .collect(),
            )
        })
        .unwrap_or_default();

    let rows = view
        .layout
        .rows
        .iter()
        .skip(view.scroll)
        .take(textarea.height as usize);
    for (y, row) in (textarea.y..).zip(rows) {
        let rect = Rect {
            y,
            height: 1,
            ..textarea
        };
        let row_text = view.layout.text(row, article);
        let line = match &row.src {
            RowSrc::Title(range) => highlighted(row_text, range.clone(), &hits, t.article_title),
            RowSrc::Meta(_) => Line::styled(text::fit(row_text, rect.width as usize), t.meta),
            RowSrc::Body(range) => highlighted(
                row_text,
                range.start + shift..range.end + shift,
                &hits,
                t.text,
            ),
            RowSrc::Blank => Line::default(),
        };
        line.render(rect, buf);
    }

    let len = view.layout.len();
    if len > view.height {
        let mut state = ScrollbarState::new(view.max_scroll_row() + 1)
            .viewport_content_length(view.height)
            .position(view.scroll);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(if focused { t.border_focused } else { t.border })
            .track_style(t.border)
            .render(
                area.inner(Margin {
                    vertical: 1,
                    horizontal: 0,
                }),
                buf,
                &mut state,
            );
    }
}

/// A row split into spans at hit boundaries. `row` is the row's range in the
/// same bytes as the hits' (document bytes), `text` its text, `base` the
/// style of what is not a hit; each hit comes with its own style.
fn highlighted(
    text: &str,
    row: Range<usize>,
    hits: &[(Range<usize>, Style)],
    base: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut at = 0; // row-local byte already emitted
    let overlapping = hits
        .iter()
        .filter(|(h, _)| h.start < row.end && h.end > row.start);
    for (hit, style) in overlapping {
        let start = hit.start.saturating_sub(row.start).max(at);
        let end = (hit.end - row.start).min(text.len());
        if start >= end {
            continue;
        }
        push(&mut spans, text, at..start, base);
        push(&mut spans, text, start..end, *style);
        at = end;
    }
    push(&mut spans, text, at..text.len(), base);
    Line::from(spans)
}

fn push(spans: &mut Vec<Span<'static>>, text: &str, range: Range<usize>, style: Style) {
    if let Some(part) = text.get(range).filter(|p| !p.is_empty()) {
        spans.push(Span::styled(sanitize::display(part).into_owned(), style));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Theme = Theme::COLOR;

    #[test]
    fn highlights_split_rows_at_hit_boundaries() {
        // The row "with John Kerry" at body bytes 10..25; hits "John Kerry" and one ending mid-row.
        let line = highlighted(
            "with John Kerry",
            10..25,
            &[(5..14, T.mention), (15..25, T.mention_current)],
            T.text,
        );
        let parts: Vec<(&str, Style)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            parts,
            [
                ("with", T.mention),
                (" ", T.text),
                ("John Kerry", T.mention_current)
            ]
        );
    }

    #[test]
    fn hits_straddling_the_row_are_clipped() {
        let line = highlighted("Kerry said", 100..110, &[(95..105, T.mention)], T.text);
        assert_eq!(line.spans[0].content, "Kerry");
        assert_eq!(line.spans[0].style, T.mention);
        assert_eq!(line.spans[1].content, " said");
    }
}
