//! The one container every file castlist writes for itself uses (index
//! caches, cast summaries): a header saying what the file is, which format
//! and which engine made it, then named sections, each checksummed.
//!
//! ```text
//! "castlist" kind[4] format:u32 engine:u64 sections:u32
//! { tag[4] offset:u64 len:u64 xxh3(tag, bytes):u64 } × sections
//! section bytes…
//! ```
//!
//! A file is written whole to a name of its writer's own (process id and a
//! counter) beside its place, then renamed over it: a reader sees the old
//! file or the new one, never a half-written one, and two castlists writing
//! at once each rename a complete file (the last one stays). A damaged,
//! truncated, foreign or outdated file is a [`FrameError`], never a panic:
//! every section's checksum is compared before its bytes are used.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

const MAGIC: &[u8; 8] = b"castlist";
const HEADER: usize = 8 + 4 + 4 + 8 + 4;
const ENTRY: usize = 4 + 8 + 8 + 8;
/// More sections than any file has: a count past it is damage.
const MAX_SECTIONS: usize = 64;

/// Why a file could not be read as the frame expected.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("not a castlist {0} file")]
    Foreign(String),
    #[error("written by another version of castlist (format {found}, this one reads {expected})")]
    Format { found: u32, expected: u32 },
    #[error("made with another actor engine or actors file")]
    Engine,
    #[error("damaged: {0}")]
    Damaged(String),
}

/// A file's header: what it is, its layout version, the engine that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub kind: [u8; 4],
    pub format: u32,
    pub engine: u64,
}

/// A file read and checked: its sections by tag.
#[derive(Debug)]
pub struct Frame {
    bytes: Vec<u8>,
    sections: Vec<([u8; 4], std::ops::Range<usize>)>,
}

impl Frame {
    /// The bytes of section `tag`, if the file has one.
    pub fn section(&self, tag: &[u8; 4]) -> Option<&[u8]> {
        self.sections
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, r)| &self.bytes[r.clone()])
    }

    /// Section `tag`, or the error that a file without it is damaged.
    pub fn require(&self, tag: &[u8; 4]) -> Result<&[u8], FrameError> {
        self.section(tag).ok_or_else(|| {
            FrameError::Damaged(format!(
                "no {} section",
                String::from_utf8_lossy(tag).trim_end()
            ))
        })
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// A section's checksum covers its tag too: a damaged tag is found as
/// surely as damaged contents.
fn checksum(tag: &[u8; 4], bytes: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(tag);
    h.update(bytes);
    h.digest()
}

/// Checks `bytes` against what the caller expects and returns its sections.
pub fn parse(bytes: Vec<u8>, expect: Header) -> Result<Frame, FrameError> {
    let kind = String::from_utf8_lossy(&expect.kind).trim_end().to_string();
    if bytes.len() < HEADER || &bytes[..8] != MAGIC || bytes[8..12] != expect.kind {
        return Err(FrameError::Foreign(kind));
    }
    let format = u32_at(&bytes, 12);
    if format != expect.format {
        return Err(FrameError::Format {
            found: format,
            expected: expect.format,
        });
    }
    if u64_at(&bytes, 16) != expect.engine {
        return Err(FrameError::Engine);
    }
    let count = u32_at(&bytes, 24) as usize;
    if count > MAX_SECTIONS || HEADER + count * ENTRY > bytes.len() {
        return Err(FrameError::Damaged("section table cut short".into()));
    }
    let mut sections = Vec::with_capacity(count);
    for i in 0..count {
        let at = HEADER + i * ENTRY;
        let mut tag = [0u8; 4];
        tag.copy_from_slice(&bytes[at..at + 4]);
        let (offset, len) = (u64_at(&bytes, at + 4), u64_at(&bytes, at + 12));
        let range = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(o, l)| Some(o..o.checked_add(l)?))
            .filter(|r| r.end <= bytes.len())
            .ok_or_else(|| FrameError::Damaged("cut short".into()))?;
        if checksum(&tag, &bytes[range.clone()]) != u64_at(&bytes, at + 20) {
            return Err(FrameError::Damaged(format!(
                "checksum of section {} does not match",
                String::from_utf8_lossy(&tag).trim_end()
            )));
        }
        sections.push((tag, range));
    }
    Ok(Frame { bytes, sections })
}

/// Reads the header of the file at `path` and, checked, one section of it,
/// without reading the rest (to describe large files). `None` for the
/// section when the file has none.
pub fn peek(
    path: &Path,
    kind: [u8; 4],
    tag: &[u8; 4],
) -> Result<(Header, Option<Vec<u8>>), FrameError> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = fs::File::open(path)?;
    let mut head = [0u8; HEADER];
    file.read_exact(&mut head)
        .map_err(|_| FrameError::Foreign(String::from_utf8_lossy(&kind).into()))?;
    if &head[..8] != MAGIC || head[8..12] != kind {
        return Err(FrameError::Foreign(String::from_utf8_lossy(&kind).into()));
    }
    let header = Header {
        kind,
        format: u32_at(&head, 12),
        engine: u64_at(&head, 16),
    };
    let count = u32_at(&head, 24) as usize;
    if count > MAX_SECTIONS {
        return Err(FrameError::Damaged("section table cut short".into()));
    }
    let mut table = vec![0u8; count * ENTRY];
    file.read_exact(&mut table)?;
    for i in 0..count {
        let at = i * ENTRY;
        if &table[at..at + 4] != tag {
            continue;
        }
        let (offset, len) = (u64_at(&table, at + 4), u64_at(&table, at + 12));
        if len > 1 << 30 {
            return Err(FrameError::Damaged("a section too large".into()));
        }
        let mut bytes = vec![0u8; len as usize];
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(&mut bytes)?;
        if checksum(tag, &bytes) != u64_at(&table, at + 20) {
            return Err(FrameError::Damaged("checksum does not match".into()));
        }
        return Ok((header, Some(bytes)));
    }
    Ok((header, None))
}

/// A file opened for its sections one at a time (see [`open`]).
#[derive(Debug)]
pub struct Sections {
    file: fs::File,
    /// (tag, offset, length, checksum) of each section, checked to lie
    /// within the file.
    table: Vec<([u8; 4], u64, u64, u64)>,
}

impl Sections {
    /// Whether the file has section `tag` (one added to the format since
    /// may be missing from an older file).
    pub fn has(&self, tag: &[u8; 4]) -> bool {
        self.table.iter().any(|(t, ..)| t == tag)
    }

    /// Reads section `tag` and checks it; a file without one is damaged.
    /// Each section is its own allocation, dropped when its reader is done:
    /// a large index never holds all its bytes at once.
    pub fn take(&mut self, tag: &[u8; 4]) -> Result<Vec<u8>, FrameError> {
        use std::io::{Read, Seek, SeekFrom};
        let name = || String::from_utf8_lossy(tag).trim_end().to_string();
        let &(_, offset, len, sum) = self
            .table
            .iter()
            .find(|(t, ..)| t == tag)
            .ok_or_else(|| FrameError::Damaged(format!("no {} section", name())))?;
        let len = usize::try_from(len).map_err(|_| FrameError::Damaged("cut short".into()))?;
        let mut bytes = vec![0u8; len];
        self.file.seek(SeekFrom::Start(offset))?;
        self.file.read_exact(&mut bytes)?;
        if checksum(tag, &bytes) != sum {
            return Err(FrameError::Damaged(format!(
                "checksum of section {} does not match",
                name()
            )));
        }
        Ok(bytes)
    }

    /// Section `tag` as a reader, for a decoder that reads it a window at a
    /// time (a million articles' cast is a gigabyte, not to be held as
    /// bytes beside what it decodes to). Its checksum is known only at the
    /// end: the caller must not use what it decoded until
    /// [`SectionReader::check`] says the bytes were sound.
    pub fn reader(&mut self, tag: &[u8; 4]) -> Result<SectionReader<'_>, FrameError> {
        use std::io::{Read, Seek, SeekFrom};
        let &(_, offset, len, sum) =
            self.table.iter().find(|(t, ..)| t == tag).ok_or_else(|| {
                FrameError::Damaged(format!(
                    "no {} section",
                    String::from_utf8_lossy(tag).trim_end()
                ))
            })?;
        self.file.seek(SeekFrom::Start(offset))?;
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        hash.update(tag);
        Ok(SectionReader {
            bytes: (&self.file).take(len),
            len,
            hash,
            sum,
            tag: *tag,
        })
    }
}

/// One section being read ([`Sections::reader`]), its checksum computed as
/// it goes.
pub struct SectionReader<'f> {
    bytes: std::io::Take<&'f fs::File>,
    len: u64,
    hash: xxhash_rust::xxh3::Xxh3,
    sum: u64,
    tag: [u8; 4],
}

impl SectionReader<'_> {
    /// The section's length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the section is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads what is left and compares the checksum.
    pub fn check(mut self) -> Result<(), FrameError> {
        std::io::copy(&mut self, &mut std::io::sink())?;
        if self.hash.digest() != self.sum {
            return Err(FrameError::Damaged(format!(
                "checksum of section {} does not match",
                String::from_utf8_lossy(&self.tag).trim_end()
            )));
        }
        Ok(())
    }
}

impl std::io::Read for SectionReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.bytes.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

impl std::fmt::Debug for SectionReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SectionReader")
            .field("tag", &String::from_utf8_lossy(&self.tag))
            .field("len", &self.len)
            .finish()
    }
}

/// Opens the file at `path` and checks its header and table against what
/// the caller expects, reading no section yet ([`Sections::take`] reads
/// each, checked). The same errors as [`read`].
pub fn open(path: &Path, expect: Header) -> Result<Sections, FrameError> {
    use std::io::Read;
    let kind = String::from_utf8_lossy(&expect.kind).trim_end().to_string();
    let mut file = fs::File::open(path)?;
    let size = file.metadata()?.len();
    let mut head = [0u8; HEADER];
    if file.read_exact(&mut head).is_err() || &head[..8] != MAGIC || head[8..12] != expect.kind {
        return Err(FrameError::Foreign(kind));
    }
    let format = u32_at(&head, 12);
    if format != expect.format {
        return Err(FrameError::Format {
            found: format,
            expected: expect.format,
        });
    }
    if u64_at(&head, 16) != expect.engine {
        return Err(FrameError::Engine);
    }
    let count = u32_at(&head, 24) as usize;
    if count > MAX_SECTIONS || (HEADER + count * ENTRY) as u64 > size {
        return Err(FrameError::Damaged("section table cut short".into()));
    }
    let mut raw = vec![0u8; count * ENTRY];
    file.read_exact(&mut raw)?;
    let mut table = Vec::with_capacity(count);
    for i in 0..count {
        let at = i * ENTRY;
        let mut tag = [0u8; 4];
        tag.copy_from_slice(&raw[at..at + 4]);
        let (offset, len) = (u64_at(&raw, at + 4), u64_at(&raw, at + 12));
        // Checked before anything is allocated for it.
        if offset.checked_add(len).is_none_or(|end| end > size) {
            return Err(FrameError::Damaged("cut short".into()));
        }
        table.push((tag, offset, len, u64_at(&raw, at + 20)));
    }
    Ok(Sections { file, table })
}

/// Reads and checks the file at `path`.
pub fn read(path: &Path, expect: Header) -> Result<Frame, FrameError> {
    parse(fs::read(path)?, expect)
}

/// The file's bytes: header, table, sections.
pub fn encode(
    header: Header,
    sections: &[(&[u8; 4], &[u8])],
    out: &mut dyn Write,
) -> io::Result<()> {
    let table: Vec<([u8; 4], u64, u64)> = sections
        .iter()
        .map(|(tag, bytes)| (**tag, bytes.len() as u64, checksum(tag, bytes)))
        .collect();
    out.write_all(&head(header, &table))?;
    for (_, bytes) in sections {
        out.write_all(bytes)?;
    }
    Ok(())
}

/// The header and the table of sections given as (tag, length, checksum),
/// laid out one after the other.
fn head(header: Header, table: &[([u8; 4], u64, u64)]) -> Vec<u8> {
    let mut head = Vec::with_capacity(HEADER + table.len() * ENTRY);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&header.kind);
    head.extend_from_slice(&header.format.to_le_bytes());
    head.extend_from_slice(&header.engine.to_le_bytes());
    head.extend_from_slice(&(table.len() as u32).to_le_bytes());
    let mut offset = (HEADER + table.len() * ENTRY) as u64;
    for (tag, len, sum) in table {
        head.extend_from_slice(tag);
        head.extend_from_slice(&offset.to_le_bytes());
        head.extend_from_slice(&len.to_le_bytes());
        head.extend_from_slice(&sum.to_le_bytes());
        offset += len;
    }
    head
}

/// What writes one section's bytes, for [`write_atomic_streamed`].
pub type WriteSection<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// Counts and checksums what passes through it on its way to the file.
struct Summed<'a> {
    out: &'a mut dyn Write,
    hash: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl Write for Summed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// [`write_atomic`] for sections too big to hold twice (a million
/// articles' cast is a gigabyte): each is written by its function straight
/// to the file, counted and checksummed on the way, and the table is
/// written over its place at the start once all are known. The file is the
/// same as [`write_atomic`] makes of the same bytes.
pub fn write_atomic_streamed(
    path: &Path,
    header: Header,
    sections: &mut [(&[u8; 4], WriteSection<'_>)],
) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let temp = temp_name(path);
    let result = (|| {
        let mut file = io::BufWriter::with_capacity(1 << 20, fs::File::create(&temp)?);
        file.write_all(&vec![0; HEADER + sections.len() * ENTRY])?;
        let mut table = Vec::with_capacity(sections.len());
        for (tag, write) in sections.iter_mut() {
            let mut hash = xxhash_rust::xxh3::Xxh3::new();
            hash.update(*tag);
            let mut summed = Summed {
                out: &mut file,
                hash,
                len: 0,
            };
            write(&mut summed)?;
            table.push((**tag, summed.len, summed.hash.digest()));
        }
        let mut file = file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&head(header, &table))?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A name beside `path` that no other writer uses: this process's id and a
/// counter, so that two castlists (or two threads) never write one file.
pub fn temp_name(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.{n}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Writes the file at `path` atomically: whole under a temporary name, then
/// renamed over the old one. On error the temporary file is removed.
pub fn write_atomic(path: &Path, header: Header, sections: &[(&[u8; 4], &[u8])]) -> io::Result<()> {
    let temp = temp_name(path);
    let result = (|| {
        let mut file = io::BufWriter::with_capacity(1 << 20, fs::File::create(&temp)?);
        encode(header, sections, &mut file)?;
        file.into_inner().map_err(|e| e.into_error())?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: Header = Header {
        kind: *b"TEST",
        format: 3,
        engine: 77,
    };

    fn bytes() -> Vec<u8> {
        let mut out = Vec::new();
        encode(H, &[(b"AAAA", b"hello"), (b"BBBB", &[1, 2, 3])], &mut out).unwrap();
        out
    }

    #[test]
    fn sections_read_back() {
        let f = parse(bytes(), H).unwrap();
        assert_eq!(f.section(b"AAAA"), Some(&b"hello"[..]));
        assert_eq!(f.section(b"BBBB"), Some(&[1u8, 2, 3][..]));
        assert!(f.section(b"CCCC").is_none());
        assert!(matches!(f.require(b"CCCC"), Err(FrameError::Damaged(_))));
    }

    #[test]
    fn every_damage_is_an_error() {
        let good = bytes();
        for cut in 0..good.len() {
            assert!(parse(good[..cut].to_vec(), H).is_err(), "cut at {cut}");
        }
        // Any byte of the header, the table or the sections changed.
        for i in 0..good.len() {
            let mut b = good.clone();
            b[i] ^= 0x10;
            assert!(parse(b, H).is_err(), "byte {i}");
        }
        let other = Header { engine: 78, ..H };
        assert!(matches!(
            parse(good.clone(), other),
            Err(FrameError::Engine)
        ));
        let other = Header { format: 4, ..H };
        assert!(matches!(
            parse(good.clone(), other),
            Err(FrameError::Format { found: 3, .. })
        ));
        let other = Header {
            kind: *b"OTHR",
            ..H
        };
        assert!(matches!(parse(good, other), Err(FrameError::Foreign(_))));
    }

    #[test]
    fn sections_taken_one_at_a_time_check_as_a_whole_read_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, bytes()).unwrap();
        let mut sections = open(&path, H).unwrap();
        let whole = read(&path, H).unwrap();
        for tag in [b"AAAA", b"BBBB"] {
            assert_eq!(sections.take(tag).unwrap(), whole.section(tag).unwrap());
        }
        assert!(matches!(
            sections.take(b"ZZZZ"),
            Err(FrameError::Damaged(_))
        ));
        // Every damage that fails a whole read fails the section (or the
        // opening) too.
        let good = bytes();
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x40;
            fs::write(&path, &bad).unwrap();
            let whole = read(&path, H).is_err();
            let taken = open(&path, H).and_then(|mut s| {
                s.take(b"AAAA")?;
                s.take(b"BBBB")
            });
            assert_eq!(taken.is_err(), whole, "byte {at}");
        }
        for len in 0..good.len() {
            fs::write(&path, &good[..len]).unwrap();
            let taken = open(&path, H).and_then(|mut s| {
                s.take(b"AAAA")?;
                s.take(b"BBBB")
            });
            assert!(taken.is_err(), "cut at {len}");
        }
    }

    #[test]
    fn a_section_read_as_a_stream_checks_as_one_taken_whole() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let good = bytes();
        let streamed = |path: &Path| -> Result<Vec<Vec<u8>>, FrameError> {
            let mut s = open(path, H)?;
            let mut out = Vec::new();
            for tag in [b"AAAA", b"BBBB"] {
                let mut r = s.reader(tag)?;
                // Part of it read, the rest left to the check.
                let mut part = vec![0u8; (r.len() / 2) as usize];
                r.read_exact(&mut part)?;
                r.check()?;
                out.push(part);
            }
            Ok(out)
        };
        fs::write(&path, &good).unwrap();
        let parts = streamed(&path).unwrap();
        let whole = read(&path, H).unwrap();
        for (part, tag) in parts.iter().zip([b"AAAA", b"BBBB"]) {
            assert!(whole.section(tag).unwrap().starts_with(part));
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x40;
            fs::write(&path, &bad).unwrap();
            let taken = open(&path, H).and_then(|mut s| {
                s.take(b"AAAA")?;
                s.take(b"BBBB")
            });
            assert_eq!(streamed(&path).is_err(), taken.is_err(), "byte {at}");
        }
    }

    #[test]
    fn a_streamed_file_is_the_same_as_one_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (whole, streamed) = (dir.path().join("whole"), dir.path().join("streamed"));
        let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        write_atomic(
            &whole,
            H,
            &[(b"AAAA", b"first"), (b"BIG_", &big), (b"NONE", b"")],
        )
        .unwrap();
        let mut first = |out: &mut dyn Write| out.write_all(b"first");
        // The big one in pieces, as a cast is written.
        let mut pieces =
            |out: &mut dyn Write| big.chunks(65_537).try_for_each(|c| out.write_all(c));
        let mut none = |_: &mut dyn Write| Ok(());
        write_atomic_streamed(
            &streamed,
            H,
            &mut [
                (b"AAAA", &mut first),
                (b"BIG_", &mut pieces),
                (b"NONE", &mut none),
            ],
        )
        .unwrap();
        assert_eq!(fs::read(&whole).unwrap(), fs::read(&streamed).unwrap());
        let frame = read(&streamed, H).unwrap();
        assert_eq!(frame.section(b"BIG_"), Some(&big[..]));
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file is left");
    }

    #[test]
    fn a_streamed_section_that_fails_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.bin");
        let mut failing = |out: &mut dyn Write| {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        };
        assert!(write_atomic_streamed(&path, H, &mut [(b"CAST", &mut failing)]).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn written_atomically_under_a_name_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.bin");
        assert_ne!(temp_name(&path), temp_name(&path));
        write_atomic(&path, H, &[(b"AAAA", b"one")]).unwrap();
        write_atomic(&path, H, &[(b"AAAA", b"two")]).unwrap();
        let f = read(&path, H).unwrap();
        assert_eq!(f.section(b"AAAA"), Some(&b"two"[..]));
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
