//! The edge between actix-web's header types (`http` 0.2, through actix-http) and the
//! decision core's (`http` 1): what crosses it, and how, without allocating.
//!
//! Into the core go the method and the few request headers the decision reads
//! ([`plan::READ`]), copied into a per-thread arena of bytes: an `http` 0.2 value cannot
//! hand over its `Bytes`, and copying each into a `Bytes` of its own would allocate per
//! value. The arena is one buffer that every value is a slice of; once the request's
//! values are dropped (at the end of the decision) the buffer is reused.
//!
//! Out of the core come the headers the one writer wrote, into a per-thread `http` 1 map.
//! Each value written is one of a few known ones: a constant of the policy or of the
//! writer, converted once per middleware ([`Twins`]), or a request value echoed (the
//! origin, the requested headers), whose actix original is at hand. Those go back as
//! clones of their actix twin (a reference count); anything else (only the rare refused
//! preflight's filtered header list) is copied.

use std::cell::RefCell;

use actix_web::http::Method as ActixMethod;
use actix_web::http::header::{
    self as actix_header, HeaderMap as ActixHeaders, HeaderName as ActixName,
    HeaderValue as ActixValue,
};
use bytes::BytesMut;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::header_values::{ANY, HeaderValues};
use crate::plan;

/// [`plan::READ`] as actix names, in the same order (a test checks it).
const READ: [ActixName; 5] = [
    actix_header::ORIGIN,
    actix_header::ACCESS_CONTROL_REQUEST_METHOD,
    actix_header::ACCESS_CONTROL_REQUEST_HEADERS,
    ActixName::from_static("access-control-request-private-network"),
    ActixName::from_static("sec-fetch-site"),
];

/// Every name the writer writes, with its actix twin.
const WRITTEN: [(HeaderName, ActixName); 8] = [
    (
        ACCESS_CONTROL_ALLOW_ORIGIN,
        actix_header::ACCESS_CONTROL_ALLOW_ORIGIN,
    ),
    (VARY, actix_header::VARY),
    (
        ACCESS_CONTROL_ALLOW_CREDENTIALS,
        actix_header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
    ),
    (
        ACCESS_CONTROL_EXPOSE_HEADERS,
        actix_header::ACCESS_CONTROL_EXPOSE_HEADERS,
    ),
    (
        ACCESS_CONTROL_ALLOW_METHODS,
        actix_header::ACCESS_CONTROL_ALLOW_METHODS,
    ),
    (
        ACCESS_CONTROL_ALLOW_HEADERS,
        actix_header::ACCESS_CONTROL_ALLOW_HEADERS,
    ),
    (ACCESS_CONTROL_MAX_AGE, actix_header::ACCESS_CONTROL_MAX_AGE),
    (
        HeaderName::from_static("access-control-allow-private-network"),
        ActixName::from_static("access-control-allow-private-network"),
    ),
];

/// Room for the values of a few requests; a request with larger values grows it.
const ARENA_CAPACITY: usize = 4096;

/// The per-thread maps and arena of the conversion, reused by every request.
pub(super) struct Scratch {
    /// The request headers the decision reads, as `http` 1 values.
    pub(super) request: HeaderMap,
    /// What the writer writes.
    pub(super) answer: HeaderMap,
    arena: BytesMut,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

impl Scratch {
    fn new() -> Self {
        Self {
            request: HeaderMap::with_capacity(8),
            answer: HeaderMap::with_capacity(8),
            arena: BytesMut::with_capacity(ARENA_CAPACITY),
        }
    }

    /// Runs `f` on this thread's scratch, left empty for the next request (its values
    /// dropped, so that the arena's buffer can be reused).
    #[inline]
    pub(super) fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let result = f(&mut scratch);
                scratch.request.clear();
                scratch.answer.clear();
                result
            }
            // Only if `f` re-entered, which it does not: still correct, with allocations.
            Err(_) => f(&mut Scratch::new()),
        })
    }

    /// Copies the request headers the decision reads into [`Scratch::request`].
    #[inline]
    pub(super) fn read_request(&mut self, headers: &ActixHeaders) {
        for (actix, name) in READ.iter().zip(plan::READ) {
            for value in headers.get_all(actix) {
                if let Some(value) = self.convert(value) {
                    self.request.append(name.clone(), value);
                }
            }
        }
    }

    /// `value` as an `http` 1 value: a slice of the arena. `None` never happens (both
    /// versions accept the same bytes); a value that failed would be left out.
    #[inline]
    pub(super) fn convert(&mut self, value: &ActixValue) -> Option<HeaderValue> {
        // Reserving from an arena whose earlier slices are all dropped reuses its buffer.
        self.arena.extend_from_slice(value.as_bytes());
        HeaderValue::from_maybe_shared(self.arena.split().freeze()).ok()
    }
}

/// The request's method as an `http` 1 method: the standard ones are constants, and
/// an extension method of up to 15 bytes is kept inline (no allocation either way).
#[inline]
pub(super) fn to_http_method(method: &ActixMethod) -> Method {
    // An actix method is a valid token, so this fails never; `GET` would only mean "not
    // a preflight", which is what a method `OPTIONS` is not.
    Method::from_bytes(method.as_str().as_bytes()).unwrap_or(Method::GET)
}

/// The actix twins of the values the writer may write: its own constants and the
/// policy's, converted once per middleware.
#[derive(Debug)]
pub(super) struct Twins(Box<[ActixValue]>);

impl Twins {
    pub(super) fn new(values: &impl HeaderValues) -> Self {
        let policy = [
            values.allow_methods(),
            values.allow_headers(),
            values.expose_headers(),
            values.max_age(),
        ];
        let constants = [ANY, crate::write::TRUE]
            .into_iter()
            .chain(crate::vary::VALUES)
            .chain(policy.into_iter().flatten());
        Self(
            constants
                .filter_map(|value| ActixValue::from_bytes(value.as_bytes()).ok())
                .collect(),
        )
    }

    /// The actix value with the bytes of `value`: one of `echoed` (request values the
    /// writer may echo), a twin, or else a copy.
    #[inline]
    pub(super) fn of(
        &self,
        value: &HeaderValue,
        echoed: &[Option<&ActixValue>],
    ) -> Option<ActixValue> {
        let bytes = value.as_bytes();
        let twin = echoed
            .iter()
            .flatten()
            .copied()
            .chain(self.0.iter())
            .find(|twin| twin.as_bytes() == bytes);
        match twin {
            Some(twin) => Some(twin.clone()),
            None => copied(bytes),
        }
    }

    /// Appends what the writer wrote in `answer` to `to`, but the first `kept` `Vary`
    /// lines, which were the response's own (the writer only ever appends to `Vary`).
    #[inline]
    pub(super) fn copy_back(
        &self,
        answer: &HeaderMap,
        to: &mut ActixHeaders,
        kept: usize,
        echoed: &[Option<&ActixValue>],
    ) {
        for name in answer.keys() {
            let actix = actix_name(name);
            let skip = if *name == VARY { kept } else { 0 };
            for value in answer.get_all(name).iter().skip(skip) {
                if let Some(value) = self.of(value, echoed) {
                    to.append(actix.clone(), value);
                }
            }
        }
    }
}

#[cold]
fn copied(bytes: &[u8]) -> Option<ActixValue> {
    ActixValue::from_bytes(bytes).ok()
}

/// The actix twin of a name the writer writes.
#[inline]
fn actix_name(name: &HeaderName) -> ActixName {
    match WRITTEN.iter().find(|(written, _)| written == name) {
        Some((_, actix)) => actix.clone(),
        None => other_name(name),
    }
}

#[cold]
fn other_name(name: &HeaderName) -> ActixName {
    // An `http` 1 name is a valid `http` 0.2 name.
    ActixName::from_bytes(name.as_str().as_bytes()).unwrap_or(actix_header::VARY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_read_are_the_cores() {
        let (actix, core) = (READ, plan::READ);
        let actix: Vec<&str> = actix.iter().map(ActixName::as_str).collect();
        let core: Vec<&str> = core.iter().map(HeaderName::as_str).collect();
        assert_eq!(actix, core);
    }

    #[test]
    fn written_names_are_twins() {
        for (name, actix) in WRITTEN {
            assert_eq!(name.as_str(), actix.as_str());
        }
    }

    #[test]
    fn values_round_trip_through_the_arena() {
        Scratch::with(|scratch| {
            let mut headers = ActixHeaders::new();
            headers.append(actix_header::ORIGIN, ActixValue::from_static("https://a"));
            headers.append(actix_header::ORIGIN, ActixValue::from_static("https://b"));
            headers.append(actix_header::ACCEPT, ActixValue::from_static("*/*"));
            scratch.read_request(&headers);
            let origins: Vec<_> = scratch.request.get_all("origin").iter().collect();
            assert_eq!(origins, ["https://a", "https://b"]);
            assert_eq!(scratch.request.len(), 2, "only what the decision reads");
        });
        Scratch::with(|scratch| assert!(scratch.request.is_empty()));
    }
}
