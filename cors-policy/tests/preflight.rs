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
    // No `Expose-Headers`: it is for actual responses.
    assert_cors(&response, APP_PREFLIGHT_ALLOWED);
}

/// The answer of `app_policy` to an allowed preflight.
const APP_PREFLIGHT_ALLOWED: &[(&str, &str)] = &[
    ("access-control-allow-credentials", "true"),
    ("access-control-allow-headers", "content-type, x-request-id"),
    ("access-control-allow-methods", "GET, PUT, DELETE"),
    ("access-control-allow-origin", "https://app.example.com"),
    ("access-control-max-age", "600"),
    PREFLIGHT_VARY,
];

#[test]
fn a_disallowed_origin_s_preflight_gets_no_cors_header() {
    let handler = Handler::default();
    let response = send(
        &app_policy(),
        &handler,
        preflight("https://evil.example.net", "PUT", None),
    );
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(&response, &[PREFLIGHT_VARY]);
    assert_eq!(handler.calls(), 0);
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
        assert_cors(
            &response,
            &[
                ("access-control-allow-credentials", "true"),
                ("access-control-allow-headers", "content-type, x-request-id"),
                ("access-control-allow-methods", "GET, PUT, DELETE"),
                ("access-control-allow-origin", "https://app.example.com"),
                PREFLIGHT_VARY,
            ],
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
    assert_cors(&response, APP_PREFLIGHT_ALLOWED);

    let patch = patch_policy();
    let allowed = send(
        &patch,
        &handler,
        preflight("https://app.example.com", "PATCH", None),
    );
    assert_cors(
        &allowed,
        &[
            ("access-control-allow-methods", "PATCH"),
            ("access-control-allow-origin", "https://app.example.com"),
            PREFLIGHT_VARY,
        ],
    );
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
    let handler = Handler::default();
    let response = send(
        &content_type_policy(),
        &handler,
        preflight("https://app.example.com", "POST", Some("content-type")),
    );
    assert_cors(
        &response,
        &[
            ("access-control-allow-headers", "content-type"),
            ("access-control-allow-origin", "https://app.example.com"),
            PREFLIGHT_VARY,
        ],
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
    // The requested list is echoed rather than `*`, so that a browser's preflight cache
    // holds only the names that were checked.
    assert_cors(
        &response,
        &[
            ("access-control-allow-headers", "x-custom,x-other"),
            ("access-control-allow-methods", "*"),
            ("access-control-allow-origin", "*"),
            PREFLIGHT_VARY,
        ],
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
        typed_cors::Verdict::Refused(typed_cors::Refusal::HeaderNotAllowed(b"authorization"))
    );
    let response = send(&public_policy(), &handler, request());
    assert_eq!(response.status(), 204);
    assert_cors(
        &response,
        &[
            ("access-control-allow-headers", "x-custom"),
            ("access-control-allow-methods", "*"),
            ("access-control-allow-origin", "*"),
            PREFLIGHT_VARY,
        ],
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
    assert_cors(&plain, APP_PREFLIGHT_ALLOWED);
    let response = send(&private_network_policy(), &handler, request());
    assert_cors(
        &response,
        &[
            ("access-control-allow-origin", "https://app.example.com"),
            ("access-control-allow-private-network", "true"),
            PREFLIGHT_VARY,
        ],
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
    // An actual request's answer: exposed headers, no preflight headers.
    assert_cors(
        &response,
        &[
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-origin", "https://app.example.com"),
            ("access-control-expose-headers", "x-request-id"),
            ("vary", "Origin"),
        ],
    );
}
