//! The actor engine: finds the names in one document, classifies and resolves them.
//!
//! Pipeline per document (pure, independent of every other document, so
//! [`Engine`] is `Sync` and documents can be analysed on a thread pool):
//! tokens ([`super::token`]) → per-token features and greedy perceptron labels
//! over the capitalised tokens ([`super::tagger`]) → candidates with titles
//! stripped and gazetteer knowledge applied ([`super::candidates`]) → entities
//! ([`super::resolve`]). The user's actors file extends the gazetteer
//! ([`super::userfile`]).

use std::cell::RefCell;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::candidates::{self, Candidate};
use super::evidence::Sexes;
use super::features::DocCtx;
use super::gazetteer::Gazetteer;
use super::perceptron::{Model, best};
use super::sport::SportModel;
use super::sport::nicknames::Nicknames;
use super::userfile::{self, EngineError, UserFileWarning};
use super::{DocActors, resolve, tagger, token};

/// The trained tagger weights (rebuilt by `cargo run --release --example train`).
const MODEL: &[u8] = include_bytes!("../../../assets/cast/model.bin");

/// Where the user's actors file lives: `actors.toml` in castlist's config directory.
pub fn default_user_file() -> Option<std::path::PathBuf> {
    dirs::config_dir().map(|d| d.join("castlist").join("actors.toml"))
}

/// The engine with its gazetteers, word lists and model loaded.
#[derive(Debug, Clone)]
pub struct Engine {
    gaz: Gazetteer,
    model: Model,
    sexes: Sexes,
    /// The team sense of place names in sports reports (`super::sport`).
    sport: SportModel,
    nicknames: Nicknames,
    /// The corrections of the user's actors files (`[[fix]]`), in order.
    fixes: Vec<crate::Fix>,
    /// Names this engine's model and word lists for the tagger's cache of
    /// word types ([`tagger::TaggerCache`]): new whenever they change.
    id: u64,
}

/// The next [`Engine::id`].
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

thread_local! {
    /// Each thread's cache of word types' scores: kept from one document to
    /// the next, as the words are.
    static TYPE_CACHE: RefCell<tagger::TaggerCache> = RefCell::new(tagger::TaggerCache::default());
}

impl Default for Engine {
    fn default() -> Self {
        Engine::builtin()
    }
}

impl Engine {
    /// The engine with the data built into the binary.
    pub fn builtin() -> Engine {
        // The embedded model is written by our own trainer; a corrupt one (only
        // possible in a broken build) degrades to gazetteer-only tagging.
        let model = Model::from_bytes(MODEL).unwrap_or_default();
        let gaz = Gazetteer::builtin();
        let nicknames = Nicknames::builtin(&gaz);
        Engine {
            gaz,
            model,
            sexes: Sexes::builtin(),
            sport: SportModel::builtin(),
            nicknames,
            fixes: Vec::new(),
            id: next_id(),
        }
    }

    /// The built-in engine extended by the user's actors files: first
    /// `actors.toml` in the config directory (`~/.config/castlist/` on Linux) if
    /// it exists, then `extra` (from `--actors FILE`), whose entries win.
    /// Returns the engine and what the files hold that looks like a mistake
    /// (for the caller to show).
    pub fn from_config(
        extra: Option<&Path>,
    ) -> Result<(Engine, Vec<UserFileWarning>), EngineError> {
        let mut engine = Engine::builtin();
        let mut warnings = Vec::new();
        if let Some(path) = default_user_file().filter(|p| p.is_file()) {
            warnings.extend(engine.add_user_file(&path)?);
        }
        if let Some(path) = extra {
            warnings.extend(engine.add_user_file(path)?);
        }
        Ok((engine, warnings))
    }

    /// Adds the actors and never-words of a user file to this engine (read
    /// within bounds: see [`userfile::read`]); returns its warnings.
    pub fn add_user_file(&mut self, path: &Path) -> Result<Vec<UserFileWarning>, EngineError> {
        let text = userfile::read(path)?;
        let origin = path.display().to_string();
        self.id = next_id();
        userfile::apply_with_fixes(&mut self.gaz, &mut self.fixes, &text, &origin)
    }

    /// Adds the actors and never-words of user-file text (`origin` names it in
    /// errors and warnings); returns its warnings.
    pub fn add_user_toml(
        &mut self,
        text: &str,
        origin: &str,
    ) -> Result<Vec<UserFileWarning>, EngineError> {
        self.id = next_id();
        userfile::apply_with_fixes(&mut self.gaz, &mut self.fixes, text, origin)
    }

    /// The corrections the user's actors files hold, in order: a cast built
    /// with this engine applies them ([`crate::Cast::with_fixes`]).
    pub fn fixes(&self) -> &[crate::Fix] {
        &self.fixes
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// The sport models (document sport, team sense of place names).
    pub fn sport_model(&self) -> &SportModel {
        &self.sport
    }

    /// Finds, classifies and resolves the actors of one document. Offsets are byte
    /// offsets into `text` on char boundaries; any text is accepted.
    pub fn analyze(&self, text: &str) -> DocActors {
        let toks = token::tokenize(text, &self.gaz);
        self.analyze_tokens(text, &toks)
    }

    /// [`Engine::analyze`] on the tokens of `text` (from [`token::tokenize`]
    /// with this engine's gazetteer), for callers that read them too.
    pub(crate) fn analyze_tokens(&self, text: &str, toks: &[token::Token]) -> DocActors {
        let ctx = self.tag(text, toks);
        let (ctx, cands) = ctx;
        // Which sport the article reports on matters only for its place names
        // and team nicknames: without any, it is not worth deciding.
        let teams_possible = cands.iter().any(|c| {
            super::sport::is_place_name(&ctx, c)
                || text
                    .get(c.start..c.end)
                    .is_some_and(|t| self.nicknames.is_nickname(t))
        });
        let doc_sport = if teams_possible {
            self.sport.document_sport(text, toks)
        } else {
            None
        };
        // A place named in a sports report as a team is the team ("Australia"
        // beat England: the cricket side), an actor of its own.
        let teams: Vec<Option<&str>> =
            super::sport::team_senses_in(&ctx, &cands, &self.sport, doc_sport)
                .into_iter()
                .map(|s| s.map(|s| self.sport.name(s)))
                .collect();
        let mut doc = resolve::resolve(&ctx, &cands, &self.sexes, &teams);
        // A team's nickname in a report on its sport is that team.
        let sport = doc_sport.map(|s| self.sport.name(s));
        if let Some(sport) = sport {
            for i in 0..doc.entity_count() {
                let team = doc
                    .entity(i)
                    .and_then(|e| self.nicknames.team(e.name, sport))
                    .cloned();
                if let Some(team) = team {
                    doc.rename_entity(i, &team.name, crate::Kind::Organization, &team.key);
                }
            }
        }
        doc
    }

    /// The typed name candidates of one document, before resolution (for
    /// evaluation against span-level gold data).
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let toks = token::tokenize(text, &self.gaz);
        self.tag(text, &toks).1
    }

    fn tag<'a>(&'a self, text: &'a str, toks: &'a [token::Token]) -> (DocCtx<'a>, Vec<Candidate>) {
        TYPE_CACHE.with_borrow_mut(|cache| {
            cache.serve(self.id);
            self.tag_with(cache, text, toks)
        })
    }

    fn tag_with<'a>(
        &'a self,
        cache: &mut tagger::TaggerCache,
        text: &'a str,
        toks: &'a [token::Token],
    ) -> (DocCtx<'a>, Vec<Candidate>) {
        let mut ctx = DocCtx::new(text, toks, &self.gaz);
        let named = tagger::names_never_lower(&ctx);
        let mut person_alt = Vec::new();
        let mut feats = Vec::with_capacity(40);
        let mut decide = |cache: &mut tagger::TaggerCache,
                          ctx: &DocCtx<'_>,
                          i: usize,
                          prior: (u8, u8, u8),
                          allowed: u16| {
            // A word's type features summed once for its type, its context
            // features added for this token.
            let (shape, mut scores) = cache.type_scores(ctx, i, &self.model, &mut feats);
            feats.clear();
            ctx.context_features(i, shape, prior, &mut feats);
            self.model.add_scores(&mut scores, &feats);
            let mut label = best(&scores, allowed);
            // A proper noun that is also an English word, capitalised mid-
            // sentence and never written in lower case here, is a name
            // ("On Monday, Trump attacked the press"): the tagger's best
            // name label, not O.
            if label == super::features::O && named.get(i) == Some(&true) && allowed & !1 != 0 {
                label = best_of(&scores, allowed & !1, 1);
            }
            if label == B_PER {
                let alt = best_of(&scores, allowed & !0b111, 3);
                let ty = if allowed & (0b11_1111 << 3) == 0 {
                    4
                } else {
                    super::features::label_type(alt)
                };
                person_alt.push((i, ty));
            }
            label
        };
        let labels = tagger::decode_by(&ctx, &mut |ctx, i, prior, allowed| {
            decide(cache, ctx, i, prior, allowed)
        });
        ctx.person_alt = person_alt;
        let spans = tagger::spans(&ctx, &labels);
        let cands = candidates::candidates(&ctx, &spans);
        (ctx, cands)
    }
}

/// The label that begins a person's name.
const B_PER: u8 = 1;

/// The best-scored label from `from` on among those `allowed` (`from`
/// when none is): unlike [`best`], never O unless O is allowed.
fn best_of<T: PartialOrd + Copy>(
    scores: &[T; super::features::NL],
    allowed: u16,
    from: usize,
) -> u8 {
    let mut top: Option<usize> = None;
    for k in from..scores.len() {
        if allowed & (1 << k) != 0 && top.is_none_or(|t| scores[k] > scores[t]) {
            top = Some(k);
        }
    }
    top.unwrap_or(from) as u8
}
