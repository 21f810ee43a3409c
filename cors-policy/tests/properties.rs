//! Property tests against an oracle written apart from the crate (`model/`): for
//! generated policies and requests (browser-shaped ones and arbitrary header bytes), the
//! layer, with a shared policy or compiled for one, and `Policy::decide` all answer
//! exactly what the model says, every `Access-Control-*` header and `Vary` line
//! compared; and a modelled browser, given those answers, allows exactly the calls the
//! policy means to allow.
//!
//! `PROPTEST_CASES` sets the number of cases of each test (see the README's testing
//! section for the long run).

mod model;
mod support;

use cors_policy::{Action, CorsLayer, CorsPolicy, Policy};
use http::{HeaderMap, HeaderValue, Method, Request, Response};
use model::{BrowserCall, ModelHeaders, ModelPolicy, ModelRequest};
use proptest::prelude::*;

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
struct AppCompiled;

#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com", "http://localhost:3000", "https://[::1]:8443", "https://*.example.org"],
    credentials,
    methods = [PUT, PATCH],
    allow_headers = ["x-a"],
)]
struct MixedCompiled;

#[derive(CorsPolicy)]
#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"], expose_headers = ["*"])]
struct PublicCompiled;

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
struct FlagsCompiled;

fn compiled_models() -> [ModelPolicy; 4] {
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

fn send_compiled(
    index: usize,
    handler: &support::Handler,
    request: Request<()>,
) -> Response<String> {
    match index {
        0 => support::send_through(CorsLayer::of::<AppCompiled>(), handler, request),
        1 => support::send_through(CorsLayer::of::<MixedCompiled>(), handler, request),
        2 => support::send_through(CorsLayer::of::<PublicCompiled>(), handler, request),
        _ => support::send_through(CorsLayer::of::<FlagsCompiled>(), handler, request),
    }
}

/// The policy the builder makes from the model's keys.
fn build(model: &ModelPolicy) -> Policy {
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

#[test]
fn the_compiled_policies_are_the_built_ones() {
    let models = compiled_models();
    assert_eq!(&build(&models[0]), AppCompiled::policy());
    assert_eq!(&build(&models[1]), MixedCompiled::policy());
    assert_eq!(&build(&models[2]), PublicCompiled::policy());
    assert_eq!(&build(&models[3]), FlagsCompiled::policy());
}

/// Origins allowed by some generated policies, their near misses and attack shapes.
const ORIGINS: [&str; 14] = [
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

fn model_policy() -> impl Strategy<Value = ModelPolicy> {
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
fn bytes_near(near: &'static [&'static str], max: usize) -> impl Strategy<Value = Vec<u8>> {
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

const METHODS: &[&str] = &[
    "GET", "PUT", "PATCH", "patch", "DELETE", "PROPFIND", "POST", "",
];
const HEADER_LISTS: &[&str] = &[
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

fn model_request() -> impl Strategy<Value = ModelRequest> {
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

fn http_request(request: &ModelRequest) -> Request<()> {
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
const HANDLER_HEADERS: [&[(&str, &str)]; 4] = [
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
fn expected(
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

fn handler_vary(handler_headers: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    handler_headers
        .iter()
        .filter(|(n, _)| *n == "vary")
        .map(|(_, v)| *v)
        .collect()
}

/// `decide` then `Decision::apply_to` on the handler's headers, as a user of the
/// `http`-level API would.
fn through_decide(
    policy: &Policy,
    request: &Request<()>,
    handler_headers: &[(&'static str, &'static str)],
) -> (Option<u16>, HeaderMap) {
    let mut headers = HeaderMap::new();
    let decision = policy.decide(request.method(), request.headers());
    match decision.action() {
        Action::Respond(status) => {
            decision.apply_to(&mut headers);
            (Some(status.as_u16()), headers)
        }
        Action::Forward => {
            for &(name, value) in handler_headers {
                headers.append(name, HeaderValue::from_static(value));
            }
            decision.apply_to(&mut headers);
            (None, headers)
        }
    }
}

/// Checks one response against the model's answer.
fn check(
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

fn send_and_check(
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
fn browser_call() -> impl Strategy<Value = BrowserCall> {
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
fn browser_allows(
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

fn cases(default: u32) -> ProptestConfig {
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

proptest! {
    #![proptest_config(cases(100_000))]

    /// Generated policies, built at run time: the layer and `decide` answer what the
    /// model says, on arbitrary requests.
    #[test]
    fn built_policies_answer_as_the_model(
        policy in model_policy(),
        request in model_request(),
        handler_index in 0usize..4,
    ) {
        let built = build(&policy);
        let handler_headers = HANDLER_HEADERS[handler_index];
        let expected = expected(&policy, &request, handler_headers);
        let (status, headers) = through_decide(&built, &http_request(&request), handler_headers);
        check(&expected, (status, &headers), handler_headers, status.is_none())?;
        let layer = || CorsLayer::new(built.clone());
        send_and_check(|h, r| support::send_through(layer(), h, r), &expected, &request, handler_headers)?;
    }

    /// The compiled layers answer what the model says, as the shared ones do.
    #[test]
    fn compiled_policies_answer_as_the_model(
        index in 0usize..4,
        request in model_request(),
        handler_index in 0usize..4,
    ) {
        let policy = &compiled_models()[index];
        let handler_headers = HANDLER_HEADERS[handler_index];
        let expected = expected(policy, &request, handler_headers);
        send_and_check(|h, r| send_compiled(index, h, r), &expected, &request, handler_headers)?;
    }

    /// A modelled browser, talking to the layer, allows exactly what the policy means
    /// to allow: origin, credentials, method, request headers (`Authorization` and `*`).
    #[test]
    fn browsers_allow_exactly_what_the_policy_intends(policy in model_policy(), call in browser_call()) {
        let built = build(&policy);
        let allowed = browser_allows(|h, r| support::send_through(CorsLayer::new(built.clone()), h, r), &call);
        prop_assert_eq!(allowed, policy.intends(&call), "{:?}", call);
    }

    /// The same for the compiled layers.
    #[test]
    fn browsers_allow_what_the_compiled_policies_intend(index in 0usize..4, call in browser_call()) {
        let allowed = browser_allows(|h, r| send_compiled(index, h, r), &call);
        prop_assert_eq!(allowed, compiled_models()[index].intends(&call), "{:?}", call);
    }
}
