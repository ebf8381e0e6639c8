//! Article text kept on disk: bodies written in LZ4-compressed blocks as they
//! are indexed, and read back one article at a time, so that a collection's
//! text need not live in memory (a million articles are 5 GB of it).
//!
//! A block is a header `compressed:u32 raw:u32 xxh3:u64` and its compressed
//! bytes; an article's [`TextRef`] says which block (by file offset) and
//! where in the decompressed block its text is. Refs are self-contained: the
//! file needs no table, and a reader can fetch text while the writer is
//! still appending (a ref is only handed out once its block is written).
//! Reading seeks and reads (no memory map), and keeps the last few
//! blocks decompressed, so that reading articles in order — a search over
//! the whole collection — decompresses each block once. A block whose bytes
//! do not match their checksum is an error, never wrong text.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Raw bytes per block: small enough that fetching one article decompresses
/// little (about 0.1 ms), large enough to compress well.
const BLOCK: usize = 256 << 10;
const HEADER: usize = 16;
/// Decompressed blocks kept by a reader.
const KEPT: usize = 8;

/// Where an article's text is in a [`TextStore`]'s file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextRef {
    /// File offset of the block's header.
    pub block: u64,
    /// Bytes into the decompressed block.
    pub start: u32,
    pub len: u32,
}

/// Appends texts to a store file; shared by the indexing threads.
#[derive(Debug)]
pub struct TextWriter {
    path: PathBuf,
    file: Mutex<(File, u64)>,
}

impl TextWriter {
    /// Creates (or empties) the store file at `path`.
    pub fn create(path: &Path) -> io::Result<TextWriter> {
        let file = File::create(path)?;
        Ok(TextWriter {
            path: path.to_path_buf(),
            file: Mutex::new((file, 0)),
        })
    }

    /// Appends to the store file at `path`, after what is there.
    pub fn append(path: &Path) -> io::Result<TextWriter> {
        let file = fs::OpenOptions::new().append(true).open(path)?;
        let end = file.metadata()?.len();
        Ok(TextWriter {
            path: path.to_path_buf(),
            file: Mutex::new((file, end)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores `texts`, compressed together in blocks, and returns where each
    /// one is. The compression happens on the calling thread; only the
    /// append holds the lock.
    pub fn store(&self, texts: &[&str]) -> io::Result<Vec<TextRef>> {
        let mut refs = Vec::with_capacity(texts.len());
        let mut raw = String::new();
        let mut pending: Vec<(u32, u32)> = Vec::new();
        let mut i = 0;
        while i < texts.len() {
            raw.clear();
            pending.clear();
            // At least one text a block, however long.
            while i < texts.len() && (raw.is_empty() || raw.len() + texts[i].len() <= BLOCK) {
                let start = u32::try_from(raw.len()).map_err(|_| too_long())?;
                let len = u32::try_from(texts[i].len()).map_err(|_| too_long())?;
                raw.push_str(texts[i]);
                pending.push((start, len));
                i += 1;
            }
            let block = self.write_block(raw.as_bytes())?;
            refs.extend(
                pending
                    .iter()
                    .map(|&(start, len)| TextRef { block, start, len }),
            );
        }
        Ok(refs)
    }

    fn write_block(&self, raw: &[u8]) -> io::Result<u64> {
        let compressed = lz4_flex::block::compress(raw);
        let mut bytes = Vec::with_capacity(HEADER + compressed.len());
        let clen = u32::try_from(compressed.len()).map_err(|_| too_long())?;
        let rlen = u32::try_from(raw.len()).map_err(|_| too_long())?;
        bytes.extend_from_slice(&clen.to_le_bytes());
        bytes.extend_from_slice(&rlen.to_le_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&compressed).to_le_bytes());
        bytes.extend_from_slice(&compressed);
        // A poisoned lock means another writer panicked mid-append; the file
        // may end in a partial block, which no ref points into: go on.
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, end) = &mut *guard;
        let at = *end;
        file.write_all(&bytes)?;
        *end += bytes.len() as u64;
        Ok(at)
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.file.lock().map_or(0, |g| g.1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn too_long() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "a text of 4 GB or more")
}

fn damaged(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("text store damaged: {what}"),
    )
}

/// Reads texts back from a store file.
#[derive(Debug)]
pub struct TextStore {
    path: PathBuf,
    /// The file's length when opened: a ref past it is damage.
    len: u64,
    file: Mutex<File>,
    /// The last blocks read, decompressed, most recent last.
    kept: Mutex<Vec<(u64, Arc<str>)>>,
}

impl TextStore {
    pub fn open(path: &Path) -> io::Result<TextStore> {
        let file = File::open(path)?;
        Ok(TextStore {
            path: path.to_path_buf(),
            len: file.metadata()?.len(),
            file: Mutex::new(file),
            kept: Mutex::new(Vec::new()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a block can start at `at` in the file as it was opened.
    pub fn holds(&self, at: u64) -> bool {
        at.saturating_add(HEADER as u64) <= self.len
    }

    /// The text at `r`.
    pub fn get(&self, r: TextRef) -> io::Result<String> {
        let block = self.block(r.block)?;
        let (start, end) = (r.start as usize, r.start as usize + r.len as usize);
        block
            .get(start..end)
            .map(str::to_string)
            .ok_or_else(|| damaged("a text out of its block"))
    }

    fn block(&self, at: u64) -> io::Result<Arc<str>> {
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = kept.iter().position(|(b, _)| *b == at) {
                let entry = kept.remove(i);
                let text = Arc::clone(&entry.1);
                kept.push(entry);
                return Ok(text);
            }
        }
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let mut header = [0u8; HEADER];
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut header)?;
        let word = |i: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&header[i..i + 4]);
            u32::from_le_bytes(w) as usize
        };
        let (clen, rlen) = (word(0), word(4));
        let mut hash = [0u8; 8];
        hash.copy_from_slice(&header[8..16]);
        if clen > 2 * BLOCK + (1 << 26) || rlen > BLOCK.max(clen * 255 + 16) {
            return Err(damaged("a block too large"));
        }
        let mut compressed = vec![0u8; clen];
        file.read_exact(&mut compressed)?;
        drop(file);
        if xxhash_rust::xxh3::xxh3_64(&compressed) != u64::from_le_bytes(hash) {
            return Err(damaged("a block's checksum does not match"));
        }
        let raw = lz4_flex::block::decompress(&compressed, rlen)
            .map_err(|_| damaged("a block does not decompress"))?;
        let text: Arc<str> = String::from_utf8(raw)
            .map_err(|_| damaged("a block is not UTF-8"))?
            .into();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((at, Arc::clone(&text)));
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_from_blocks_while_the_writer_appends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text.bin");
        let writer = TextWriter::create(&path).unwrap();
        let long = "Kerry met Lavrov in Geneva. ".repeat(20_000);
        let texts = ["", "John Kerry", long.as_str(), "京都 and Zürich"];
        let refs = writer.store(&texts).unwrap();
        let store = TextStore::open(&path).unwrap();
        for (r, t) in refs.iter().zip(texts) {
            assert_eq!(store.get(*r).unwrap(), t);
        }
        // A long text has a block of its own; the short ones share.
        assert_eq!(refs[0].block, refs[1].block);
        assert_ne!(refs[1].block, refs[2].block);
        let more = writer.store(&["Sergey Lavrov"]).unwrap();
        assert_eq!(store.get(more[0]).unwrap(), "Sergey Lavrov");
        assert!(writer.len() < long.len() as u64 / 10, "compressed");
    }

    #[test]
    fn damaged_text_is_an_error_not_wrong_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text.bin");
        let writer = TextWriter::create(&path).unwrap();
        let refs = writer
            .store(&["Secretary of State John Kerry", "Lavrov"])
            .unwrap();
        let good = fs::read(&path).unwrap();
        for i in 0..good.len() {
            let mut bytes = good.clone();
            bytes[i] ^= 0x20;
            fs::write(&path, &bytes).unwrap();
            let store = TextStore::open(&path).unwrap();
            for (r, want) in refs.iter().zip(["Secretary of State John Kerry", "Lavrov"]) {
                if let Ok(text) = store.get(*r) {
                    assert_eq!(text, want, "byte {i}");
                }
            }
        }
        fs::write(&path, &good[..good.len() - 3]).unwrap();
        assert!(TextStore::open(&path).unwrap().get(refs[0]).is_err());
        let past = TextRef {
            block: 1 << 40,
            ..refs[0]
        };
        assert!(TextStore::open(&path).unwrap().get(past).is_err());
    }
}
