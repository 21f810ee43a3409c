//! The opt-in refusal of disallowed origins before the handler runs.

mod support;

use http::{Method, StatusCode};
use support::*;

#[test]
fn disallowed_origins_are_refused_before_the_handler() {
    let handler = Handler::default();
    for method in [Method::GET, Method::POST, Method::DELETE] {
        let response = send(
            &refusing_policy(),
            &handler,
            request(method, &[("origin", "https://evil.example.net")]),
        );
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        // The answer depends on `Sec-Fetch-Site` too (same-origin requests pass), so a
        // cache must key on it (found by the security review).
        assert_cors(&response, &[("vary", "Origin, Sec-Fetch-Site")]);
    }
    assert_eq!(
        handler.calls(),
        0,
        "the handler's side effects must not happen"
    );
}

#[test]
fn allowed_same_origin_and_origin_less_requests_still_pass() {
    let handler = Handler::default();
    let allowed = send(
        &refusing_policy(),
        &handler,
        get_from("https://app.example.com"),
    );
    assert_eq!(allowed.status(), StatusCode::OK);
    let same_origin = send(
        &refusing_policy(),
        &handler,
        request(
            Method::POST,
            &[
                ("origin", "https://api.example.com"),
                ("sec-fetch-site", "same-origin"),
            ],
        ),
    );
    assert_eq!(same_origin.status(), StatusCode::OK);
    assert_cors(&same_origin, &[("vary", "Origin, Sec-Fetch-Site")]);
    assert_cors(
        &allowed,
        &[
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-origin", "https://app.example.com"),
            ("vary", "Origin, Sec-Fetch-Site"),
        ],
    );
    let no_origin = send(&refusing_policy(), &handler, request(Method::POST, &[]));
    assert_eq!(no_origin.status(), StatusCode::OK);
    assert_cors(&no_origin, &[("vary", "Origin, Sec-Fetch-Site")]);
    assert_eq!(handler.calls(), 3);
}

#[test]
fn without_the_option_disallowed_origins_reach_the_handler() {
    let handler = Handler::default();
    let response = send(
        &app_policy(),
        &handler,
        get_from("https://evil.example.net"),
    );
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response, &[("vary", "Origin")]);
    assert_eq!(handler.calls(), 1);
}
