//! Actual requests: always reach the handler, every response decorated.

mod support;

use http::{Method, StatusCode};
use support::*;

#[test]
fn credentialed_actual_response_echoes_origin_and_exposes_headers() {
    let handler = Handler::default();
    let response = send(&app_policy(), &handler, get_from("https://app.example.com"));
    assert_eq!(handler.calls(), 1);
    assert_eq!(response.body(), "handler body");
    // Methods, request headers and max-age are for preflights only.
    assert_cors(&response, APP_ALLOWED);
}

/// The answer of `app_policy` to an allowed actual request.
const APP_ALLOWED: &[(&str, &str)] = &[
    ("access-control-allow-credentials", "true"),
    ("access-control-allow-origin", "https://app.example.com"),
    ("access-control-expose-headers", "x-request-id"),
    ("vary", "Origin"),
];

#[test]
fn wildcard_without_credentials_sends_star_and_no_vary() {
    let handler = Handler::default();
    let response = send(
        &public_policy(),
        &handler,
        get_from("https://anyone.example"),
    );
    // No `Vary`: a fixed `*` does not depend on `Origin`.
    assert_cors(&response, &[("access-control-allow-origin", "*")]);
}

#[test]
fn error_and_redirect_responses_are_decorated() {
    for status in [301, 302, 307, 400, 401, 404, 500, 503] {
        let handler = Handler {
            status: Some(StatusCode::from_u16(status).unwrap()),
            ..Handler::default()
        };
        let response = send(&app_policy(), &handler, get_from("https://app.example.com"));
        assert_eq!(response.status().as_u16(), status);
        assert_cors(&response, APP_ALLOWED);
    }
}

#[test]
fn a_disallowed_origin_reaches_the_handler_but_gets_no_cors_headers() {
    let handler = Handler {
        // A handler that sets its own CORS headers cannot widen the policy.
        headers: vec![
            ("access-control-allow-origin", "https://evil.example.net"),
            ("access-control-allow-credentials", "true"),
            ("access-control-expose-headers", "x-secret"),
            ("access-control-allow-methods", "DELETE"),
            ("access-control-allow-headers", "x-secret"),
            ("access-control-max-age", "86400"),
            ("access-control-allow-private-network", "true"),
            ("x-other", "kept"),
        ],
        ..Handler::default()
    };
    let response = send(
        &app_policy(),
        &handler,
        get_from("https://evil.example.net"),
    );
    assert_eq!(handler.calls(), 1);
    assert_cors(&response, &[("vary", "Origin")]);
    assert_eq!(header(&response, "x-other"), Some("kept"));
}

#[test]
fn the_policy_replaces_a_handlers_own_allow_origin() {
    let handler = Handler {
        headers: vec![("access-control-allow-origin", "*")],
        ..Handler::default()
    };
    let response = send(&app_policy(), &handler, get_from("https://app.example.com"));
    assert_cors(&response, APP_ALLOWED);
}

#[test]
fn requests_without_origin_pass_untouched_but_vary() {
    let handler = Handler::default();
    let response = send(&app_policy(), &handler, request(Method::POST, &[]));
    assert_eq!(handler.calls(), 1);
    assert_cors(&response, &[("vary", "Origin")]);
}
