//! Every reason a decision can carry, at the `decide` level: the verdict, the action,
//! and the one-line explanation, which names what the policy allows and escapes what the
//! request sent.

mod support;

use http::{HeaderValue, Method, Request, StatusCode};
use support::*;
use typed_cors::{Action, Allowance, Policy, Refusal, Verdict};

fn policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com", "https://*.example.net"])
        .credentials()
        .methods(["PUT", "DELETE"])
        .allow_headers(["content-type"])
        .build()
        .unwrap()
}

fn explained(policy: &Policy, request: &Request<()>) -> (Verdict<'static>, Action, String) {
    let decision = policy.explain(request);
    // The verdict borrows from the request; compare it through its `Debug` form here.
    let verdict = leak(decision.verdict());
    (verdict, decision.action(), decision.to_string())
}

/// A verdict made `'static` (test only: the request outlives nothing here).
fn leak(verdict: Verdict<'_>) -> Verdict<'static> {
    match verdict {
        Verdict::Allowed(how) => Verdict::Allowed(how),
        Verdict::Refused(refusal) => Verdict::Refused(match refusal {
            Refusal::OriginNotAllowed(v) => {
                Refusal::OriginNotAllowed(Box::leak(Box::new(v.clone())))
            }
            Refusal::MethodNotAllowed(v) => {
                Refusal::MethodNotAllowed(Box::leak(Box::new(v.clone())))
            }
            Refusal::HeaderNotAllowed(name) => {
                Refusal::HeaderNotAllowed(Box::leak(name.to_vec().into_boxed_slice()))
            }
            Refusal::NoOrigin => Refusal::NoOrigin,
            Refusal::RepeatedOrigin => Refusal::RepeatedOrigin,
            Refusal::NullOrigin => Refusal::NullOrigin,
            Refusal::OriginNotUtf8 => Refusal::OriginNotUtf8,
            Refusal::RepeatedRequestMethod => Refusal::RepeatedRequestMethod,
            Refusal::RepeatedRequestHeaders => Refusal::RepeatedRequestHeaders,
            Refusal::PrivateNetworkNotAllowed => Refusal::PrivateNetworkNotAllowed,
            other => panic!("a new refusal: {other:?}"),
        }),
    }
}

#[test]
fn allowed_says_how() {
    let (verdict, action, text) = explained(&policy(), &get_from("https://app.example.com"));
    assert_eq!(verdict, Verdict::Allowed(Allowance::ExactOrigin));
    assert_eq!(action, Action::Forward);
    assert_eq!(
        text,
        "allowed: origin \"https://app.example.com\" is listed"
    );

    let (verdict, _, text) = explained(&policy(), &get_from("https://a.b.example.net"));
    assert_eq!(verdict, Verdict::Allowed(Allowance::Pattern(0)));
    assert_eq!(
        text,
        "allowed: origin \"https://a.b.example.net\" matches \"https://*.example.net\""
    );

    let (verdict, _, text) = explained(&public_policy(), &request(Method::GET, &[]));
    assert_eq!(verdict, Verdict::Allowed(Allowance::AnyOrigin));
    assert_eq!(text, "allowed: the policy allows any origin (`*`)");
}

#[test]
fn each_origin_refusal_is_named() {
    let two = request(
        Method::GET,
        &[
            ("origin", "https://app.example.com"),
            ("origin", "https://evil.example"),
        ],
    );
    let mut not_utf8 = request(Method::GET, &[]);
    not_utf8.headers_mut().insert(
        "origin",
        HeaderValue::from_bytes(b"https://\xff.example").unwrap(),
    );
    let cases = [
        (
            request(Method::GET, &[]),
            "refused: no `Origin` header: not a CORS request",
        ),
        (two, "refused: `Origin` is repeated, which is ambiguous"),
        (
            get_from("null"),
            "refused: origin \"null\" is never allowed (sandboxed iframes, `data:` and `file:` pages send it)",
        ),
        (not_utf8, "refused: the `Origin` header is not UTF-8"),
        (
            get_from("https://app.example.org"),
            "refused: origin \"https://app.example.org\" is not allowed (allowed: \"https://app.example.com\", \"https://*.example.net\")",
        ),
    ];
    let codes = [
        "no_origin",
        "repeated_origin",
        "null_origin",
        "origin_not_utf8",
        "origin_not_allowed",
    ];
    for ((request, text), code) in cases.into_iter().zip(codes) {
        let (verdict, action, explained) = explained(&policy(), &request);
        assert_eq!(explained, text);
        let Verdict::Refused(refusal) = verdict else {
            panic!("{text}: allowed");
        };
        assert_eq!(refusal.code(), code);
        assert!(refusal.is_about_origin());
        assert_eq!(action, Action::Forward);
    }
}

#[test]
fn each_preflight_refusal_is_named() {
    let cases = [
        (
            preflight("https://app.example.com", "PATCH", None),
            Refusal::MethodNotAllowed(&HeaderValue::from_static("PATCH")),
            "refused: method \"PATCH\" is not allowed (allowed: PUT, DELETE; GET, HEAD and POST always pass)",
        ),
        (
            preflight(
                "https://app.example.com",
                "PUT",
                Some("content-type, x-secret, x-other"),
            ),
            Refusal::HeaderNotAllowed(b"x-secret"),
            "refused: request header \"x-secret\" is not allowed (allowed: content-type)",
        ),
        (
            request(
                Method::OPTIONS,
                &[
                    ("origin", "https://app.example.com"),
                    ("access-control-request-method", "PUT"),
                    ("access-control-request-method", "DELETE"),
                ],
            ),
            Refusal::RepeatedRequestMethod,
            "refused: `Access-Control-Request-Method` is repeated, which is ambiguous",
        ),
        (
            request(
                Method::OPTIONS,
                &[
                    ("origin", "https://app.example.com"),
                    ("access-control-request-method", "PUT"),
                    ("access-control-request-private-network", "true"),
                ],
            ),
            Refusal::PrivateNetworkNotAllowed,
            "refused: a Private Network Access preflight, and the policy has no `private_network`",
        ),
    ];
    for (request, refusal, text) in cases {
        let (verdict, action, explained) = explained(&policy(), &request);
        assert_eq!(verdict, leak(Verdict::Refused(refusal)), "{text}");
        assert_eq!(explained, text);
        assert_eq!(action, Action::Respond(StatusCode::NO_CONTENT));
        assert!(!refusal.is_about_origin());
    }
    // Under `*`, `Authorization` and repeated lists.
    let star = preflight("https://a.example", "GET", Some("x-a,Authorization"));
    assert_eq!(
        explained(&public_policy(), &star).2,
        "refused: request header \"Authorization\" is not allowed (`*` never covers `Authorization`; allow it with `allow_headers = [\"*\", \"authorization\"]`)"
    );
    let repeated = request(
        Method::OPTIONS,
        &[
            ("origin", "https://a.example"),
            ("access-control-request-method", "GET"),
            ("access-control-request-headers", "x-a"),
            ("access-control-request-headers", "x-b"),
        ],
    );
    assert_eq!(
        explained(&public_policy(), &repeated).0,
        Verdict::Refused(Refusal::RepeatedRequestHeaders)
    );
}

/// The text names what the policy allows whatever its `methods`: under `*` the only
/// method refused is an empty one, which names no method at all; with no `methods`, only
/// the safelisted three pass.
#[test]
fn a_refused_method_names_what_the_policy_allows() {
    let empty = preflight("https://a.example", "", None);
    let (verdict, _, text) = explained(&public_policy(), &empty);
    assert_eq!(
        verdict,
        leak(Verdict::Refused(Refusal::MethodNotAllowed(
            &HeaderValue::from_static("")
        )))
    );
    assert_eq!(
        text,
        "refused: method \"\" is not allowed (the policy allows any method, but an empty `Access-Control-Request-Method` names none)"
    );
    let unlisted = Policy::builder()
        .origins(["https://app.example.com"])
        .build()
        .unwrap();
    assert_eq!(
        explained(
            &unlisted,
            &preflight("https://app.example.com", "PUT", None)
        )
        .2,
        "refused: method \"PUT\" is not allowed (allowed: GET, HEAD and POST, which always pass; the policy lists no other)"
    );
}

#[test]
fn refuse_disallowed_says_it_answered_403() {
    let policy = Policy::builder()
        .origins(["https://app.example.com"])
        .refuse_disallowed_origins()
        .build()
        .unwrap();
    let (_, action, text) = explained(&policy, &get_from("https://evil.example"));
    assert_eq!(action, Action::Respond(StatusCode::FORBIDDEN));
    assert_eq!(
        text,
        "refused: origin \"https://evil.example\" is not allowed (allowed: \"https://app.example.com\"); answered 403 before the handler (refuse_disallowed)"
    );
}

#[test]
fn long_policies_and_values_are_cut_short() {
    let origins: Vec<String> = (0..20)
        .map(|i| format!("https://a{i}.example.com"))
        .collect();
    let policy = Policy::builder().origins(&origins).build().unwrap();
    let text = explained(&policy, &get_from("https://b.example.com")).2;
    assert!(
        text.ends_with("\"https://a7.example.com\", and 12 more)"),
        "{text}"
    );
    let long = format!("https://{}.example", "a".repeat(300));
    let text = explained(&policy, &get_from(&long)).2;
    assert!(text.len() < 600 && text.contains("...\""), "{text}");
}
