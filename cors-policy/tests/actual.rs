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
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&response, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        header(&response, "access-control-expose-headers"),
        Some("x-request-id")
    );
    assert_eq!(vary(&response), "Origin");
    for preflight_only in [
        "access-control-allow-methods",
        "access-control-allow-headers",
        "access-control-max-age",
    ] {
        assert_eq!(header(&response, preflight_only), None, "{preflight_only}");
    }
}

#[test]
fn wildcard_without_credentials_sends_star_and_no_vary() {
    let handler = Handler::default();
    let response = send(
        &public_policy(),
        &handler,
        get_from("https://anyone.example"),
    );
    assert_eq!(header(&response, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&response, "access-control-allow-credentials"), None);
    assert_eq!(vary(&response), "", "a fixed `*` does not depend on Origin");
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
        assert_eq!(
            header(&response, "access-control-allow-origin"),
            Some("https://app.example.com"),
            "{status}"
        );
        assert_eq!(
            header(&response, "access-control-allow-credentials"),
            Some("true"),
            "{status}"
        );
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
    assert!(!has_cors_headers(&response), "{:?}", response.headers());
    assert_eq!(header(&response, "x-other"), Some("kept"));
    assert_eq!(vary(&response), "Origin");
}

#[test]
fn the_policy_replaces_a_handlers_own_allow_origin() {
    let handler = Handler {
        headers: vec![("access-control-allow-origin", "*")],
        ..Handler::default()
    };
    let response = send(&app_policy(), &handler, get_from("https://app.example.com"));
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

#[test]
fn requests_without_origin_pass_untouched_but_vary() {
    let handler = Handler::default();
    let response = send(&app_policy(), &handler, request(Method::POST, &[]));
    assert_eq!(handler.calls(), 1);
    assert!(!has_cors_headers(&response));
    assert_eq!(vary(&response), "Origin");
}
