//! What the user's intents do to the panes and overlays: focus, moving in a
//! list or the reader, opening articles, the filter, sorting, the cast scope.

use super::{App, Overlay, Pane, Prompt, Scope};
use crate::action::Action;
use crate::cast::ActorId;

impl App {
    /// Applies one user intent, with the count typed before it (see
    /// `keys.rs`: jumps are repeated there, motions take it here).
    pub(super) fn act(&mut self, action: Action, count: Option<usize>) {
        // Redrawing changes nothing, wherever it is asked for.
        if action == Action::Redraw {
            return self.effects.push(super::Effect::Redraw);
        }
        self.message = None;
        self.touched = true;
        if self.prompt.is_some() {
            return self.update_prompt(action);
        }
        if self.input.is_some() {
            return self.update_input(action);
        }
        // A key moves on from a jump that was waiting for a search count.
        self.pending_jump = None;
        match (self.overlay, action) {
            (_, Action::Quit) => self.should_quit = true,
            (Overlay::Help { .. }, Action::Help) | (Overlay::Warnings { .. }, Action::Warnings) => {
                self.overlay = Overlay::None
            }
            (Overlay::Help { scroll }, _) => {
                let scroll = self.scroll_overlay(scroll, action);
                self.overlay = Overlay::Help { scroll };
            }
            (Overlay::Warnings { scroll, column }, _) => {
                let scroll = self.scroll_overlay(scroll, action);
                let column = self.scroll_sideways(column, action);
                self.overlay = Overlay::Warnings { scroll, column };
            }
            (Overlay::Concordance, _) => self.update_kwic(action, count),
            (Overlay::Quotes, _) => self.update_quotes(action, count),
            (Overlay::None, action) => {
                let from = self.place();
                self.update_panes(action, count);
                if super::jumps::is_jump(action) {
                    self.jumped_from(from);
                }
            }
        }
    }

    fn update_panes(&mut self, action: Action, count: Option<usize>) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Warnings => {
                self.overlay = Overlay::Warnings {
                    scroll: 0,
                    column: 0,
                }
            }
            Action::Cancel if self.cast_view.mode != super::CastMode::Actors => {
                let keep = self.followed_actor();
                self.leave_cast_mode(keep);
            }
            Action::Cancel if self.query.is_some() => self.clear_query(),
            Action::Cancel => {
                if self.target.is_none() {
                    self.message = Some("nothing to clear".into());
                }
                self.list.set_filter(false, None);
                self.set_target(None);
            }
            Action::FocusPane(pane) => self.focus = pane,
            Action::FocusNext | Action::FocusRight => {
                self.focus_step(1, action == Action::FocusNext)
            }
            Action::FocusPrev | Action::FocusLeft => {
                self.focus_step(-1, action == Action::FocusPrev)
            }
            Action::Down
            | Action::Up
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::ScrollDown
            | Action::ScrollUp => self.move_in_pane(action, count),
            Action::OpenArticle => {
                self.open_selected();
                self.focus = Pane::Reader;
            }
            Action::FollowActor if self.choose_in_cast() => {}
            Action::FollowActor => {
                self.follow_selected_actor();
                // With one pane on screen the jump would happen out of sight.
                if self.screen.tabs.is_some() && self.target.is_some() {
                    self.focus = Pane::Reader;
                }
            }
            Action::NextMatch => self.jump(true),
            Action::PrevMatch => self.jump(false),
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::Search => {
                self.prompt = Some(Prompt {
                    query: String::new(),
                    saved_target: self.target.clone(),
                    saved_article: self.reader.article,
                    saved_scroll: self.reader.scroll,
                    saved_byte: self.top_doc_byte(),
                })
            }
            Action::ToggleCastScope => {
                self.cast_view.scope = match (self.cast_view.scope, &self.query) {
                    (Scope::Article, Some(_)) => Scope::Filtered,
                    (Scope::Article, None) => Scope::Corpus,
                    (Scope::Corpus | Scope::Filtered, _) => Scope::Article,
                };
                if let Some(q) = &self.query
                    && self.cast_view.scope == Scope::Filtered
                {
                    self.message = Some(format!("cast of these {} articles", q.count));
                }
                self.refresh_cast_view(self.followed_actor());
            }
            Action::ToggleZoom => {
                self.zoom = !self.zoom;
                if self.zoom {
                    self.focus = Pane::Reader;
                }
            }
            Action::CycleSort | Action::CycleSortBack => {
                let step = if action == Action::CycleSort { 1 } else { -1 };
                self.list.cycle_sort(&self.corpus, &self.order, step);
                self.after_reorder();
                self.message = Some(format!("sorted by {}", self.list.sort.label()));
            }
            Action::ToggleFilter => self.toggle_filter(),
            Action::OpenUrl | Action::CopyUrl => self.url_effect(action),
            Action::ToggleRead | Action::MarkAllRead | Action::ToggleStar => {
                self.mark_articles(action)
            }
            Action::ToggleStarred => {
                if self.list.starred_only() {
                    self.list_only(None);
                } else {
                    let starred = self.starred_ids();
                    self.list_only(Some(starred));
                    self.message = Some(format!("{} starred", self.starred_count()));
                }
            }
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::SetMark => self.pending.mark = Some(super::MarkOp::Set),
            Action::GoToMark => self.pending.mark = Some(super::MarkOp::Go),
            Action::FindActor
            | Action::MergeActor
            | Action::SplitAlias
            | Action::RenameActor
            | Action::ChangeKind
            | Action::NotActor
            | Action::UndoFix
            | Action::Together
            | Action::Query => self.cast_tool(action),
            Action::Concordance => self.open_kwic(),
            Action::Quotes => self.open_quotes(),
            Action::ConfirmSearch
            | Action::DeleteChar
            | Action::InsertChar(_)
            | Action::Redraw
            | Action::ScrollLeft
            | Action::ScrollRight => {}
        }
    }

    pub(super) fn focus_step(&mut self, step: isize, wrap: bool) {
        let i = self.focus.index() as isize + step;
        let i = if wrap { i.rem_euclid(3) } else { i.clamp(0, 2) };
        self.focus = Pane::ALL[i as usize];
    }

    pub(super) fn move_in_pane(&mut self, action: Action, count: Option<usize>) {
        match self.focus {
            Pane::Reader => self.reader.scroll_by(action, count),
            Pane::Articles => {
                if self.list.move_by(action, count) {
                    self.open_selected();
                }
            }
            Pane::Cast => self.cast_view.move_by(action, count),
        }
    }

    /// How many lines the open overlay holds (see `ui::overlay`).
    pub(super) fn overlay_len(&self) -> usize {
        match self.overlay {
            Overlay::None => 0,
            Overlay::Help { .. } => super::help::help_len(&self.keymap),
            Overlay::Concordance => self.kwic.as_ref().map_or(0, |k| k.shown.len()),
            Overlay::Quotes => self.quotes.view.as_ref().map_or(0, |v| v.shown.len()),
            // The warnings (or a line saying there are none); then, if
            // copies were skipped, a blank line, a heading and the copies.
            Overlay::Warnings { .. } => {
                let copies = match self.copies.len() {
                    0 => 0,
                    n => n + 2,
                };
                self.corpus.warnings.len().max(1) + copies
            }
        }
    }

    /// The warnings view's sideways scroll after `action`: a few columns at a
    /// time, until the longest line's end is in view.
    fn scroll_sideways(&self, column: usize, action: Action) -> usize {
        const STEP: usize = 8;
        match action {
            Action::ScrollLeft => column.saturating_sub(STEP),
            Action::ScrollRight => {
                let longest = self
                    .corpus
                    .warnings
                    .iter()
                    .chain(&self.copies)
                    .map(|w| crate::sanitize::width(&crate::sanitize::display(&w.to_string())))
                    .max()
                    .unwrap_or(0);
                // The overlay's box: at most 78 wide, less its border.
                let shown = (self.screen.area.width.saturating_sub(4).min(78) as usize)
                    .saturating_sub(2)
                    .max(1);
                (column + STEP).min(longest.saturating_sub(shown))
            }
            _ => column,
        }
    }

    pub(super) fn scroll_overlay(&self, scroll: usize, action: Action) -> usize {
        // The overlay's box is the screen less a margin and its border.
        let page = self.screen.area.height.saturating_sub(4).max(1) as usize;
        let max = self.overlay_len().saturating_sub(page);
        let scroll = match action {
            Action::Down => scroll + 1,
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => scroll + page,
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => scroll,
        };
        scroll.min(max)
    }

    /// Shows the article at the list selection in the reader.
    pub(super) fn open_selected(&mut self) {
        if let Some(id) = self.list.selected_article()
            && id != self.reader.article
        {
            self.open(id);
        }
    }

    /// Shows article `id` from its top.
    pub(super) fn open(&mut self, id: usize) {
        self.show_body(id);
        self.reader.open(self.corpus.articles.get(id), id);
        // Where the reader was in it last time.
        if let Some(row) = self.remembered_row(id) {
            self.reader.set_scroll(row);
        }
        self.list.select_article(id);
        if let Some(target) = &mut self.target {
            target.current = None;
        }
        if self.cast_view.scope == Scope::Corpus {
            // The whole corpus's rows do not depend on the article: only the
            // selection follows. Sorting every actor again on each article
            // opened made a jump to the next mention cost 26 ms at 11,000
            // actors, and grows with the cast.
            let keep = self.followed_actor();
            let view = &mut self.cast_view;
            view.selected = keep
                .and_then(|id| view.rows.iter().position(|r| r.0 == id))
                .unwrap_or(0);
            view.fit(view.height);
        } else {
            self.refresh_cast_view(self.followed_actor());
        }
    }

    /// A body kept on disk is read when its article is shown and dropped
    /// when another is (see `Article::load_body`).
    pub(super) fn show_body(&mut self, id: usize) {
        let shown = self.reader.article;
        if shown != id
            && let Some(article) = self.corpus.articles.get_mut(shown)
        {
            article.unload_body();
        }
        if let Some(article) = self.corpus.articles.get_mut(id)
            && let Err(e) = article.load_body()
        {
            self.message = Some(format!("the text of this article cannot be read: {e}"));
        }
    }

    pub(super) fn step_article(&mut self, step: isize) {
        if self.list.step(step) {
            self.open_selected();
        } else {
            self.message = Some(
                if step > 0 {
                    "last article"
                } else {
                    "first article"
                }
                .into(),
            );
        }
    }

    pub(super) fn toggle_filter(&mut self) {
        if self.list.filter {
            self.list.set_filter(false, None);
        } else if let Some(target) = &self.target {
            self.list.set_filter(true, Some(&target.per_article));
            let partial = if target.scanning(&self.corpus) {
                " found so far"
            } else {
                ""
            };
            self.message = Some(format!(
                "showing the {} articles with matches{partial}",
                self.list.shown.len()
            ));
        } else {
            self.message = Some("nothing to filter by: follow an actor or search first".into());
        }
        self.list.select_article(self.reader.article);
    }

    /// `o` / `y`: asks the shell to open or copy the article's address.
    /// Only web addresses are opened: an address from a file could name any
    /// handler the system has (`javascript:`, `file:`, a custom scheme).
    fn url_effect(&mut self, action: Action) {
        let url = self
            .corpus
            .articles
            .get(self.reader.article)
            .and_then(|a| a.url())
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let Some(url) = url else {
            self.message = Some("this article has no web address".into());
            return;
        };
        let web = ["http://", "https://"]
            .iter()
            .any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
        let effect = match action {
            Action::OpenUrl if !web => {
                self.message = Some("only http and https addresses are opened".into());
                return;
            }
            Action::OpenUrl => super::Effect::Open(url.to_string()),
            _ => super::Effect::Copy(url.to_string()),
        };
        self.effects.push(effect);
    }

    /// Makes `target` the current one; the filter, when on, follows it.
    pub(super) fn set_target(&mut self, target: Option<super::Target>) {
        self.target = target;
        self.refilter();
    }

    /// The starred-only list, when on, follows the stars.
    pub(super) fn refilter_starred(&mut self) {
        if self.list.starred_only() {
            let starred = self.starred_ids();
            self.list_only(Some(starred));
        }
    }

    fn starred_ids(&self) -> rustc_hash::FxHashSet<usize> {
        (0..self.corpus.articles.len())
            .filter(|&id| self.is_starred(id))
            .collect()
    }

    /// Lists only the articles in `only`, or all (as the filter allows).
    fn list_only(&mut self, only: Option<rustc_hash::FxHashSet<usize>>) {
        let hits = self.target.as_ref().map(|t| &t.per_article);
        self.list.set_only(only, hits);
    }

    /// The filter, when on, shows the current target's articles.
    pub(super) fn refilter(&mut self) {
        if self.list.filter {
            let hits = self.target.as_ref().map(|t| &t.per_article);
            self.list.set_filter(hits.is_some(), hits);
        }
    }

    /// After the article order changed: the target's hits follow the new order.
    pub(super) fn after_reorder(&mut self) {
        if let Some(target) = &mut self.target {
            target.reorder(&self.list.position);
        }
        self.list.select_article(self.reader.article);
    }

    /// Rebuilds the cast pane's rows, selecting `keep` if it is listed.
    pub(super) fn refresh_cast_view(&mut self, keep: Option<ActorId>) {
        let within = self
            .query
            .as_ref()
            .map(|q| std::sync::Arc::clone(&q.matching));
        self.cast_view.rebuild(
            &self.cast,
            self.reader.article,
            keep,
            within.as_deref().map(Vec::as_slice),
        );
    }
}
