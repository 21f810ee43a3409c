//! Which origins are allowed: exact lists, subdomain patterns, the misconfiguration
//! classes scanners probe, and hostile `Origin` headers.

mod support;

use http::{HeaderValue, Method, Request};
use support::*;
use typed_cors::{Policy, Refusal, Verdict};

fn allowed(policy: &Policy, origin: &str) -> bool {
    let handler = Handler::default();
    let response = send(policy, &handler, get_from(origin));
    let preflight = send(policy, &handler, preflight(origin, "GET", None));
    let actual_allowed = header(&response, "access-control-allow-origin") == Some(origin);
    assert_eq!(
        actual_allowed,
        has_cors_headers(&response),
        "{origin}: {:?}",
        response.headers()
    );
    assert_eq!(
        actual_allowed,
        has_cors_headers(&preflight),
        "{origin}: preflight disagrees"
    );
    actual_allowed
}

#[test]
fn subdomain_patterns_are_anchored_and_label_aware() {
    let policy = subdomains_policy();
    for origin in [
        "https://a.example.com",
        "https://a.b.example.com",
        "https://x-1.example.com",
    ] {
        assert!(allowed(&policy, origin), "{origin}");
    }
    for origin in [
        "https://a.example.com.evil.net",
        "https://evilexample.com",
        "https://evil-example.com",
        "https://example.com",
        "http://a.example.com",
        "https://a.example.com:8443",
        "https://a.example.com_.evil.net",
    ] {
        assert!(!allowed(&policy, origin), "{origin}");
    }
    let with_apex = subdomains_and_apex_policy();
    assert!(
        allowed(&with_apex, "https://example.com"),
        "the apex is allowed when listed"
    );
}

#[test]
fn misconfiguration_class_origins_get_no_cors_headers() {
    let policy = app_policy();
    assert!(allowed(&policy, "https://app.example.com"));
    for origin in [
        "https://evil.example.net",
        "null",
        "https://evilexample.com",
        "https://app.example.com.evil.net",
        "https://xample.com",
        "https://appxexample.com",
        "https://app.example.com_.evil.net",
        "https://app.example.com%60.evil.net",
        "https://app.example.com/path",
        "https://app.example.com/",
        "http://app.example.com",
        "https://sub.app.example.com",
        "https://APP.example.com",
        "https://app.example.com:443",
        "",
    ] {
        assert!(!allowed(&policy, origin), "{origin:?}");
    }
}

#[test]
fn many_origins_are_all_found() {
    let origins = tenants();
    let policy = many_origins();
    for origin in origins.iter().step_by(97) {
        assert!(allowed(&policy, origin), "{origin}");
    }
    assert!(!allowed(&policy, "https://tenant1000.example.org"));
}

#[test]
fn hostile_origin_headers_are_refused_without_panicking() {
    let policy = app_policy();
    let handler = Handler::default();
    let huge = format!("https://{}.example.com", "a".repeat(64 * 1024));
    let hostile: Vec<Vec<HeaderValue>> = vec![
        vec![HeaderValue::from_bytes(b"https://app.example.com\xff").unwrap()],
        vec![HeaderValue::from_bytes(b"\x80\x81\xfe").unwrap()],
        vec![HeaderValue::from_str(&huge).unwrap()],
        vec![HeaderValue::from_static("")],
        vec![HeaderValue::from_static("null")],
        // Repeated Origin: ambiguous, so refused even when one copy is allowed.
        vec![
            HeaderValue::from_static("https://app.example.com"),
            HeaderValue::from_static("https://evil.example.net"),
        ],
        vec![
            HeaderValue::from_static("https://app.example.com"),
            HeaderValue::from_static("https://app.example.com"),
        ],
    ];
    for values in hostile {
        for method in [Method::GET, Method::OPTIONS] {
            let mut request = Request::builder()
                .method(method.clone())
                .uri("/")
                .body(())
                .unwrap();
            for value in &values {
                request.headers_mut().append("origin", value.clone());
            }
            request.headers_mut().insert(
                "access-control-request-method",
                HeaderValue::from_static("GET"),
            );
            let response = send(&policy, &handler, request);
            assert!(!has_cors_headers(&response), "{values:?} {method}");
        }
    }
}

#[test]
fn a_request_headers_list_with_ten_thousand_entries_is_handled() {
    let policy = app_policy();
    let handler = Handler::default();
    let allowed_many = vec!["content-type"; 10_000].join(",");
    let response = send(
        &policy,
        &handler,
        preflight("https://app.example.com", "PUT", Some(&allowed_many)),
    );
    assert!(has_cors_headers(&response));
    let mut refused_many = vec!["x-request-id"; 10_000];
    refused_many.push("x-not-allowed");
    let refused_many = refused_many.join(",");
    let request = || preflight("https://app.example.com", "PUT", Some(&refused_many));
    assert_eq!(
        policy.explain(&request()).verdict(),
        Verdict::Refused(Refusal::HeaderNotAllowed(b"x-not-allowed"))
    );
    // The origin is allowed: the answer names it and the policy's own headers, never the
    // refused one, so the browser's console names the header.
    let response = send(&policy, &handler, request());
    assert_eq!(
        header(&response, "access-control-allow-headers"),
        Some("content-type, x-request-id")
    );
    assert_eq!(header(&response, "access-control-max-age"), None);
    let empty_entries = ",,, ,".repeat(2_000);
    let response = send(
        &policy,
        &handler,
        preflight("https://app.example.com", "PUT", Some(&empty_entries)),
    );
    assert!(has_cors_headers(&response), "empty entries request nothing");
}

#[test]
fn repeated_request_method_headers_are_refused() {
    let handler = Handler::default();
    let request = request(
        Method::OPTIONS,
        &[
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "PUT"),
            ("access-control-request-method", "GET"),
        ],
    );
    assert_eq!(
        app_policy().explain(&request).verdict(),
        Verdict::Refused(Refusal::RepeatedRequestMethod)
    );
    let response = send(&app_policy(), &handler, request);
    assert_eq!(header(&response, "access-control-max-age"), None);
    assert_eq!(handler.calls(), 0);
}
