//! A handler annotated with `#[cors]`, wired with `CorsLayer::of::<handler>()` into an
//! axum 0.8 router served on 127.0.0.1, answers a real preflight and an actual request
//! over TCP.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::routing::put;
use reqwest::StatusCode;
use tests::one;
use typed_cors::{CorsLayer, cors};

/// How many times the handler ran: a preflight must be answered without it.
static CALLS: AtomicUsize = AtomicUsize::new(0);

#[cors(
    origins = ["https://app.example.com", "https://*.example.org"],
    credentials,
    methods = [PUT],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
async fn update_profile() -> ([(&'static str, &'static str); 1], &'static str) {
    CALLS.fetch_add(1, Ordering::SeqCst);
    ([("x-request-id", "42")], "updated")
}

async fn serve() -> String {
    let app = Router::new().route(
        "/profile",
        put(update_profile).layer(CorsLayer::of::<update_profile>()),
    );
    format!("{}/profile", tests::serve(app).await)
}

#[tokio::test]
async fn preflight_then_actual_request_over_tcp() {
    let url = serve().await;
    let client = reqwest::Client::new();

    let preflight = tests::preflight(
        &url,
        "https://shop.example.org",
        "PUT",
        Some("content-type,x-request-id"),
    )
    .await;
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        one(&preflight, "access-control-allow-origin"),
        Some("https://shop.example.org")
    );
    assert_eq!(
        one(&preflight, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(one(&preflight, "access-control-allow-methods"), Some("PUT"));
    assert_eq!(
        one(&preflight, "access-control-allow-headers"),
        Some("content-type, x-request-id")
    );
    assert_eq!(one(&preflight, "access-control-max-age"), Some("600"));
    assert_eq!(
        one(&preflight, "vary"),
        Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
    );
    assert_eq!(
        CALLS.load(Ordering::SeqCst),
        0,
        "the handler ran for a preflight"
    );

    let actual = client
        .put(&url)
        .header("origin", "https://app.example.com")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(actual.status(), StatusCode::OK);
    assert_eq!(
        one(&actual, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        one(&actual, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        one(&actual, "access-control-expose-headers"),
        Some("x-request-id")
    );
    assert_eq!(one(&actual, "vary"), Some("Origin"));
    assert_eq!(CALLS.load(Ordering::SeqCst), 1);
    assert_eq!(actual.text().await.unwrap(), "updated");
}

#[tokio::test]
async fn a_disallowed_origin_gets_no_cors_headers() {
    let url = serve().await;
    let preflight = tests::preflight(&url, "https://app.example.com.evil.net", "PUT", None).await;
    assert_eq!(one(&preflight, "access-control-allow-origin"), None);
    assert_eq!(one(&preflight, "access-control-allow-credentials"), None);
}
