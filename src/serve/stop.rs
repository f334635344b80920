//! Stopping `kg serve` cleanly on Ctrl-C (SIGINT) or SIGTERM. The signal
//! handler only writes a byte into a pipe (the one thing a handler may
//! safely do); the accept loop waits on the listening socket and that
//! pipe together, so a signal wakes it at once, with no polling interval.
//! The handlers are put back as they were when the server stops.
//!
//! Elsewhere than Unix the loop blocks in `accept`, and Ctrl-C ends the
//! process as usual.

/// What woke the accept loop.
#[derive(Debug, PartialEq, Eq)]
pub enum Wake {
    /// A connection is waiting (or may be: accept and see).
    Ready,
    /// Ctrl-C or SIGTERM: stop.
    Stop,
}

#[cfg(unix)]
pub use unix::Stop;

#[cfg(unix)]
mod unix {
    use std::os::fd::{AsRawFd, RawFd};
    use std::sync::atomic::{AtomicI32, Ordering};

    use super::Wake;

    /// The pipe's writing end, for the handler; -1 when none is installed.
    static WAKE_FD: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_signal(_: libc::c_int) {
        let fd = WAKE_FD.load(Ordering::Relaxed);
        if fd >= 0 {
            // SAFETY: write(2) is async-signal-safe; if the pipe is full, a
            // wake-up is pending already.
            unsafe { libc::write(fd, b"x".as_ptr().cast(), 1) };
        }
    }

    const SIGNALS: [libc::c_int; 2] = [libc::SIGINT, libc::SIGTERM];

    /// The installed handlers and their pipe.
    pub struct Stop {
        read: RawFd,
        write: RawFd,
        old: Vec<(libc::c_int, libc::sigaction)>,
    }

    impl Stop {
        pub fn install() -> std::io::Result<Stop> {
            let mut fds = [0 as libc::c_int; 2];
            // SAFETY: pipe(2) writes two descriptors into `fds`.
            if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let mut stop = Stop { read: fds[0], write: fds[1], old: Vec::new() };
            for fd in fds {
                // SAFETY: fcntl on descriptors we own; neither may block or
                // leak into a child (Graphviz).
                unsafe {
                    libc::fcntl(fd, libc::F_SETFL, libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK);
                    libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
                }
            }
            WAKE_FD.store(stop.write, Ordering::Relaxed);
            for sig in SIGNALS {
                // SAFETY: a zeroed sigaction is a valid value to fill in;
                // the handler only calls write(2).
                unsafe {
                    let mut act: libc::sigaction = std::mem::zeroed();
                    act.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                    act.sa_flags = libc::SA_RESTART;
                    libc::sigemptyset(&mut act.sa_mask);
                    let mut old: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(sig, &act, &mut old) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    stop.old.push((sig, old));
                }
            }
            Ok(stop)
        }

        /// Waits until a connection may be accepted or a stop is asked for.
        pub fn wait(&self, listener: &std::net::TcpListener) -> std::io::Result<Wake> {
            let mut fds = [
                libc::pollfd { fd: listener.as_raw_fd(), events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: self.read, events: libc::POLLIN, revents: 0 },
            ];
            loop {
                // SAFETY: two valid pollfd records, no timeout.
                let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
                if n < 0 {
                    let e = std::io::Error::last_os_error();
                    if e.kind() == std::io::ErrorKind::Interrupted {
                        continue;
                    }
                    return Err(e);
                }
                if fds[1].revents != 0 {
                    return Ok(Wake::Stop);
                }
                if fds[0].revents != 0 {
                    return Ok(Wake::Ready);
                }
            }
        }

        /// Puts the usual handlers back, so a second Ctrl-C while the last
        /// connections finish ends the process at once.
        pub fn restore(&mut self) {
            for (sig, old) in self.old.drain(..) {
                // SAFETY: `old` is what sigaction gave back for `sig`.
                unsafe { libc::sigaction(sig, &old, std::ptr::null_mut()) };
            }
        }
    }

    impl Drop for Stop {
        fn drop(&mut self) {
            self.restore();
            WAKE_FD.store(-1, Ordering::Relaxed);
            // SAFETY: both descriptors are ours and closed once.
            unsafe {
                libc::close(self.read);
                libc::close(self.write);
            }
        }
    }
}

#[cfg(not(unix))]
pub struct Stop;

#[cfg(not(unix))]
impl Stop {
    pub fn install() -> std::io::Result<Stop> {
        Ok(Stop)
    }

    pub fn wait(&self, _listener: &std::net::TcpListener) -> std::io::Result<Wake> {
        Ok(Wake::Ready)
    }

    pub fn restore(&mut self) {}
}
