//! A router-wide default policy and routes with their own: one policy decides each
//! request, the most specific; never merged, never two policies' headers.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::routing::get;
use tower::ServiceExt;
use typed_cors::{CorsLayer, CorsPolicy, DefaultPolicyError, Policy, cors};

const APP: &str = "https://app.example.com";
const ADMIN: &str = "https://admin.example.com";

/// The default: the app, credentialed, with PUT.
#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], expose_headers = ["x-site"])]
struct Site;

#[cors(origins = ["https://admin.example.com"], methods = [PUT])]
async fn admin_only() -> ([(&'static str, &'static str); 1], &'static str) {
    ([("vary", "Accept-Encoding")], "admin")
}

#[cors(origins = ["*"])]
async fn public() -> &'static str {
    "public"
}

fn app() -> Router {
    Router::new()
        // A per-method router: its own policies.
        .route(
            "/admin",
            typed_cors::axum::get(admin_only, CorsLayer::of::<admin_only>())
                .put(admin_only, CorsLayer::of::<admin_only>())
                .into(),
        )
        // A per-route layer: its own policy.
        .route("/public", get(public).layer(CorsLayer::of::<public>()))
        // No policy of its own: the default's.
        .route("/plain", get(|| async { "plain" }))
        .layer(CorsLayer::of::<Site>().as_default().unwrap())
}

async fn send(path: &str, method: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap) {
    let mut request = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).unwrap())
        .uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    (response.status(), response.headers().clone())
}

async fn preflight(path: &str, origin: &str, method: &str) -> (StatusCode, HeaderMap) {
    send(
        path,
        "OPTIONS",
        &[
            ("origin", origin),
            ("access-control-request-method", method),
        ],
    )
    .await
}

fn one<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let mut values = headers.get_all(name).iter();
    let first = values.next().map(|v| v.to_str().unwrap());
    assert!(values.next().is_none(), "{name} is repeated: {headers:?}");
    first
}

fn vary(headers: &HeaderMap) -> Vec<&str> {
    headers
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

#[tokio::test]
async fn routes_without_a_policy_get_the_default() {
    let (status, headers) = send("/plain", "GET", &[("origin", APP)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        one(&headers, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        one(&headers, "access-control-expose-headers"),
        Some("x-site")
    );
    assert_eq!(vary(&headers), ["Origin"]);

    // axum would answer this preflight 405; the default answers it.
    let (status, headers) = preflight("/plain", APP, "PUT").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PUT"));

    // An unknown path too.
    let (status, headers) = preflight("/nowhere", APP, "PUT").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    let (status, headers) = send("/nowhere", "GET", &[("origin", APP)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
}

#[tokio::test]
async fn a_per_method_routes_own_policies_decide_alone() {
    // The default allows the app; the route's own policy does not: refused, not merged.
    let (status, headers) = preflight("/admin", APP, "PUT").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(one(&headers, "access-control-allow-origin"), None);
    assert_eq!(
        vary(&headers),
        ["Origin, Access-Control-Request-Method, Access-Control-Request-Headers"]
    );
    // A method without a handler on that path is refused by the path, not by the default.
    let (_, headers) = preflight("/admin", APP, "DELETE").await;
    assert_eq!(one(&headers, "access-control-allow-origin"), None);

    let (_, headers) = preflight("/admin", ADMIN, "PUT").await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(one(&headers, "access-control-allow-credentials"), None);

    let (_, headers) = send("/admin", "PUT", &[("origin", APP)]).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), None);
    assert_eq!(one(&headers, "access-control-expose-headers"), None);
    assert_eq!(vary(&headers), ["Accept-Encoding", "Origin"]);

    let (_, headers) = send("/admin", "GET", &[("origin", ADMIN)]).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(vary(&headers), ["Accept-Encoding", "Origin"]);
}

#[tokio::test]
async fn a_per_route_layers_policy_decides_alone() {
    let (_, headers) = send("/public", "GET", &[("origin", APP)]).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));
    assert_eq!(one(&headers, "access-control-allow-credentials"), None);
    assert_eq!(one(&headers, "access-control-expose-headers"), None);
    assert!(vary(&headers).is_empty(), "{headers:?}");

    // Without `Origin`: the route's `*` policy adds no `Vary`, the default adds none.
    let (_, headers) = send("/public", "GET", &[]).await;
    assert!(vary(&headers).is_empty(), "{headers:?}");
    let (_, headers) = send("/plain", "GET", &[]).await;
    assert_eq!(vary(&headers), ["Origin"]);
}

#[test]
fn a_default_cannot_refuse_disallowed_origins() {
    let refusing = Policy::builder()
        .origins([APP])
        .refuse_disallowed_origins()
        .build()
        .unwrap();
    assert_eq!(
        CorsLayer::new(refusing).as_default().err(),
        Some(DefaultPolicyError::RefusesDisallowedOrigins)
    );
}
