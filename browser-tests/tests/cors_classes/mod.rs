//! Chromium's CORS error class for every blocked case (the value its console message
//! comes from), and what the server's answer must have been for Chromium to name it.

use browser_tests::harness::Servers;
use serde_json::Value;

use super::{Checks, header, seen};

/// Chromium's `corsErrorStatus` (`corsError`, `failedParameter`) for the blocked request
/// of each blocked case. Every case not listed must have no CORS error at all.
///
/// Issue 10, item 2: a preflight refused for its method or a header, from an allowed
/// origin, is answered with the origin (and credentials) and the policy's own methods
/// and headers, so that Chromium names the method or header instead of the origin
/// (`cors-policy/src/write.rs`). Before that change, each entry marked `item 2` was
/// `PreflightMissingAllowOriginHeader` with no parameter.
pub(crate) const BLOCKED_AS: &[(&str, &str, &str)] = &[
    // Credentials with `*`, simple and preflighted.
    ("star-credentialed-fetch", "WildcardOriginNotAllowed", ""),
    ("star-credentialed-xhr", "WildcardOriginNotAllowed", ""),
    // item 2: `*` allows the origin, so the refusal (of `x-case`) answers `*`, and
    // Chromium stops at `*` with credentials.
    (
        "star-credentialed-preflight",
        "PreflightWildcardOriginNotAllowed",
        "",
    ),
    // Origin refused: no CORS header at all, whatever else the request asks.
    ("partner-only-from-page", "MissingAllowOriginHeader", ""),
    (
        "partner-only-preflight-from-page",
        "PreflightMissingAllowOriginHeader",
        "",
    ),
    ("foreign-credentialed-fetch", "MissingAllowOriginHeader", ""),
    ("foreign-credentialed-xhr", "MissingAllowOriginHeader", ""),
    (
        "foreign-uncredentialed-fetch",
        "MissingAllowOriginHeader",
        "",
    ),
    // item 2: method refused, from an allowed origin.
    (
        "preflight-method-outside",
        "MethodDisallowedByPreflightResponse",
        "PATCH",
    ),
    (
        "patch-lowercase",
        "MethodDisallowedByPreflightResponse",
        "patch",
    ),
    (
        "patch-lowercase-xhr",
        "MethodDisallowedByPreflightResponse",
        "patch",
    ),
    // item 2: header refused, from an allowed origin. Under `allow_headers = ["*"]` the
    // answer must not say `*`: Chromium (156) would let `*` cover Authorization.
    (
        "preflight-header-outside",
        "HeaderDisallowedByPreflightResponse",
        "x-other",
    ),
    (
        "preflight-header-outside-xhr",
        "HeaderDisallowedByPreflightResponse",
        "x-other",
    ),
    (
        "auth-star-authorization",
        "HeaderDisallowedByPreflightResponse",
        "authorization",
    ),
    // A header named `*` is refused and never echoed (it would read as the wildcard).
    (
        "auth-star-named-star",
        "HeaderDisallowedByPreflightResponse",
        "authorization",
    ),
    (
        "auth-star-cached-then-authorization",
        "HeaderDisallowedByPreflightResponse",
        "authorization",
    ),
];

/// Checks every reported case's CORS errors against [`BLOCKED_AS`], and, for each blocked
/// one, that the server's answer is the one the class names.
pub(crate) fn check_cors_errors(servers: &Servers, results: &Value, checks: &mut Checks) {
    let Some(cases) = results.as_object() else {
        checks.check("report", false, format!("no results: {results}"));
        return;
    };
    for (case, result) in cases {
        let got: Vec<(&str, &str)> = result["corsErrors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        (
                            e["class"].as_str().unwrap_or("?"),
                            e["parameter"].as_str().unwrap_or("?"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let want: Vec<(&str, &str)> = BLOCKED_AS
            .iter()
            .filter(|(c, _, _)| c == case)
            .map(|&(_, class, parameter)| (class, parameter))
            .collect();
        checks.check(
            case,
            got == want,
            format!("Chromium's CORS errors {got:?}, expected {want:?}"),
        );
        if let [(class, parameter)] = want[..] {
            check_answer(servers, checks, case, class, parameter);
        }
    }
}

/// The server's answer that makes Chromium name `class`. Chromium checks a preflight's
/// answer in the order origin, credentials, method, headers, so a method or header class
/// also proves the origin (and, on a credentialed request, the credentials flag) right.
fn check_answer(servers: &Servers, checks: &mut Checks, case: &str, class: &str, parameter: &str) {
    let (preflights, actual) = seen(servers, case);
    let is_preflight_class =
        class.starts_with("Preflight") || class.ends_with("ByPreflightResponse");
    let answer = if is_preflight_class {
        preflights.last()
    } else {
        actual.last()
    };
    let Some(answer) = answer else {
        checks.check(
            case,
            false,
            format!("{class}: the server saw no such request"),
        );
        return;
    };
    let allow_origin = header(answer, "access-control-allow-origin");
    let lists = |name: &str, item: &str| {
        answer
            .response_header(name)
            .iter()
            .flat_map(|v| v.split(','))
            .any(|v| v.trim().eq_ignore_ascii_case(item))
    };
    let (ok, what) = match class {
        "MissingAllowOriginHeader" | "PreflightMissingAllowOriginHeader" => (
            !answer
                .response_headers
                .iter()
                .any(|(name, _)| name.starts_with("access-control-")),
            "no Access-Control-* header at all (the policy is not disclosed)",
        ),
        "WildcardOriginNotAllowed" | "PreflightWildcardOriginNotAllowed" => {
            (allow_origin == Some("*"), "Access-Control-Allow-Origin: *")
        }
        // Methods match case-sensitively, so `PATCH` listed does not cover `patch`.
        "MethodDisallowedByPreflightResponse" => (
            allow_origin == Some(examples::PAGE_ORIGIN)
                && !answer
                    .response_header("access-control-allow-methods")
                    .iter()
                    .flat_map(|v| v.split(','))
                    .any(|m| m.trim() == parameter),
            "the page origin allowed, the refused method not listed",
        ),
        "HeaderDisallowedByPreflightResponse" => (
            allow_origin == Some(examples::PAGE_ORIGIN)
                && !lists("access-control-allow-headers", parameter)
                && !lists("access-control-allow-headers", "*"),
            "the page origin allowed, the refused header not listed",
        ),
        _ => (false, "a class this suite does not know"),
    };
    checks.check(
        case,
        ok,
        format!("{class} ({parameter}): server answered with {what}? {answer:?}"),
    );
}
