//! Property tests over arbitrary header bytes: the runtime never panics, never pairs
//! `Access-Control-Allow-Origin: *` with credentials, and never echoes an origin that
//! the policy does not allow; and the tower layer, with a shared policy or compiled for
//! one, answers exactly as `Policy::decide`.

mod support;

use cors_policy::{CorsLayer, CorsPolicy, Policy};
use http::{HeaderMap, HeaderValue, Method};
use proptest::prelude::*;

const EXACT: [&str; 3] = [
    "https://app.example.com",
    "http://localhost:3000",
    "https://[::1]:8443",
];

fn policies() -> Vec<Policy> {
    vec![
        support::app_policy(),
        Policy::builder()
            .origins(EXACT.iter().copied().chain(["https://*.example.org"]))
            .credentials()
            .methods(["PUT", "PATCH"])
            .allow_headers(["x-a"])
            .build()
            .unwrap(),
        support::public_policy(),
        Policy::builder()
            .origins(["https://app.example.com"])
            .credentials()
            .methods(["PUT"])
            .allow_headers(["x-a"])
            .max_age(0)
            .private_network()
            .refuse_disallowed_origins()
            .build()
            .unwrap(),
    ]
}

/// The same three policies, written with the macro: `CorsLayer::of` compiles the layer
/// for each, and it must answer as the shared-policy layer does.
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
#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"])]
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

fn send_compiled(
    policy_index: usize,
    handler: &support::Handler,
    request: http::Request<()>,
) -> http::Response<String> {
    match policy_index {
        0 => support::send_through(CorsLayer::of::<AppCompiled>(), handler, request),
        1 => support::send_through(CorsLayer::of::<MixedCompiled>(), handler, request),
        2 => support::send_through(CorsLayer::of::<PublicCompiled>(), handler, request),
        _ => support::send_through(CorsLayer::of::<FlagsCompiled>(), handler, request),
    }
}

#[test]
fn the_compiled_policies_are_the_built_ones() {
    let policies = policies();
    assert_eq!(&policies[0], AppCompiled::policy());
    assert_eq!(&policies[1], MixedCompiled::policy());
    assert_eq!(&policies[2], PublicCompiled::policy());
    assert_eq!(&policies[3], FlagsCompiled::policy());
}

/// An independent oracle for the second policy's pattern: one or more lowercase DNS
/// labels in front of `.example.org`, over https, default port.
fn oracle_allows(policy_index: usize, origin: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else {
        return policy_index == 2;
    };
    match policy_index {
        0 | 3 => origin == "https://app.example.com",
        1 => {
            EXACT.contains(&origin)
                || origin
                    .strip_prefix("https://")
                    .and_then(|rest| rest.strip_suffix(".example.org"))
                    .is_some_and(|labels| {
                        labels.split('.').all(|label| {
                            !label.is_empty()
                                && label.chars().all(|c| {
                                    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
                                })
                        })
                    })
        }
        _ => true,
    }
}

/// Origins near the allowed ones, plus arbitrary bytes.
fn origin_bytes() -> impl Strategy<Value = Vec<u8>> {
    let bases = prop::sample::select(vec![
        "https://app.example.com",
        "https://a.example.org",
        "https://a.b.example.org",
        "http://localhost:3000",
        "https://[::1]:8443",
        "null",
    ]);
    let exact = bases.clone().prop_map(|base| base.as_bytes().to_vec());
    let near = bases
        .prop_flat_map(|base| {
            (
                Just(base.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..4),
                any::<bool>(),
                0..=base.len(),
            )
        })
        .prop_map(|(mut base, noise, prepend, cut)| {
            base.truncate(cut.max(1));
            if prepend {
                let mut out = noise;
                out.extend(base);
                out
            } else {
                base.extend(noise);
                base
            }
        });
    prop_oneof![exact, near, prop::collection::vec(any::<u8>(), 0..64)]
}

/// One of `near` (values the policies allow or nearly allow), or up to `max` arbitrary
/// bytes.
fn near_or_arbitrary(near: &[&'static str], max: usize) -> impl Strategy<Value = Vec<u8>> {
    let near: Vec<Vec<u8>> = near.iter().map(|s| s.as_bytes().to_vec()).collect();
    prop_oneof![
        prop::sample::select(near),
        prop::collection::vec(any::<u8>(), 0..max)
    ]
}

fn value(bytes: &[u8]) -> Option<HeaderValue> {
    HeaderValue::from_bytes(bytes).ok()
}

/// What the handlers answer with: CORS headers of their own, which the policy must
/// override or strip, and `Vary` or not, among few names or more than the layer looks
/// through before hashing.
const HANDLER_HEADERS: [&[(&str, &str)]; 3] = [
    &[
        ("access-control-allow-origin", "*"),
        ("access-control-allow-credentials", "true"),
        ("access-control-expose-headers", "x-secret"),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_never_widens(
        // Mostly one `Origin`, as browsers send; sometimes none or a repeated one.
        origins in prop_oneof![
            3 => prop::collection::vec(origin_bytes(), 1..=1),
            1 => prop::collection::vec(origin_bytes(), 0..3),
        ],
        request_method in near_or_arbitrary(&["GET", "PUT", "PATCH", "put", "DELETE"], 12),
        request_headers in near_or_arbitrary(
            &["", "x-a", "X-A", "content-type", "x-request-id, content-type", "x-a,,x-b"],
            80,
        ),
        preflight in any::<bool>(),
        private_network_request in any::<bool>(),
        policy_index in 0usize..4,
        handler_index in 0usize..3,
    ) {
        let handler_headers = HANDLER_HEADERS[handler_index];
        let policy = &policies()[policy_index];
        let mut headers = HeaderMap::new();
        for origin in origins.iter().filter_map(|o| value(o)) {
            headers.append("origin", origin);
        }
        if let Some(method) = value(&request_method) {
            headers.insert("access-control-request-method", method);
        }
        if let Some(list) = value(&request_headers) {
            headers.insert("access-control-request-headers", list);
        }
        if private_network_request {
            headers.insert("access-control-request-private-network", HeaderValue::from_static("true"));
        }
        let method = if preflight { Method::OPTIONS } else { Method::GET };
        let (mut response_headers, headers_of_request) = (HeaderMap::new(), headers.clone());
        let status = match policy.decide(&method, &headers) {
            cors_policy::Decision::Respond { headers, status } => {
                headers.apply_to(&mut response_headers);
                Some(status)
            }
            cors_policy::Decision::Forward(headers) => {
                // What the handler below answers with: its own headers, CORS ones among
                // them (wrong ones, which the policy's must replace or remove).
                for &(name, value) in handler_headers {
                    response_headers.append(name, HeaderValue::from_static(value));
                }
                headers.apply_to(&mut response_headers);
                None
            }
        };
        // The tower layer takes its own, leaner path to the same answer: it must agree.
        let request = || {
            let mut request = http::Request::builder().method(method.clone()).body(()).unwrap();
            *request.headers_mut() = headers_of_request.clone();
            request
        };
        let handler = support::Handler { headers: handler_headers.to_vec(), ..support::Handler::default() };
        let through_layer = support::send(policy, &handler, request());
        let through_compiled = send_compiled(policy_index, &handler, request());
        for response in [&through_layer, &through_compiled] {
            prop_assert_eq!(response.headers(), &response_headers);
            if let Some(status) = status {
                prop_assert_eq!(response.status(), status);
            }
        }
        prop_assert_eq!(handler.calls(), 2 * usize::from(status.is_none()));
        if !headers_of_request.contains_key("origin") {
            // Not a CORS request: the handler's headers pass as they are, plus `Vary`.
            let cors_added = response_headers.iter().filter(|(name, _)| name.as_str().starts_with("access-control-")).count();
            let cors_set = handler_headers.iter().filter(|(name, _)| name.starts_with("access-control-")).count();
            prop_assert_eq!(cors_added, cors_set, "the layer added CORS headers to a non-CORS response");
            return Ok(());
        }
        let allow_origin: Vec<_> = response_headers.get_all("access-control-allow-origin").iter().collect();
        prop_assert!(allow_origin.len() <= 1);
        if let Some(echoed) = allow_origin.first() {
            prop_assert!(
                !(echoed.as_bytes() == b"*" && response_headers.contains_key("access-control-allow-credentials")),
                "`*` with credentials"
            );
            let sent: Vec<_> = headers_of_request.get_all("origin").iter().collect();
            prop_assert_eq!(sent.len(), 1, "an ambiguous Origin was answered");
            prop_assert!(oracle_allows(policy_index, sent[0].as_bytes()), "allowed {:?}", sent[0]);
            prop_assert!(echoed.as_bytes() == b"*" || echoed == sent[0]);
        } else {
            prop_assert!(
                !response_headers.keys().any(|name| name.as_str().starts_with("access-control-")),
                "CORS headers for a refused request: {:?}", response_headers
            );
        }
    }
}
