//! The benchmark policy and scenarios (issue 5).
//!
//! Policy: credentials; the scenario's allowed origins; methods GET, POST, PUT, DELETE;
//! allow headers `content-type`, `x-request-id`; expose `x-request-id`; max-age 600.

use bytes::Bytes;
use http::header::{
    ACCEPT, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, HOST, ORIGIN, USER_AGENT,
};
use http::{HeaderValue, Method, Request};

/// The one allowed origin of the main scenarios.
pub const ALLOWED: &str = "https://app.example.com";
/// An origin no policy allows.
pub const DISALLOWED: &str = "https://evil.example.net";
/// The subdomain pattern of [`Scenario::Pattern`].
pub const PATTERN: &str = "https://*.example.com";
/// The methods of the policy.
pub const METHODS: [&str; 4] = ["GET", "POST", "PUT", "DELETE"];
/// The allowed request headers of the policy.
pub const ALLOW_HEADERS: [&str; 2] = ["content-type", "x-request-id"];
/// The exposed response headers of the policy.
pub const EXPOSE_HEADERS: [&str; 1] = ["x-request-id"];
/// The preflight cache lifetime of the policy.
pub const MAX_AGE: u64 = 600;

/// One benchmark scenario: which policy and which request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// An allowed actual `GET`.
    ActualGet,
    /// An allowed preflight: `PUT` with `content-type,x-request-id`.
    Preflight,
    /// An actual `GET` from a disallowed origin.
    Disallowed,
    /// A `GET` without `Origin`.
    NoOrigin,
    /// An allowed actual `GET` whose origin is the last of `n` allowed origins, all of
    /// the same length.
    Lookup(usize),
    /// An allowed actual `GET` whose origin matches the subdomain pattern
    /// `https://*.example.com`.
    Pattern,
}

impl Scenario {
    /// The four main scenarios.
    pub const MAIN: [Self; 4] = [
        Self::ActualGet,
        Self::Preflight,
        Self::Disallowed,
        Self::NoOrigin,
    ];
    /// The lookup scenarios.
    pub const LOOKUP: [Self; 5] = [
        Self::Lookup(1),
        Self::Lookup(10),
        Self::Lookup(100),
        Self::Lookup(1000),
        Self::Pattern,
    ];
    /// Every scenario.
    pub const ALL: [Self; 9] = [
        Self::ActualGet,
        Self::Preflight,
        Self::Disallowed,
        Self::NoOrigin,
        Self::Lookup(1),
        Self::Lookup(10),
        Self::Lookup(100),
        Self::Lookup(1000),
        Self::Pattern,
    ];

    /// A short name, for benchmark ids and tables.
    pub fn name(self) -> String {
        match self {
            Self::ActualGet => "actual_get".into(),
            Self::Preflight => "preflight".into(),
            Self::Disallowed => "disallowed".into(),
            Self::NoOrigin => "no_origin".into(),
            Self::Lookup(n) => format!("lookup_{n}"),
            Self::Pattern => "lookup_pattern".into(),
        }
    }

    /// Parses [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The allowed origins of the policy: exact origins, or the one pattern.
    pub fn origins(self) -> Vec<String> {
        match self {
            Self::Lookup(n) => (0..n).map(lookup_origin).collect(),
            Self::Pattern => vec![PATTERN.to_owned()],
            _ => vec![ALLOWED.to_owned()],
        }
    }

    /// The request's `Origin`, if it has one.
    pub fn origin(self) -> Option<String> {
        match self {
            Self::ActualGet | Self::Preflight | Self::Pattern => Some(ALLOWED.to_owned()),
            Self::Disallowed => Some(DISALLOWED.to_owned()),
            Self::NoOrigin => None,
            Self::Lookup(n) => Some(lookup_origin(n - 1)),
        }
    }

    /// Whether the request's origin is allowed.
    pub fn allowed(self) -> bool {
        !matches!(self, Self::Disallowed | Self::NoOrigin)
    }

    /// Whether the request is a preflight.
    pub fn is_preflight(self) -> bool {
        self == Self::Preflight
    }

    /// The request, as a server would hand it over: header values are slices of one
    /// shared buffer (as hyper makes them), so cloning one costs a reference count.
    pub fn request(self) -> Request<()> {
        let mut builder = Request::builder()
            .method(if self.is_preflight() {
                Method::OPTIONS
            } else {
                Method::GET
            })
            .uri("/api/profile")
            .header(HOST, shared("api.example.com"))
            .header(USER_AGENT, shared("Mozilla/5.0 (X11; Linux x86_64) bench"))
            .header(ACCEPT, shared("*/*"));
        if let Some(origin) = self.origin() {
            builder = builder.header(ORIGIN, shared(&origin));
        }
        if self.is_preflight() {
            builder = builder
                .header(ACCESS_CONTROL_REQUEST_METHOD, shared("PUT"))
                .header(
                    ACCESS_CONTROL_REQUEST_HEADERS,
                    shared("content-type,x-request-id"),
                );
        }
        builder.body(()).expect("valid request")
    }
}

/// The `i`th origin of a lookup list: all the same length.
pub fn lookup_origin(i: usize) -> String {
    format!("https://app{i:04}.example.com")
}

/// A header value backed by a shared (reference-counted) buffer.
fn shared(text: &str) -> HeaderValue {
    let buffer = Bytes::copy_from_slice(text.as_bytes());
    // Slicing promotes the buffer to a shared one, as a parser's read buffer is.
    HeaderValue::from_maybe_shared(buffer.slice(..)).expect("valid header value")
}

/// The hand-written check for the pattern scenario's `https://*.example.com`, as a user
/// of a library without patterns writes it: the floor and every peer row use this one.
pub fn is_example_subdomain(origin: &[u8]) -> bool {
    origin
        .strip_prefix(b"https://")
        .and_then(|rest| rest.strip_suffix(b".example.com"))
        .is_some_and(|labels| {
            !labels.is_empty()
                && labels.split(|&b| b == b'.').all(|label| {
                    !label.is_empty()
                        && label
                            .iter()
                            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                })
        })
}
