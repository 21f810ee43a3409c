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
fn preflights_are_denied_by_origin_method_or_header() {
    let denied = [
        preflight("https://evil.example.net", "PUT", None),
        preflight("https://app.example.com", "PATCH", None),
        preflight("https://app.example.com", "put", None),
        preflight(
            "https://app.example.com",
            "PUT",
            Some("content-type,x-secret"),
        ),
        preflight("https://app.example.com", "PUT", Some("authorization")),
    ];
    for request in denied {
        let description = format!("{:?}", request.headers());
        let handler = Handler::default();
        let response = send(&app_policy(), &handler, request);
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{description}");
        assert!(
            !has_cors_headers(&response),
            "{description}: {:?}",
            response.headers()
        );
        assert_eq!(handler.calls(), 0);
        assert!(vary(&response).starts_with("Origin"), "{description}");
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
    let lowercase = send(
        &patch,
        &handler,
        preflight("https://app.example.com", "patch", None),
    );
    assert!(!has_cors_headers(&lowercase), "`patch` is not `PATCH`");
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
    // Fetch: `*` in `Access-Control-Allow-Headers` never covers `Authorization`.
    let handler = Handler::default();
    let response = send(
        &public_policy(),
        &handler,
        preflight(
            "https://anyone.example",
            "PATCH",
            Some("authorization,x-custom"),
        ),
    );
    assert_eq!(response.status(), 204);
    assert!(!has_cors_headers(&response), "{:?}", response.headers());
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
