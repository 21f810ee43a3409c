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

/// Responses with many headers take the hashed look-up of `Vary` instead of a look
/// through the names: the same answers either way.
#[test]
fn vary_is_appended_once_on_responses_with_many_headers() {
    let many = [
        ("content-type", "text/plain"),
        ("cache-control", "no-store"),
        ("x-a", "1"),
        ("x-b", "2"),
        ("x-c", "3"),
        ("x-d", "4"),
        ("x-e", "5"),
        ("x-f", "6"),
        ("x-g", "7"),
    ];
    for (existing, expected) in [
        (None, "Origin"),
        (Some("Accept-Encoding"), "Accept-Encoding, Origin"),
        (Some("origin"), "origin"),
        (Some("*"), "*"),
    ] {
        let mut headers = many.to_vec();
        headers.extend(existing.map(|value| ("vary", value)));
        let handler = Handler {
            headers,
            ..Handler::default()
        };
        for request in [
            get_from("https://app.example.com"),
            get_from("https://evil.example.net"),
        ] {
            let response = send(&app_policy(), &handler, request);
            assert_eq!(vary(&response), expected, "{existing:?}");
        }
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
        assert_eq!(vary(&response), PREFLIGHT_VARY.1);
    }
}

/// A `refuse_disallowed` policy's answers depend on `Sec-Fetch-Site` too: `Vary` names
/// it, and is appended unless the handler's already names both.
#[test]
fn refusing_policies_vary_on_sec_fetch_site_too() {
    let refusing = refusing_uncredentialed_policy();
    for (existing, expected) in [
        (None, "Origin, Sec-Fetch-Site"),
        (Some("origin"), "origin, Origin, Sec-Fetch-Site"),
        (Some("Sec-Fetch-Site, Origin"), "Sec-Fetch-Site, Origin"),
        (Some("*"), "*"),
    ] {
        let handler = Handler {
            headers: existing.map(|v| vec![("vary", v)]).unwrap_or_default(),
            ..Handler::default()
        };
        let response = send(&refusing, &handler, get_from("https://app.example.com"));
        assert_eq!(vary(&response), expected, "{existing:?}");
    }
}
