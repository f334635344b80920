//! The one way `kg` reads a file: opened without blocking, its type checked
//! on the open handle, read with a hard limit (see [`crate::fsutil`]). Kept
//! apart from writing so the build script can share it with the loader.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// The error for a file over the read limit.
pub fn too_large(limit: u64) -> io::Error {
    io::Error::new(io::ErrorKind::FileTooLarge, format!("it is larger than {} MiB", limit >> 20))
}

/// Opens a file for reading without ever blocking in the open (a FIFO
/// with no writer), and returns it with its type and size as the open
/// handle reports them. A directory is an error.
pub fn open(path: &Path) -> io::Result<(File, Metadata)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a directory"));
    }
    #[cfg(unix)]
    if !meta.is_file() {
        // Reads may wait again: a pipe with a writer then waits for its
        // data, as `cat` does; one without a writer reads as empty.
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor this function owns, with flags only.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags == -1 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } == -1 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok((file, meta))
}

/// Reads a whole file of any type (a regular file, a FIFO, a device, a
/// process substitution) but never more than `limit` bytes.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let (file, meta) = open(path)?;
    read_opened(file, &meta, limit)
}

/// Reads an opened file to its end, refusing more than `limit` bytes; a
/// regular file that says it is larger is refused before a byte is read.
pub fn read_opened(file: impl Read, meta: &Metadata, limit: u64) -> io::Result<Vec<u8>> {
    let expected = if meta.is_file() {
        if meta.len() > limit {
            return Err(too_large(limit));
        }
        meta.len()
    } else {
        0
    };
    read_limited(file, expected, limit)
}

/// Reads `r` to its end, at most `limit` bytes, without the buffer ever
/// growing past `limit + 1` (a doubling `Vec` would reach twice the limit).
pub fn read_limited(mut r: impl Read, expected: u64, limit: u64) -> io::Result<Vec<u8>> {
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut buf: Vec<u8> = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).saturating_add(1).min(cap));
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let room = cap - buf.len();
        if room == 0 {
            return Err(too_large(limit));
        }
        let want = room.min(chunk.len());
        let n = match r.read(&mut chunk[..want]) {
            Ok(0) => return Ok(buf),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.len() + n > buf.capacity() {
            let grown = (buf.len() * 2).max(buf.len() + n).min(cap);
            buf.reserve_exact(grown - buf.len());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_limit_whatever_the_size_says() {
        let endless = std::io::repeat(0);
        let e = read_limited(endless, 0, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(read_limited(&b"abc"[..], 3, 3).unwrap(), b"abc");
        assert_eq!(read_limited(&b"abcd"[..], 3, 3).unwrap_err().kind(), io::ErrorKind::FileTooLarge);
        // The buffer never grows past the limit (plus the byte that proves it was passed).
        let big = vec![7u8; 300_000];
        let got = read_limited(&big[..], 0, 300_000).unwrap();
        assert_eq!(got.len(), 300_000);
        assert!(got.capacity() <= 300_001);
    }
}
