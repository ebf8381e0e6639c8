//! The concordance view: every hit of the target a line, the hits aligned
//! in one column, with the words before and after, the article's title and
//! date. Only the rows on screen are laid out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::app::kwic::line_of;

pub fn render(app: &App, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(k) = app.kwic() else {
        return;
    };
    let area = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    Clear.render(area, buf);
    let what = super::target_summary(app).unwrap_or_default();
    let narrowed = if k.narrow.is_empty() {
        String::new()
    } else {
        format!(" · \"{}\"", text::fit(&k.narrow, 20))
    };
    let title = Line::from(vec![
        Span::styled(" Concordance ", t.pane_title),
        Span::styled(
            format!(
                "{} lines{narrowed} · {} ",
                text::thousands(k.shown.len()),
                text::fit(&what, 60)
            ),
            t.dim,
        ),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focused)
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    // Title and date on the left when there is room; the hit in the middle
    // of what is left.
    let meta = if width >= 100 {
        34
    } else if width >= 60 {
        16
    } else {
        0
    };
    let body = width.saturating_sub(meta);
    let left_room = body * 2 / 5;
    for (row, y) in (k.offset..k.shown.len()).zip(inner.y..inner.y + inner.height) {
        let Some((article, range)) = k.row(row) else {
            continue;
        };
        let Some(a) = app.corpus().articles.get(article) else {
            continue;
        };
        let (left, hit, right) = line_of(a, range);
        let mut spans = Vec::new();
        if meta > 0 {
            let date = a
                .date()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let date_room = if meta >= 34 { 11 } else { 0 };
            let title = text::fit(a.title(), meta - date_room - 2);
            let pad = (meta - date_room - 2).saturating_sub(text::width(&title));
            spans.push(Span::styled(
                format!("{title}{}", " ".repeat(pad)),
                t.article_title,
            ));
            if date_room > 0 {
                spans.push(Span::styled(format!(" {date:<10}"), t.meta));
            }
            spans.push(Span::styled("│ ", t.border));
        }
        let left = text::fit_end(&one_line(&left), left_room.saturating_sub(1));
        let pad = left_room.saturating_sub(text::width(&left));
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(left, t.text));
        let hit = text::fit(&one_line(&hit), body.saturating_sub(left_room + 1));
        let used = left_room + text::width(&hit);
        spans.push(Span::styled(hit, t.mention));
        spans.push(Span::styled(
            text::fit(&one_line(&right), body.saturating_sub(used)),
            t.text,
        ));
        let rect = Rect {
            y,
            height: 1,
            ..inner
        };
        let selected = row == k.selected;
        if selected {
            buf.set_style(rect, t.selected_focused);
            for span in &mut spans {
                span.style = Theme::on_selected(span.style).patch(t.selected_focused);
            }
        }
        Line::from(spans).render(rect, buf);
    }
    if k.shown.is_empty() && inner.height > 0 {
        Line::styled("no line holds that", t.dim).render(inner, buf);
    }
}

/// Tabs and line breaks as spaces: one hit, one line.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\t', '\r'], " ")
}
