//! Preflights: answered with 204 before the handler, allowed or denied by origin,
//! method and headers.

mod support;

use http::StatusCode;
use support::*;

#[test]
fn an_allowed_preflight_is_answered_without_the_handler() {
    let handler = Handler::default();
    let response = send(
        &app_policy(),
        &handler,
        preflight(
            "https://app.example.com",
            "PUT",
            Some("content-type,x-request-id"),
        ),
    );
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(handler.calls(), 0, "a preflight must not reach the handler");
    assert!(response.body().is_empty());
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&response, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        header(&response, "access-control-allow-methods"),
        Some("GET, PUT, DELETE")
    );
    assert_eq!(
        header(&response, "access-control-allow-headers"),
        Some("content-type, x-request-id")
    );
    assert_eq!(header(&response, "access-control-max-age"), Some("600"));
    assert_eq!(
        vary(&response),
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
    );
    assert_eq!(
        header(&response, "access-control-expose-headers"),
        None,
        "expose is for actual responses"
    );
}

#[test]
fn a_disallowed_origin_s_preflight_gets_no_cors_header() {
    let handler = Handler::default();
    let response = send(
        &app_policy(),
        &handler,
        preflight("https://evil.example.net", "PUT", None),
    );
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(!has_cors_headers(&response), "{:?}", response.headers());
    assert_eq!(handler.calls(), 0);
    assert_eq!(
        vary(&response),
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
    );
}

/// Issue 10, item 2: when the origin is allowed but the method or a header is not, the
/// answer names the origin (and credentials) and the policy's own methods and headers,
/// never the refused one and without `Max-Age`, so that the browser reports the method
/// or the header instead of a missing `Access-Control-Allow-Origin`.
#[test]
fn an_allowed_origin_s_refused_preflight_names_what_the_policy_allows() {
    let refused = [
        (
            preflight("https://app.example.com", "PATCH", None),
            "method \"PATCH\"",
        ),
        (
            preflight("https://app.example.com", "put", None),
            "method \"put\"",
        ),
        (
            preflight(
                "https://app.example.com",
                "PUT",
                Some("content-type,x-secret"),
            ),
            "request header \"x-secret\"",
        ),
        (
            preflight("https://app.example.com", "PUT", Some("authorization")),
            "request header \"authorization\"",
        ),
    ];
    for (request, named) in refused {
        let explained = app_policy().explain(&request).to_string();
        assert!(
            explained.starts_with(&format!("refused: {named} is not allowed")),
            "{explained}"
        );
        let handler = Handler::default();
        let response = send(&app_policy(), &handler, request);
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_eq!(
            cors_headers(&response),
            [
                ("access-control-allow-credentials", "true"),
                ("access-control-allow-headers", "content-type, x-request-id"),
                ("access-control-allow-methods", "GET, PUT, DELETE"),
                ("access-control-allow-origin", "https://app.example.com"),
            ],
            "{named}"
        );
        assert_eq!(handler.calls(), 0);
    }
}

#[test]
fn header_names_match_case_insensitively_and_methods_case_sensitively() {
    let handler = Handler::default();
    let response = send(
        &app_policy(),
        &handler,
        preflight(
            "https://app.example.com",
            "DELETE",
            Some("Content-Type, X-Request-ID"),
        ),
    );
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://app.example.com")
    );

    let patch = cors_policy::Policy::builder()
        .origins(["https://app.example.com"])
        .methods(["PATCH"])
        .build()
        .unwrap();
    let allowed = send(
        &patch,
        &handler,
        preflight("https://app.example.com", "PATCH", None),
    );
    assert!(has_cors_headers(&allowed));
    let lowercase = preflight("https://app.example.com", "patch", None);
    assert!(
        !patch.explain(&lowercase).is_allowed(),
        "`patch` is not `PATCH`"
    );
}

#[test]
fn safelisted_methods_pass_without_being_listed() {
    // A POST with a JSON body is preflighted with `Access-Control-Request-Method: POST`;
    // browsers accept GET, HEAD and POST whatever Access-Control-Allow-Methods says.
    let policy = cors_policy::Policy::builder()
        .origins(["https://app.example.com"])
        .allow_headers(["content-type"])
        .build()
        .unwrap();
    let handler = Handler::default();
    let response = send(
        &policy,
        &handler,
        preflight("https://app.example.com", "POST", Some("content-type")),
    );
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(header(&response, "access-control-allow-methods"), None);
    assert_eq!(
        header(&response, "access-control-allow-headers"),
        Some("content-type")
    );
}

#[test]
fn wildcard_policy_answers_with_star_and_echoes_requested_headers() {
    let handler = Handler::default();
    let response = send(
        &public_policy(),
        &handler,
        preflight("https://anyone.example", "PATCH", Some("x-custom,x-other")),
    );
    assert_eq!(header(&response, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&response, "access-control-allow-credentials"), None);
    assert_eq!(header(&response, "access-control-allow-methods"), Some("*"));
    // The requested list is echoed rather than `*`, so that a browser's preflight cache
    // holds only the names that were checked.
    assert_eq!(
        header(&response, "access-control-allow-headers"),
        Some("x-custom,x-other")
    );
}

#[test]
fn wildcard_request_headers_never_cover_authorization() {
    // Fetch: `*` in `Access-Control-Allow-Headers` never covers `Authorization`. The
    // answer names the other requested headers, never `*` and never `authorization`.
    let handler = Handler::default();
    let request = || {
        preflight(
            "https://anyone.example",
            "PATCH",
            Some("authorization,x-custom"),
        )
    };
    assert_eq!(
        public_policy().explain(&request()).verdict(),
        cors_policy::Verdict::Refused(cors_policy::Refusal::HeaderNotAllowed(b"authorization"))
    );
    let response = send(&public_policy(), &handler, request());
    assert_eq!(response.status(), 204);
    assert_eq!(
        cors_headers(&response),
        [
            ("access-control-allow-headers", "x-custom"),
            ("access-control-allow-methods", "*"),
            ("access-control-allow-origin", "*"),
        ]
    );
    assert_eq!(handler.calls(), 0);
}

#[test]
fn private_network_is_opt_in() {
    let request = || {
        request(
            http::Method::OPTIONS,
            &[
                ("origin", "https://app.example.com"),
                ("access-control-request-method", "GET"),
                ("access-control-request-private-network", "true"),
            ],
        )
    };
    let handler = Handler::default();
    let plain = send(&app_policy(), &handler, request());
    assert_eq!(header(&plain, "access-control-allow-private-network"), None);
    let opted_in = cors_policy::Policy::builder()
        .origins(["https://app.example.com"])
        .private_network()
        .build()
        .unwrap();
    let response = send(&opted_in, &handler, request());
    assert_eq!(
        header(&response, "access-control-allow-private-network"),
        Some("true")
    );
}

#[test]
fn options_without_request_method_is_not_a_preflight() {
    let handler = Handler::default();
    let response = send(
        &app_policy(),
        &handler,
        request(
            http::Method::OPTIONS,
            &[("origin", "https://app.example.com")],
        ),
    );
    assert_eq!(handler.calls(), 1, "a plain OPTIONS goes to the handler");
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(header(&response, "access-control-allow-methods"), None);
}
