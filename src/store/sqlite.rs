//! The store in SQLite (rusqlite, with SQLite built in): one file in the
//! XDG data directory, its schema versioned by `PRAGMA user_version` and
//! brought up to date by the migrations below, each in a transaction.
//!
//! Write-ahead logging with `synchronous = NORMAL`: a transaction is either
//! there after a crash or a `kill -9` or not at all, and the file is never
//! left corrupt (a power cut may lose the last transactions, not the file).
//! A second castlist on the same file waits for the other's write at most
//! [`BUSY`], off the interface thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{Store, StoreError};
use crate::app::memory::{ArticleMemory, ContentKey, Memory, Session};

/// How long a write waits for another program's lock.
const BUSY: Duration = Duration::from_millis(300);

/// The schema, one migration per version: version `i + 1` is reached by
/// running `MIGRATIONS[i]`. Append only; never edit a released one.
const MIGRATIONS: &[&str] = &[
    // 1: articles by content key; per collection the last article and actor,
    // and the marks.
    "CREATE TABLE article (
         key BLOB PRIMARY KEY NOT NULL,
         read INTEGER NOT NULL,
         starred INTEGER NOT NULL,
         position INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE collection (
         name TEXT PRIMARY KEY NOT NULL,
         article BLOB,
         actor TEXT
     ) WITHOUT ROWID;
     CREATE TABLE mark (
         collection TEXT NOT NULL,
         letter TEXT NOT NULL,
         article BLOB NOT NULL,
         position INTEGER NOT NULL,
         PRIMARY KEY (collection, letter)
     ) WITHOUT ROWID;",
];

/// The memory of one collection in a SQLite file.
pub struct Sqlite {
    connection: Connection,
    path: PathBuf,
    /// Which collection's session this is (its paths, or "bundled").
    collection: String,
}

impl Sqlite {
    /// Opens (creating it and its folder if need be) the database at `path`
    /// for `collection`, and brings its schema up to date.
    pub fn open(path: &Path, collection: &str) -> Result<Sqlite, StoreError> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(shown.clone(), e))?;
        }
        let sql = |source| StoreError::Sqlite {
            path: shown.clone(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut connection = Connection::open_with_flags(path, flags).map_err(sql)?;
        connection.busy_timeout(BUSY).map_err(sql)?;
        // Reads the file: a corrupt one fails here, not in the first save.
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(sql)?;
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        // Reading 100,000 rows at start: mapped pages, not a read call each.
        connection
            .pragma_update(None, "mmap_size", 64 << 20)
            .map_err(sql)?;
        migrate(&mut connection).map_err(|e| match e {
            Migration::Sql(source) => sql(source),
            Migration::Newer(found) => {
                StoreError::Newer(shown.clone(), found, MIGRATIONS.len() as i64)
            }
        })?;
        Ok(Sqlite {
            connection,
            path: path.to_path_buf(),
            collection: collection.to_string(),
        })
    }

    fn error(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.display().to_string(),
            source,
        }
    }
}

enum Migration {
    Sql(rusqlite::Error),
    Newer(i64),
}

/// Runs the migrations the file has not seen, each with its version bump in
/// one transaction.
fn migrate(connection: &mut Connection) -> Result<(), Migration> {
    let version: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(Migration::Sql)?;
    if version > MIGRATIONS.len() as i64 {
        return Err(Migration::Newer(version));
    }
    for (i, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = connection.transaction().map_err(Migration::Sql)?;
        tx.execute_batch(migration).map_err(Migration::Sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(Migration::Sql)?;
        tx.commit().map_err(Migration::Sql)?;
    }
    Ok(())
}

fn key_bytes(key: ContentKey) -> [u8; 16] {
    key.to_be_bytes()
}

fn key_of(bytes: &[u8]) -> Option<ContentKey> {
    <[u8; 16]>::try_from(bytes).ok().map(u128::from_be_bytes)
}

impl Store for Sqlite {
    fn load(&mut self) -> Result<Memory, StoreError> {
        let mut memory = Memory::default();
        let count: i64 = self
            .connection
            .query_row("SELECT count(*) FROM article", [], |row| row.get(0))
            .map_err(|e| self.error(e))?;
        memory.articles.reserve(usize::try_from(count).unwrap_or(0));
        let mut articles = self
            .connection
            .prepare("SELECT key, read, starred, position FROM article")
            .map_err(|e| self.error(e))?;
        let mut rows = articles.query([]).map_err(|e| self.error(e))?;
        // 100,000 rows: read in place, without a copy of each key.
        while let Some(row) = rows.next().map_err(|e| self.error(e))? {
            let key = row.get_ref(0).ok().and_then(|v| v.as_blob().ok());
            let state = (|| -> rusqlite::Result<ArticleMemory> {
                Ok(ArticleMemory {
                    read: row.get(1)?,
                    starred: row.get(2)?,
                    position: row.get(3)?,
                })
            })();
            // A row this castlist did not write is skipped, not fatal.
            if let (Some(key), Ok(state)) = (key.and_then(key_of), state) {
                memory.articles.insert(key, state);
            }
        }
        drop(rows);
        drop(articles);
        let session = self
            .connection
            .query_row(
                "SELECT article, actor FROM collection WHERE name = ?1",
                [&self.collection],
                |row| {
                    let article: Option<Vec<u8>> = row.get(0)?;
                    let actor: Option<String> = row.get(1)?;
                    Ok((article, actor))
                },
            )
            .optional()
            .map_err(|e| self.error(e))?;
        if let Some((article, actor)) = session {
            memory.session.article = article.as_deref().and_then(key_of);
            memory.session.actor = actor;
        }
        let mut marks = self
            .connection
            .prepare("SELECT letter, article, position FROM mark WHERE collection = ?1")
            .map_err(|e| self.error(e))?;
        let rows = marks
            .query_map([&self.collection], |row| {
                let letter: String = row.get(0)?;
                let article: Vec<u8> = row.get(1)?;
                let position: u32 = row.get(2)?;
                Ok((letter, article, position))
            })
            .map_err(|e| self.error(e))?;
        for row in rows {
            let (letter, article, position) = row.map_err(|e| self.error(e))?;
            let mut letters = letter.chars();
            if let (Some(c), None, Some(key)) = (letters.next(), letters.next(), key_of(&article)) {
                memory.session.marks.push((c, key, position));
            }
        }
        memory.session.marks.sort_unstable();
        Ok(memory)
    }

    fn save(
        &mut self,
        articles: &[(ContentKey, ArticleMemory)],
        session: Option<&Session>,
    ) -> Result<(), StoreError> {
        let collection = self.collection.clone();
        let tx = self
            .connection
            .transaction()
            .map_err(|e| StoreError::Sqlite {
                path: self.path.display().to_string(),
                source: e,
            })?;
        let result = (|| -> rusqlite::Result<()> {
            {
                let mut upsert = tx.prepare_cached(
                    "INSERT INTO article (key, read, starred, position) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (key) DO UPDATE SET read = ?2, starred = ?3, position = ?4",
                )?;
                let mut delete = tx.prepare_cached("DELETE FROM article WHERE key = ?1")?;
                for (key, state) in articles {
                    let key = key_bytes(*key);
                    if state.is_blank() {
                        delete.execute([&key[..]])?;
                    } else {
                        upsert.execute(params![
                            &key[..],
                            state.read,
                            state.starred,
                            state.position
                        ])?;
                    }
                }
            }
            if let Some(session) = session {
                tx.execute(
                    "INSERT INTO collection (name, article, actor) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO UPDATE SET article = ?2, actor = ?3",
                    params![
                        collection,
                        session.article.map(|k| key_bytes(k).to_vec()),
                        session.actor
                    ],
                )?;
                tx.execute("DELETE FROM mark WHERE collection = ?1", [&collection])?;
                for (letter, article, position) in &session.marks {
                    tx.execute(
                        "INSERT INTO mark (collection, letter, article, position)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![
                            collection,
                            letter.to_string(),
                            &key_bytes(*article)[..],
                            position
                        ],
                    )?;
                }
            }
            Ok(())
        })();
        let done = result.and_then(|()| tx.commit());
        done.map_err(|e| self.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(read: bool, starred: bool, position: u32) -> ArticleMemory {
        ArticleMemory {
            read,
            starred,
            position,
        }
    }

    #[test]
    fn memory_round_trips_per_collection() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/memory.sqlite3");
        let mut a = Sqlite::open(&path, "/news").unwrap();
        let session = Session {
            article: Some(7),
            actor: Some("John Kerry".into()),
            marks: vec![('a', 7, 120), ('b', u128::MAX, 0)],
        };
        a.save(
            &[(7, state(true, true, 120)), (8, state(true, false, 0))],
            Some(&session),
        )
        .unwrap();
        a.save(&[(8, ArticleMemory::default())], None).unwrap();
        drop(a);
        let mut again = Sqlite::open(&path, "/news").unwrap();
        let memory = again.load().unwrap();
        assert_eq!(memory.articles.len(), 1, "a blank article is no row");
        assert_eq!(memory.articles[&7], state(true, true, 120));
        assert_eq!(memory.session, session);
        // Articles are shared; the session is the collection's own.
        let mut other = Sqlite::open(&path, "/elsewhere").unwrap();
        let memory = other.load().unwrap();
        assert_eq!(memory.articles.len(), 1);
        assert_eq!(memory.session, Session::default());
    }

    #[test]
    fn a_corrupt_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.sqlite3");
        std::fs::write(&path, vec![0x5a; 8192]).unwrap();
        let err = Sqlite::open(&path, "x").err().expect("corrupt");
        assert!(err.to_string().contains("memory.sqlite3"), "{err}");
    }

    #[test]
    fn a_newer_schema_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.sqlite3");
        Sqlite::open(&path, "x").unwrap();
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        drop(c);
        let err = Sqlite::open(&path, "x").err().expect("newer");
        assert!(err.to_string().contains("newer castlist"), "{err}");
    }

    #[test]
    fn a_locked_database_fails_the_save_not_the_program() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.sqlite3");
        let mut store = Sqlite::open(&path, "x").unwrap();
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let err = store.save(&[(1, state(true, false, 0))], None).unwrap_err();
        assert!(err.to_string().contains("locked"), "{err}");
        other.execute_batch("ROLLBACK").unwrap();
        store.save(&[(1, state(true, false, 0))], None).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_database_is_an_error() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.sqlite3");
        Sqlite::open(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let result =
            Sqlite::open(&path, "x").and_then(|mut s| s.save(&[(1, state(true, false, 0))], None));
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        // Root may write anywhere: the test means something only for others.
        if !is_root() {
            assert!(result.is_err());
        }
    }

    #[cfg(unix)]
    fn is_root() -> bool {
        std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"))
    }
}
