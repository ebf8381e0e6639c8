//! Where each pane goes for a given terminal size. Computed once per frame by
//! `Msg::Resize` and stored in the app, so that `update` (page sizes,
//! scrolling to a mention) and `ui` (drawing) agree on the same rectangles.

use ratatui::layout::Rect;

use super::Pane;

/// Terminals narrower than this show only the focused pane.
pub const THREE_PANES_MIN_WIDTH: u16 = 72;
/// Below this the app shows "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// The screen's arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub area: Rect,
    pub articles: Option<Rect>,
    pub reader: Option<Rect>,
    pub cast: Option<Rect>,
    /// In one-pane mode, a row naming the panes (the focused one marked).
    pub tabs: Option<Rect>,
    pub status: Option<Rect>,
    pub too_small: bool,
}

impl Screen {
    /// Lays the panes out in `area`; in narrow terminals, or `zoom`ed, only
    /// `focus` is shown.
    pub fn new(area: Rect, focus: Pane, zoom: bool) -> Screen {
        let mut screen = Screen {
            area,
            ..Screen::default()
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            screen.too_small = true;
            return screen;
        }
        let body = Rect {
            height: area.height - 1,
            ..area
        };
        screen.status = Some(Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        });
        if area.width >= THREE_PANES_MIN_WIDTH && !zoom {
            // Articles and cast get about a quarter each; the reader the rest.
            let side = (area.width / 4).clamp(18, 48);
            let cast_w = (area.width / 5).clamp(18, 40);
            let reader_w = area.width - side - cast_w;
            screen.articles = Some(Rect {
                width: side,
                ..body
            });
            screen.reader = Some(Rect {
                x: body.x + side,
                width: reader_w,
                ..body
            });
            screen.cast = Some(Rect {
                x: body.x + side + reader_w,
                width: cast_w,
                ..body
            });
        } else {
            screen.tabs = Some(Rect { height: 1, ..body });
            let pane = Rect {
                y: body.y + 1,
                height: body.height - 1,
                ..body
            };
            match focus {
                Pane::Articles => screen.articles = Some(pane),
                Pane::Reader => screen.reader = Some(pane),
                Pane::Cast => screen.cast = Some(pane),
            }
        }
        screen
    }
}

/// The area inside a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// The reader's text area: inside the border, one column of margin each side.
pub fn reader_text(rect: Rect) -> Rect {
    let inner = inner(rect);
    Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// How many rows the cast pane gives to the selected actor's details: with
/// its timeline (a bar chart of 3 rows and the peak's line) when there is room.
pub fn cast_details_height(inner: Rect) -> u16 {
    if inner.height >= 24 {
        11
    } else if inner.height >= 14 {
        6
    } else {
        0
    }
}

/// Whether the details have room for the timeline.
pub fn cast_details_timeline(inner: Rect) -> bool {
    cast_details_height(inner) >= 11
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_fill_the_width() {
        let s = Screen::new(Rect::new(0, 0, 160, 45), Pane::Articles, false);
        let (a, r, c) = (s.articles.unwrap(), s.reader.unwrap(), s.cast.unwrap());
        assert_eq!(a.width + r.width + c.width, 160);
        assert_eq!(a.height, 44);
        assert_eq!(s.status.unwrap().y, 44);
        assert!(r.width > a.width && r.width > c.width);
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane_only() {
        let s = Screen::new(Rect::new(0, 0, 50, 20), Pane::Cast, false);
        assert!(s.articles.is_none() && s.reader.is_none());
        assert_eq!(s.cast.unwrap().width, 50);
        assert!(s.tabs.is_some());
    }

    #[test]
    fn tiny_terminals_are_too_small_at_every_size() {
        for w in 0..MIN_WIDTH {
            for h in 0..30 {
                assert!(Screen::new(Rect::new(0, 0, w, h), Pane::Reader, false).too_small);
            }
        }
        assert!(
            !Screen::new(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT), Pane::Reader, false).too_small
        );
    }
}
