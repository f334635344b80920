//! HTTP/1.1 for `kg serve`: one request a connection, read within fixed
//! bounds. `httparse` parses the head; everything around it (how much is
//! read, for how long, what is refused) is here, so every limit is in one
//! place ([`Limits`]) and none depends on a client's good manners.
//!
//! A request is refused before any route sees it when its head is too
//! large (431, or 414 for the request line alone), too slow (408), not
//! HTTP (400), for another host (403, against DNS rebinding), not a GET or
//! HEAD (405), or carries a body (413). Paths are never mapped to files.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// The bounds every connection lives within.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The request line and headers together, in bytes.
    pub head_bytes: usize,
    /// Header fields.
    pub headers: usize,
    /// How long a client has to send the whole request head.
    pub head_time: Duration,
    /// How long a client has to take the whole response.
    pub write_time: Duration,
    /// Connections served at once; the next gets 503 at once.
    pub connections: usize,
}

pub const LIMITS: Limits = Limits {
    head_bytes: 8 * 1024,
    headers: 64,
    head_time: Duration::from_secs(10),
    write_time: Duration::from_secs(10),
    connections: 32,
};

/// The methods served; anything else is 405.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
}

/// A request that passed every check: what the routes see.
#[derive(Debug)]
pub struct Request {
    pub method: Method,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// The query string as sent, without the `?`.
    pub query: String,
}

/// What to send back.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Headers besides the ones every response carries.
    pub headers: Vec<(&'static str, String)>,
}

pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";
pub const TEXT: &str = "text/plain; charset=utf-8";
pub const SVG: &str = "image/svg+xml";

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response { status, content_type, body: body.into(), headers: Vec::new() }
    }

    /// A short plain-text answer to a request refused before routing.
    pub fn refusal(status: u16, why: &str) -> Response {
        Response::new(status, TEXT, format!("{status} {}: {why}\n", reason(status)))
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// The reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Why no request came of a connection.
#[derive(Debug)]
pub enum Refused {
    /// Answer with this, then close.
    Answer(Response),
    /// The client went away (or the server is stopping): close silently.
    Gone,
}

/// The address being served, which a request's Host header must name.
#[derive(Clone, Copy, Debug)]
pub struct Served {
    pub addr: SocketAddr,
}

impl Served {
    /// Whether a Host header names this server: `localhost` or the address
    /// listened on (any IP address when listening on all of them), with
    /// the port. A name that is not an address (`evil.example:7979`) is
    /// refused, whatever it resolves to: that is how DNS rebinding works.
    pub fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else { return false };
        if port != self.addr.port() {
            return false;
        }
        let ip = self.addr.ip();
        if name.eq_ignore_ascii_case("localhost") {
            return ip.is_loopback() || ip.is_unspecified();
        }
        match name.parse::<IpAddr>() {
            Ok(asked) if ip.is_unspecified() => !asked.is_unspecified(),
            Ok(asked) => asked == ip,
            Err(_) => false,
        }
    }
}

/// `host[:port]` or `[v6][:port]` as (host, port); the port defaults to 80.
fn split_host(host: &str) -> Option<(&str, u16)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inner, after) = rest.split_once(']')?;
        match after {
            "" => (inner, None),
            _ => (inner, Some(after.strip_prefix(':')?)),
        }
    } else {
        match host.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host, None),
        }
    };
    let port = match port {
        None => 80,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok()?,
        Some(_) => return None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// Reads one request head within `limits` and checks it.
pub fn read_request(stream: &mut TcpStream, limits: &Limits, served: &Served) -> Result<Request, Refused> {
    let deadline = Instant::now() + limits.head_time;
    let mut buf = vec![0u8; limits.head_bytes];
    let mut len = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refused::Answer(Response::refusal(408, "the request head took too long")));
        }
        // A zero timeout would mean "none".
        if stream.set_read_timeout(Some(left.max(Duration::from_millis(1)))).is_err() {
            return Err(Refused::Gone);
        }
        match stream.read(&mut buf[len..]) {
            Ok(0) => return Err(Refused::Gone),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Err(Refused::Answer(Response::refusal(408, "the request head took too long")));
            }
            Err(_) => return Err(Refused::Gone),
        }
        match parse(&buf[..len], limits, served) {
            Parsed::Done(r) => return r.map_err(Refused::Answer),
            Parsed::Partial if len == buf.len() => {
                return Err(Refused::Answer(if buf.contains(&b'\n') {
                    Response::refusal(431, &format!("the request head is larger than {} bytes", limits.head_bytes))
                } else {
                    Response::refusal(414, &format!("the request line is longer than {} bytes", limits.head_bytes))
                }));
            }
            Parsed::Partial => {}
        }
    }
}

enum Parsed {
    Done(Result<Request, Response>),
    Partial,
}

/// Parses what has been read so far and, once the head is whole, checks it.
fn parse(bytes: &[u8], limits: &Limits, served: &Served) -> Parsed {
    let mut fields = vec![httparse::EMPTY_HEADER; limits.headers];
    let mut req = httparse::Request::new(&mut fields);
    match req.parse(bytes) {
        Ok(httparse::Status::Partial) => Parsed::Partial,
        Ok(httparse::Status::Complete(_)) => Parsed::Done(check(&req, served)),
        Err(httparse::Error::TooManyHeaders) => Parsed::Done(Err(Response::refusal(
            431,
            &format!("the request has more than {} header fields", limits.headers),
        ))),
        Err(_) => Parsed::Done(Err(Response::refusal(400, "not an HTTP/1 request"))),
    }
}

/// The checks on a whole head, in order: the host, the method, the body.
fn check(req: &httparse::Request, served: &Served) -> Result<Request, Response> {
    let header = |name| fields(req.headers, name);
    let hosts: Vec<&[u8]> = header("host").collect();
    let host = match hosts.as_slice() {
        [one] => std::str::from_utf8(one).map_err(|_| Response::refusal(400, "the Host header is not text"))?,
        [] => return Err(Response::refusal(400, "the request has no Host header")),
        _ => return Err(Response::refusal(400, "the request has more than one Host header")),
    };
    if !served.allows(host.trim()) {
        return Err(Response::refusal(
            403,
            &format!("this server answers only to http://{}/ (or localhost), not to this Host", served.addr),
        ));
    }
    let method = match req.method.unwrap_or_default() {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => {
            return Err(
                Response::refusal(405, "kg serve is read-only: only GET and HEAD").with_header("Allow", "GET, HEAD")
            );
        }
    };
    let declared = header("content-length").any(|v| v.iter().any(|&b| b != b'0' && b != b' '));
    if declared || header("transfer-encoding").next().is_some() {
        return Err(Response::refusal(413, "a GET or HEAD request takes no body"));
    }
    let target = req.path.unwrap_or_default();
    if !target.starts_with('/') {
        return Err(Response::refusal(400, "the request target must be a path"));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Request { method, path: path.to_string(), query: query.to_string() })
}

/// The values of the header fields called `name`.
fn fields<'r>(headers: &'r [httparse::Header<'r>], name: &'r str) -> impl Iterator<Item = &'r [u8]> + 'r {
    headers.iter().filter(move |h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value)
}

/// Writes a response within the write limit (a client that does not read
/// cannot hold the connection longer), then closes the sending side and
/// reads a little of what the client may still be sending, so that unread
/// input (a body sent with a refused request) does not make the system
/// reset the connection before the client has read the answer.
pub fn respond(stream: &mut TcpStream, mut resp: Response, head_only: bool, limits: &Limits) {
    resp.headers.extend(SECURITY_HEADERS.iter().map(|&(n, v)| (n, v.to_string())));
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    head.push_str(&format!("Content-Type: {}\r\nContent-Length: {}\r\n", resp.content_type, resp.body.len()));
    for (name, value) in &resp.headers {
        // Values are ours, but a line break in one must never start a header.
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.append(&mut resp.body);
    }
    if write_within(stream, &bytes, Instant::now() + limits.write_time).is_err() {
        return;
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    drain(stream);
}

/// Writes all of `bytes` by `deadline`: the time limit is for the whole
/// answer, so a client that reads a byte now and then cannot stretch it.
fn write_within(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left.max(Duration::from_millis(1))))?;
        match stream.write(&bytes[..bytes.len().min(64 * 1024)]) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads and drops at most 64 KiB for at most half a second.
fn drain(stream: &mut TcpStream) {
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut sink = [0u8; 4096];
    let mut total = 0;
    while total < 64 * 1024 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n,
        }
    }
}

/// Sent with every response: nothing but this server's own scripts and
/// styles run or load, no page may frame ours, no type is guessed, and no
/// address is sent along when a link leaves.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-cache"),
];

/// Percent-decodes a path segment or a query value (`+` is a space only in
/// a query). `None` for a bad escape or bytes that are not UTF-8.
pub fn decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A query string that is not percent-encoded UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub struct BadQuery;

/// The first value of `key` in a query string, decoded.
pub fn query_value(query: &str, key: &str) -> Result<Option<String>, BadQuery> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if decode(k, true).ok_or(BadQuery)? == key {
            return decode(v, true).map(Some).ok_or(BadQuery);
        }
    }
    Ok(None)
}

/// Percent-encodes text for a path segment or a query value: everything
/// but letters, digits and `-._~`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(addr: &str) -> Served {
        Served { addr: addr.parse().expect("an address") }
    }

    #[test]
    fn host_must_name_the_served_address() {
        let local = served("127.0.0.1:7979");
        for ok in ["127.0.0.1:7979", "localhost:7979", "LOCALHOST:7979"] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:7979",
            "127.0.0.1:7980",
            "127.0.0.1",
            "localhost",
            "127.0.0.2:7979",
            "[::1]:7979",
            "localhost.:7979",
            "127.0.0.1:7979:1",
            "127.0.0.1:+7979",
            "",
            ":7979",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let v6 = served("[::1]:8000");
        assert!(v6.allows("[::1]:8000") && v6.allows("localhost:8000"));
        assert!(!v6.allows("::1:8000") && !v6.allows("[::1]") && !v6.allows("127.0.0.1:8000"));
        let all = served("0.0.0.0:80");
        assert!(all.allows("192.168.1.9") && all.allows("192.168.1.9:80") && all.allows("localhost"));
        assert!(all.allows("[fe80::1]:80"));
        assert!(!all.allows("box.local") && !all.allows("0.0.0.0") && !all.allows("192.168.1.9:81"));
        let lan = served("192.168.1.9:7979");
        assert!(lan.allows("192.168.1.9:7979"));
        assert!(!lan.allows("localhost:7979") && !lan.allows("127.0.0.1:7979"));
    }

    #[test]
    fn decoding_and_encoding() {
        assert_eq!(decode("ice%20pack", false).as_deref(), Some("ice pack"));
        assert_eq!(decode("a+b", true).as_deref(), Some("a b"));
        assert_eq!(decode("a+b", false).as_deref(), Some("a+b"));
        assert_eq!(decode("%2e%2E%2F", false).as_deref(), Some("../"));
        assert_eq!(decode("%zz", false), None);
        assert_eq!(decode("%4", false), None);
        assert_eq!(decode("%ff", false), None, "not UTF-8");
        assert_eq!(decode("caf%C3%A9", false).as_deref(), Some("café"));
        assert_eq!(encode("ice pack/../é"), "ice%20pack%2F..%2F%C3%A9");
        for s in ["what treats <b>spasm</b>?", "a&b=c+d", "¶ ünïcode"] {
            assert_eq!(decode(&encode(s), true).as_deref(), Some(s));
        }
        assert_eq!(query_value("x=1&q=what+treats%3F&q=2", "q"), Ok(Some("what treats?".into())));
        assert_eq!(query_value("focus", "focus"), Ok(Some(String::new())));
        assert_eq!(query_value("x=1", "q"), Ok(None));
        assert_eq!(query_value("q=%", "q"), Err(BadQuery));
    }
}
