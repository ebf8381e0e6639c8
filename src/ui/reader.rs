//! The reader: the open article's rows as the layout wrapped them, with every
//! hit of the current target highlighted cell for cell, the current one apart,
//! and a scrollbar with the position in percent.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
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
                        let pair = matches!(
                            target.kind,
                            crate::app::TargetKind::Pair(..) | crate::app::TargetKind::Quotes(_)
                        );
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

    // Attributions' content under the hits: italic, the one jumped to
    // also bold (only articles whose quotes were looked for have any).
    let quotes = quote_layer(
        app.quote_spans(view.article),
        app.current_quote(view.article),
        lo..hi,
    );
    let hits = layered(&quotes, hits);

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

/// The quote content on screen (`within`) as modifiers to patch onto the
/// text's style: italic, and bold too for the parts of `current`.
fn quote_layer(
    spans: &[Range<usize>],
    current: &[Range<usize>],
    within: Range<usize>,
) -> Vec<(Range<usize>, Style)> {
    let quote = Style::default().add_modifier(Modifier::ITALIC);
    let clear = quote.add_modifier(Modifier::BOLD);
    let first = spans.partition_point(|r| r.end <= within.start);
    let mut out = Vec::new();
    for r in spans[first..].iter().take_while(|r| r.start < within.end) {
        // A part of the current quote inside this span is drawn clear.
        let mut at = r.start;
        for c in current
            .iter()
            .filter(|c| c.start < r.end && c.end > r.start)
        {
            let (s, e) = (c.start.max(at), c.end.min(r.end));
            if s > at {
                out.push((at..s, quote));
            }
            if e > s {
                out.push((s..e, clear));
                at = e;
            }
        }
        if at < r.end {
            out.push((at..r.end, quote));
        }
    }
    out
}

/// `hits` over the quote layer: sorted, not overlapping ranges, where a
/// hit keeps its style (italic added inside a quote) and the quote's
/// modifiers apply elsewhere (on the row's base style, see `highlighted`).
fn layered(
    quotes: &[(Range<usize>, Style)],
    hits: Vec<(Range<usize>, Style)>,
) -> Vec<(Range<usize>, Style, bool)> {
    if quotes.is_empty() {
        return hits.into_iter().map(|(r, s)| (r, s, false)).collect();
    }
    let mut out = Vec::new();
    let mut h = hits.into_iter().peekable();
    for (q, qs) in quotes {
        let mut at = q.start;
        // Hits before this quote, and those inside it.
        while let Some((r, s)) = h.next_if(|(r, _)| r.start < q.end) {
            if r.end <= at {
                out.push((r, s, false));
                continue;
            }
            if r.start > at {
                out.push((at..r.start, *qs, true));
            }
            out.push((r.clone(), s.patch(*qs), false));
            at = at.max(r.end);
        }
        if at < q.end {
            out.push((at..q.end, *qs, true));
        }
    }
    out.extend(h.map(|(r, s)| (r, s, false)));
    out
}

/// A row split into spans at hit boundaries. `row` is the row's range in the
/// same bytes as the hits' (document bytes), `text` its text, `base` the
/// style of what is not a hit; each hit comes with its own style.
fn highlighted(
    text: &str,
    row: Range<usize>,
    hits: &[(Range<usize>, Style, bool)],
    base: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut at = 0; // row-local byte already emitted
    let overlapping = hits
        .iter()
        .filter(|(h, _, _)| h.start < row.end && h.end > row.start);
    for (hit, style, on_base) in overlapping {
        // Quote content outside hits keeps the row's own style, marked.
        let style = if *on_base { base.patch(*style) } else { *style };
        let start = hit.start.saturating_sub(row.start).max(at);
        let end = (hit.end - row.start).min(text.len());
        if start >= end {
            continue;
        }
        push(&mut spans, text, at..start, base);
        push(&mut spans, text, start..end, style);
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
            &[
                (5..14, T.mention, false),
                (15..25, T.mention_current, false),
            ],
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
        let line = highlighted(
            "Kerry said",
            100..110,
            &[(95..105, T.mention, false)],
            T.text,
        );
        assert_eq!(line.spans[0].content, "Kerry");
        assert_eq!(line.spans[0].style, T.mention);
        assert_eq!(line.spans[1].content, " said");
    }

    #[test]
    fn quote_content_is_italic_under_the_hits_and_the_current_one_bold() {
        // "Kerry said: "We are done." Lavrov said: "No."" — two quotes, the
        // first current; a hit (a mention) inside the second.
        let text = "Kerry said: \"We are done.\" Lavrov said: \"Never, Kerry.\"";
        let at = |s: &str| text.find(s).unwrap();
        let first = at("\"We")..at(" Lavrov");
        let second = at("\"Never")..text.len();
        let hit = at("Kerry.")..at("Kerry.") + 5; // "Kerry" inside the second quote
        let quotes = quote_layer(
            &[first.clone(), second.clone()],
            std::slice::from_ref(&first),
            0..text.len(),
        );
        let layers = layered(&quotes, vec![(0..5, T.mention), (hit.clone(), T.mention)]);
        let line = highlighted(text, 0..text.len(), &layers, T.text);
        let style_of = |part: &str| {
            line.spans
                .iter()
                .find(|s| s.content == part)
                .map(|s| s.style)
                .unwrap_or_else(|| panic!("{part:?} in {:?}", line.spans))
        };
        let italic = Modifier::ITALIC;
        assert_eq!(
            style_of("Kerry"),
            T.mention,
            "a hit outside quotes is as it was"
        );
        assert!(
            style_of(&text[first.clone()])
                .add_modifier
                .contains(italic | Modifier::BOLD)
        );
        assert_eq!(
            style_of(&text[first.end..second.start]),
            T.text,
            "between quotes: plain"
        );
        let before_hit = style_of(&text[second.start..hit.start]);
        assert!(before_hit.add_modifier.contains(italic));
        assert!(!before_hit.add_modifier.contains(Modifier::BOLD));
        let spans: Vec<_> = line.spans.iter().filter(|s| s.content == "Kerry").collect();
        assert_eq!(spans.len(), 2);
        assert!(
            spans[1].style.add_modifier.contains(italic),
            "the quoted mention is italic too"
        );
        assert_eq!(spans[1].style.fg, T.mention.fg, "and still a mention");
        // The pieces still make the row.
        let joined: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(joined, text);
    }
}
