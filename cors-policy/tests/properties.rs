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

fn send_compiled(
    policy_index: usize,
    handler: &support::Handler,
    request: http::Request<()>,
) -> http::Response<String> {
    match policy_index {
        0 => support::send_through(CorsLayer::of::<AppCompiled>(), handler, request),
        1 => support::send_through(CorsLayer::of::<MixedCompiled>(), handler, request),
        _ => support::send_through(CorsLayer::of::<PublicCompiled>(), handler, request),
    }
}

#[test]
fn the_compiled_policies_are_the_built_ones() {
    let policies = policies();
    assert_eq!(&policies[0], AppCompiled::policy());
    assert_eq!(&policies[1], MixedCompiled::policy());
    assert_eq!(&policies[2], PublicCompiled::policy());
}

/// An independent oracle for the second policy's pattern: one or more lowercase DNS
/// labels in front of `.example.org`, over https, default port.
fn oracle_allows(policy_index: usize, origin: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else {
        return policy_index == 2;
    };
    match policy_index {
        0 => origin == "https://app.example.com",
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
    let near = prop::sample::select(vec![
        "https://app.example.com",
        "https://a.example.org",
        "https://a.b.example.org",
        "http://localhost:3000",
        "https://[::1]:8443",
        "null",
    ])
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
    prop_oneof![near, prop::collection::vec(any::<u8>(), 0..64)]
}

fn value(bytes: &[u8]) -> Option<HeaderValue> {
    HeaderValue::from_bytes(bytes).ok()
}

/// A handler that sets CORS headers of its own, which the policy must override or strip.
const HANDLER_HEADERS: [(&str, &str); 4] = [
    ("access-control-allow-origin", "*"),
    ("access-control-allow-credentials", "true"),
    ("access-control-expose-headers", "x-secret"),
    ("vary", "Accept-Encoding"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_never_widens(
        origins in prop::collection::vec(origin_bytes(), 0..3),
        request_method in prop::collection::vec(any::<u8>(), 0..12),
        request_headers in prop::collection::vec(any::<u8>(), 0..80),
        preflight in any::<bool>(),
        policy_index in 0usize..3,
    ) {
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
        let method = if preflight { Method::OPTIONS } else { Method::GET };
        let (mut response_headers, headers_of_request) = (HeaderMap::new(), headers.clone());
        let status = match policy.decide(&method, &headers) {
            cors_policy::Decision::Respond { headers, status } => {
                headers.apply_to(&mut response_headers);
                Some(status)
            }
            cors_policy::Decision::Forward(headers) => {
                // What the handler below answers with: its own (wrong) CORS headers.
                for (name, value) in HANDLER_HEADERS {
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
        let handler = support::Handler { headers: HANDLER_HEADERS.to_vec(), ..support::Handler::default() };
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
            prop_assert_eq!(cors_added, 3, "the layer added CORS headers to a non-CORS response");
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
