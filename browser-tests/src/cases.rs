//! API endpoints that only the suite needs, each with its own policy, under `/t/`.
//!
//! | endpoint | policy |
//! | --- | --- |
//! | `PUT /t/cached` | page origin, `x-case` header, `max_age = 600` |
//! | `PUT /t/uncached` | page origin, `x-case` header, `max_age = 0` |
//! | `PATCH /t/patch` | page origin, `methods = ["PATCH"]` |
//! | `PUT /t/mixed-case` | page origin, `allow_headers = ["X-Mixed-Case"]` |
//! | `GET /t/status/{code}` | page origin; answers with status `code` |

use std::convert::Infallible;

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::middleware::from_fn;
use axum::routing::{MethodRouter, get, patch, put};
use cors_policy::{CorsLayer, Policy};
use examples::log::mark_handler_called;

/// `PUT /t/cached` and `PUT /t/uncached`.
pub async fn cached() -> &'static str {
    "stored"
}

/// `PATCH /t/patch`.
pub async fn patched() -> &'static str {
    "patched"
}

/// `PUT /t/mixed-case`.
pub async fn mixed_case() -> &'static str {
    "header names match case-insensitively"
}

/// `GET /t/status/{code}`: a handler failing with `code`.
pub async fn status(Path(code): Path<u16>) -> (StatusCode, &'static str) {
    (
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        "failed on purpose",
    )
}

fn with_cors(route: MethodRouter, policy: Policy) -> MethodRouter {
    route
        .layer::<_, Infallible>(from_fn(mark_handler_called))
        .layer::<_, Infallible>(CorsLayer::new(policy))
}

fn page_origin() -> cors_policy::PolicyBuilder {
    Policy::builder().origins([examples::PAGE_ORIGIN])
}

/// The suite's own endpoints, to merge with the demo API's.
///
/// # Panics
///
/// Never: every policy here is valid (the suite's tests would fail first).
pub fn routes() -> Router {
    let cached_policy = |max_age| {
        page_origin()
            .methods(["PUT"])
            .allow_headers(["x-case"])
            .max_age(max_age)
            .build()
            .expect("valid policy")
    };
    Router::new()
        .route("/t/cached", with_cors(put(cached), cached_policy(600)))
        .route("/t/uncached", with_cors(put(cached), cached_policy(0)))
        .route(
            "/t/patch",
            with_cors(
                patch(patched),
                page_origin()
                    .methods(["PATCH"])
                    .build()
                    .expect("valid policy"),
            ),
        )
        .route(
            "/t/mixed-case",
            with_cors(
                put(mixed_case),
                page_origin()
                    .methods(["PUT"])
                    .allow_headers(["X-Mixed-Case"])
                    .build()
                    .expect("valid policy"),
            ),
        )
        .route(
            "/t/status/{code}",
            with_cors(get(status), page_origin().build().expect("valid policy")),
        )
}
