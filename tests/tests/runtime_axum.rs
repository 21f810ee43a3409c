//! A real axum `Router` served by hyper on 127.0.0.1, driven over TCP by reqwest:
//! preflights and actual requests through the per-route and whole-router layers.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use reqwest::Method;
use tests::{one, request_from, serve, vary};
use typed_cors::{CorsLayer, Policy};

fn policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com", "https://*.partner.example"])
        .credentials()
        .methods(["GET", "PUT", "DELETE"])
        .allow_headers(["content-type", "x-request-id"])
        .expose_headers(["x-request-id"])
        .max_age(600)
        .build()
        .expect("valid policy")
}

fn counted_app(calls: Arc<AtomicUsize>) -> Router {
    let handler = move || {
        let calls = calls.clone();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            (
                [("x-request-id", "42"), ("vary", "Accept-Encoding")],
                "profile",
            )
        }
    };
    let missing = || async { (StatusCode::NOT_FOUND, "no such item") };
    Router::new()
        .route(
            "/profile",
            get(handler.clone())
                .put(handler)
                .layer(CorsLayer::new(policy())),
        )
        .route("/missing", get(missing).layer(CorsLayer::new(policy())))
}

#[tokio::test]
async fn per_route_layer_answers_preflights_and_decorates_responses_over_tcp() {
    let calls = Arc::new(AtomicUsize::new(0));
    let base = serve(counted_app(calls.clone())).await;
    let profile = format!("{base}/profile");

    let preflight = tests::preflight(
        &profile,
        "https://app.example.com",
        "PUT",
        Some("content-type,x-request-id"),
    )
    .await;
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        one(&preflight, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        one(&preflight, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        one(&preflight, "access-control-allow-methods"),
        Some("GET, PUT, DELETE")
    );
    assert_eq!(
        one(&preflight, "access-control-allow-headers"),
        Some("content-type, x-request-id")
    );
    assert_eq!(one(&preflight, "access-control-max-age"), Some("600"));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "the preflight reached the handler"
    );

    let denied = tests::preflight(&profile, "https://app.example.com.evil.net", "PUT", None).await;
    assert_eq!(one(&denied, "access-control-allow-origin"), None);

    let actual = request_from(Method::PUT, &profile, "https://eu.partner.example").await;
    assert_eq!(actual.status(), 200);
    assert_eq!(
        one(&actual, "access-control-allow-origin"),
        Some("https://eu.partner.example")
    );
    assert_eq!(
        one(&actual, "access-control-expose-headers"),
        Some("x-request-id")
    );
    assert_eq!(vary(&actual), ["Accept-Encoding", "Origin"]);
    assert_eq!(actual.text().await.unwrap(), "profile");
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    let not_found = request_from(
        Method::GET,
        &format!("{base}/missing"),
        "https://app.example.com",
    )
    .await;
    assert_eq!(not_found.status(), 404);
    assert_eq!(
        one(&not_found, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

#[tokio::test]
async fn whole_router_layer_covers_every_route_and_unrouted_preflights() {
    let app = Router::new()
        .route("/a", get(|| async { "a" }))
        .route("/b", get(|| async { "b" }))
        .layer(CorsLayer::new(policy()));
    let base = serve(app).await;
    for path in ["/a", "/b"] {
        let response = request_from(
            Method::GET,
            &format!("{base}{path}"),
            "https://app.example.com",
        )
        .await;
        assert_eq!(
            one(&response, "access-control-allow-origin"),
            Some("https://app.example.com")
        );
    }
    // Preflights are answered before routing, so a path with no OPTIONS route still passes.
    let preflight = tests::preflight(
        &format!("{base}/a"),
        "https://app.example.com",
        "DELETE",
        None,
    )
    .await;
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        one(&preflight, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    let no_origin = reqwest::get(format!("{base}/a")).await.unwrap();
    assert_eq!(one(&no_origin, "access-control-allow-origin"), None);
    assert_eq!(vary(&no_origin), ["Origin"]);
}
