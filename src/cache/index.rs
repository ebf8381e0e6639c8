//! The index cache: a collection's analysis kept between runs, so that
//! opening it again reads no article and analyses nothing.
//!
//! One folder per collection (its paths and reading options, hashed) in the
//! cache directory holds `index.bin` — the files as they were (path, size,
//! modification time, warnings), every article's metadata and where its
//! text is, and the settled cast — and the text stores its articles' bodies
//! are in (`text-PID-N.bin`, see [`super::text`]). `index.bin` is a framed
//! file ([`super::frame`]): checksummed, stamped with the engine's version
//! (its code and data, and the actors files), written whole and renamed into
//! place. What cannot be used — damaged, foreign, another version, a text
//! store gone — is one warning and a fresh index, never a crash or a cast
//! that does not fit its articles.
//!
//! On open, the files found are compared with the saved ones: an article of
//! a file with the same path, size and modification time is taken as saved;
//! the files that changed, appeared or went away are read again, alone
//! (their articles dropped from the saved cast with
//! `Cast::retain_articles`, the new ones added, and the cast settled once).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::DateTime;

use super::bytes::{Dec, Enc, Short};
use super::frame::{self, FrameError, Header};
use super::text::{TextRef, TextStore, TextWriter};
use crate::cast::Cast;
use crate::corpus::{Article, LoadOptions, Origin, SharedPath, Stored, Warning};

const KIND: [u8; 4] = *b"INDX";
/// 2: articles' fingerprints are XXH3 (`corpus::dedup::fingerprint`), no
/// longer std's `DefaultHasher`.
const FORMAT: u32 = 2;
const INDEX: &str = "index.bin";
/// A text store no index names and nobody has written to for this long is
/// left over (a writer that stopped, or an index since replaced).
const STALE: Duration = Duration::from_secs(120);

/// The cache directory castlist uses: `castlist/` in the user's cache
/// directory (`$XDG_CACHE_HOME`, `~/.cache` on Linux).
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("castlist"))
}

/// A file of the collection as the walk saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// The path as shown in origins (what articles name their file by).
    pub shown: String,
    pub bytes: u64,
    pub modified: u64,
}

/// One file as saved: its state, the warnings reading it gave, and the
/// identical copies of earlier articles it held (skipped, each noted).
#[derive(Debug, Clone)]
pub struct SavedFile {
    pub state: FileState,
    pub warnings: Vec<Warning>,
    /// The copies' notes (the `w` view lists them apart from warnings). A
    /// file holding copies has articles no saved list names: it is read
    /// again whenever anything else changed (see `index::cached`).
    pub copies: Vec<Warning>,
}

/// An article as saved: the article (its body in a text store) and its
/// place in its file.
#[derive(Debug, Clone)]
pub struct SavedArticle {
    pub article: Article,
    /// Index into [`Saved::files`].
    pub file: u32,
    pub record: u32,
}

/// A collection's saved index, but for its cast ([`SavedCast`]).
#[derive(Debug)]
pub struct Saved {
    pub files: Vec<SavedFile>,
    /// By id: the ids the cast's articles have.
    pub articles: Vec<SavedArticle>,
}

/// A saved index's cast, still in its file: the articles can be shown
/// while it is decoded.
#[derive(Debug)]
pub struct SavedCast {
    frame: frame::Sections,
    articles: usize,
}

impl SavedCast {
    /// Decodes the cast, checking its bytes as they are read. On an error
    /// (damaged bytes, or a cast this castlist cannot read) the caller
    /// analyses the articles again.
    pub fn read(mut self) -> Result<Cast, CacheError> {
        // Decoded as it is read (a million articles' cast is a gigabyte of
        // bytes), and used only once the checksum agrees again.
        let mut bytes = self.frame.reader(b"CAST")?;
        let len = bytes.len();
        let cast = Cast::from_reader(&mut bytes, len);
        bytes.check()?;
        let cast = cast.map_err(|e| CacheError::Damaged(e.to_string()))?;
        if cast.article_count() > self.articles || !cast.is_settled() {
            return Err(CacheError::Damaged(
                "the cast does not fit the articles".into(),
            ));
        }
        Ok(cast)
    }
}

/// What `castlist cache` shows of a saved collection.
#[derive(Debug, Clone)]
pub struct Listing {
    pub dir: PathBuf,
    /// The paths it was opened with (one a line), if readable.
    pub paths: Option<String>,
    /// Made by this castlist and its actors files.
    pub current: bool,
    pub bytes: u64,
}

/// Every collection saved under `root`.
pub fn list(root: &Path) -> io::Result<Vec<Listing>> {
    let dir = root.join("index");
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let engine = super::engine_version(None);
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let bytes = fs::read_dir(&path)
            .map(|files| {
                files
                    .flatten()
                    .filter_map(|f| f.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        let peeked = frame::peek(&path.join(INDEX), KIND, b"COLL").ok();
        let current = peeked
            .as_ref()
            .is_some_and(|(h, _)| h.format == FORMAT && h.engine == engine);
        let paths = peeked
            .and_then(|(_, coll)| coll)
            .and_then(|c| String::from_utf8(c).ok());
        out.push(Listing {
            dir: path,
            paths,
            current,
            bytes,
        });
    }
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(out)
}

/// Removes every saved index under `root`; returns the bytes freed.
pub fn clear(root: &Path) -> io::Result<u64> {
    let listed = list(root)?;
    let bytes = listed.iter().map(|l| l.bytes).sum();
    match fs::remove_dir_all(root.join("index")) {
        Ok(()) => Ok(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

/// The cache of one collection.
#[derive(Debug, Clone)]
pub struct Collection {
    dir: PathBuf,
    /// What the collection is (paths, options), saved to tell collections
    /// whose folder names collide apart.
    key: String,
    engine: u64,
}

/// Why a saved index cannot be used. `Missing` is not worth a warning.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("no saved index")]
    Missing,
    #[error("{0}")]
    Frame(#[from] FrameError),
    #[error("damaged: {0}")]
    Damaged(String),
}

impl From<Short> for CacheError {
    fn from(e: Short) -> CacheError {
        CacheError::Damaged(e.to_string())
    }
}

fn header(engine: u64) -> Header {
    Header {
        kind: KIND,
        format: FORMAT,
        engine,
    }
}

impl Collection {
    /// The cache of the collection of `paths` read with `options`, in
    /// `root` (see [`default_dir`]), for the engine whose version is `engine`.
    pub fn new(root: &Path, paths: &[PathBuf], options: &LoadOptions, engine: u64) -> Collection {
        let mut key = String::new();
        for p in paths {
            let p = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            key.push_str(&p.display().to_string());
            key.push('\n');
        }
        for (field, name) in &options.fields {
            key.push_str(&format!("--field {field:?}={name}\n"));
        }
        let hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes());
        Collection {
            dir: root.join("index").join(format!("{hash:016x}")),
            key,
            engine,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A new text store for this collection's articles, under a name no
    /// other writer uses.
    pub fn new_texts(&self) -> io::Result<(Arc<TextWriter>, Arc<TextStore>)> {
        fs::create_dir_all(&self.dir)?;
        let name = frame::temp_name(&self.dir.join("text"));
        let name = name.with_extension("bin");
        let writer = TextWriter::create(&name)?;
        let reader = TextStore::open(&name)?;
        Ok((Arc::new(writer), Arc::new(reader)))
    }

    /// Whether an index is saved (not whether it is usable).
    pub fn has_saved(&self) -> bool {
        self.dir.join(INDEX).is_file()
    }

    /// Reads the saved index: its files and articles, and its cast checked
    /// but not yet decoded ([`SavedCast::read`]).
    pub fn load(&self) -> Result<(Saved, SavedCast), CacheError> {
        let path = self.dir.join(INDEX);
        // Section by section, each dropped once decoded: a million
        // articles' index is a gigabyte, not to be held beside what it
        // decodes to.
        let mut frame = match frame::open(&path, header(self.engine)) {
            Ok(f) => f,
            Err(FrameError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                return Err(CacheError::Missing);
            }
            Err(e) => return Err(e.into()),
        };
        if frame.take(b"COLL")? != self.key.as_bytes() {
            return Err(CacheError::Damaged("saved for another collection".into()));
        }
        let stores = self.open_stores(&frame.take(b"TEXT")?)?;
        let mut files = decode_files(&frame.take(b"FILE")?)?;
        // An index saved before copies were noted has no such section: its
        // copies are unknown, as they were then.
        if frame.has(b"COPY") {
            decode_copies(&frame.take(b"COPY")?, &mut files)?;
        }
        let paths: Vec<SharedPath> = files
            .iter()
            .map(|f| SharedPath::from(f.state.shown.as_str()))
            .collect();
        let articles = decode_articles(&frame.take(b"ARTS")?, &stores, &paths)?;
        // The cast's bytes are checked as they are decoded, after the
        // articles are shown: a damaged cast is then a warning and its
        // articles analysed again (see `index::cached`), not a delay of
        // every open by a pass over a gigabyte.
        let cast = SavedCast {
            frame,
            articles: articles.len(),
        };
        Ok((Saved { files, articles }, cast))
    }

    fn open_stores(&self, bytes: &[u8]) -> Result<Vec<Arc<TextStore>>, CacheError> {
        let mut d = Dec::new(bytes);
        let n = d.count(4)?;
        let mut stores = Vec::with_capacity(n);
        for _ in 0..n {
            let name = d.str()?;
            // A name, not a path: nothing outside the folder is opened.
            if name.contains(['/', '\\']) || name.starts_with('.') {
                return Err(CacheError::Damaged("a text store outside the cache".into()));
            }
            let store = TextStore::open(&self.dir.join(name))
                .map_err(|e| CacheError::Damaged(format!("text store {name}: {e}")))?;
            stores.push(Arc::new(store));
        }
        Ok(stores)
    }

    /// Saves the index of `articles` (by id, as `cast` numbers them; every
    /// body in a text store) and the files they came from. `order` gives each
    /// article's (file index into `files`, record).
    pub fn save(
        &self,
        files: &[SavedFile],
        articles: &[Article],
        order: &[(u32, u32)],
        cast: &Cast,
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let mut stores: Vec<(*const TextStore, String)> = Vec::new();
        let mut store_of = |s: &Arc<TextStore>| -> io::Result<u32> {
            let ptr = Arc::as_ptr(s);
            if let Some(i) = stores.iter().position(|(p, _)| *p == ptr) {
                return Ok(i as u32);
            }
            let name = s
                .path()
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| io::Error::other("a text store without a name"))?
                .to_string();
            stores.push((ptr, name));
            Ok(stores.len() as u32 - 1)
        };
        // Which text store each article's body is in, found first: the
        // store list (TEXT) precedes the articles (ARTS) in the file.
        let mut store_ids = Vec::with_capacity(articles.len());
        for article in articles {
            let stored = article
                .stored()
                .ok_or_else(|| io::Error::other("an article whose text is not on disk"))?;
            store_ids.push(store_of(&stored.store)?);
        }
        let mut text = Enc::default();
        text.len(stores.len());
        for (_, name) in &stores {
            text.str(name);
        }
        // The articles, the files and the cast go to the file as they are
        // encoded: held whole, the articles' and files' bytes were the
        // open's peak of memory (24 MB at 100,000 articles, on top of the
        // settled cast); at a million articles the cast's would be a
        // gigabyte held beside the cast.
        frame::write_atomic_streamed(
            &self.dir.join(INDEX),
            header(self.engine),
            &mut [
                (b"COLL", &mut held(self.key.as_bytes())),
                (b"TEXT", &mut held(&text.0)),
                (b"FILE", &mut |out: &mut dyn io::Write| {
                    write_files(out, files)
                }),
                (b"COPY", &mut |out: &mut dyn io::Write| {
                    write_copies(out, files)
                }),
                (b"ARTS", &mut |out: &mut dyn io::Write| {
                    write_articles(out, articles, order, &store_ids)
                }),
                (b"CAST", &mut |out: &mut dyn io::Write| cast.write_to(out)),
            ],
        )?;
        let keep: Vec<&str> = stores.iter().map(|(_, n)| n.as_str()).collect();
        self.remove_stale_texts(&keep);
        Ok(())
    }

    /// Removes text stores that the index does not name and nobody has
    /// written for a while (another castlist may be writing one right now).
    fn remove_stale_texts(&self, keep: &[&str]) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if !name.starts_with("text") || keep.contains(&name) {
                continue;
            }
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > STALE);
            if old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Writes the files' section, a file at a time (the encoded bytes are not
/// held whole).
fn write_files(out: &mut dyn io::Write, files: &[SavedFile]) -> io::Result<()> {
    let mut e = Enc::default();
    e.len(files.len());
    for f in files {
        e.str(&f.state.shown);
        e.u64(f.state.bytes);
        e.u64(f.state.modified);
        put_notes(&mut e, &f.warnings);
        out.write_all(&e.0)?;
        e.0.clear();
    }
    out.write_all(&e.0)
}

/// A file's warnings or copies' notes: line and record (each plus one, 0
/// for none) and message; the path is the file's.
fn put_notes(e: &mut Enc, notes: &[Warning]) {
    e.len(notes.len());
    for w in notes {
        e.u64(w.origin.line().map_or(0, |l| l as u64 + 1));
        e.u64(w.origin.record().map_or(0, |r| r as u64 + 1));
        e.str(&w.message);
    }
}

/// Reads what [`put_notes`] wrote, for the file at `path`.
fn take_notes(d: &mut Dec<'_>, path: &SharedPath) -> Result<Vec<Warning>, CacheError> {
    let n = d.count(20)?;
    let mut notes = Vec::with_capacity(n);
    for _ in 0..n {
        let line = opt_usize(d.u64()?);
        let record = opt_usize(d.u64()?);
        notes.push(Warning {
            origin: Origin::file(path.clone())
                .with_line(line)
                .with_record(record),
            message: d.str()?.to_string(),
        });
    }
    Ok(notes)
}

/// Writes the copies' section: for each file that held copies, its number
/// in the files' section and their notes.
fn write_copies(out: &mut dyn io::Write, files: &[SavedFile]) -> io::Result<()> {
    let mut e = Enc::default();
    let holding = files.iter().filter(|f| !f.copies.is_empty()).count();
    e.len(holding);
    for (i, f) in files.iter().enumerate() {
        if !f.copies.is_empty() {
            e.u64(i as u64);
            put_notes(&mut e, &f.copies);
        }
    }
    out.write_all(&e.0)
}

fn decode_copies(bytes: &[u8], files: &mut [SavedFile]) -> Result<(), CacheError> {
    let mut d = Dec::new(bytes);
    let n = d.count(12)?;
    for _ in 0..n {
        let i = usize::try_from(d.u64()?).unwrap_or(usize::MAX);
        let Some(file) = files.get_mut(i) else {
            return Err(CacheError::Damaged("a copy of no file".into()));
        };
        let path = SharedPath::from(file.state.shown.as_str());
        file.copies = take_notes(&mut d, &path)?;
    }
    Ok(())
}

/// Writes the articles' section, an article at a time: each article's (file,
/// record) from `order` and text store from `store_ids`.
fn write_articles(
    out: &mut dyn io::Write,
    articles: &[Article],
    order: &[(u32, u32)],
    store_ids: &[u32],
) -> io::Result<()> {
    let mut e = Enc::default();
    e.len(articles.len());
    for ((article, &(file, record)), &store) in articles.iter().zip(order).zip(store_ids) {
        let stored = article
            .stored()
            .ok_or_else(|| io::Error::other("an article whose text is not on disk"))?;
        e.u32(file);
        e.u32(record);
        e.u32(store);
        encode_article(&mut e, article, stored);
        out.write_all(&e.0)?;
        e.0.clear();
    }
    out.write_all(&e.0)
}

fn opt_usize(v: u64) -> Option<usize> {
    v.checked_sub(1).and_then(|v| usize::try_from(v).ok())
}

fn decode_files(bytes: &[u8]) -> Result<Vec<SavedFile>, CacheError> {
    let mut d = Dec::new(bytes);
    let n = d.count(24)?;
    let mut files = Vec::with_capacity(n);
    for _ in 0..n {
        let shown = d.str()?.to_string();
        let state = FileState {
            bytes: d.u64()?,
            modified: d.u64()?,
            shown,
        };
        let path = SharedPath::from(state.shown.as_str());
        let warnings = take_notes(&mut d, &path)?;
        files.push(SavedFile {
            state,
            warnings,
            copies: Vec::new(),
        });
    }
    Ok(files)
}

fn encode_article(e: &mut Enc, a: &Article, stored: &Stored) {
    e.str(a.title());
    e.u8(u8::from(a.title_derived()));
    match a.date() {
        Some(d) => {
            let d = d.and_utc();
            e.u8(1);
            e.u64(d.timestamp() as u64);
            e.u32(d.timestamp_subsec_nanos());
        }
        None => e.u8(0),
    }
    e.opt_str(a.date_text());
    e.opt_str(a.source());
    e.opt_str(a.url());
    e.len(a.authors().len());
    for author in a.authors() {
        e.str(author);
    }
    e.u64(a.origin.line().map_or(0, |l| l as u64 + 1));
    e.u64(a.origin.record().map_or(0, |r| r as u64 + 1));
    // Paragraphs are found in the body now (`Article::paragraphs`): none
    // are written, and those of a cache written before are checked and
    // dropped.
    e.len(0);
    e.u64(stored.text.block);
    e.u32(stored.text.start);
    e.u32(stored.text.len);
    e.u64(stored.key as u64);
    e.u64((stored.key >> 64) as u64);
    e.u64(stored.fingerprint);
}

fn decode_articles(
    bytes: &[u8],
    stores: &[Arc<TextStore>],
    paths: &[SharedPath],
) -> Result<Vec<SavedArticle>, CacheError> {
    let mut d = Dec::new(bytes);
    let n = d.count(60)?;
    let mut out = Vec::with_capacity(n);
    for id in 0..n {
        let file = d.u32()?;
        let record = d.u32()?;
        let store = stores
            .get(d.u32()? as usize)
            .ok_or(Short("text store out of range"))?;
        let path = paths
            .get(file as usize)
            .cloned()
            .ok_or(Short("file out of range"))?;
        let title = d.str()?;
        let title_derived = d.u8()? != 0;
        let date = match d.u8()? {
            0 => None,
            _ => {
                let (secs, nanos) = (d.u64()? as i64, d.u32()?);
                Some(
                    DateTime::from_timestamp(secs, nanos)
                        .ok_or(Short("bad date"))?
                        .naive_utc(),
                )
            }
        };
        let date_text = d.opt_str()?.map(str::to_string);
        let source = d.opt_str()?.map(str::to_string);
        let url = d.opt_str()?.map(str::to_string);
        let a = d.count(4)?;
        let mut authors = Vec::with_capacity(a);
        for _ in 0..a {
            authors.push(d.str()?.to_string());
        }
        let line = opt_usize(d.u64()?);
        let rec = opt_usize(d.u64()?);
        // Paragraphs, written by caches before they were found in the body.
        let p = d.count(8)?;
        let mut last = 0;
        for _ in 0..p {
            let (start, end) = (d.u32()? as usize, d.u32()? as usize);
            if start < last || end < start {
                return Err(CacheError::Damaged("paragraphs out of order".into()));
            }
            last = end;
        }
        let text = TextRef {
            block: d.u64()?,
            start: d.u32()?,
            len: d.u32()?,
        };
        if last > text.len as usize {
            return Err(CacheError::Damaged("paragraphs past the text".into()));
        }
        if !store.holds(text.block) {
            return Err(CacheError::Damaged("a text store cut short".into()));
        }
        let key = u128::from(d.u64()?) | (u128::from(d.u64()?) << 64);
        let fingerprint = d.u64()?;
        let mut article = Article::new(title, "");
        article.set_id(id);
        article.set_title_derived(title_derived);
        article.set_date(date);
        article.set_date_text(date_text);
        article.set_source(source);
        article.set_url(url);
        article.set_authors(authors);
        article.origin = Origin::file(path).with_line(line).with_record(rec);
        article.set_stored(Stored {
            store: Arc::clone(store),
            text,
            key,
            fingerprint,
        });
        out.push(SavedArticle {
            article,
            file,
            record,
        });
    }
    if !d.is_done() {
        return Err(CacheError::Damaged("bytes after the articles".into()));
    }
    Ok(out)
}

/// A section already held in memory, written as it is.
fn held(bytes: &[u8]) -> impl FnMut(&mut dyn io::Write) -> io::Result<()> + '_ {
    move |out| out.write_all(bytes)
}
