//! The reader's first moments: the terminal is taken at once, and until the
//! first article has been read the screen says what is being opened and how
//! far the reading has got. A slow start (a huge file, a folder a thousand
//! levels deep, a FIFO nobody writes to) shows as progress, never as a blank
//! screen, and the quit key works throughout: quitting leaves the background
//! readers where they are (a read blocked on a FIFO cannot be interrupted)
//! and the process ends without waiting for them.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::app::{App, Msg};
use crate::index::{Indexer, Progress};
use crate::keymap::{Context, KeyChord};
use crate::term;
use crate::ui::{text, theme};

/// How long one turn may spend taking in what the indexer sent.
const ABSORB_BUDGET: Duration = Duration::from_millis(6);
/// How often the progress is drawn again.
const FRAME: Duration = Duration::from_millis(100);
/// How long a turn waits for a key.
const KEY_WAIT: Duration = Duration::from_millis(50);

/// A collection being read in the background, and what it was asked for as.
pub struct Opening {
    pub indexer: Indexer,
    pub paths: Vec<PathBuf>,
}

/// How the wait for the first article ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// An article is there: on to the reader.
    Ready,
    /// The user quit first.
    Quit,
    /// Everything was read and there was no article.
    Empty,
}

/// Shows the opening screen until the first article arrives (absorbed into
/// `app`), the index ends without one, or the user quits.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    opening: &mut Opening,
) -> io::Result<Opened> {
    let mut drawn: Option<Instant> = None;
    loop {
        if term::take_redraw() {
            term::redraw_all(terminal)?;
            drawn = None;
        }
        // Sized to the terminal first, so that the first article is wrapped
        // once, at the width it is drawn (a 50 MB article takes a while).
        let size = terminal.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if app.screen().area != area {
            app.update(Msg::Resize(area));
        }
        opening.indexer.drain(ABSORB_BUDGET, |event| {
            app.update(Msg::Indexed(event));
        });
        if !app.corpus().articles.is_empty() {
            return Ok(Opened::Ready);
        }
        if opening.indexer.is_done() {
            return Ok(Opened::Empty);
        }
        if drawn.is_none_or(|t| t.elapsed() >= FRAME) {
            let view = View {
                paths: &opening.paths,
                progress: opening.indexer.progress(),
                quit: app.keymap().key_for(Context::Global, Action::Quit),
            };
            terminal.draw(|frame| draw(&view, frame.area(), frame.buffer_mut()))?;
            drawn = Some(Instant::now());
        }
        if !event::poll(KEY_WAIT)? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if term::shell_key(&key) {
                    continue;
                }
                let quit = KeyChord::from_event(&key)
                    .and_then(|chord| app.keymap().action(Context::Global, chord))
                    == Some(Action::Quit);
                if quit {
                    return Ok(Opened::Quit);
                }
            }
            Event::Resize(..) => drawn = None,
            _ => {}
        }
    }
}

/// What the opening screen shows.
pub struct View<'a> {
    pub paths: &'a [PathBuf],
    pub progress: Progress,
    /// The key that quits, if one is bound.
    pub quit: Option<KeyChord>,
}

/// Draws the opening screen: centred lines, each cut to the width.
pub fn draw(view: &View<'_>, area: Rect, buf: &mut Buffer) {
    let paths: Vec<String> = view.paths.iter().map(|p| p.display().to_string()).collect();
    let lines = [
        ("castlist".to_string(), theme::PANE_TITLE),
        (format!("opening {} …", paths.join(", ")), theme::TEXT),
        (progress_text(&view.progress), theme::DIM),
        (String::new(), theme::TEXT),
        (
            view.quit.map(|k| format!("{k} quit")).unwrap_or_default(),
            theme::DIM,
        ),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, (line, style)) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.height {
            break;
        }
        let shown = text::fit(line, area.width as usize);
        let left = (area.width as usize).saturating_sub(text::width(&shown)) / 2;
        let row = Rect {
            x: area.x + left as u16,
            y: area.y + y,
            width: area.width - left as u16,
            height: 1,
        };
        Line::from(Span::styled(shown, *style)).render(row, buf);
    }
}

/// "3 of 12+ files · 1.2 of 40.0+ MB · 2.5 s": what has been read of what was
/// found (`+` while the walk may find more).
fn progress_text(progress: &Progress) -> String {
    let seconds = progress.elapsed().as_secs_f64();
    if progress.walking && progress.sources == 0 {
        return format!("looking for files · {seconds:.1} s");
    }
    let more = if progress.walking { "+" } else { "" };
    let mb = |bytes: u64| bytes as f64 / 1e6;
    format!(
        "{} of {}{more} file{} · {:.1} of {:.1}{more} MB · {seconds:.1} s",
        text::thousands(progress.sources_done),
        text::thousands(progress.sources),
        if progress.sources == 1 { "" } else { "s" },
        mb(progress.bytes_done),
        mb(progress.bytes),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;

    fn progress(sources_done: usize, sources: usize, walking: bool) -> Progress {
        Progress {
            sources_done,
            sources,
            bytes_done: 1_200_000,
            bytes: 4_000_000,
            walking,
            started: Instant::now(),
            finished: None,
        }
    }

    fn screen(view: &View<'_>, width: u16, height: u16) -> String {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        draw(view, area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_opening_screen_names_the_paths_the_progress_and_the_quit_key() {
        let paths = [PathBuf::from("/data/news"), PathBuf::from("extra.jsonl")];
        let view = View {
            paths: &paths,
            progress: progress(3, 12, true),
            quit: Some(
                Keymap::builtin()
                    .key_for(Context::Global, Action::Quit)
                    .unwrap(),
            ),
        };
        let shown = screen(&view, 80, 10);
        assert!(
            shown.contains("opening /data/news, extra.jsonl …"),
            "{shown}"
        );
        assert!(shown.contains("3 of 12+ files · 1.2 of 4.0+ MB"), "{shown}");
        assert!(shown.contains("q quit"), "{shown}");
    }

    #[test]
    fn before_the_walk_finds_a_file_it_says_it_is_looking() {
        let view = View {
            paths: &[],
            progress: progress(0, 0, true),
            quit: None,
        };
        assert!(screen(&view, 60, 5).contains("looking for files"));
        let done = progress_text(&progress(1, 1, false));
        assert!(done.starts_with("1 of 1 file · 1.2 of 4.0 MB"), "{done}");
    }

    #[test]
    fn a_path_with_escapes_is_drawn_inert_and_nothing_breaks_at_any_size() {
        let paths = [PathBuf::from("evil\u{1b}]0;PWNED\u{7}\u{1b}[2J")];
        let view = View {
            paths: &paths,
            progress: progress(0, 1, false),
            quit: None,
        };
        let shown = screen(&view, 80, 5);
        assert!(
            !shown.contains('\u{1b}') && shown.contains("␛]0;PWNED␇"),
            "{shown}"
        );
        for (w, h) in [(1, 1), (2, 1), (1, 7), (0, 0), (5, 3)] {
            screen(&view, w, h);
        }
    }
}
