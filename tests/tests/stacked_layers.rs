//! The trap: two own CORS policies on one route. Debug builds notice it at the first
//! actual request through both and panic, naming both policies and the route; release
//! builds let the outer one decide alone (tested here too, for what release does).

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use axum::routing::get;
use tower::ServiceExt;
use typed_cors::{CorsLayer, cors};

#[cors(origins = ["https://app.example.com"])]
async fn read() -> &'static str {
    "read"
}

#[cors(origins = ["https://admin.example.com"], methods = [PUT])]
async fn update() -> &'static str {
    "updated"
}

/// The wiring the README warns about: a second layer after the first method's.
fn stacked() -> Router {
    Router::new().route(
        "/items",
        get(read)
            .layer(CorsLayer::of::<read>())
            .put(update)
            .layer(CorsLayer::of::<update>()),
    )
}

/// A per-method router with a CORS layer around it (only debug builds check it).
#[cfg(debug_assertions)]
fn layered_per_method() -> Router {
    let route: axum::routing::MethodRouter =
        typed_cors::axum::get(read, CorsLayer::of::<read>()).into();
    Router::new().route("/items", route.layer(CorsLayer::of::<update>()))
}

async fn get_from(app: Router, origin: &str) -> HeaderMap {
    let request = Request::get("/items")
        .header("origin", origin)
        .body(Body::empty())
        .unwrap();
    app.oneshot(request).await.unwrap().headers().clone()
}

#[cfg(debug_assertions)]
#[tokio::test]
#[should_panic(
    expected = "two CORS policies on one route: `stacked_layers::update` (outer layer) and `stacked_layers::read` (inner layer) both apply to `GET /items`"
)]
async fn debug_builds_name_both_policies_and_the_route() {
    get_from(stacked(), "https://app.example.com").await;
}

#[cfg(debug_assertions)]
#[tokio::test]
#[should_panic(expected = "`stacked_layers::update` (outer layer) and `stacked_layers::read`")]
async fn debug_builds_notice_a_layer_around_a_per_method_router() {
    get_from(layered_per_method(), "https://app.example.com").await;
}

/// What release builds do: the outer layer decides, with one set of headers.
#[cfg(not(debug_assertions))]
#[tokio::test]
async fn release_builds_let_the_outer_layer_decide_alone() {
    let headers = get_from(stacked(), "https://app.example.com").await;
    assert!(headers.get("access-control-allow-origin").is_none());
    assert_eq!(headers.get_all("vary").iter().count(), 1);
}
