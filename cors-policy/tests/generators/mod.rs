//! What the property tests generate and how they check an answer, shared by the tower
//! layer's (`properties.rs`) and the actix middleware's (`actix_properties.rs`): policies
//! (built, and four compiled ones), requests, handlers, the model's expected answer, and
//! a modelled browser.

#![allow(dead_code, unreachable_pub)]

use http::{HeaderMap, HeaderValue, Method, Request, Response};
use proptest::prelude::*;
use typed_cors::{CorsPolicy, Policy};

use crate::model::{self, BrowserCall, ModelHeaders, ModelPolicy, ModelRequest};
use crate::support;

/// Policies written with the macro, so that `CorsLayer::of` compiles a layer for each;
/// [`compiled_models`] says the same policies in the model's terms.
#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com"],
    credentials,
    methods = [GET, PUT, DELETE],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub struct AppCompiled;

#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com", "http://localhost:3000", "https://[::1]:8443", "https://*.example.org"],
    credentials,
    methods = [PUT, PATCH],
    allow_headers = ["x-a"],
)]
pub struct MixedCompiled;

#[derive(CorsPolicy)]
#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"], expose_headers = ["*"])]
pub struct PublicCompiled;

#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com"],
    credentials,
    methods = [PUT],
    allow_headers = ["x-a"],
    max_age = 0,
    private_network,
    refuse_disallowed,
)]
pub struct FlagsCompiled;

pub fn compiled_models() -> [ModelPolicy; 4] {
    let base = ModelPolicy {
        origins: Some(vec!["https://app.example.com"]),
        credentials: true,
        methods: Some(vec![]),
        allow_headers: ModelHeaders::List(vec![]),
        expose_headers: Some(vec![]),
        max_age: None,
        private_network: false,
        refuse_disallowed: false,
    };
    [
        ModelPolicy {
            methods: Some(vec!["GET", "PUT", "DELETE"]),
            allow_headers: ModelHeaders::List(vec!["content-type", "x-request-id"]),
            expose_headers: Some(vec!["x-request-id"]),
            max_age: Some(600),
            ..base.clone()
        },
        ModelPolicy {
            origins: Some(vec![
                "https://app.example.com",
                "http://localhost:3000",
                "https://[::1]:8443",
                "https://*.example.org",
            ]),
            methods: Some(vec!["PUT", "PATCH"]),
            allow_headers: ModelHeaders::List(vec!["x-a"]),
            ..base.clone()
        },
        ModelPolicy {
            origins: None,
            credentials: false,
            methods: None,
            allow_headers: ModelHeaders::Any,
            expose_headers: None,
            ..base.clone()
        },
        ModelPolicy {
            methods: Some(vec!["PUT"]),
            allow_headers: ModelHeaders::List(vec!["x-a"]),
            max_age: Some(0),
            private_network: true,
            refuse_disallowed: true,
            ..base
        },
    ]
}

/// The policy the builder makes from the model's keys.
pub fn build(model: &ModelPolicy) -> Policy {
    let mut builder = Policy::builder().origins(model.origins.clone().unwrap_or_else(|| vec!["*"]));
    if model.credentials {
        builder = builder.credentials();
    }
    match &model.methods {
        None => builder = builder.methods(["*"]),
        Some(list) if !list.is_empty() => builder = builder.methods(list),
        Some(_) => {}
    }
    match &model.allow_headers {
        ModelHeaders::Any => builder = builder.allow_headers(["*"]),
        ModelHeaders::AnyAndAuthorization => {
            builder = builder.allow_headers(["*", "authorization"])
        }
        ModelHeaders::List(list) if !list.is_empty() => builder = builder.allow_headers(list),
        ModelHeaders::List(_) => {}
    }
    match &model.expose_headers {
        None => builder = builder.expose_headers(["*"]),
        Some(list) if !list.is_empty() => builder = builder.expose_headers(list),
        Some(_) => {}
    }
    if let Some(seconds) = model.max_age {
        builder = builder.max_age(seconds.into());
    }
    if model.private_network {
        builder = builder.private_network();
    }
    if model.refuse_disallowed {
        builder = builder.refuse_disallowed_origins();
    }
    builder
        .build()
        .unwrap_or_else(|error| panic!("{model:?}: {error}"))
}

/// Origins allowed by some generated policies, their near misses and attack shapes.
pub const ORIGINS: [&str; 14] = [
    "https://app.example.com",
    "http://localhost:3000",
    "https://[::1]:8443",
    "https://a.example.org",
    "https://a.b.example.org",
    "https://x.example.net:8443",
    "https://app.example.com.evil.net",
    "https://evilexample.org",
    "https://example.org",
    "http://app.example.com",
    "https://App.example.com",
    "https://a_b.example.org",
    "https://a..example.org",
    "null",
];

pub fn model_policy() -> impl Strategy<Value = ModelPolicy> {
    let allowed = prop::sample::subsequence(
        vec![
            "https://app.example.com",
            "http://localhost:3000",
            "https://[::1]:8443",
            "https://*.example.org",
            "https://*.example.net:8443",
            "https://a1.example.com",
            "https://a2.example.com",
        ],
        1..=7,
    );
    let origins = prop_oneof![1 => Just(None), 4 => allowed.prop_map(Some)];
    let methods = prop_oneof![
        Just(None),
        prop::sample::subsequence(vec!["PUT", "PATCH", "DELETE", "patch", "PROPFIND"], 0..=5)
            .prop_map(Some),
    ];
    let allow_headers = prop_oneof![
        Just(ModelHeaders::Any),
        Just(ModelHeaders::AnyAndAuthorization),
        prop::sample::subsequence(vec!["content-type", "x-a", "X-B", "authorization"], 0..=4)
            .prop_map(ModelHeaders::List),
    ];
    let expose = prop_oneof![
        Just(None),
        prop::sample::subsequence(vec!["x-request-id", "X-A"], 0..=2).prop_map(Some),
    ];
    (
        origins,
        any::<bool>(),
        methods,
        allow_headers,
        expose,
        prop::option::of(prop_oneof![Just(0u32), Just(600)]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                origins,
                credentials,
                methods,
                allow_headers,
                expose_headers,
                max_age,
                private_network,
                refuse_disallowed,
            )| {
                let mut policy = ModelPolicy {
                    origins,
                    credentials,
                    methods,
                    allow_headers,
                    expose_headers,
                    max_age,
                    private_network,
                    refuse_disallowed,
                };
                // `*` never goes with credentials: the rules refuse it, so drop one or the other.
                let wildcard = policy.origins.is_none()
                    || policy.methods.is_none()
                    || !matches!(policy.allow_headers, ModelHeaders::List(_))
                    || policy.expose_headers.is_none();
                policy.credentials &= !wildcard;
                policy
            },
        )
}

/// An `Origin`, `Access-Control-Request-*` or similar value: one of `near`, a near
/// miss (cut short, with bytes added), or arbitrary bytes.
pub fn bytes_near(near: &'static [&'static str], max: usize) -> impl Strategy<Value = Vec<u8>> {
    let exact = prop::sample::select(near).prop_map(|s| s.as_bytes().to_vec());
    let mangled = (
        prop::sample::select(near),
        prop::collection::vec(any::<u8>(), 0..4),
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(base, noise, prepend, cut)| {
            let mut base = base.as_bytes().to_vec();
            base.truncate(cut.index(base.len() + 1).max(1));
            if prepend {
                [noise, base].concat()
            } else {
                [base, noise].concat()
            }
        });
    prop_oneof![6 => exact, 2 => mangled, 1 => prop::collection::vec(any::<u8>(), 0..max)]
}

pub const METHODS: &[&str] = &[
    "GET", "PUT", "PATCH", "patch", "DELETE", "PROPFIND", "POST", "",
];
pub const HEADER_LISTS: &[&str] = &[
    "x-a",
    "X-A",
    "content-type",
    "authorization",
    "content-type,x-a",
    "authorization,x-a",
    "x-a, Authorization ",
    "*,authorization",
    "x-a, * ",
    "x-a,,x-b",
    "x-request-id,content-type",
    "",
];

pub fn model_request() -> impl Strategy<Value = ModelRequest> {
    (
        any::<bool>(),
        prop_oneof![6 => prop::collection::vec(bytes_near(&ORIGINS, 48), 1..=1), 1 => prop::collection::vec(bytes_near(&ORIGINS, 48), 0..=3)],
        prop_oneof![6 => prop::collection::vec(bytes_near(METHODS, 10), 1..=1), 1 => prop::collection::vec(bytes_near(METHODS, 10), 0..=2)],
        prop_oneof![4 => prop::collection::vec(bytes_near(HEADER_LISTS, 60), 0..=1), 1 => prop::collection::vec(bytes_near(HEADER_LISTS, 60), 0..=2)],
        prop::option::of(prop_oneof![Just(b"true".to_vec()), Just(b"false".to_vec())]),
        prop::option::of(prop_oneof![Just(b"same-origin".to_vec()), Just(b"cross-site".to_vec())]),
    )
        .prop_map(|(options, origins, request_methods, request_headers, private_network, sec_fetch_site)| ModelRequest {
            options,
            origins,
            request_methods,
            request_headers,
            private_network,
            sec_fetch_site,
        })
        .prop_map(|mut request| {
            // The server sees only what makes valid header values.
            let valid = |v: &Vec<u8>| HeaderValue::from_bytes(v).is_ok();
            request.origins.retain(valid);
            request.request_methods.retain(valid);
            request.request_headers.retain(valid);
            request
        })
}

pub fn http_request(request: &ModelRequest) -> Request<()> {
    let method = if request.options {
        Method::OPTIONS
    } else {
        Method::GET
    };
    let mut http = Request::builder().method(method).body(()).unwrap();
    let headers = http.headers_mut();
    let mut add = |name: &'static str, value: &[u8]| {
        headers.append(name, HeaderValue::from_bytes(value).unwrap());
    };
    request.origins.iter().for_each(|v| add("origin", v));
    request
        .request_methods
        .iter()
        .for_each(|v| add("access-control-request-method", v));
    request
        .request_headers
        .iter()
        .for_each(|v| add("access-control-request-headers", v));
    if let Some(v) = &request.private_network {
        add("access-control-request-private-network", v);
    }
    if let Some(v) = &request.sec_fetch_site {
        add("sec-fetch-site", v);
    }
    http
}

/// What the handlers answer with: CORS headers of their own (which the policy must
/// remove), and `Vary` or not, among few names or many.
pub const HANDLER_HEADERS: [&[(&str, &str)]; 4] = [
    &[],
    &[
        ("access-control-allow-origin", "*"),
        ("access-control-allow-credentials", "true"),
        ("access-control-expose-headers", "x-secret"),
        ("access-control-x-made-up", "1"),
        ("vary", "Accept-Encoding"),
    ],
    &[
        ("content-type", "text/plain"),
        ("cache-control", "no-store"),
    ],
    &[
        ("access-control-allow-origin", "*"),
        ("access-control-max-age", "86400"),
        ("vary", "origin"),
        ("content-type", "text/plain"),
        ("cache-control", "no-store"),
        ("x-a", "1"),
        ("x-b", "2"),
        ("x-c", "3"),
        ("x-d", "4"),
    ],
];

/// The model's answer for a handler that answers with `handler_headers`: the handler's
/// own `Vary` stays, and a handler that already varies on `Origin` gets no second one.
pub fn expected(
    policy: &ModelPolicy,
    request: &ModelRequest,
    handler_headers: &[(&str, &str)],
) -> model::Expected {
    let mut expected = policy.expected(request);
    let handler_varies_on_origin = handler_headers
        .iter()
        .any(|(n, v)| *n == "vary" && v.eq_ignore_ascii_case("origin"));
    if expected.answered.is_none() && handler_varies_on_origin {
        expected
            .headers
            .retain(|(n, v)| !(n == "vary" && v == "Origin"));
    }
    expected
}

pub fn handler_vary(handler_headers: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    handler_headers
        .iter()
        .filter(|(n, _)| *n == "vary")
        .map(|(_, v)| *v)
        .collect()
}

/// Checks one response against the model's answer.
pub fn check(
    expected: &model::Expected,
    response: (Option<u16>, &HeaderMap),
    handler_headers: &[(&'static str, &'static str)],
    handled: bool,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(response.0, expected.answered);
    prop_assert_eq!(handled, expected.answered.is_none(), "handler called");
    prop_assert_eq!(
        &model::cors_and_added_vary(response.1, &handler_vary(handler_headers)),
        &expected.headers
    );
    Ok(())
}

pub fn send_and_check(
    send: impl Fn(&support::Handler, Request<()>) -> Response<String>,
    expected: &model::Expected,
    request: &ModelRequest,
    handler_headers: &'static [(&'static str, &'static str)],
) -> Result<(), TestCaseError> {
    let handler = support::Handler {
        headers: handler_headers.to_vec(),
        ..support::Handler::default()
    };
    let response = send(&handler, http_request(request));
    let answered = (handler.calls() == 0).then_some(response.status().as_u16());
    check(
        expected,
        (answered, response.headers()),
        handler_headers,
        handler.calls() == 1,
    )
}

/// A call a script makes: a page origin (allowed by some policies or not), a method as
/// written, request headers a script may set, and a credentials mode.
pub fn browser_call() -> impl Strategy<Value = BrowserCall> {
    (
        prop::sample::select(&ORIGINS[..11]),
        prop::sample::select(&METHODS[..7]),
        prop::sample::subsequence(
            // Sorted, as browsers send them; `*` is a name a script can send too.
            vec![
                "*",
                "authorization",
                "content-type",
                "x-a",
                "x-b",
                "x-request-id",
            ],
            0..=3,
        ),
        any::<bool>(),
    )
        .prop_map(|(origin, method, headers, credentials)| BrowserCall {
            origin: origin.to_owned(),
            method: method.to_owned(),
            headers: headers.into_iter().map(str::to_owned).collect(),
            credentials,
        })
}

/// What the modelled browser decides when the server is `send`: the preflight if the
/// call needs one, then the actual request's CORS check.
pub fn browser_allows(
    send: impl Fn(&support::Handler, Request<()>) -> Response<String>,
    call: &BrowserCall,
) -> bool {
    let handler = support::Handler::default();
    if call.preflighted() {
        let preflight = send(&handler, http_request(&call.preflight_request()));
        if !call.preflight_passes(preflight.status().as_u16(), preflight.headers()) {
            return false;
        }
    }
    let actual = send(&handler, http_request(&call.actual_request()));
    call.cors_check(actual.headers())
}

pub fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}
