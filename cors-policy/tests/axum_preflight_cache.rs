//! The per-method router's preflight cache: an answer that allows request headers says
//! `Access-Control-Max-Age: 0` when another handler of its path, of any method, has
//! another policy, and keeps the policy's `max_age` when all share it.
//!
//! Fetch matches a cached answer's methods and its header names independently (fetch.bs,
//! "HTTP fetch": "method cache entry match", "header-name cache entry match"), as Firefox
//! does: `PUT`'s answer caches `PUT` and `x-token`, `DELETE`'s own caches `DELETE`, and a
//! `DELETE` with `x-token` then goes unasked to `remove`, whose policy never allowed
//! `x-token`. Chromium keeps one entry per URL, replaced by each answer, and cannot show
//! this: the browser suite cannot either, so these tests are the evidence.

use axum::Router;
use axum::body::Body;
use http::{Method, Request};
use tower::ServiceExt;
use typed_cors::{CorsLayer, cors};

/// Allows the request header `x-token` for the page.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
async fn update() -> &'static str {
    "updated"
}

/// `DELETE` for the page, same `max_age`, no request header: another policy.
#[cors(origins = ["https://app.example.com"], credentials, methods = [DELETE], max_age = 600)]
async fn remove() -> &'static str {
    "removed"
}

/// The `Access-Control-Max-Age` of the answer to a preflight for `PUT` with `x-token`.
async fn put_max_age(app: Router) -> Option<String> {
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/notes")
        .header("origin", "https://app.example.com")
        .header("access-control-request-method", "PUT")
        .header("access-control-request-headers", "x-token")
        .body(Body::empty())
        .expect("request");
    let response = app.oneshot(preflight).await.expect("infallible");
    assert_eq!(response.headers()["access-control-allow-methods"], "PUT");
    (response.headers().get("access-control-max-age"))
        .map(|v| v.to_str().expect("ascii").to_owned())
}

#[tokio::test]
async fn an_answer_allowing_headers_beside_another_policys_delete_is_uncached() {
    let notes = typed_cors::axum::put(update, CorsLayer::of::<update>())
        .delete(remove, CorsLayer::of::<remove>());
    let app = Router::new().route("/notes", notes.into());
    assert_eq!(put_max_age(app).await.as_deref(), Some("0"));
}

#[tokio::test]
async fn one_policy_for_the_path_keeps_caching() {
    let notes = typed_cors::axum::put(update, CorsLayer::of::<update>())
        .delete(remove, CorsLayer::of::<update>());
    let app = Router::new().route("/notes", notes.into());
    assert_eq!(put_max_age(app).await.as_deref(), Some("600"));
}
