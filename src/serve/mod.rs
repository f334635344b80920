//! `kg serve`: the same engine in a web page, on this machine. As in
//! Datasette, every page is drawn on the server and is a link one can
//! share, each has a JSON twin (`/?q=` and `/api/ask?q=`, `/node/ID` and
//! `/api/node/ID`), and it is read-only by design. A little script adds
//! name completion and a key to reach the ask box; the pages work without
//! it.
//!
//! The server is a loop that accepts connections and gives each a thread
//! of its own, at most [`http::Limits::connections`] at once (the next is
//! told 503 at once); each connection carries one request, read and
//! answered within the bounds of [`http::LIMITS`]. Ctrl-C stops it: the
//! loop stops accepting, open connections are closed, and it returns.
//! Nothing here runs unless `kg serve` is the command.

mod app;
mod graphviz;
pub mod http;
mod pages;
mod stop;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::{Diagnostic, Failure, Sources};
use crate::format::Format;
use crate::render::Style;
use crate::report::Status;
use crate::session::Session;
use crate::terminal::Printer;
use http::{LIMITS, Limits, Method, Refused, Response, Served};
use stop::{Stop, Wake};

/// The port served when none is given.
pub const DEFAULT_PORT: u16 = 7979;

/// A connection thread's stack: that of a main thread, since a question is
/// read on it.
const STACK: usize = 8 << 20;

/// How `kg serve` was asked to run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub port: u16,
    /// The address to listen on; this machine only (127.0.0.1) when `None`.
    pub listen: Option<String>,
    /// Open the page in a browser once serving.
    pub open: bool,
}

/// Serves the session's graph until Ctrl-C or SIGTERM.
pub fn run(mut session: Session, opts: &Options, printer: &Printer) -> Result<Status, Failure> {
    // The API answers in JSON; pages are drawn from the same replies' reports.
    session.format = Format::Json;
    session.style = Style::default();
    session.explain = false;
    let ip = listen_ip(opts.listen.as_deref())?;
    let listener = TcpListener::bind((ip, opts.port)).map_err(|e| {
        let help = match e.kind() {
            std::io::ErrorKind::AddrNotAvailable => format!("{ip} is not an address of this machine"),
            std::io::ErrorKind::PermissionDenied => {
                "ports below 1024 need privileges: choose --port 1024 or above".into()
            }
            _ => "choose another port with --port N, or --port 0 for any free one".into(),
        };
        let at = SocketAddr::new(ip, opts.port);
        Failure::new(Diagnostic::error(format!("cannot serve on {at}: {}", crate::load::io_reason(&e))).help(help))
    })?;
    let addr = listener.local_addr().map_err(|e| Failure::new(Diagnostic::error(format!("cannot serve: {e}"))))?;
    if !ip.is_loopback() {
        let d = Diagnostic::warning(format!(
            "serving on {ip}, not only on this machine: anyone who can reach it on port {} can read the graph",
            addr.port()
        ))
        .help("leave out --listen to serve this machine only");
        printer.warnings(&[d], &Sources::default());
    }
    let mut stop = Stop::install().map_err(|e| Failure::new(Diagnostic::error(format!("cannot serve: {e}"))))?;
    // On Unix the loop waits on the listener and the stop pipe together,
    // then accepts without blocking.
    listener.set_nonblocking(cfg!(unix)).map_err(|e| Failure::new(Diagnostic::error(format!("cannot serve: {e}"))))?;
    let url = url_of(addr);
    let label = if session.paths.is_empty() {
        "the bundled graph".to_string()
    } else {
        session.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    };
    crate::terminal::emit(&format!("{url}\n"))?;
    printer.notes(&[format!(
        "serving {label} ({} nodes, {} edges) at {url}; Ctrl-C stops",
        session.graph.node_count(),
        session.graph.edge_count()
    )]);
    if opts.open {
        open_browser(&url, printer);
    }
    let server = Server {
        app: app::App::new(&session, label),
        served: Served { addr },
        limits: LIMITS,
        active: AtomicUsize::new(0),
        open: Mutex::new(Vec::new()),
    };
    server.serve(&listener, &mut stop)?;
    printer.notes(&["stopped".to_string()]);
    Ok(Status::Answered)
}

/// `--listen ADDR`: an IP address (v6 with or without brackets), or `localhost`.
fn listen_ip(listen: Option<&str>) -> Result<IpAddr, Failure> {
    let Some(text) = listen.map(str::trim) else { return Ok(Ipv4Addr::LOCALHOST.into()) };
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(Ipv4Addr::LOCALHOST.into());
    }
    let bare = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    bare.parse().map_err(|_| {
        Failure::new(
            Diagnostic::error(format!("`--listen {text}` is not an IP address"))
                .help("e.g. --listen 127.0.0.1 (the default), --listen ::1, or --listen 0.0.0.0 for every interface"),
        )
    })
}

/// The address to type: on all interfaces, this machine's own.
fn url_of(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => Ipv4Addr::LOCALHOST.into(),
        IpAddr::V6(v6) if v6.is_unspecified() => Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// `--open`: `$BROWSER`, else the system's opener; a failure is a note.
fn open_browser(url: &str, printer: &Printer) {
    let program = match std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        Some(b) => b,
        None if cfg!(target_os = "macos") => "open".into(),
        None if cfg!(windows) => "explorer".into(),
        None => "xdg-open".into(),
    };
    let child = std::process::Command::new(&program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        // Reaped on a thread of its own, so it leaves no zombie behind.
        Ok(mut c) => drop(std::thread::spawn(move || c.wait())),
        Err(e) => printer.notes(&[format!(
            "could not open a browser ({}: {}); open {url} yourself",
            program.to_string_lossy(),
            crate::load::io_reason(&e)
        )]),
    }
}

struct Server<'a> {
    app: app::App<'a>,
    served: Served,
    limits: Limits,
    /// Connections being served.
    active: AtomicUsize,
    /// A handle on each open connection, to close them all on stop.
    open: Mutex<Vec<(usize, TcpStream)>>,
}

impl Server<'_> {
    fn serve(&self, listener: &TcpListener, stop: &mut Stop) -> Result<(), Failure> {
        std::thread::scope(|scope| {
            let mut next = 0;
            let result = loop {
                match stop.wait(listener) {
                    Ok(Wake::Stop) => break Ok(()),
                    Ok(Wake::Ready) => {}
                    Err(e) => break Err(Failure::new(Diagnostic::error(format!("the server failed: {e}")))),
                }
                let stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::WouldBlock
                                | std::io::ErrorKind::Interrupted
                                | std::io::ErrorKind::ConnectionAborted
                        ) =>
                    {
                        continue;
                    }
                    // Out of descriptors, say: wait for some to be given back.
                    Err(_) => {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        continue;
                    }
                };
                next += 1;
                self.take(scope, stream, next);
            };
            // A second Ctrl-C from here on ends the process at once.
            stop.restore();
            self.close_all();
            result
        })
    }

    /// Serves a connection on a thread of its own, or says 503 when
    /// [`Limits::connections`] are being served already.
    fn take<'s>(&'s self, scope: &'s std::thread::Scope<'s, '_>, stream: TcpStream, id: usize) {
        let _ = stream.set_nonblocking(false);
        if self.active.fetch_add(1, Ordering::SeqCst) >= self.limits.connections {
            self.active.fetch_sub(1, Ordering::SeqCst);
            busy(stream);
            return;
        }
        if let (Ok(handle), Ok(mut open)) = (stream.try_clone(), self.open.lock()) {
            open.push((id, handle));
        }
        let spawned =
            std::thread::Builder::new().name("kg-serve".into()).stack_size(STACK).spawn_scoped(scope, move || {
                self.connection(stream);
                self.done(id);
            });
        if spawned.is_err() {
            self.done(id);
        }
    }

    fn done(&self, id: usize) {
        if let Ok(mut open) = self.open.lock() {
            open.retain(|(i, _)| *i != id);
        }
        self.active.fetch_sub(1, Ordering::SeqCst);
    }

    fn close_all(&self) {
        if let Ok(open) = self.open.lock() {
            for (_, stream) in open.iter() {
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        }
    }

    /// One request, read, routed and answered.
    fn connection(&self, mut stream: TcpStream) {
        let req = match http::read_request(&mut stream, &self.limits, &self.served) {
            Ok(req) => req,
            Err(Refused::Answer(resp)) => return http::respond(&mut stream, resp, false, &self.limits),
            Err(Refused::Gone) => return,
        };
        // A bug in a page must cost that request only.
        let resp = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.app.handle(&req)))
            .unwrap_or_else(|_| Response::refusal(500, "kg failed on this request"));
        http::respond(&mut stream, resp, req.method == Method::Head, &self.limits);
    }
}

/// 503 to a connection over the limit, without waiting on the client.
fn busy(mut stream: TcpStream) {
    use std::io::Write;
    let body = "503 Service Unavailable: too many connections at once; try again shortly\n";
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\
         Retry-After: 1\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(format!("{head}{body}").as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses() {
        assert_eq!(listen_ip(None).ok(), Some(Ipv4Addr::LOCALHOST.into()));
        assert_eq!(listen_ip(Some("localhost")).ok(), Some(Ipv4Addr::LOCALHOST.into()));
        assert_eq!(listen_ip(Some("[::1]")).ok(), Some(Ipv6Addr::LOCALHOST.into()));
        assert_eq!(listen_ip(Some("0.0.0.0")).ok(), Some(Ipv4Addr::UNSPECIFIED.into()));
        assert!(listen_ip(Some("example.com")).is_err());
        assert!(listen_ip(Some("127.0.0.1:80")).is_err());
    }

    #[test]
    fn urls_name_an_address_one_can_type() {
        assert_eq!(url_of("0.0.0.0:80".parse().unwrap()), "http://127.0.0.1:80/");
        assert_eq!(url_of("[::]:8000".parse().unwrap()), "http://[::1]:8000/");
        assert_eq!(url_of("192.168.1.2:7979".parse().unwrap()), "http://192.168.1.2:7979/");
    }
}
