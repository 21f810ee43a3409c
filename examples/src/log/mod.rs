//! What the API saw: every request, what it answered, and whether a handler ran.
//!
//! The browser hides most of this from scripts (a preflight is invisible, a blocked
//! response unreadable), so the demo prints it and the browser suite asserts on it.

mod axum_middleware;

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::{HeaderMap, Request};
use typed_cors_rules::Escaped;

pub use axum_middleware::{mark_handler_called, record};

/// One request as the API saw it, with the response it sent.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The request method, exactly as received (`patch` stays lowercase).
    pub method: String,
    /// Path and query.
    pub uri: String,
    /// The `Origin` header, if any.
    pub origin: Option<String>,
    /// The `Cookie` header, if any.
    pub cookie: Option<String>,
    /// `Access-Control-Request-Method`, on a preflight.
    pub request_method: Option<String>,
    /// `Access-Control-Request-Headers`, on a preflight.
    pub request_headers: Option<String>,
    /// The response status.
    pub status: u16,
    /// Every response header, names in lowercase, in order.
    pub response_headers: Vec<(String, String)>,
    /// Whether the request got past the CORS layer (or middleware) to the route's handler.
    pub handler_called: bool,
    /// The deciding policy's explanation of a CORS request ([`crate::reasons::explain`]).
    pub reason: Option<String>,
}

impl Seen {
    /// The values of a response header (name in lowercase).
    pub fn response_header(&self, name: &str) -> Vec<&str> {
        self.response_headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The value of the `case` query parameter, which the browser suite tags requests with.
    pub fn case(&self) -> Option<&str> {
        let query = self.uri.split_once('?')?.1;
        query.split('&').find_map(|pair| pair.strip_prefix("case="))
    }

    /// Whether this is a CORS preflight.
    pub fn is_preflight(&self) -> bool {
        self.method == "OPTIONS" && self.request_method.is_some()
    }
}

/// One line per request; every value from the request (or echoed from it) is escaped,
/// so that a request cannot write a terminal escape, a bidi override or a forged line
/// into the developer's terminal.
impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", Escaped(&self.method), Escaped(&self.uri))?;
        write!(f, "  origin={}", or_dash(self.origin.as_deref()))?;
        write!(f, " cookie={}", or_dash(self.cookie.as_deref()))?;
        if let Some(method) = &self.request_method {
            write!(f, " asks={}", Escaped(method))?;
            if let Some(headers) = &self.request_headers {
                write!(f, "+[{}]", Escaped(headers))?;
            }
        }
        write!(f, "  -> {}", self.status)?;
        match self.response_header("access-control-allow-origin").first() {
            Some(origin) => write!(f, " allow-origin={}", Escaped(origin))?,
            None => write!(f, " (no allow-origin: the browser will block)")?,
        }
        if !self.handler_called {
            write!(f, " [answered by the CORS policy, handler not called]")?;
        }
        // The policy's own explanation: it already quotes every request byte outside
        // printable ASCII as `\xNN` (escaping it again would double its backslashes).
        if let Some(reason) = self.reason.as_deref().filter(|r| r.starts_with("refused")) {
            write!(f, "\n        why: {reason}")?;
        }
        Ok(())
    }
}

/// A header's value escaped, or `-` without the header.
fn or_dash(value: Option<&str>) -> Escaped<'_> {
    Escaped(value.unwrap_or("-"))
}

/// A shared log of [`Seen`] requests.
#[derive(Clone, Debug, Default)]
pub struct RequestLog {
    entries: Arc<Mutex<Vec<Seen>>>,
    print: bool,
}

impl RequestLog {
    /// A log that also prints every request to stdout, as the demo does.
    pub fn printing() -> Self {
        Self {
            print: true,
            ..Self::default()
        }
    }

    /// Everything seen so far.
    pub fn entries(&self) -> Vec<Seen> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The server's explanation of each case, by `case` query parameter: the first
    /// refusal among its requests (a refused preflight, say), or else the last request's
    /// explanation.
    pub fn explanations(&self) -> std::collections::BTreeMap<String, String> {
        let mut explained = std::collections::BTreeMap::<String, String>::new();
        for seen in self.entries() {
            let (Some(case), Some(reason)) = (seen.case(), seen.reason.as_deref()) else {
                continue;
            };
            let refused_before = explained
                .get(case)
                .is_some_and(|earlier| earlier.starts_with("refused"));
            if !refused_before {
                explained.insert(case.to_owned(), reason.to_owned());
            }
        }
        explained
    }

    /// Everything seen so far whose `case` query parameter is `case`.
    pub fn for_case(&self, case: &str) -> Vec<Seen> {
        self.entries()
            .into_iter()
            .filter(|seen| seen.case() == Some(case))
            .collect()
    }

    pub(crate) fn push(&self, seen: Seen) {
        if self.print {
            println!("api   {seen}");
        }
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(seen);
    }
}

/// Set by the handler-called marker when a request reaches a route's handler; put in the
/// request's extensions by the recording middleware.
#[derive(Clone, Debug, Default)]
pub(crate) struct HandlerCalled(Arc<AtomicBool>);

impl HandlerCalled {
    pub(crate) fn mark(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub(crate) fn was_called(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

impl Seen {
    /// What the API saw of `request` (the framework's request as an `http` one), before
    /// the response: status `0`, no response headers, no handler called yet.
    pub(crate) fn request<B>(request: &Request<B>) -> Self {
        let headers = request.headers();
        Self {
            method: request.method().as_str().to_owned(),
            uri: request.uri().to_string(),
            origin: header(headers, "origin"),
            cookie: header(headers, "cookie"),
            request_method: header(headers, "access-control-request-method"),
            request_headers: header(headers, "access-control-request-headers"),
            status: 0,
            response_headers: Vec::new(),
            handler_called: false,
            reason: crate::reasons::explain(request),
        }
    }

    /// Adds the response (status, and header names and values as bytes) and whether a
    /// handler ran.
    pub(crate) fn answered<'a>(
        mut self,
        status: u16,
        headers: impl Iterator<Item = (&'a str, &'a [u8])>,
        called: &HandlerCalled,
    ) -> Self {
        self.status = status;
        self.response_headers = headers
            .map(|(n, v)| (n.to_owned(), String::from_utf8_lossy(v).into_owned()))
            .collect();
        self.handler_called = called.was_called();
        self
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a hostile request could put in a header: a terminal escape (which `http`
    /// refuses in a header value but which a log must not trust), a right-to-left
    /// override, a C1 control (U+009B, the one-byte CSI) and a newline.
    const HOSTILE: [(&str, &str); 4] = [
        ("\u{1b}[2J", "\\u{1b}[2J"),
        ("a\u{202e}b", "a\\u{202e}b"),
        ("\u{9b}31m", "\\u{9b}31m"),
        ("x\nwhy: forged", "x\\nwhy: forged"),
    ];

    fn seen() -> Seen {
        Seen {
            method: "OPTIONS".to_owned(),
            uri: "/items/1".to_owned(),
            origin: Some("http://127.0.0.1:8701".to_owned()),
            cookie: None,
            request_method: Some("PUT".to_owned()),
            request_headers: Some("content-type".to_owned()),
            status: 204,
            response_headers: vec![(
                "access-control-allow-origin".to_owned(),
                "http://127.0.0.1:8701".to_owned(),
            )],
            handler_called: false,
            reason: None,
        }
    }

    /// Every field the line shows, each set in turn to `value`.
    fn with_each_field(value: &str) -> Vec<Seen> {
        let setters: [fn(&mut Seen, String); 7] = [
            |s, v| s.method = v,
            |s, v| s.uri = v,
            |s, v| s.origin = Some(v),
            |s, v| s.cookie = Some(v),
            |s, v| s.request_method = Some(v),
            |s, v| s.request_headers = Some(v),
            |s, v| s.response_headers[0].1 = v,
        ];
        setters
            .iter()
            .map(|set| {
                let mut seen = seen();
                set(&mut seen, value.to_owned());
                seen
            })
            .collect()
    }

    #[test]
    fn every_field_shown_from_the_request_is_escaped() {
        for (raw, escaped) in HOSTILE {
            for seen in with_each_field(raw) {
                let line = seen.to_string();
                assert!(
                    line.bytes().all(|b| (b' '..=b'~').contains(&b)),
                    "{line:?} from {seen:?}"
                );
                assert!(line.contains(escaped), "{line:?} from {seen:?}");
            }
        }
    }

    #[test]
    fn the_why_line_quotes_a_hostile_origin_escaped() {
        // A real request, as the API receives it: the explanation of its refusal is
        // the second line, and the origin inside it is escaped too.
        let request = Request::builder()
            .uri("/session")
            .header(
                "origin",
                axum::http::HeaderValue::from_bytes("http://a\u{202e}\u{9b}2J".as_bytes()).unwrap(),
            )
            .body(())
            .unwrap();
        let mut seen = Seen::request(&request);
        seen.status = 200;
        let shown = seen.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 2, "{shown:?}");
        assert!(
            lines[1].trim_start().starts_with("why: refused"),
            "{shown:?}"
        );
        for line in lines {
            assert!(line.bytes().all(|b| (b' '..=b'~').contains(&b)), "{line:?}");
        }
    }
}
