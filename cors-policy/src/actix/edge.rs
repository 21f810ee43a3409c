//! The edge between actix-web's header types (`http` 0.2, through actix-http) and the
//! decision core's (`http` 1): what crosses it, and how, without allocating.
//!
//! Into the core go the method and the few request headers the decision reads
//! ([`plan::READ`]; only those the core may read for the request, see [`Reads`]), copied
//! into a per-thread arena of bytes: an `http` 0.2 value cannot
//! hand over its `Bytes`, and copying each into a `Bytes` of its own would allocate per
//! value. The arena is one buffer that every value is a slice of; once the request's
//! values are dropped (at the end of the decision) the buffer is reused.
//!
//! Out of the core come the headers the one writer wrote. Usually they are a recorded
//! answer (`template.rs`); otherwise the writer writes into a per-thread `http` 1 map.
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

/// [`plan::READ`] as actix names, in the same order (a test checks it). `static`s, not
/// `const`s: a constant array of names would be built and dropped at every use.
static READ: [ActixName; 5] = [
    actix_header::ORIGIN,
    actix_header::ACCESS_CONTROL_REQUEST_METHOD,
    actix_header::ACCESS_CONTROL_REQUEST_HEADERS,
    ActixName::from_static("access-control-request-private-network"),
    ActixName::from_static("sec-fetch-site"),
];

/// [`plan::READ`] itself, kept in a `static` for the same reason.
static CORE_READ: [HeaderName; 5] = plan::READ;

/// When the core reads each of [`READ`], in the same order.
static NEEDED: [Needed; 5] = [
    Needed::Always,
    Needed::Preflight,
    Needed::Preflight,
    Needed::Preflight,
    Needed::Site,
];

#[derive(Clone, Copy, Debug)]
enum Needed {
    Always,
    Preflight,
    Site,
}

/// Which request headers a request needs converted, each a hashed look-up in actix's
/// map (and a copy if present), so only those the core may read: `Origin` always; the
/// preflight headers only on an `OPTIONS` request (`plan.rs`: a preflight is an `OPTIONS`
/// with `Access-Control-Request-Method`, and `Decision::verdict` looks at Private
/// Network Access only for a preflight); `Sec-Fetch-Site` only for a policy that refuses
/// disallowed origins (`plan.rs`: to let same-origin requests through). The log event of
/// a refused request names its preflight headers whatever its method: when a subscriber
/// may want events, they are converted on every request.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reads {
    /// Convert the preflight headers.
    pub(super) preflight: bool,
    /// Convert `Sec-Fetch-Site`.
    pub(super) site: bool,
}

impl Reads {
    /// What a request with this method needs, under a policy that refuses disallowed
    /// origins or not.
    #[inline]
    pub(super) fn of(method: &ActixMethod, refuses_disallowed: bool) -> Self {
        Self {
            preflight: *method == ActixMethod::OPTIONS || log_may_record(),
            site: refuses_disallowed,
        }
    }

    #[inline]
    fn wants(self, needed: Needed) -> bool {
        match needed {
            Needed::Always => true,
            Needed::Preflight => self.preflight,
            Needed::Site => self.site,
        }
    }
}

/// Every name the writer writes, with its actix twin.
static WRITTEN: [(HeaderName, ActixName); 8] = [
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

/// The borrowed scratch, emptied when the borrow ends, however it ends.
struct ClearedOnDrop<'a>(std::cell::RefMut<'a, Scratch>);

impl Drop for ClearedOnDrop<'_> {
    fn drop(&mut self) {
        // Clearing resets every slot of the map's index, even of an empty map.
        if !self.0.request.is_empty() {
            self.0.request.clear();
        }
        if !self.0.answer.is_empty() {
            self.0.answer.clear();
        }
    }
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
    /// dropped, so that the arena's buffer can be reused), also when `f` unwinds: a
    /// panic caught by the runtime (a subscriber's, say) must not hand this request's
    /// `Origin` to the next request on the thread.
    #[inline]
    pub(super) fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(scratch) => {
                let mut scratch = ClearedOnDrop(scratch);
                f(&mut scratch.0)
            }
            // Only if `f` re-entered, which it does not: still correct, with allocations.
            Err(_) => f(&mut Scratch::new()),
        })
    }

    /// Copies the request headers the decision reads (those `reads` asks for) into
    /// [`Scratch::request`], and returns the first `Origin` (the value an allowed
    /// request's answer echoes), found on the way.
    #[inline]
    pub(super) fn read_request<'h>(
        &mut self,
        headers: &'h ActixHeaders,
        reads: Reads,
    ) -> Option<&'h ActixValue> {
        let mut origin = None;
        for ((actix, name), needed) in READ.iter().zip(&CORE_READ).zip(NEEDED) {
            if !reads.wants(needed) {
                continue;
            }
            for value in headers.get_all(actix) {
                if matches!(needed, Needed::Always) && origin.is_none() {
                    origin = Some(value);
                }
                if let Some(value) = self.convert(value) {
                    self.request.append(name.clone(), value);
                }
            }
        }
        origin
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
    // The usual methods without parsing their text.
    if *method == ActixMethod::GET {
        return Method::GET;
    }
    if *method == ActixMethod::OPTIONS {
        return Method::OPTIONS;
    }
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

/// Whether a log event may be recorded: the gate of `crate::log::decided` (one relaxed
/// load).
#[cfg(feature = "tracing")]
#[inline(always)]
fn log_may_record() -> bool {
    tracing::level_enabled!(tracing::Level::DEBUG)
}

/// No log events without the feature.
#[cfg(not(feature = "tracing"))]
#[inline(always)]
fn log_may_record() -> bool {
    false
}

#[cold]
pub(super) fn copied(bytes: &[u8]) -> Option<ActixValue> {
    ActixValue::from_bytes(bytes).ok()
}

/// The actix twin of a name the writer writes.
#[inline]
pub(super) fn actix_name(name: &HeaderName) -> ActixName {
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
        let actix: Vec<&str> = READ.iter().map(ActixName::as_str).collect();
        let core: Vec<&str> = CORE_READ.iter().map(HeaderName::as_str).collect();
        assert_eq!(actix, core);
    }

    #[test]
    fn written_names_are_twins() {
        for (name, actix) in &WRITTEN {
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
            let everything = Reads {
                preflight: true,
                site: true,
            };
            scratch.read_request(&headers, everything);
            let origins: Vec<_> = scratch.request.get_all("origin").iter().collect();
            assert_eq!(origins, ["https://a", "https://b"]);
            assert_eq!(scratch.request.len(), 2, "only what the decision reads");
        });
        Scratch::with(|scratch| assert!(scratch.request.is_empty()));
    }

    /// A panic while deciding (a subscriber's, caught by the runtime) must not leave this
    /// request's `Origin` for the next request on the thread.
    #[test]
    fn a_panic_leaves_the_scratch_empty() {
        let unwound = std::panic::catch_unwind(|| {
            Scratch::with(|scratch| {
                let mut headers = ActixHeaders::new();
                headers.append(actix_header::ORIGIN, ActixValue::from_static("https://a"));
                let origin_only = Reads {
                    preflight: false,
                    site: false,
                };
                scratch.read_request(&headers, origin_only);
                scratch
                    .answer
                    .insert(http::header::VARY, http::HeaderValue::from_static("origin"));
                panic!("a subscriber panicked");
            })
        });
        assert!(unwound.is_err());
        Scratch::with(|scratch| {
            assert!(
                scratch.request.is_empty(),
                "the last request's Origin stayed"
            );
            assert!(scratch.answer.is_empty(), "the last answer's lines stayed");
        });
    }

    /// An `OPTIONS` request needs the preflight headers; others only `Origin`, unless a
    /// log event may name them; `Sec-Fetch-Site` only under `refuse_disallowed`.
    #[test]
    fn reads_follow_the_method_the_policy_and_the_log() {
        let get = Reads::of(&ActixMethod::GET, false);
        let options = Reads::of(&ActixMethod::OPTIONS, true);
        assert!(options.preflight && options.site && !get.site);
        #[cfg(feature = "tracing")]
        {
            use tracing_subscriber::filter::LevelFilter;
            use tracing_subscriber::layer::SubscriberExt;
            let under = |level: LevelFilter| {
                let subscriber = tracing_subscriber::registry().with(level);
                tracing::subscriber::with_default(subscriber, || {
                    Reads::of(&ActixMethod::GET, false)
                })
            };
            assert!(
                under(LevelFilter::DEBUG).preflight,
                "a debug event names them"
            );
            assert!(!under(LevelFilter::INFO).preflight);
        }
        #[cfg(not(feature = "tracing"))]
        assert!(!get.preflight);
    }
}
