//! A request with some header in several field lines (HTTP/2 clients may send `Cookie`
//! in pieces) takes the layer's other way of reading headers (`get_all`, out of line):
//! it must answer exactly as the same request without them.

mod support;

use http::{HeaderValue, Request};
use support::*;

/// The same request with two `cookie` field lines added.
fn with_cookie_pieces(request: &Request<()>) -> Request<()> {
    let mut copy = copy_of(request);
    let headers = copy.headers_mut();
    headers.append("cookie", HeaderValue::from_static("a=1"));
    headers.append("cookie", HeaderValue::from_static("b=2"));
    copy
}

#[test]
fn a_repeated_header_of_another_name_changes_no_answer() {
    let mut repeated_origin = get_from("https://app.example.com");
    repeated_origin.headers_mut().append(
        "origin",
        HeaderValue::from_static("https://app.example.com"),
    );
    let requests = [
        get_from("https://app.example.com"),
        get_from("https://evil.example.net"),
        request(http::Method::GET, &[]),
        preflight(
            "https://app.example.com",
            "PUT",
            Some("content-type,x-request-id"),
        ),
        preflight("https://app.example.com", "PUT", Some("x-evil")),
        preflight("https://app.example.com", "PATCH", None),
        preflight("https://evil.example.net", "PUT", None),
        repeated_origin,
    ];
    for policy in [app_policy(), public_policy(), refusing_policy()] {
        for plain in &requests {
            let handler = Handler::default();
            let with = send(&policy, &handler, with_cookie_pieces(plain));
            let without = send(&policy, &handler, copy_of(plain));
            assert_eq!(
                (with.status(), cors_and_vary(&with)),
                (without.status(), cors_and_vary(&without)),
                "{policy:?} {plain:?}"
            );
        }
    }
}

/// The same request (`Request` is not `Clone`).
fn copy_of(request: &Request<()>) -> Request<()> {
    let mut copy = Request::new(());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}
