//! Every file `kg` reads or writes goes through here, so the rules hold
//! everywhere at once.
//!
//! **Writing** ([`write`], [`write_private`]): a regular file (or a name
//! that does not exist yet) is replaced atomically: the bytes go to a
//! temporary file with a random name, created with `O_EXCL` in the directory
//! of the *resolved* target (symbolic links followed, so the link stays and
//! its target is written), given the target's mode, synced, and renamed over
//! the target. A reader sees the old file or the new one, never half of one;
//! a planted link at the temporary name cannot redirect the write. What is
//! not a regular file (a device, a FIFO, `/dev/stdout`, the file our own
//! standard output goes to) is written directly, never renamed over, and so
//! is a file with other hard links (in place, so every name sees the new
//! content, as editors do). Temporary files that a killed writer left
//! behind are swept after an hour.
//!
//! **Reading** ([`read`], [`open`]): the file is opened with `O_NONBLOCK`
//! (so a FIFO without a writer cannot hang the open), its type checked on
//! the open handle (no race between a check and the open), and it is read
//! with a hard limit whatever size it reports: `/dev/zero` or a pipe that
//! never ends is refused at the limit, a huge sparse file before a byte is
//! read.

pub use read::{open, read, read_limited, read_opened, too_large};
mod read;

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A temporary file older than this belongs to a writer that was killed.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// What temporary files end with; [`sweep`] removes only these.
const TMP_SUFFIX: &str = ".kg-tmp";

/// Writes `bytes` to `path` as the module documentation describes. On
/// failure a regular target is untouched and no temporary file stays.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, bytes, false)
}

/// Writes a file only its owner can read (mode 0600), atomically, for the
/// cache: the file at `path` is always replaced, never written through.
/// Whatever stands at the name (a link, a FIFO, a device planted there) is
/// renamed over, so the cache heals itself and writes nowhere else.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, bytes, true)
}

fn write_with(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    // The file as it stands, links followed (so `/dev/stdout` is the pipe
    // or terminal it stands for).
    let standing = if private { std::fs::symlink_metadata(path) } else { std::fs::metadata(path) };
    match &standing {
        Ok(m) if m.is_dir() => return Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a directory")),
        _ if private => {}
        Ok(m) if std_stream(m) == Some(1) => return write_stream(io::stdout(), bytes),
        Ok(m) if std_stream(m) == Some(2) => return write_stream(io::stderr(), bytes),
        Ok(m) if !m.is_file() => return write_in_place(path, bytes, false),
        Ok(m) if nlink(m) > 1 => return write_in_place(path, bytes, true),
        _ => {}
    }
    let target = if private { path.to_path_buf() } else { resolve_links(path)? };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().ok_or_else(|| io::Error::other("the path names no file"))?;
    let prefix = tmp_prefix(&name.to_string_lossy());
    sweep(&dir, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TMP_SUFFIX).rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As `File::create` would make it (the umask applies), or private.
        builder.permissions(std::fs::Permissions::from_mode(if private { 0o600 } else { 0o666 }));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    if let (Ok(m), false) = (&standing, private) {
        // Keep the target's mode: a 0600 file stays 0600 (fchmod, so no umask).
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename itself is durable once the directory is synced; not every
    // system can sync a directory, and the data is already safe, so a
    // failure here is not one of the write.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes into the file that is there, without replacing it: a device, a
/// FIFO (the open waits for a reader, as a shell's `>` does), a terminal,
/// or a file with several names (`truncate` then, as it is rewritten whole).
fn write_in_place(path: &Path, bytes: &[u8], truncate: bool) -> io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).truncate(truncate).open(path)?;
    f.write_all(bytes)?;
    f.flush()?;
    if truncate {
        f.sync_all()?;
    }
    Ok(())
}

/// Writes to our own standard output or error.
fn write_stream(mut stream: impl Write, bytes: &[u8]) -> io::Result<()> {
    stream.write_all(bytes)?;
    stream.flush()
}

/// Which of our standard output (1) and error (2) already writes to the
/// file, pipe or terminal `m`: `-o /dev/stdout`, or the file stdout is
/// redirected to. That one is written through the stream, never reopened or
/// renamed over, so an append (`>>`) and the shell's view of it stay right.
#[cfg(unix)]
fn std_stream(m: &Metadata) -> Option<u8> {
    use std::os::fd::{AsFd, BorrowedFd};
    use std::os::unix::fs::MetadataExt;
    let same = |fd: BorrowedFd<'_>| {
        fd.try_clone_to_owned()
            .ok()
            .and_then(|owned| File::from(owned).metadata().ok())
            .is_some_and(|s| s.dev() == m.dev() && s.ino() == m.ino())
    };
    if same(io::stdout().as_fd()) {
        Some(1)
    } else if same(io::stderr().as_fd()) {
        Some(2)
    } else {
        None
    }
}

#[cfg(not(unix))]
fn std_stream(_: &Metadata) -> Option<u8> {
    None
}

#[cfg(unix)]
fn nlink(m: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(m)
}

#[cfg(not(unix))]
fn nlink(_: &Metadata) -> u64 {
    1
}

/// The path a chain of symbolic links ends at (which need not exist yet:
/// writing through a dangling link creates its target, as a shell does).
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(d) => d.join(to),
                    None => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The start of a temporary file's name for the target `name`: hidden, and
/// short enough that the random part and the suffix still fit in a name.
fn tmp_prefix(name: &str) -> String {
    let mut end = name.len().min(100);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.", &name[..end])
}

/// Removes temporary files named `<prefix>…` that a killed writer left in
/// `dir`: only ours by name, only regular files, only our own (on Unix),
/// only those untouched for [`STALE_AFTER`], so a write under way elsewhere
/// is never disturbed. Failures are ignored: sweeping is housekeeping.
pub fn sweep(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // `.<name>.kg-tmp-<pid>` is how earlier versions named theirs.
        let ours = name.starts_with(prefix) && (name.ends_with(TMP_SUFFIX) || name.contains(".kg-tmp-"));
        if !ours {
            continue;
        }
        let Ok(m) = entry.metadata() else { continue };
        let old = m.modified().ok().and_then(|t| now.duration_since(t).ok()).is_some_and(|age| age > STALE_AFTER);
        if m.is_file() && old && owned_by_us(&m) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_us(m: &Metadata) -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    std::os::unix::fs::MetadataExt::uid(m) == unsafe { libc::geteuid() }
}

#[cfg(not(unix))]
fn owned_by_us(_: &Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kg-fsutil-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kg-tmp"))
            .collect()
    }

    #[test]
    fn writes_whole_files_and_leaves_nothing_on_failure() {
        let dir = temp_dir("whole");
        let target = dir.join("out.dot");
        write(&target, b"digraph {}").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"digraph {}");
        // A directory in the way: the write fails and no temporary file stays.
        let blocked = dir.join("blocked");
        std::fs::create_dir_all(blocked.join("x")).unwrap();
        assert!(write(&blocked, b"x").is_err());
        assert!(leftovers(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn a_symlink_is_written_through_and_kept() {
        let dir = temp_dir("link");
        let real = dir.join("real.dot");
        std::fs::write(&real, "old").unwrap();
        let link = dir.join("link.dot");
        std::os::unix::fs::symlink("real.dot", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        // A dangling link creates its target.
        let dangling = dir.join("dangling.dot");
        std::os::unix::fs::symlink("made.dot", &dangling).unwrap();
        write(&dangling, b"made").unwrap();
        assert_eq!(std::fs::read(dir.join("made.dot")).unwrap(), b"made");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn the_mode_and_hard_links_are_kept() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = temp_dir("mode");
        let private = dir.join("private.dot");
        std::fs::write(&private, "old").unwrap();
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
        write(&private, b"new").unwrap();
        assert_eq!(std::fs::metadata(&private).unwrap().mode() & 0o777, 0o600);
        let other = dir.join("other-name.dot");
        std::fs::hard_link(&private, &other).unwrap();
        write(&private, b"shared").unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"shared", "both names see the new content");
        assert_eq!(std::fs::metadata(&other).unwrap().nlink(), 2);
        // The cache's files are private whatever the umask.
        let entry = dir.join("entry.bin");
        write_private(&entry, b"x").unwrap();
        assert_eq!(std::fs::metadata(&entry).unwrap().mode() & 0o777, 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn stale_temporary_files_are_swept_and_fresh_ones_kept() {
        let dir = temp_dir("sweep");
        let stale = dir.join(".out.dot.abcdefgh.kg-tmp");
        let fresh = dir.join(".out.dot.ijklmnop.kg-tmp");
        let legacy = dir.join(".out.dot.kg-tmp-12345");
        let unrelated = dir.join(".other.dot.qrstuvwx.kg-tmp");
        for p in [&stale, &fresh, &legacy, &unrelated] {
            std::fs::write(p, "partial").unwrap();
        }
        let long_ago = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        for p in [&stale, &legacy, &unrelated] {
            File::options().write(true).open(p).unwrap().set_modified(long_ago).unwrap();
        }
        write(&dir.join("out.dot"), b"x").unwrap();
        let mut left = leftovers(&dir);
        left.sort();
        assert_eq!(left, [".other.dot.qrstuvwx.kg-tmp", ".out.dot.ijklmnop.kg-tmp"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn devices_are_read_with_the_limit_and_written_in_place() {
        let e = read(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(read(Path::new("/dev/null"), 10).unwrap(), b"");
        // Writing to /dev/null writes through it: it stays a device.
        write(Path::new("/dev/null"), b"x").unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        assert_eq!(read(Path::new("/"), 10).unwrap_err().kind(), io::ErrorKind::IsADirectory);
    }

    #[test]
    #[cfg(unix)]
    fn a_fifo_without_a_writer_does_not_hang_a_read() {
        let dir = temp_dir("fifo");
        let fifo = dir.join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(read(&fifo, 10).unwrap(), b"");
        // The cache replaces what is planted at its names, never writes through it.
        write_private(&fifo, b"x").unwrap();
        assert!(std::fs::metadata(&fifo).unwrap().is_file());
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.join("entry.bin");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_private(&link, b"entry").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&link).unwrap(), b"entry");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
