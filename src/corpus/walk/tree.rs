//! Walking one folder tree, depth first in natural order, in time linear in
//! the number of entries however deep the tree.
//!
//! Two costs made deep trees slow. A path-based call (`stat`, `opendir`)
//! resolves every component of the path, so at depth `d` each call costs
//! `d`: quadratic over a chain of folders. And a folder's canonical path, the
//! old way of knowing a folder twice, cost a `readlink` per component: cubic
//! (2,000 deep took 138 s). Here a folder is known by its (device, inode),
//! and on Unix each entry is looked at relative to its open folder
//! (`fstatat`, `openat`), which costs the same at any depth. Elsewhere the
//! walk falls back to paths.
//!
//! The walk keeps its own stack (no recursion, so depth costs no stack); a
//! folder with nothing left to visit leaves the stack before its last
//! subfolder is entered, so a chain holds one folder open, and at most
//! [`MAX_OPEN`] folders are held open at once (one further up is opened
//! again by its path when the walk returns to it).

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use super::{Format, Source, Walk, natural_cmp};

/// Folders held open at once, well under any limit on open files.
const MAX_OPEN: usize = 64;

/// What a folder entry is.
enum Kind {
    Folder(FolderId),
    File {
        bytes: u64,
        /// Last modified, in nanoseconds since 1970 (0 if unknown).
        modified: u64,
    },
    /// A device, a named pipe, a socket: not read.
    Other,
}

/// What tells one folder from another: its device and inode where the
/// system has them, else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum FolderId {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FolderId {
    /// The identity of the folder at `path` whose metadata is `meta`.
    pub(super) fn of(path: &Path, meta: &std::fs::Metadata) -> FolderId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FolderId::Inode(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FolderId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        }
    }
}

/// A folder on the walk's stack: its path, its entries still to visit
/// (reversed, so the next is popped), and on Unix its open descriptor.
struct Folder {
    path: PathBuf,
    entries: Vec<OsString>,
    #[cfg(unix)]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Walk<'_> {
    /// Walks the folder `root` (already marked visited), handing its files to
    /// `emit`. An error listing `root` itself is returned; below it, errors
    /// become warnings.
    pub(super) fn tree(&mut self, root: &Path) -> io::Result<()> {
        let mut stack = vec![Folder::open(root)?];
        // Folders below this index have had their descriptor closed.
        let mut closed_below = 0;
        while let Some(top) = stack.last_mut() {
            if self.stopped {
                break;
            }
            let Some(name) = top.entries.pop() else {
                stack.pop();
                closed_below = closed_below.min(stack.len());
                continue;
            };
            let path = top.path.join(&name);
            // The path as shown is made only when it is shown (a file, a
            // warning): made for every folder of a chain 2,000 deep it was
            // most of the walk's time.
            let shown = |path: &Path| path.display().to_string();
            let kind = match top.kind_of(&name) {
                Ok(kind) => kind,
                Err(e) => {
                    // A dangling link or an entry removed while walking.
                    self.warn(shown(&path), format!("cannot be read: {e}"));
                    continue;
                }
            };
            match kind {
                Kind::Folder(id) => {
                    if !self.visited.insert(id) {
                        continue;
                    }
                    let child = match top.child(&name, path.clone()) {
                        Ok(child) => child,
                        Err(e) => {
                            self.warn(shown(&path), format!("folder cannot be read: {e}"));
                            continue;
                        }
                    };
                    if top.entries.is_empty() {
                        // Nothing left here: a chain of folders holds one open.
                        stack.pop();
                        closed_below = closed_below.min(stack.len());
                    }
                    stack.push(child);
                    if stack.len() - closed_below > MAX_OPEN {
                        stack[closed_below].close();
                        closed_below += 1;
                    }
                }
                Kind::File { bytes, modified } => match Format::from_path(&path) {
                    Some(format) => self.emit(Source {
                        shown: shown(&path),
                        path,
                        format,
                        bytes,
                        modified,
                    }),
                    None => {
                        if self.skipped == 0 {
                            self.skipped_example = shown(&path);
                        }
                        self.skipped += 1;
                    }
                },
                Kind::Other => {}
            }
        }
        Ok(())
    }
}

/// Visible names (hidden ones, starting with ".", skipped) in natural order
/// ("2.txt" before "10.txt"), reversed for popping.
fn sorted(names: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut names: Vec<(String, OsString)> = names
        .map(|n| (n.to_string_lossy().into_owned(), n))
        .filter(|(shown, _)| !shown.starts_with('.'))
        .collect();
    names.sort_by(|a, b| natural_cmp(&b.0, &a.0));
    names.into_iter().map(|(_, n)| n).collect()
}

#[cfg(unix)]
mod imp {
    use std::ffi::OsString;
    use std::io;
    use std::os::unix::ffi::OsStringExt;
    use std::path::{Path, PathBuf};

    use rustix::fd::{AsFd, OwnedFd};
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};

    use super::{Folder, FolderId, Kind, sorted};

    const DIR_FLAGS: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::CLOEXEC);

    impl Folder {
        pub(super) fn open(path: &Path) -> io::Result<Folder> {
            let fd = rustix::fs::open(path, DIR_FLAGS, Mode::empty())?;
            Folder::listed(path.to_path_buf(), fd)
        }

        fn listed(path: PathBuf, fd: OwnedFd) -> io::Result<Folder> {
            let dir = Dir::read_from(&fd)?;
            let names = dir
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_bytes().to_vec())
                .filter(|n| n != b"." && n != b"..")
                .map(OsString::from_vec);
            Ok(Folder {
                path,
                entries: sorted(names),
                fd: Some(fd),
            })
        }

        /// The open descriptor, opened again by path if it was closed.
        fn fd(&mut self) -> io::Result<&OwnedFd> {
            if self.fd.is_none() {
                self.fd = Some(rustix::fs::open(&self.path, DIR_FLAGS, Mode::empty())?);
            }
            self.fd
                .as_ref()
                .ok_or_else(|| io::Error::other("folder not open"))
        }

        pub(super) fn kind_of(&mut self, name: &OsString) -> io::Result<Kind> {
            // Follows a symbolic link, as `fs::metadata` does: a link to a
            // folder is a folder (loops are caught by the identity).
            let stat = rustix::fs::statat(self.fd()?.as_fd(), name.as_os_str(), AtFlags::empty())?;
            Ok(match FileType::from_raw_mode(stat.st_mode) {
                FileType::Directory => Kind::Folder(identity(&stat)),
                FileType::RegularFile => Kind::File {
                    bytes: u64::try_from(stat.st_size).unwrap_or(0),
                    modified: modified_nanos(stat.st_mtime, stat.st_mtime_nsec),
                },
                _ => Kind::Other,
            })
        }

        pub(super) fn child(&mut self, name: &OsString, path: PathBuf) -> io::Result<Folder> {
            let fd = rustix::fs::openat(
                self.fd()?.as_fd(),
                name.as_os_str(),
                DIR_FLAGS,
                Mode::empty(),
            )?;
            Folder::listed(path, fd)
        }

        pub(super) fn close(&mut self) {
            self.fd = None;
        }
    }

    /// The (device, inode) of a stat. The field types differ between
    /// platforms; the conversions widen everywhere.
    #[allow(clippy::unnecessary_cast)]
    fn identity(stat: &rustix::fs::Stat) -> FolderId {
        FolderId::Inode(stat.st_dev as u64, stat.st_ino as u64)
    }

    /// Last modified, in nanoseconds since 1970 (0 before it). The fields
    /// are signed on some platforms and unsigned on others (here the
    /// conversion of the nanoseconds is to the type they have).
    #[allow(clippy::useless_conversion)]
    fn modified_nanos(seconds: impl TryInto<u64>, nanos: impl TryInto<u64>) -> u64 {
        seconds
            .try_into()
            .unwrap_or(0)
            .saturating_mul(1_000_000_000)
            .saturating_add(nanos.try_into().unwrap_or(0))
    }
}

#[cfg(not(unix))]
mod imp {
    use std::ffi::OsString;
    use std::io;
    use std::path::{Path, PathBuf};

    use super::{Folder, FolderId, Kind, sorted};

    impl Folder {
        pub(super) fn open(path: &Path) -> io::Result<Folder> {
            let names = std::fs::read_dir(path)?
                .filter_map(Result::ok)
                .map(|e| e.file_name());
            Ok(Folder {
                path: path.to_path_buf(),
                entries: sorted(names),
            })
        }

        pub(super) fn kind_of(&mut self, name: &OsString) -> io::Result<Kind> {
            let path = self.path.join(name);
            let meta = std::fs::metadata(&path)?;
            Ok(if meta.is_dir() {
                Kind::Folder(FolderId::of(&path, &meta))
            } else if meta.is_file() {
                Kind::File {
                    bytes: meta.len(),
                    modified: super::super::modified(&meta),
                }
            } else {
                Kind::Other
            })
        }

        pub(super) fn child(&mut self, _name: &OsString, path: PathBuf) -> io::Result<Folder> {
            Folder::open(&path)
        }

        pub(super) fn close(&mut self) {}
    }
}
