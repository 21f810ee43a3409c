//! `Vary` on every kind of response, appended to the handler's own.

mod support;

use http::Method;
use support::*;

#[test]
fn vary_origin_on_allowed_disallowed_and_non_cors_responses() {
    let handler = Handler::default();
    for request in [
        get_from("https://app.example.com"),
        get_from("https://evil.example.net"),
        request(Method::GET, &[]),
    ] {
        let response = send(&app_policy(), &handler, request);
        assert_eq!(vary(&response), "Origin");
    }
}

#[test]
fn vary_is_appended_to_the_handlers_vary() {
    let handler = Handler {
        headers: vec![("vary", "Accept-Encoding")],
        ..Handler::default()
    };
    for request in [
        get_from("https://app.example.com"),
        get_from("https://evil.example.net"),
        request(Method::GET, &[]),
    ] {
        let response = send(&app_policy(), &handler, request);
        assert_eq!(vary(&response), "Accept-Encoding, Origin");
    }
}

#[test]
fn vary_is_not_repeated_when_the_handler_already_varies_on_origin_or_everything() {
    for existing in ["origin", "Accept, Origin", "*"] {
        let handler = Handler {
            headers: vec![("vary", existing)],
            ..Handler::default()
        };
        let response = send(&app_policy(), &handler, get_from("https://app.example.com"));
        assert_eq!(vary(&response), existing);
    }
}

#[test]
fn preflights_vary_on_the_request_method_and_headers_too() {
    let handler = Handler::default();
    for policy in [app_policy(), public_policy()] {
        let response = send(
            &policy,
            &handler,
            preflight("https://app.example.com", "PUT", None),
        );
        assert_eq!(
            vary(&response),
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
        );
    }
}
