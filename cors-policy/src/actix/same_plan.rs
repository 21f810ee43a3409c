//! Both request readers make the same decision: for generated policies and requests
//! (repeated headers, non-UTF-8 and empty values, any method), [`Plan::decide`] on
//! actix's header map gives the plan it gives on the same headers in an `http` 1 map,
//! every field compared by bytes; and an allowed origin is the request's own value
//! (the same bytes in memory), never a copy.

use actix_web::http::Method as ActixMethod;
use actix_web::http::header::{
    HeaderMap as ActixHeaders, HeaderName as ActixName, HeaderValue as ActixValue,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use proptest::prelude::*;

use super::request::ActixRequest;
use crate::Policy;
use crate::plan::{Forward, Plan, Preflight, Reason};
use crate::request_headers::{HttpRequest, Lookup, has_repeated_header};
use crate::value_type::ValueType;

/// A plan with every value as bytes, comparable across value types.
#[derive(Debug, PartialEq)]
enum Seen {
    Preflight {
        allow_origin: Option<Vec<u8>>,
        refusal: Option<SeenReason>,
        echo_headers: Option<Vec<u8>>,
        private_network: bool,
    },
    Refuse(SeenReason),
    Forward(SeenForward, Option<SeenReason>),
}

#[derive(Debug, PartialEq)]
enum SeenForward {
    Allowed(Vec<u8>),
    Vary(crate::vary::Vary),
}

#[derive(Debug, PartialEq)]
enum SeenReason {
    NoOrigin,
    RepeatedOrigin,
    OriginNotAllowed(Vec<u8>),
    MethodNotAllowed(Vec<u8>),
    RepeatedRequestMethod,
    HeaderNotAllowed(Vec<u8>),
    RepeatedRequestHeaders,
}

fn seen_reason<V: ValueType>(reason: Reason<'_, V>) -> SeenReason {
    match reason {
        Reason::NoOrigin => SeenReason::NoOrigin,
        Reason::RepeatedOrigin => SeenReason::RepeatedOrigin,
        Reason::OriginNotAllowed(v) => SeenReason::OriginNotAllowed(v.bytes().to_vec()),
        Reason::MethodNotAllowed(v) => SeenReason::MethodNotAllowed(v.bytes().to_vec()),
        Reason::RepeatedRequestMethod => SeenReason::RepeatedRequestMethod,
        Reason::HeaderNotAllowed(name) => SeenReason::HeaderNotAllowed(name.to_vec()),
        Reason::RepeatedRequestHeaders => SeenReason::RepeatedRequestHeaders,
    }
}

fn seen<V: ValueType>(plan: Plan<'_, V>) -> Seen {
    let bytes = |v: &V| v.bytes().to_vec();
    match plan {
        // Every field named: a new one must be compared too.
        Plan::Preflight(Preflight {
            allow_origin,
            refusal,
            echo_headers,
            private_network,
        }) => Seen::Preflight {
            allow_origin: allow_origin.as_ref().map(bytes),
            refusal: refusal.map(seen_reason),
            echo_headers: echo_headers.map(bytes),
            private_network,
        },
        Plan::Refuse(reason) => Seen::Refuse(seen_reason(reason)),
        Plan::Forward(forward, reason) => Seen::Forward(
            match forward {
                Forward::Allowed(origin) => SeenForward::Allowed(bytes(&origin)),
                Forward::Vary(vary) => SeenForward::Vary(vary),
            },
            reason.map(seen_reason),
        ),
    }
}

/// The allowed origin of a plan, if it echoes one.
fn echoed<'p, V: ValueType>(plan: &'p Plan<'_, V>) -> Option<&'p [u8]> {
    match plan {
        Plan::Forward(Forward::Allowed(origin), _) => Some(origin.bytes()),
        Plan::Preflight(answer) => answer.allow_origin.as_ref().map(V::bytes),
        _ => None,
    }
}

const NAMES: [&str; 6] = [
    "origin",
    "access-control-request-method",
    "access-control-request-headers",
    "access-control-request-private-network",
    "sec-fetch-site",
    "cookie",
];

fn values() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"https://a.example".to_vec()),
        Just(b"https://x.b.example".to_vec()),
        Just(b"https://c.example".to_vec()),
        Just(b"null".to_vec()),
        Just(Vec::new()),
        Just(b"https://a.example\xff".to_vec()),
        Just(b"\xfe\xff".to_vec()),
        Just(b"PUT".to_vec()),
        Just(b"put".to_vec()),
        Just(b"GET".to_vec()),
        Just(b"x-a,content-type".to_vec()),
        Just(b"x-a, Authorization".to_vec()),
        Just(b"*".to_vec()),
        Just(b"true".to_vec()),
        Just(b"same-origin".to_vec()),
        proptest::collection::vec(0x20u8..0x7f, 0..8),
    ]
}

fn request() -> impl Strategy<Value = (&'static str, Vec<(usize, Vec<u8>)>)> {
    let method = prop_oneof![Just("GET"), Just("OPTIONS"), Just("POST"), Just("PATCH")];
    let line = (0..NAMES.len(), values());
    (method, proptest::collection::vec(line, 0..7))
}

fn policy() -> impl Strategy<Value = Policy> {
    let origins = prop_oneof![
        Just(vec!["*"]),
        Just(vec!["https://a.example"]),
        Just(vec!["https://a.example", "https://*.b.example"]),
    ];
    let methods = prop_oneof![Just(None), Just(Some(vec!["PUT"])), Just(Some(vec!["*"]))];
    let headers = prop_oneof![
        Just(None),
        Just(Some(vec!["x-a", "content-type"])),
        Just(Some(vec!["*"])),
        Just(Some(vec!["*", "authorization"])),
    ];
    let flags = proptest::collection::vec(any::<bool>(), 3);
    (origins, methods, headers, flags).prop_filter_map(
        "a valid policy",
        |(origins, methods, headers, flags)| {
            let mut builder = Policy::builder().origins(origins);
            if let Some(methods) = methods {
                builder = builder.methods(methods);
            }
            if let Some(headers) = headers {
                builder = builder.allow_headers(headers);
            }
            if flags[0] {
                builder = builder.credentials();
            }
            if flags[1] {
                builder = builder.private_network();
            }
            if flags[2] {
                builder = builder.refuse_disallowed_origins();
            }
            builder.build().ok()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn both_readers_make_the_same_plan(policy in policy(), (method, lines) in request()) {
        let mut http_headers = HeaderMap::new();
        let mut actix_headers = ActixHeaders::new();
        for (name, value) in &lines {
            let (Ok(http_value), Ok(actix_value)) =
                (HeaderValue::from_bytes(value), ActixValue::from_bytes(value))
            else {
                // Both versions refuse the same bytes (control characters).
                prop_assert_eq!(HeaderValue::from_bytes(value).is_ok(), ActixValue::from_bytes(value).is_ok());
                continue;
            };
            http_headers.append(HeaderName::from_static(NAMES[*name]), http_value);
            actix_headers.append(ActixName::from_static(NAMES[*name]), actix_value);
        }
        let http_method = Method::from_bytes(method.as_bytes()).expect("a method");
        let actix_method = ActixMethod::from_bytes(method.as_bytes()).expect("a method");
        let on_actix = Plan::decide(&policy, ActixRequest::new(&actix_method, &actix_headers));
        let on_http = Plan::decide(&policy, HttpRequest::new(&http_method, &http_headers));
        // The echoed origin is the request's own `Origin` (or the `*` constant).
        if policy.varies_by_origin() {
            let request_origin = |bytes: Option<&[u8]>| bytes.map(<[u8]>::as_ptr);
            prop_assert_eq!(
                echoed(&on_actix).map(<[u8]>::as_ptr),
                echoed(&on_actix).and(request_origin(actix_headers.get("origin").map(ActixValue::as_bytes))),
            );
            prop_assert_eq!(
                echoed(&on_http).map(<[u8]>::as_ptr),
                echoed(&on_http).and(request_origin(http_headers.get("origin").map(HeaderValue::as_bytes))),
            );
        }
        let on_actix = seen(on_actix);
        prop_assert_eq!(&on_actix, &seen(on_http), "{} {:?}", method, lines);
        if !has_repeated_header(&http_headers) {
            let unrepeated = HttpRequest::with(&http_method, &http_headers, Lookup::Unrepeated);
            prop_assert_eq!(&on_actix, &seen(Plan::decide(&policy, unrepeated)));
        }
    }
}
