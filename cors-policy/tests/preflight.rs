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
/// or the header instead of a missing `Access-Control-Allow-Origin`. (A method listed
/// but for its case: see `a_method_refused_only_by_its_case_gets_no_allowed_methods`.)
#[test]
fn an_allowed_origin_s_refused_preflight_names_what_the_policy_allows() {
    let refused = [
        (
            preflight("https://app.example.com", "PATCH", None),
            "method \"PATCH\"",
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

/// A Private Network Access preflight from an allowed origin that asks for a method or a
/// header the policy refuses still gets `Access-Control-Allow-Private-Network: true` when
/// the policy allows private network access: Chromium checks that header before the
/// method and the headers (`preflight_controller.cc`), so without it the console would
/// say `PreflightMissingAllowPrivateNetwork` instead of naming the method or header.
/// A disallowed origin still gets no CORS header at all.
#[test]
fn a_refused_private_network_preflight_still_allows_the_private_network() {
    let asking = |origin, method, headers: Option<&str>| {
        let mut list = vec![
            ("origin", origin),
            ("access-control-request-method", method),
            ("access-control-request-private-network", "true"),
        ];
        if let Some(headers) = headers {
            list.push(("access-control-request-headers", headers));
        }
        request(http::Method::OPTIONS, &list)
    };
    let handler = Handler::default();
    let policy = private_network_policy();
    for refused in [
        asking("https://app.example.com", "PATCH", None),
        asking("https://app.example.com", "GET", Some("x-secret")),
    ] {
        let response = send(&policy, &handler, refused);
        assert_cors(
            &response,
            &[
                ("access-control-allow-origin", "https://app.example.com"),
                ("access-control-allow-private-network", "true"),
                PREFLIGHT_VARY,
            ],
        );
    }
    let response = send(
        &policy,
        &handler,
        asking("https://evil.example.net", "PATCH", None),
    );
    assert_cors(&response, &[PREFLIGHT_VARY]);
    // Not asked, not answered.
    let response = send(
        &policy,
        &handler,
        preflight("https://app.example.com", "PATCH", None),
    );
    assert_cors(
        &response,
        &[
            ("access-control-allow-origin", "https://app.example.com"),
            PREFLIGHT_VARY,
        ],
    );
    assert_eq!(handler.calls(), 0);
}

/// A method refused only because of its case (`put` under `methods = [PUT]`: methods
/// match case-sensitively) gets no `Access-Control-Allow-Methods`: Chromium with
/// `AccessControlAllowMethodsInCORSPreflightSpecConformant` off (an enterprise policy,
/// older builds) uppercases before comparing and would accept `PUT` for `put`. Any other
/// refused method still sees the policy's list.
#[test]
fn a_method_refused_only_by_its_case_gets_no_allowed_methods() {
    let handler = Handler::default();
    let refused_answer = |methods: Option<&'static str>| {
        let mut answer = vec![
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-headers", "content-type, x-request-id"),
        ];
        answer.extend(methods.map(|m| ("access-control-allow-methods", m)));
        answer.extend([
            ("access-control-allow-origin", "https://app.example.com"),
            PREFLIGHT_VARY,
        ]);
        answer
    };
    for method in ["put", "Put", "delete"] {
        let response = send(
            &app_policy(),
            &handler,
            preflight("https://app.example.com", method, None),
        );
        assert_cors(&response, &refused_answer(None));
    }
    for method in ["PATCH", "patch", "PUTS"] {
        let response = send(
            &app_policy(),
            &handler,
            preflight("https://app.example.com", method, None),
        );
        assert_cors(&response, &refused_answer(Some("GET, PUT, DELETE")));
    }
    // The method exactly as listed passes.
    let response = send(
        &app_policy(),
        &handler,
        preflight("https://app.example.com", "PUT", None),
    );
    assert_cors(&response, APP_PREFLIGHT_ALLOWED);
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
